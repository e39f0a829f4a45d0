//! `.html` / `.htm`: a page saved from a government site. The article body
//! is kept (navigation, scripts, styles, search boxes, share widgets and
//! footers are dropped); the page's title, 文号 and 发布日期 come first as
//! the document's header. Decoded by the page's `<meta charset>` (often
//! GB2312/GBK), else by detection. Line n is block n of the result.

use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Positions, ReadText};

pub(super) fn read(bytes: &[u8]) -> ReadText {
    let (html, note) = decode(bytes);
    let document = Html::parse_document(&html);
    let root = article(&document).unwrap_or_else(|| document.root_element());
    let body = lines_of(root);
    let page = lines_of(document.root_element());
    let mut header = Vec::new();
    let near_top = |s: &str| body.iter().take(8).any(|l| l.contains(s));
    if let Some(title) = title(&document).filter(|t| !near_top(t)) {
        header.push(title);
    }
    if let Some(number) = labelled(&page, &["发文字号", "文号"]).filter(|n| !near_top(n)) {
        header.push(number);
    }
    if let Some(date) =
        labelled(&page, &["发布日期", "发布时间"]).or_else(|| meta(&document, "PubDate"))
    {
        header.push(format!("发布日期：{date}"));
    }
    header.extend(body);
    ReadText {
        text: header.join("\n"),
        positions: Positions::Paragraphs,
        note,
    }
}

/// The page's text, by BOM, `<meta charset>`, or detection.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| meta_charset(bytes));
    match declared {
        Some(encoding) => {
            let encoding = if encoding == encoding_rs::GBK || encoding.name() == "GB2312" {
                encoding_rs::GB18030
            } else {
                encoding
            };
            let (text, _, _) = encoding.decode(bytes);
            (text.into_owned(), None)
        }
        None => super::text::decode(bytes.to_vec()),
    }
}

/// `charset=…` in the first 4 KB (`<meta charset>` or `http-equiv`).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The article: a container government sites use, else the element whose
/// direct `<p>` children hold the most text, else `None` (the whole page).
fn article(document: &Html) -> Option<ElementRef<'_>> {
    const KNOWN: [&str; 12] = [
        "#UCAP-CONTENT",
        ".pages_content",
        "#zoom",
        ".TRS_Editor",
        ".article-content",
        ".article_content",
        "#article",
        "article",
        ".wzy_content",
        "#content",
        ".content",
        "main",
    ];
    for known in KNOWN {
        let Some(sel) = selector(known) else { continue };
        let found = document
            .select(&sel)
            .filter(|e| !boilerplate(e))
            .max_by_key(|e| e.text().map(|t| t.trim().chars().count()).sum::<usize>());
        if let Some(e) =
            found.filter(|e| e.text().map(|t| t.trim().chars().count()).sum::<usize>() >= 40)
        {
            return Some(e);
        }
    }
    let p = selector("p")?;
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    for para in document.select(&p) {
        let Some(parent) = para.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if boilerplate(&parent) {
            continue;
        }
        let score: usize = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "p")
            .map(|c| c.text().map(|t| t.trim().chars().count()).sum::<usize>())
            .sum();
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, parent));
        }
    }
    best.map(|(_, e)| e)
}

/// Elements that are never article text.
fn boilerplate(e: &ElementRef<'_>) -> bool {
    const TAGS: [&str; 17] = [
        "script", "style", "noscript", "nav", "header", "footer", "form", "aside", "iframe",
        "button", "select", "input", "textarea", "svg", "object", "template", "head",
    ];
    const WORDS: [&str; 16] = [
        "nav",
        "menu",
        "footer",
        "foot",
        "header",
        "share",
        "search",
        "breadcrumb",
        "crumb",
        "bdshare",
        "toolbar",
        "copyright",
        "sidebar",
        "banner",
        "login",
        "pagination",
    ];
    let el = e.value();
    if TAGS.contains(&el.name()) {
        return true;
    }
    let names = format!(
        "{} {}",
        el.id().unwrap_or(""),
        el.attr("class").unwrap_or("")
    )
    .to_ascii_lowercase();
    WORDS.iter().any(|w| names.contains(w))
}

