//! Recognizers for the structural markers of the genre: section numbers
//! (一、), item numbers (（一）), numbered entries (1.), dates and document
//! numbers. They work on normalized text, where brackets are full-width.

use crate::text::{is_chinese_numeral, is_cjk_ideograph};

/// A section marker: `一、主要目标` → ("一", "主要目标").
pub fn section_marker(s: &str) -> Option<(&str, &str)> {
    let (label, rest) = s.split_once('、')?;
    (is_chinese_numeral(label) && label.chars().count() <= 3).then_some((label, rest))
}

/// An item marker: `（五）提升…` → ("五", "提升…").
pub fn item_marker(s: &str) -> Option<(&str, &str)> {
    let inner = s.strip_prefix('（')?;
    let (label, rest) = inner.split_once('）')?;
    (is_chinese_numeral(label) && label.chars().count() <= 3).then_some((label, rest))
}

/// A numbered entry: `1.钢铁…`, `2、…`, `3．…` → ("1", "钢铁…"). The
/// number must be followed by text, not another digit, so `1.5%` is not one.
pub fn numbered_marker(s: &str) -> Option<(&str, &str)> {
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 2 {
        return None;
    }
    let (number, rest) = s.split_at(digits);
    let mut chars = rest.chars();
    let separator = chars.next()?;
    if !matches!(separator, '.' | '、' | '．') {
        return None;
    }
    let body = chars.as_str();
    let first = body.chars().next()?;
    (!first.is_ascii_digit()).then_some((number, body))
}

/// True for any paragraph that opens a new structural unit.
pub fn starts_structure(s: &str) -> bool {
    section_marker(s).is_some()
        || item_marker(s).is_some()
        || numbered_marker(s).is_some()
        || s.starts_with("附件")
}

/// A date line such as `2024年8月29日`.
pub fn is_date(s: &str) -> bool {
    let Some((year, rest)) = s.split_once('年') else {
        return false;
    };
    let Some((month, rest)) = rest.split_once('月') else {
        return false;
    };
    let Some(day) = rest.strip_suffix('日') else {
        return false;
    };
    let all_digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    all_digits(year, 4..=4) && all_digits(month, 1..=2) && all_digits(day, 1..=2)
}

/// A document number such as `苏发改资环发〔2024〕1057号`.
pub fn is_document_number(s: &str) -> bool {
    let Some(open) = s.find(['〔', '[', '【']) else {
        return false;
    };
    s.ends_with('号')
        && s.chars().count() <= 40
        && s[open..]
            .chars()
            .skip(1)
            .take(4)
            .all(|c| c.is_ascii_digit())
}

/// A short line without sentence punctuation: a title, an organisation
/// name in a signature block, a heading. Such lines are never the first
/// half of a paragraph cut by a page break.
pub fn is_title_like(s: &str) -> bool {
    let len = s.chars().count();
    len <= 40 && !s.contains(['，', '。', '；', ',', ';']) && s.chars().any(is_cjk_ideograph)
}

/// Words of a web page's furniture and of news framing: a line carrying
/// one (and no sentence) is never a title, a plan name or part of the
/// document's text. A closed list of the genre's page vocabulary.
const FURNITURE_WORDS: &[&str] = &[
    "发布时间",
    "发布日期",
    "发布者",
    "来源：",
    "浏览次数",
    "阅读次数",
    "点击数",
    "点击：",
    "点击量",
    "字号：",
    "字号:",
    "【字体",
    "字体：",
    "放大字体",
    "缩小字体",
    "分享至",
    "分享到",
    "当前位置",
    "当前的位置",
    "现在的位置",
    "欢迎您",
    "打印本页",
    "关闭窗口",
    "责任编辑",
    "核心提示",
];

/// News lines handing over to the document: `原文如下：`, `以下为…内容：`.
const LEAD_INS: &[&str] = &["原文如下", "全文如下", "详细内容", "内容如下"];

/// Site names a page title carries after a dash or bar
/// (`…的意见-某省人民政府门户网站`).
const SITE_SUFFIXES: &[&str] = &["网站", "政府网", "门户", "官网", "网"];

/// A line of page furniture or news framing: site headers and navigation,
/// `发布时间/来源/点击/字号/浏览次数/放大字体` lines, `分享至`, a metadata
/// table row (`发布文号|…|`), a time stamp, a page title with a site
/// suffix, a news line ending in `原文如下：`.
pub fn is_page_furniture(s: &str) -> bool {
    if s.contains(['。', '；']) {
        return false;
    }
    let len = s.chars().count();
    let words = FURNITURE_WORDS.iter().any(|w| s.contains(w));
    let lead_in = (s.ends_with('：') || s.ends_with(':')) && LEAD_INS.iter().any(|w| s.contains(w));
    let table_row = s.contains('|');
    let site_title = s
        .rsplit_once(['-', '_', '|', '—'])
        .is_some_and(|(_, site)| {
            let site = site.trim();
            site.chars().count() <= 16 && SITE_SUFFIXES.iter().any(|w| site.ends_with(w))
        });
    words
        || lead_in
        || table_row
        || site_title
        || has_clock_time(s)
        || len > 0 && !s.chars().any(is_cjk_ideograph)
}

/// A time of day (`13:39`, `18:22:05`) as page stamps print it.
fn has_clock_time(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && matches!(w[2], ':' | '：')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

/// True if `s` is a bracketed aside standing on its own, such as a duty
/// parenthetical pushed onto its own line by a page break.
pub fn is_standalone_parenthetical(s: &str) -> bool {
    s.starts_with('（') && s.ends_with('）') && item_marker(s).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(section_marker("二、重点任务"), Some(("二", "重点任务")));
        assert_eq!(section_marker("钢铁、焦化"), None);
        assert_eq!(item_marker("（十二）加强"), Some(("十二", "加强")));
        assert_eq!(item_marker("（国家发展改革委牵头）"), None);
        assert_eq!(numbered_marker("1.钢铁行业"), Some(("1", "钢铁行业")));
        assert_eq!(numbered_marker("1.5%以上"), None);
        assert_eq!(numbered_marker("1000立方米"), None);
        assert!(is_date("2024年8月29日"));
        assert!(!is_date("2024年底"));
        assert!(is_document_number("苏发改资环发〔2024〕1057号"));
        assert!(is_title_like("钢铁行业节能降碳专项行动计划"));
        assert!(!is_title_like("近日，国家发展改革委等部门"));
        assert!(is_standalone_parenthetical("（国家发展改革委牵头）"));
        for furniture in [
            "发布时间：2024-11-30 13:39:28来源： sp20241130",
            "03.07.2017 18:22",
            "0",
            "分享至",
            "放大字体缩小字体发布日期：2018-07-13浏览次数：544",
            "《方案》原文如下：",
            "以下为分工详细内容：",
            "某省人民政府关于落实某报告的意见-某省人民政府门户网站",
            "|发布文号|某府〔2021〕22号|",
            "·您现在的位置>首页>研究>分享",
        ] {
            assert!(is_page_furniture(furniture), "{furniture}");
        }
        for text in [
            "钢铁行业节能降碳专项行动计划",
            "有关事项通知如下：",
            "各设区市发展改革委：",
            "一、主要目标",
            "（三）资金来源：中央预算内投资。",
        ] {
            assert!(!is_page_furniture(text), "{text}");
        }
        assert!(!is_standalone_parenthetical("（一）加强组织领导。"));
    }
}
