//! Exports of lists (search results, duties, targets, timeline, compare)
//! as CSV or Markdown, each row with a citation such as
//! 《钢铁行业节能降碳专项行动计划》二、（五）.
//!
//! A list becomes a [`Table`] (pure data), written by [`write_csv`] (UTF-8
//! with a byte-order mark, like the targets CSV, so Excel and WPS open it
//! correctly) or [`write_md`] (a GitHub-flavoured Markdown table). JSON
//! exports keep each command's existing shape and live with the commands.
//! Nothing here prints.

use std::io::{self, Write};

use crate::compare::ComparisonReport;
use crate::departments::Department;
use crate::library::Library;
use crate::search::Hit;
use crate::targets::Target;
use crate::targets_format::{format_value, CSV_HEADER, QUALIFIER_SEPARATOR};
use crate::timeline::DeadlineGroup;

/// An export format chosen on the command line (or in the navigator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values, UTF-8 with BOM.
    Csv,
    /// The command's JSON shape.
    Json,
    /// A Markdown table (or sections, for compare).
    Md,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Md => "md",
        }
    }
}

/// Writes an export into a new file `DIR/STEM.EXT` (or `STEM-2.EXT`,
/// `STEM-3.EXT` … when taken; an existing file is never overwritten) and
/// returns its path, for the navigator's export key. `write` fills it.
pub fn write_new_file(
    dir: &std::path::Path,
    stem: &str,
    format: Format,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<std::path::PathBuf> {
    let stem: String = stem
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{}", format.extension())
        } else {
            format!("{stem}-{n}.{}", format.extension())
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let mut out = io::BufWriter::new(file);
                write(&mut out)?;
                out.flush()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Rows under a header; every row has as many cells as the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names.
    pub headers: Vec<&'static str>,
    /// Cells, row by row.
    pub rows: Vec<Vec<String>>,
}

/// A cell as a spreadsheet must show it: one that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be taken for a formula by
/// Excel, WPS or LibreOffice (CSV injection), so it gets a leading `'`
/// (the OWASP rule). The one place the rule lives; [`write_csv`] applies it
/// to every cell, headers included.
pub fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes a table as CSV: a UTF-8 BOM, the header, one record per row,
/// every cell [`formula_safe`].
pub fn write_csv<W: Write + ?Sized>(table: &Table, w: &mut W) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    let mut csv = csv::Writer::from_writer(&mut *w);
    csv.write_record(table.headers.iter().map(|h| formula_safe(h).into_owned()))?;
    for row in &table.rows {
        csv.write_record(row.iter().map(|c| formula_safe(c).into_owned()))?;
    }
    csv.flush()?;
    Ok(())
}

/// Columns whose cells are numbers: a workbook stores them as numbers
/// (sortable, summable), every other cell as text.
const NUMERIC_COLUMNS: [&str; 7] = [
    "value",
    "baseline_year",
    "span_start",
    "span_end",
    "rank",
    "score",
    "similarity",
];

/// The Chinese heading of a column in a workbook (the column list's own
/// name when it has none).
pub fn column_label_zh(header: &str) -> &str {
    match header {
        "plan" => "计划",
        "address" => "条款地址",
        "metric" => "指标（原文）",
        "metric_key" => "指标",
        "level" => "级别代码",
        "level_zh" => "级别",
        "issuer" => "发文机关",
        "value" => "数值",
        "unit" => "单位",
        "relation" => "关系",
        "qualifiers" => "限定词",
        "baseline_year" => "基准年",
        "deadline" => "期限",
        "scope" => "范围",
        "quote" => "原文",
        "span_start" => "起始字符",
        "span_end" => "结束字符",
        "citation" => "出处",
        "group" => "分组",
        "heading" => "标题",
        "snippet" => "摘录",
        "department" => "部门",
        "role" => "职责代码",
        "role_zh" => "职责",
        other => other,
    }
}

/// Widest a workbook column is made, in character cells.
const XLSX_MAX_WIDTH: usize = 60;

/// A sheet name Excel and WPS accept: at most 31 characters, none of
/// `[]:*?/\`, not empty.
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').to_string();
    if cleaned.is_empty() {
        "Sheet".to_string()
    } else {
        cleaned
    }
}

