//! Overlays: help, go-to-address with completion, and pickers.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use policy_nav::text::fold_width;

use super::super::state::{App, Overlay, State};
use super::super::wrap::{pad, truncate, wrap_plain};

/// Every key, for the help overlay.
pub const HELP: &[(&str, &str)] = &[
    ("1 2 3 4 / Tab", "切换视图：搜索 文档 部门 指标"),
    (
        "上下 j k",
        "移动选择；PgUp PgDn、Ctrl-d Ctrl-u 翻页；g G 首尾",
    ),
    ("Enter", "打开结果、职责或指标对应的条款"),
    ("Backspace Alt-左", "后退；Alt-右 前进"),
    ("h l 左 右", "文档视图：目录与阅读之间切换；空格 折叠计划"),
    ("n N", "阅读时跳到下一个 / 上一个高亮匹配"),
    ("d t", "阅读时列出条款的部门 / 指标并跳转"),
    ("y", "复制当前条款及引文到剪贴板（OSC 52）"),
    ("Esc", "关闭弹窗或清空搜索；从不退出"),
    ("Ctrl-u", "搜索时清空输入"),
];

/// Addresses that complete what was typed in the go-to overlay.
pub fn completions(app: &App, input: &str) -> Vec<String> {
    let typed = fold_width(input.trim()).to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = app
        .library
        .clauses
        .iter()
        .filter(|c| fold_width(&c.id).to_lowercase().starts_with(&typed))
        .map(|c| c.id.clone())
        .collect();
    if out.is_empty() {
        if let Ok(r) = app.library.resolve(input) {
            out.push(app.library.clauses[r.clause].id.clone());
        }
    }
    out.truncate(50);
    out
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let Some(overlay) = &state.overlay else {
        return;
    };
    // Full width up to 90 columns, so nothing of the view shows beside the box.
    let box_width = if area.width <= 90 { area.width } else { 90 };
    let box_area = centered(area, box_width, area.height.saturating_sub(2).max(3));
    let width = box_area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    match overlay {
        Overlay::Help => {
            lines.push(Line::styled(" 按键帮助（Esc 关闭）", theme.title()));
            let configured = [
                (format!("{}", state.keys.search), "从任何视图开始搜索"),
                (
                    format!("{}", state.keys.goto),
                    "跳转到地址，如 钢铁:二(五)、steel:2.5（Tab 补全）",
                ),
                (format!("{}", state.keys.help), "显示本帮助"),
                (
                    format!("{} Ctrl-c", state.keys.quit),
                    "退出（输入搜索时用 Ctrl-c）",
                ),
            ];
            for (keys, what) in &configured {
                lines.extend(wrap_plain(
                    &format!("{}{what}", pad(keys, 18)),
                    width,
                    theme.text(),
                ));
            }
            for (keys, what) in HELP {
                lines.extend(wrap_plain(
                    &format!("{}{what}", pad(keys, 18)),
                    width,
                    theme.text(),
                ));
            }
        }
        Overlay::GoTo {
            input,
            selected,
            error,
        } => {
            lines.push(Line::styled(
                " 跳转到地址（Enter 确认，Tab 补全，Esc 取消）",
                theme.title(),
            ));
            lines.push(Line::raw(format!(": {input}")));
            if let Some(error) = error {
                lines.extend(wrap_plain(error, width, theme.warning()));
            }
            let options = completions(app, input);
            let sel = (*selected).min(options.len().saturating_sub(1));
            for (i, id) in options
                .iter()
                .enumerate()
                .take(box_area.height.saturating_sub(4) as usize)
            {
                let marker = if i == sel { theme.marker() } else { "  " };
                let heading = app
                    .library
                    .clause_by_id(id)
                    .map(|c| c.display_heading())
                    .unwrap_or_default();
                let style = if i == sel {
                    theme.selected()
                } else {
                    theme.text()
                };
                lines.push(Line::styled(
                    truncate(&format!("{marker}{id} {heading}"), width),
                    style,
                ));
            }
        }
        Overlay::FindDepartment { input, error } => {
            lines.push(Line::styled(
                " 查找部门：全称、简称或拼音（Enter 确认，Esc 取消）",
                theme.title(),
            ));
            lines.push(Line::raw(format!("> {input}")));
            if let Some(error) = error {
                lines.extend(wrap_plain(error, width, theme.warning()));
            }
        }
        Overlay::Text {
            title,
            lines: text,
            scroll,
        } => {
            lines.push(Line::styled(
                format!(" {title}（j/k 滚动，Esc 关闭）"),
                theme.title(),
            ));
            for l in text.iter().skip(*scroll) {
                lines.extend(wrap_plain(l, width, theme.text()));
            }
        }
        Overlay::Compare { clauses, scroll } => {
            use super::super::wrap::{mark_ranges, wrap_runs};
            use policy_nav::compare::char_diff;
            lines.push(Line::styled(
                " 跨计划对比：与第一条不同的字已标出（j/k 滚动，Esc 关闭）",
                theme.title(),
            ));
            let library = &app.library;
            let reference = &library.clauses[clauses[0]].text;
            let mut body: Vec<Line> = Vec::new();
            for (i, &c) in clauses.iter().enumerate() {
                let clause = &library.clauses[c];
                let marks: Vec<(usize, usize)> = if i == 0 {
                    clauses.get(1).map_or(Vec::new(), |&other| {
                        char_diff(reference, &library.clauses[other].text)
                            .old_changed()
                            .iter()
                            .map(|r| (r[0], r[1]))
                            .collect()
                    })
                } else {
                    char_diff(reference, &clause.text)
                        .new_changed()
                        .iter()
                        .map(|r| (r[0], r[1]))
                        .collect()
                };
                body.push(Line::styled(
                    truncate(
                        &format!("{} {}", clause.id, library.citation(clause)),
                        width,
                    ),
                    theme.address(),
                ));
                body.extend(wrap_runs(
                    &mark_ranges(&clause.text, &marks, theme.text(), theme.hit()),
                    width,
                ));
                body.push(Line::raw(""));
            }
            lines.extend(body.into_iter().skip(*scroll));
        }
        Overlay::Pick {
            title,
            rows,
            selected,
        } => {
            lines.push(Line::styled(
                format!(" {title}（Enter 跳转，Esc 关闭）"),
                theme.title(),
            ));
            for (i, (label, _)) in rows.iter().enumerate() {
                let marker = if i == *selected { theme.marker() } else { "  " };
                let style = if i == *selected {
                    theme.selected()
                } else {
                    theme.text()
                };
                lines.push(Line::styled(
                    truncate(&format!("{marker}{label}"), width),
                    style,
                ));
            }
        }
    }
    let height = (lines.len() as u16 + 2).min(box_area.height);
    let box_area = Rect { height, ..box_area };
    frame.render_widget(Clear, box_area);
    // A frame of reverse-video cells: visible in any font and without colour,
    // and free of ambiguous-width box-drawing glyphs.
    let ring = Paragraph::new(vec![
        Line::raw(" ".repeat(box_area.width as usize));
        box_area.height as usize
    ])
    .style(theme.selected());
    frame.render_widget(ring, box_area);
    frame.render_widget(
        Clear,
        Rect::new(
            box_area.x + 1,
            box_area.y + 1,
            box_area.width.saturating_sub(2),
            box_area.height.saturating_sub(2),
        ),
    );
    let inner = Rect::new(
        box_area.x + 1,
        box_area.y + 1,
        box_area.width.saturating_sub(2),
        box_area.height.saturating_sub(2),
    );
    frame.render_widget(Paragraph::new(lines).style(theme.text()), inner);
    let _ = app;
}
