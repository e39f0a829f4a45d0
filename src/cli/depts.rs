//! `policy-nav depts [NAME] [--role ROLE]`: departments and their duties.

use std::io::Write;

use policy_nav::departments::{Department, Role};
use policy_nav::departments_format::{write_department_detail, write_department_list};
use policy_nav::export::{duties_table, write_table, Format};
use policy_nav::Library;

use super::style::Paint;
use super::{Failure, EXIT_NOT_FOUND};

/// Parses a `--role` value: any word of the one role list.
pub fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

/// A department with only the duties of one role.
fn filtered(dept: &Department, role: Option<Role>) -> Department {
    let mut dept = dept.clone();
    if let Some(role) = role {
        dept.duties.retain(|d| d.role == role);
    }
    dept
}

pub fn run(
    library: &Library,
    name: Option<&str>,
    role: Option<Role>,
    format: Option<Format>,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let index = &library.departments;
    let selected: Vec<Department> = match name {
        None => index
            .departments()
            .iter()
            .map(|d| filtered(d, role))
            .filter(|d| role.is_none() || !d.duties.is_empty())
            .collect(),
        Some(name) => match library.lookup_department(name) {
            Ok(dept) => vec![filtered(dept, role)],
            Err(nearest) => {
                let hint = if nearest.is_empty() {
                    t!("cli.list_departments_hint")
                } else {
                    t!("cli.nearest", list = nearest.join(", "))
                };
                return Err(Failure {
                    message: t!("cli.no_department", name = name, hint = hint).into_owned(),
                    code: EXIT_NOT_FOUND,
                });
            }
        },
    };
    // Nothing found: no department has a duty of this role (a named one
    // that does not exist failed above).
    let found = if role.is_some() {
        selected.iter().any(|d| !d.duties.is_empty())
    } else {
        !selected.is_empty()
    };
    if format == Some(Format::Json) {
        super::write_json(out, &selected)?;
    } else if let Some(format) = format {
        write_table(&duties_table(library, &selected), format, out)?;
    } else if name.is_some() {
        for dept in &selected {
            let mut text = Vec::new();
            write_department_detail(&mut text, dept)?;
            let text = String::from_utf8_lossy(&text);
            out.write_all(paint.first_line_heading(&text).as_bytes())?;
        }
    } else {
        let mut text = Vec::new();
        write_department_list(&mut text, &selected)?;
        let text = String::from_utf8_lossy(&text);
        out.write_all(paint.first_line_heading(&text).as_bytes())?;
    }
    super::found(found)
}