const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
    "ul",
    "ol",
    "dd",
    "dt",
    "pre",
    "center",
    "hr",
];

/// An element's text, one line per block, boilerplate left out; table
/// cells are joined by a tab.
fn lines_of(root: ElementRef<'_>) -> Vec<String> {
    fn walk(e: ElementRef<'_>, out: &mut String) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    let mut last_space = out.ends_with([' ', '\n', '\t']);
                    for c in t.chars() {
                        let space = c.is_whitespace() && c != '\u{3000}';
                        if space {
                            if !last_space {
                                out.push(' ');
                            }
                        } else {
                            out.push(c);
                        }
                        last_space = space;
                    }
                }
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if boilerplate(&el) {
                        continue;
                    }
                    let name = el.value().name();
                    let block = BLOCKS.contains(&name);
                    if block {
                        out.push('\n');
                    } else if name == "td" || name == "th" {
                        out.push('\t');
                    }
                    walk(el, out);
                    if block {
                        out.push('\n');
                    }
                }
                _ => {}
            }
        }
    }
    let mut text = String::new();
    walk(root, &mut text);
    text.lines()
        .map(|l| l.trim_matches([' ', '\t']).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn meta(document: &Html, name: &str) -> Option<String> {
    let sel = selector(&format!("meta[name=\"{name}\"]"))?;
    let content = document
        .select(&sel)
        .next()?
        .value()
        .attr("content")?
        .trim()
        .to_string();
    (!content.is_empty()).then_some(content)
}

/// The article's title: `ArticleTitle` meta, the first `<h1>`, or the
/// `<title>` without the site's name.
fn title(document: &Html) -> Option<String> {
    let text_of = |s: &str| {
        let sel = selector(s)?;
        let e = document.select(&sel).find(|e| !boilerplate(e))?;
        let t = e
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (!t.is_empty()).then_some(t)
    };
    meta(document, "ArticleTitle")
        .or_else(|| text_of("h1"))
        .or_else(|| {
            let t = text_of("title")?;
            let cut = t.find([' ', '_', '|']).map_or(t.as_str(), |i| &t[..i]);
            let cut = cut.split(" - ").next().unwrap_or(cut).trim().to_string();
            (!cut.is_empty()).then_some(cut)
        })
}

/// The value after one of `labels` (`发文字号：国发〔2013〕37号`, or the next
/// table cell).
fn labelled(lines: &[String], labels: &[&str]) -> Option<String> {
    for line in lines {
        for label in labels {
            let Some(at) = line.find(label) else { continue };
            let rest =
                line[at + label.len()..].trim_start_matches([':', '：', ' ', '\t', '\u{3000}']);
            let value: String = rest
                .split(['\t', ' ', '\u{3000}'])
                .next()
                .unwrap_or("")
                .to_string();
            if !value.is_empty() && value.chars().count() <= 40 {
                return Some(value);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_and_header_drops_chrome() {
        let page = r#"<html><head><meta charset="gbk"><title>关于印发某某方案的通知_政府网</title>
        <script>var x = "一、不是正文";</script><style>p{}</style></head><body>
        <div class="nav"><a>首页</a><a>政务公开</a></div>
        <div class="search"><input value="搜索"></div>
        <table><tr><td>发文字号：</td><td>某发〔2021〕5号</td><td>发布日期：</td><td>2021-06-01</td></tr></table>
        <div id="zoom"><p>各区人民政府：</p><p>现将《某某方案》印发给你们，请认真贯彻执行。</p><p>一、总体要求</p></div>
        <div class="bdshare">分享到微信</div><div class="footer">版权所有 网站标识码</div>
        </body></html>"#;
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let read = read(&bytes);
        assert_eq!(
            read.text,
            "关于印发某某方案的通知\n某发〔2021〕5号\n发布日期：2021-06-01\n各区人民政府：\n现将《某某方案》印发给你们，请认真贯彻执行。\n一、总体要求"
        );
    }
}
