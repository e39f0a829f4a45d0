//! Plain-text views of the department index.
//!
//! Pure printers: they write into any [`std::io::Write`], measure text with
//! `unicode_width` (a CJK character takes two columns) and keep every line
//! within [`LINE_WIDTH`] columns.

use crate::departments::{ClauseDepartments, Department, Role};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Maximum display width of any line the printers write.
pub const LINE_WIDTH: usize = 80;

/// Width of one count column in [`write_department_list`].
const COUNT_COL: usize = 6;

/// Truncates `s` to at most `width` columns, ending in `…` when cut.
pub fn truncate_to_width(s: &str, width: usize) -> String {
    crate::text::truncate_cells(s, width, '…')
}

/// Pads `s` with spaces on the right to `width` columns (no truncation).
fn pad_right(s: &str, width: usize) -> String {
    crate::text::pad_cells(s, width)
}

/// Pads `s` with spaces on the left to `width` columns (no truncation).
fn pad_left(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// Writes a table of all departments with their counts per role:
///
/// ```text
/// 部门                     牵头  配合  负责  提及  发文  主送
/// 国家发展改革委              14     0    45     6     0     0
/// ```
///
/// Names longer than the name column are truncated with `…`.
pub fn write_department_list(w: &mut impl Write, departments: &[Department]) -> io::Result<()> {
    let counts_width = COUNT_COL * Role::ALL.len();
    let max_name = LINE_WIDTH - counts_width;
    let header = "部门";
    let name_col = departments
        .iter()
        .map(|d| d.name.width())
        .chain(std::iter::once(header.width()))
        .max()
        .unwrap_or(0)
        .min(max_name);
    let mut line = pad_right(header, name_col);
    for role in Role::ALL {
        line.push_str(&pad_left(role.label_zh(), COUNT_COL));
    }
    writeln!(w, "{}", line.trim_end())?;
    for d in departments {
        let counts = d.role_counts();
        let mut line = pad_right(&truncate_to_width(&d.name, name_col), name_col);
        for role in Role::ALL {
            line.push_str(&pad_left(&counts.get(role).to_string(), COUNT_COL));
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Writes `label` followed by `items` joined with `、`, wrapped to
/// [`LINE_WIDTH`] with continuation lines indented under the first item.
fn write_wrapped_list(w: &mut impl Write, label: &str, items: &[String]) -> io::Result<()> {
    let indent = label.width();
    let mut line = label.to_string();
    let mut line_has_item = false;
    for (i, item) in items.iter().enumerate() {
        let sep = if i + 1 < items.len() { "、" } else { "" };
        let piece = truncate_to_width(&format!("{item}{sep}"), LINE_WIDTH - indent);
        if line_has_item && line.width() + piece.width() > LINE_WIDTH {
            writeln!(w, "{}", line.trim_end())?;
            line = " ".repeat(indent);
        }
        line.push_str(&piece);
        line_has_item = true;
    }
    writeln!(w, "{}", line.trim_end())
}

/// Writes one department: its name, aliases, counterparts, then its duties
/// grouped by role (in [`Role::ALL`] order), each with clause address and
/// heading, headings truncated to fit the line.
pub fn write_department_detail(w: &mut impl Write, dept: &Department) -> io::Result<()> {
    writeln!(w, "{}", truncate_to_width(&dept.name, LINE_WIDTH))?;
    if !dept.aliases.is_empty() {
        write_wrapped_list(w, "  别名：", &dept.aliases)?;
    }
    let mut cps = Vec::new();
    if let Some(p) = &dept.counterparts.province {
        cps.push(format!("省级 {p}"));
    }
    if let Some(c) = &dept.counterparts.city {
        cps.push(format!("市级 {c}"));
    }
    if !cps.is_empty() {
        write_wrapped_list(w, "  对口：", &cps)?;
    }
    if dept.duties.is_empty() {
        writeln!(w, "  （无职责记录）")?;
        return Ok(());
    }
    let addr_col = dept
        .duties
        .iter()
        .map(|d| d.address.width())
        .max()
        .unwrap_or(0)
        .min(LINE_WIDTH / 3);
    for role in Role::ALL {
        let duties: Vec<_> = dept.duties_with(role).collect();
        if duties.is_empty() {
            continue;
        }
        writeln!(w, "  {}（{}）", role.label_zh(), duties.len())?;
        for d in duties {
            let addr = pad_right(&truncate_to_width(&d.address, addr_col), addr_col);
            let prefix = format!("    {addr}  ");
            let room = LINE_WIDTH.saturating_sub(prefix.width());
            let line = format!("{prefix}{}", truncate_to_width(&d.heading, room));
            writeln!(w, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

/// Writes the departments of one clause, one role per line
/// (`牵头：国家发展改革委、工业和信息化部`), skipping empty roles.
pub fn write_clause_departments(
    w: &mut impl Write,
    clause_id: &str,
    deps: &ClauseDepartments,
) -> io::Result<()> {
    writeln!(w, "{}", truncate_to_width(clause_id, LINE_WIDTH))?;
    if deps.is_empty() {
        writeln!(w, "  （未提及部门）")?;
        return Ok(());
    }
    for (role, names) in [
        (Role::Lead, &deps.lead),
        (Role::Support, &deps.support),
        (Role::Responsible, &deps.responsible),
        (Role::Mentioned, &deps.mentioned),
    ] {
        if !names.is_empty() {
            write_wrapped_list(w, &format!("  {}：", role.label_zh()), names)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::departments::{Counterparts, Duty};

    fn dept(name: &str, duties: &[(&str, Role, &str)]) -> Department {
        Department {
            name: name.to_string(),
            aliases: vec!["别名一".into(), "别名二".into()],
            counterparts: Counterparts {
                province: Some("江苏省某厅".into()),
                city: None,
            },
            duties: duties
                .iter()
                .map(|(c, r, h)| Duty {
                    address: c.to_string(),
                    role: *r,
                    heading: h.to_string(),
                })
                .collect(),
        }
    }

    fn lines(buf: &[u8]) -> Vec<String> {
        String::from_utf8(buf.to_vec())
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn list_aligns_counts_and_fits_80_columns() {
        let long = "某".repeat(60);
        let ds = vec![
            dept("教育部", &[("甲:二(一)", Role::Lead, "标题")]),
            dept(
                "国家发展改革委",
                &[("甲:二(一)", Role::Responsible, "标题")],
            ),
            dept(&long, &[]),
        ];
        let mut buf = Vec::new();
        write_department_list(&mut buf, &ds).unwrap();
        let ls = lines(&buf);
        assert_eq!(ls.len(), 4);
        for l in &ls {
            assert!(l.width() <= LINE_WIDTH, "too wide: {l}");
        }
        // the counts of each row end in the same column
        let w0 = ls[1].width();
        assert_eq!(ls[2].width(), w0);
        assert!(ls[3].contains('…'));
        assert!(ls[1].starts_with("教育部"));
        let lead_col: Vec<&str> = ls[1].split_whitespace().collect();
        assert_eq!(lead_col[1], "1");
    }

    #[test]
    fn detail_groups_by_role_and_truncates_headings() {
        let long_heading = "很长的标题".repeat(20);
        let d = dept(
            "国家发展改革委",
            &[
                ("钢铁:二(一)", Role::Lead, "完善产能调控和产量管理"),
                ("钢铁:四(一)", Role::Mentioned, "加强组织领导"),
                ("炼油:二(二)", Role::Lead, &long_heading),
            ],
        );
        let mut buf = Vec::new();
        write_department_detail(&mut buf, &d).unwrap();
        let ls = lines(&buf);
        for l in &ls {
            assert!(l.width() <= LINE_WIDTH, "too wide: {l}");
        }
        let lead = ls.iter().position(|l| l.contains("牵头（2）")).unwrap();
        let mentioned = ls.iter().position(|l| l.contains("提及（1）")).unwrap();
        assert!(lead < mentioned);
        assert!(ls[lead + 1].contains("钢铁:二(一)") && ls[lead + 1].contains("完善产能"));
        assert!(ls[lead + 2].ends_with('…'));
        assert!(ls.iter().any(|l| l.contains("省级 江苏省某厅")));
        assert!(!ls.iter().any(|l| l.contains("配合")));
    }

    #[test]
    fn wrapped_lists_stay_within_width() {
        let items: Vec<String> = (0..30).map(|i| format!("部门名称{i}")).collect();
        let mut buf = Vec::new();
        write_wrapped_list(&mut buf, "  别名：", &items).unwrap();
        let ls = lines(&buf);
        assert!(ls.len() > 1);
        for l in &ls {
            assert!(l.width() <= LINE_WIDTH, "too wide: {l}");
        }
        let joined: String = ls.iter().map(|l| l.trim()).collect();
        assert!(joined.contains("部门名称29"));
    }
}