/// A workbook with one sheet per table: a header row of Chinese column
/// names, frozen; cells of numeric columns stored as numbers, all other
/// cells as text (never as formulas, whatever they begin with); columns as
/// wide as their widest cell in display cells (a Chinese character is two),
/// within [`XLSX_MAX_WIDTH`]. Sheet names are made acceptable and unique.
pub fn xlsx_workbook(sheets: &[(String, Table)]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    use unicode_width::UnicodeWidthStr;
    let mut workbook = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let mut names: Vec<String> = Vec::new();
    for (name, table) in sheets {
        let base = sheet_name(name);
        let mut unique = base.clone();
        let mut n = 2;
        while names.iter().any(|u| u.eq_ignore_ascii_case(&unique)) {
            let suffix = format!("-{n}");
            let keep = 31 - suffix.chars().count();
            unique = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        names.push(unique.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(&unique)?;
        for (col, header) in table.headers.iter().enumerate() {
            let col16 = u16::try_from(col).unwrap_or(u16::MAX);
            let label = column_label_zh(header);
            sheet.write_string_with_format(0, col16, label, &bold)?;
            let numeric = NUMERIC_COLUMNS.contains(header);
            let mut width = label.width();
            for (r, row) in table.rows.iter().enumerate() {
                let r32 = u32::try_from(r + 1).unwrap_or(u32::MAX);
                let cell = row.get(col).map(String::as_str).unwrap_or("");
                match cell.parse::<f64>() {
                    Ok(number) if numeric && number.is_finite() => {
                        sheet.write_number(r32, col16, number)?;
                    }
                    _ if cell.is_empty() => {}
                    _ => {
                        sheet.write_string(r32, col16, cell)?;
                    }
                }
                width = width.max(cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0));
            }
            sheet.set_column_width(col16, (width.min(XLSX_MAX_WIDTH) + 2) as f64)?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}

/// Writes [`xlsx_workbook`] to `path` whole or not at all: into a
/// temporary file beside it, then renamed over it.
pub fn write_xlsx(path: &std::path::Path, sheets: &[(String, Table)]) -> io::Result<()> {
    let bytes = xlsx_workbook(sheets).map_err(|e| io::Error::other(e.to_string()))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = dir.join(temp_name);
    let written = std::fs::write(&temp, &bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Escapes a cell for a Markdown table: `|` and `\` are escaped, line
/// breaks become `<br>`.
pub fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// Writes a table as a GitHub-flavoured Markdown table.
pub fn write_md<W: Write + ?Sized>(table: &Table, w: &mut W) -> io::Result<()> {
    writeln!(w, "| {} |", table.headers.join(" | "))?;
    writeln!(
        w,
        "|{}",
        table.headers.iter().map(|_| " --- |").collect::<String>()
    )?;
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        writeln!(w, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Writes a table in `format` (CSV or Markdown; JSON is per command, so
/// [`Format::Json`] writes the table as an array of objects keyed by header).
pub fn write_table<W: Write + ?Sized>(table: &Table, format: Format, w: &mut W) -> io::Result<()> {
    match format {
        Format::Csv => write_csv(table, w),
        Format::Md => write_md(table, w),
        Format::Json => {
            let rows: Vec<serde_json::Map<String, serde_json::Value>> = table
                .rows
                .iter()
                .map(|r| {
                    table
                        .headers
                        .iter()
                        .zip(r)
                        .map(|(h, c)| (h.to_string(), serde_json::Value::String(c.clone())))
                        .collect()
                })
                .collect();
            serde_json::to_writer_pretty(&mut *w, &rows)?;
            writeln!(w)
        }
    }
}

/// Search results: `rank, address, plan, heading, score, snippet, citation`.
pub fn hits_table(library: &Library, hits: &[Hit]) -> Table {
    Table {
        headers: vec![
            "rank", "address", "plan", "heading", "score", "snippet", "citation",
        ],
        rows: hits
            .iter()
            .enumerate()
            .map(|(n, h)| {
                vec![
                    (n + 1).to_string(),
                    h.address.clone(),
                    h.plan.clone(),
                    h.heading.clone(),
                    format!("{:.3}", h.score),
                    h.snippet.clone(),
                    library.citation_of(&h.address),
                ]
            })
            .collect(),
    }
}

/// Duties, one row per (department, duty): `department, role, role_zh,
/// address, heading, citation`.
pub fn duties_table(library: &Library, departments: &[Department]) -> Table {
    Table {
        headers: vec![
            "department",
            "role",
            "role_zh",
            "address",
            "heading",
            "citation",
        ],
        rows: departments
            .iter()
            .flat_map(|d| {
                d.duties.iter().map(move |duty| {
                    vec![
                        d.name.clone(),
                        duty.role.as_str().to_string(),
                        duty.role.label_zh().to_string(),
                        duty.address.clone(),
                        duty.heading.clone(),
                        library.citation_of(&duty.address),
                    ]
                })
            })
            .collect(),
    }
}

fn target_cells(t: &Target, citation: String) -> Vec<String> {
    vec![
        t.plan.clone(),
        t.address.clone(),
        t.metric.clone(),
        t.metric_key.clone(),
        t.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
        t.level.map(|l| l.label_zh()).unwrap_or_default(),
        t.issuer.clone().unwrap_or_default(),
        t.value.map(format_value).unwrap_or_default(),
        t.unit.clone().unwrap_or_default(),
        t.relation.as_str().to_string(),
        t.qualifiers.join(QUALIFIER_SEPARATOR),
        t.baseline_year.map(|y| y.to_string()).unwrap_or_default(),
        t.deadline.clone().unwrap_or_default(),
        t.scope.clone().unwrap_or_default(),
        t.quote.clone(),
        t.span[0].to_string(),
        t.span[1].to_string(),
        citation,
    ]
}

/// Targets with the same columns as the targets CSV
/// ([`crate::targets_format::CSV_HEADER`]).
pub fn targets_table(library: &Library, targets: &[Target]) -> Table {
    cited_targets_table(targets.iter().map(|t| (t, library.citation_of(&t.address))))
}

/// Targets with their citations already made, in the targets columns.
pub fn cited_targets_table<'a>(rows: impl IntoIterator<Item = (&'a Target, String)>) -> Table {
    Table {
        headers: CSV_HEADER.to_vec(),
        rows: rows
            .into_iter()
            .map(|(t, citation)| target_cells(t, citation))
            .collect(),
    }
}

/// The timeline: the targets columns preceded by the deadline group
/// (`undated` for rows without a deadline), in timeline order.
pub fn timeline_table(library: &Library, targets: &[Target], groups: &[DeadlineGroup]) -> Table {
    let mut headers = vec!["group"];
    headers.extend(CSV_HEADER);
    let mut rows = Vec::new();
    for g in groups {
        for p in &g.plans {
            for &i in &p.targets {
                let t = &targets[i];
                let mut row = vec![g.deadline.clone().unwrap_or_else(|| "undated".into())];
                row.extend(target_cells(t, library.citation_of(&t.address)));
                rows.push(row);
            }
        }
    }
    Table { headers, rows }
}

/// A comparison: `id, plan, heading, similarity, reasons, changed,
/// citation, text`; `changed` lists this clause's differing runs, joined
/// with ` / `.
pub fn comparison_table(report: &ComparisonReport) -> Table {
    Table {
        headers: vec![
            "address",
            "plan",
            "heading",
            "similarity",
            "reasons",
            "changed",
            "citation",
            "text",
        ],
        rows: report
            .clauses
            .iter()
            .map(|c| {
                let reasons: Vec<String> = c
                    .reasons
                    .iter()
                    .map(|r| {
                        serde_json::to_value(r)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default()
                    })
                    .collect();
                let changed: Vec<String> =
                    c.changed.iter().map(|r| slice_chars(&c.text, *r)).collect();
                vec![
                    c.address.clone(),
                    c.plan.clone(),
                    c.heading.clone(),
                    format!("{:.3}", c.similarity),
                    reasons.join(";"),
                    changed.join(" / "),
                    c.citation.clone(),
                    c.text.clone(),
                ]
            })
            .collect(),
    }
}

/// Characters `[start, end)` of `text`.
pub fn slice_chars(text: &str, range: [usize; 2]) -> String {
    text.chars()
        .skip(range[0])
        .take(range[1].saturating_sub(range[0]))
        .collect()
}

/// `text` with each character range wrapped in `open` … `close` (ranges in
/// CHARACTER offsets, sorted, not overlapping).
pub fn mark_ranges(text: &str, ranges: &[[usize; 2]], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if ranges.iter().any(|r| r[0] == i && r[1] > r[0]) {
            out.push_str(open);
        }
        out.push(c);
        if ranges.iter().any(|r| r[1] == i + 1 && r[1] > r[0]) {
            out.push_str(close);
        }
    }
    out
}

/// A comparison as Markdown: one section per clause (heading = citation and
/// address, a similarity line), texts with this clause's differing runs in
/// `<ins>` (for the reference, when two clauses are compared, in `<del>`).
pub fn write_comparison_md<W: Write + ?Sized>(
    report: &ComparisonReport,
    w: &mut W,
) -> io::Result<()> {
    for (n, c) in report.clauses.iter().enumerate() {
        if n > 0 {
            writeln!(w)?;
        }
        writeln!(w, "## {} ({})", c.citation, c.address)?;
        writeln!(w)?;
        if n == 0 {
            writeln!(w, "{}", crate::t!("compare.reference"))?;
        } else {
            let percent = format!("{:.0}", c.similarity * 100.0);
            writeln!(w, "{}", crate::t!("compare.similarity", percent = percent))?;
        }
        writeln!(w)?;
        let (open, close) = if n == 0 {
            ("<del>", "</del>")
        } else {
            ("<ins>", "</ins>")
        };
        let ranges: &[[usize; 2]] = if n == 0 && report.clauses.len() != 2 {
            &[]
        } else {
            &c.changed
        };
        for line in mark_ranges(&c.text, ranges, open, close).split('\n') {
            writeln!(w, "{}", line.replace('|', "\\|"))?;
            writeln!(w)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_header_and_quoted_cells() {
        let t = Table {
            headers: vec!["a", "b"],
            rows: vec![vec!["x,y".into(), "《钢》二、（五）".into()]],
        };
        let mut out = Vec::new();
        write_csv(&t, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with('\u{FEFF}'));
        assert_eq!(
            s.trim_start_matches('\u{FEFF}'),
            "a,b\n\"x,y\",《钢》二、（五）\n"
        );
    }

    #[test]
    fn csv_cells_that_spreadsheets_would_evaluate_get_a_quote() {
        for (cell, safe) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("-2+3加强管理", "'-2+3加强管理"),
            ("+1", "'+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("加强管理-2", "加强管理-2"),
            ("", ""),
            ("'已引", "'已引"),
        ] {
            assert_eq!(formula_safe(cell), safe, "{cell:?}");
        }
        let t = Table {
            headers: vec!["a"],
            rows: vec![vec!["=1+1".into()]],
        };
        let mut out = Vec::new();
        write_csv(&t, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\u{FEFF}a\n'=1+1\n");
    }

    #[test]
    fn md_escapes_pipes_and_newlines() {
        let t = Table {
            headers: vec!["a"],
            rows: vec![vec!["x|y\nz".into()]],
        };
        let mut out = Vec::new();
        write_md(&t, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| a |\n| --- |\n| x\\|y<br>z |\n"
        );
    }

    #[test]
    fn new_files_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let table = Table {
            headers: vec!["a"],
            rows: vec![vec!["1".into()]],
        };
        let first = write_new_file(dir.path(), "搜索/结果", Format::Csv, |w| {
            write_csv(&table, w)
        })
        .unwrap();
        let second = write_new_file(dir.path(), "搜索/结果", Format::Csv, |w| {
            write_md(&table, w)
        })
        .unwrap();
        assert_eq!(first.file_name().unwrap(), "搜索_结果.csv");
        assert_eq!(second.file_name().unwrap(), "搜索_结果-2.csv");
        assert!(std::fs::read_to_string(&first)
            .unwrap()
            .starts_with('\u{feff}'));
        assert!(std::fs::read_to_string(&second)
            .unwrap()
            .starts_with("| a |"));
    }

    /// The text of one part of an xlsx (a zip of XML files).
    fn xlsx_part(bytes: &[u8], part: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(part)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn workbooks_keep_numbers_numbers_and_text_text() {
        let table = Table {
            headers: vec!["metric", "value", "unit", "citation"],
            rows: vec![
                vec![
                    "单位地区生产总值能耗".into(),
                    "13.5".into(),
                    "%".into(),
                    "=HYPERLINK(\"http://x\")".into(),
                ],
                vec!["甲".into(), "".into(), "".into(), "+1".into()],
            ],
        };
        let bytes = xlsx_workbook(&[
            ("能耗强度".into(), table.clone()),
            ("能耗强度".into(), table),
        ])
        .unwrap();
        let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
        // 13.5 is a number cell; no cell is a formula.
        assert!(sheet.contains("<v>13.5</v>"), "{sheet}");
        assert!(!sheet.contains("<f>"), "{sheet}");
        // The header row is frozen.
        assert!(sheet.contains("ySplit=\"1\""), "{sheet}");
        // The metric column is as wide as ten Chinese characters (+2).
        assert!(sheet.contains("width=\"22.7"), "{sheet}");
        let strings = xlsx_part(&bytes, "xl/sharedStrings.xml");
        assert!(strings.contains("=HYPERLINK"), "kept as text: {strings}");
        assert!(
            strings.contains("数值") && strings.contains("出处"),
            "{strings}"
        );
        let book = xlsx_part(&bytes, "xl/workbook.xml");
        assert!(
            book.contains("name=\"能耗强度\"") && book.contains("name=\"能耗强度-2\""),
            "{book}"
        );
    }

    #[test]
    fn sheet_names_are_acceptable() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert_eq!(sheet_name(""), "Sheet");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn marks_wrap_character_ranges() {
        assert_eq!(
            mark_ranges("钢铁行业", &[[0, 2]], "【", "】"),
            "【钢铁】行业"
        );
        assert_eq!(
            mark_ranges("加快水泥行业", &[[2, 4], [5, 6]], "<", ">"),
            "加快<水泥>行<业>"
        );
        assert_eq!(mark_ranges("无", &[], "<", ">"), "无");
    }
}
