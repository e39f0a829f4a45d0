//! `update(&mut State, &App, Msg)`: the only place state changes. Returns
//! whether anything visible changed, so the loop redraws only then.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

use policy_nav::search::make_snippet;

use super::msg::Msg;
use super::state::{App, Focus, IndexState, Jump, OutlineRow, Overlay, SearchRow, State, View};
use super::views;

/// Applies one message. Returns true if the screen must be redrawn.
pub fn update(state: &mut State, app: &App, msg: Msg) -> bool {
    match msg {
        Msg::Terminate => {
            state.quit = true;
            true
        }
        Msg::Loaded(_) => false,
        Msg::IndexReady(result, note) => {
            state.index = match result {
                Ok(index) => IndexState::Ready(index),
                Err(e) => {
                    state.status = Some(format!("搜索索引不可用，改用逐字匹配：{e}"));
                    IndexState::Failed(e)
                }
            };
            if let Some(note) = note {
                state.status = Some(note);
            }
            refresh_results(state, app);
            true
        }
        Msg::Resize(w, h) => {
            state.size = (w, h);
            true
        }
        Msg::Paste(text) => paste(state, app, &text),
        Msg::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => move_selection(state, app, 3),
            MouseEventKind::ScrollUp => move_selection(state, app, -3),
            _ => false,
        },
        Msg::Key(key) => {
            let before = state.visible_fingerprint();
            state.status = None;
            key_pressed(state, app, key);
            !state.effects.is_empty() || state.quit || state.visible_fingerprint() != before
        }
    }
}

/// Removes control characters (and line breaks) from pasted or typed text.
fn sanitize_input(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

fn paste(state: &mut State, app: &App, text: &str) -> bool {
    let text = sanitize_input(text);
    match &mut state.overlay {
        Some(Overlay::GoTo {
            input,
            selected,
            error,
        }) => {
            input.push_str(text.trim());
            *selected = 0;
            *error = None;
        }
        Some(_) => return false,
        None => {
            state.view = View::Search;
            state.typing = true;
            insert_text(state, app, &text);
        }
    }
    true
}

/// Ctrl-C or Ctrl-Q: leave, whatever the view or overlay.
pub fn is_interrupt(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q'))
}

fn key_pressed(state: &mut State, app: &App, key: KeyEvent) {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if is_interrupt(&key) {
        state.quit = true;
        return;
    }
    if alt && key.code == KeyCode::Left {
        go_back(state);
        return;
    }
    if alt && key.code == KeyCode::Right {
        go_forward(state);
        return;
    }
    if state.overlay.is_some() {
        overlay_key(state, app, key);
        return;
    }
    if state.view == View::Search && state.typing && typing_key(state, app, key) {
        return;
    }
    if global_key(state, app, key) {
        return;
    }
    match state.view {
        View::Search => search_key(state, app, key),
        View::Document => document_key(state, app, key),
        View::Departments => departments_key(state, app, key),
        View::Targets => targets_key(state, app, key),
        View::Timeline => timeline_key(state, app, key),
    }
}

/// The config file's notion of a key press.
fn config_key(key: KeyEvent) -> Option<policy_nav::config::Key> {
    use policy_nav::config::KeyCode as K;
    let code = match key.code {
        KeyCode::Char(c) => K::Char(c),
        KeyCode::F(n) => K::F(n),
        KeyCode::Esc => K::Esc,
        KeyCode::Enter => K::Enter,
        KeyCode::Tab => K::Tab,
        KeyCode::Backspace => K::Backspace,
        KeyCode::Delete => K::Delete,
        KeyCode::Insert => K::Insert,
        KeyCode::Home => K::Home,
        KeyCode::End => K::End,
        KeyCode::PageUp => K::PageUp,
        KeyCode::PageDown => K::PageDown,
        KeyCode::Up => K::Up,
        KeyCode::Down => K::Down,
        KeyCode::Left => K::Left,
        KeyCode::Right => K::Right,
        _ => return None,
    };
    Some(policy_nav::config::Key {
        code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Keys that work in every view when no text field has the keyboard.
fn global_key(state: &mut State, app: &App, key: KeyEvent) -> bool {
    use policy_nav::config::Action;
    if let Some(action) = config_key(key).and_then(|k| state.keys.action(k)) {
        match action {
            Action::Quit => state.quit = true,
            Action::Help => state.overlay = Some(Overlay::Help),
            Action::Search => {
                state.view = View::Search;
                state.typing = true;
            }
            Action::Goto => {
                state.overlay = Some(Overlay::GoTo {
                    input: String::new(),
                    selected: 0,
                    error: None,
                })
            }
        }
        return true;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c @ '1'..='5') if !ctrl => {
            state.view = View::ALL[(c as u8 - b'1') as usize];
        }
        KeyCode::Tab => state.view = View::ALL[(state.view.index() + 1) % View::ALL.len()],
        KeyCode::BackTab => {
            state.view = View::ALL[(state.view.index() + View::ALL.len() - 1) % View::ALL.len()]
        }

        KeyCode::Backspace => go_back(state),
        KeyCode::Char('y') => copy_clause(state, app),
        KeyCode::Char('e') => export_list(state, app),
        _ => return false,
    }
    true
}

fn timeline_key(state: &mut State, app: &App, key: KeyEvent) {
    if key.code == KeyCode::Enter {
        let (rows, _) = &views::timeline::rows(app);
        if let Some(views::timeline::Row::Target(t)) = rows.get(state.timeline_selected) {
            if let Some(jump) = views::targets::jump(app, &app.library.targets[*t]) {
                perform_jump(state, app, jump);
            }
        }
    } else {
        list_key(state, app, key);
    }
}

/// Writes the current view's list to a new CSV file in the working
/// directory (never overwriting one) and says where.
fn export_list(state: &mut State, app: &App) {
    use policy_nav::export::{self, Format};
    let library = &app.library;
    let table = match state.view {
        View::Search => {
            let hits = match &state.index {
                IndexState::Ready(index) if !state.query.trim().is_empty() => {
                    index.search(state.query.trim(), RESULT_LIMIT, None, &library.expander())
                }
                _ => {
                    state.status = Some("没有可导出的搜索结果".into());
                    return;
                }
            };
            export::hits_table(library, &hits)
        }
        View::Departments => {
            let Some(dept) = library.departments.departments().get(state.depts.selected) else {
                return;
            };
            export::duties_table(library, std::slice::from_ref(dept))
        }
        View::Targets => {
            let rows: Vec<_> = views::targets::visible(state, app)
                .into_iter()
                .map(|i| library.targets[i].clone())
                .collect();
            export::targets_table(library, &rows)
        }
        View::Timeline => {
            let groups = policy_nav::timeline::timeline(&library.targets, false);
            export::timeline_table(library, &library.targets, &groups)
        }
        View::Document => {
            state.status = Some("文档视图没有列表可导出；用 y 复制条款".into());
            return;
        }
    };
    let stem = format!("policy-nav-{}", state.view.label());
    let dir = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    state.status = Some(
        match export::write_new_file(&dir, &stem, Format::Csv, |w| {
            export::write_table(&table, Format::Csv, w)
        }) {
            Ok(path) => format!("已导出 {} 行到 {}", table.rows.len(), path.display()),
            Err(e) => format!("导出失败：{e}（目录 {}）", dir.display()),
        },
    );
}

fn go_back(state: &mut State) {
    if let Some(previous) = state.back.pop() {
        state.forward.push(state.snapshot());
        state.restore(previous);
    } else {
        state.status = Some("已到历史起点".into());
    }
}

fn go_forward(state: &mut State) {
    if let Some(next) = state.forward.pop() {
        state.back.push(state.snapshot());
        state.restore(next);
    }
}

/// The clause a copy or jump refers to in the current view.
fn current_clause(state: &State, app: &App) -> Option<usize> {
    match state.view {
        View::Document => Some(state.doc.clause),
        View::Search => views::search::result_clause(state, app, state.search_selected),
        _ => None,
    }
}

fn copy_clause(state: &mut State, app: &App) {
    let Some(c) = current_clause(state, app) else {
        return;
    };
    let clause = &app.library.clauses[c];
    let text = format!("{}\n{}", app.library.citation(clause), clause.text);
    state.effects.push(super::state::Effect::Copy(text));
    state.status = Some(format!("已复制 {}（OSC 52 剪贴板）", clause.id));
}

fn insert_text(state: &mut State, app: &App, text: &str) {
    let at = byte_index(&state.query, state.cursor);
    state.query.insert_str(at, text);
    state.cursor += text.chars().count();
    query_changed(state, app);
}

fn byte_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

fn query_changed(state: &mut State, app: &App) {
    state.search_selected = 0;
    refresh_results(state, app);
}

/// Most results a query lists.
const RESULT_LIMIT: usize = 200;

/// Snippet width in cells.
const SNIPPET_CELLS: usize = 70;

/// Recomputes the result list for the current query: through the index
/// when it is ready, else by a plain substring scan (same recall, document
/// order) so typing never waits for the index.
pub fn refresh_results(state: &mut State, app: &App) {
    let query = state.query.trim();
    if query.is_empty() {
        state.results.clear();
        return;
    }
    let library = &app.library;
    state.results = match &state.index {
        IndexState::Ready(index) => index
            .search(query, RESULT_LIMIT, None, &library.expander())
            .into_iter()
            .filter_map(|hit| {
                Some(SearchRow {
                    clause: library.clause_index(&hit.id)?,
                    snippet: hit.snippet,
                    highlights: hit.highlights.iter().map(|h| (h[0], h[1])).collect(),
                })
            })
            .collect(),
        IndexState::Building | IndexState::Failed(_) => {
            let words = views::search::query_words(query);
            if words.is_empty() {
                Vec::new()
            } else {
                // Each word matches as written or as the department it names.
                let spellings: Vec<Vec<String>> = words
                    .iter()
                    .map(|w| {
                        let mut forms = vec![w.clone()];
                        if let Ok(dept) = library.departments.lookup(w) {
                            forms.push(dept.name.clone());
                        }
                        forms
                    })
                    .collect();
                library
                    .clauses
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        spellings
                            .iter()
                            .all(|forms| forms.iter().any(|f| c.text.contains(f.as_str())))
                    })
                    .take(RESULT_LIMIT)
                    .map(|(i, c)| {
                        let snippet = make_snippet(&c.text, &words, SNIPPET_CELLS);
                        SearchRow {
                            clause: i,
                            snippet: snippet.text,
                            highlights: snippet.highlights.iter().map(|h| (h[0], h[1])).collect(),
                        }
                    })
                    .collect()
            }
        }
    };
    state.search_selected = state
        .search_selected
        .min(state.results.len().saturating_sub(1));
}

/// Keys while the query line has the keyboard. Returns false for keys it
/// leaves to the view (navigation, Tab).
fn typing_key(state: &mut State, app: &App, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => {
            state.query.clear();
            state.cursor = 0;
            query_changed(state, app);
        }
        KeyCode::Char('n') if ctrl => search_key(state, app, KeyEvent::from(KeyCode::Down)),
        KeyCode::Char('p') if ctrl => search_key(state, app, KeyEvent::from(KeyCode::Up)),
        // Alt-letter is what a terminal sends for Esc followed quickly by
        // a letter; it is not text.
        KeyCode::Char(_) if key.modifiers.contains(KeyModifiers::ALT) => {}
        KeyCode::Char(c) if !ctrl => {
            let mut buf = [0u8; 4];
            insert_text(state, app, c.encode_utf8(&mut buf));
        }
        KeyCode::Backspace => {
            if state.cursor > 0 {
                let at = byte_index(&state.query, state.cursor - 1);
                state.query.remove(at);
                state.cursor -= 1;
                query_changed(state, app);
            }
        }
        KeyCode::Delete => {
            if state.cursor < state.query.chars().count() {
                let at = byte_index(&state.query, state.cursor);
                state.query.remove(at);
                query_changed(state, app);
            }
        }
        KeyCode::Left => state.cursor = state.cursor.saturating_sub(1),
        KeyCode::Right => state.cursor = (state.cursor + 1).min(state.query.chars().count()),
        KeyCode::Home => state.cursor = 0,
        KeyCode::End => state.cursor = state.query.chars().count(),
        KeyCode::Esc => {
            if state.query.is_empty() {
                state.typing = false;
            } else {
                state.query.clear();
                state.cursor = 0;
                query_changed(state, app);
            }
        }
        KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown | KeyCode::Enter => {
            search_key(state, app, key)
        }
        _ => return false,
    }
    true
}

fn search_key(state: &mut State, app: &App, key: KeyEvent) {
    match key.code {
        KeyCode::Enter => {
            if let Some(c) = views::search::result_clause(state, app, state.search_selected) {
                let marks = views::search::query_marks(state, &app.library.clauses[c].text);
                state.open_clause(c, marks);
                expand_for(state, app, c);
            }
        }
        KeyCode::Char('i') | KeyCode::Char('a') => state.typing = true,
        KeyCode::Char('x') => {
            if let IndexState::Ready(index) = &state.index {
                let explanation =
                    index.explain(state.query.trim(), 20, None, &app.library.expander());
                let text = serde_json::to_string_pretty(&explanation).unwrap_or_default();
                state.overlay = Some(Overlay::Text {
                    title: format!("查询解释：{}", state.query.trim()),
                    lines: text.lines().map(str::to_string).collect(),
                    scroll: 0,
                });
            } else {
                state.status = Some("索引就绪后才能解释查询".into());
            }
        }
        _ => {
            if let Some(delta) = movement(state, key) {
                move_selection(state, app, delta);
            }
        }
    }
}

/// Rows a navigation key moves by, for the current list.
fn movement(state: &State, key: KeyEvent) -> Option<isize> {
    let page = (state.size.1 as isize - 6).max(1);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Down => 1,
        KeyCode::Up => -1,
        KeyCode::Char('j') if !state.typing || state.view != View::Search => 1,
        KeyCode::Char('k') if !state.typing || state.view != View::Search => -1,
        KeyCode::PageDown => page,
        KeyCode::PageUp => -page,
        KeyCode::Char('d') if ctrl => page / 2,
        KeyCode::Char('u') if ctrl => -page / 2,
        KeyCode::Char('g') | KeyCode::Home => isize::MIN / 2,
        KeyCode::Char('G') | KeyCode::End => isize::MAX / 2,
        _ => return None,
    })
}

fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

fn move_selection(state: &mut State, app: &App, delta: isize) -> bool {
    match state.view {
        View::Search => {
            let len = views::search::result_count(state, app);
            state.search_selected = step(state.search_selected, delta, len);
        }
        View::Document => match state.doc.focus {
            Focus::List => {
                state.doc.selected = step(state.doc.selected, delta, state.doc.rows.len());
                if let Some(OutlineRow::Clause(c)) = state.doc.rows.get(state.doc.selected) {
                    if *c != state.doc.clause {
                        let c = *c;
                        state.show_clause(c, Vec::new());
                    }
                }
            }
            Focus::Detail => {
                let total = views::document::reader_line_count(state, app);
                state.doc.scroll = step(state.doc.scroll, delta, total.max(1));
            }
        },
        View::Departments => {
            let departments = app.library.departments.departments();
            match state.depts.focus {
                Focus::List => {
                    let before = state.depts.selected;
                    state.depts.selected = step(before, delta, departments.len());
                    if before != state.depts.selected {
                        state.depts.duty = 0;
                    }
                }
                Focus::Detail => {
                    let len = departments
                        .get(state.depts.selected)
                        .map_or(0, |d| views::departments::duty_rows(app, d).len());
                    state.depts.duty = step(state.depts.duty, delta, len);
                }
            }
        }
        View::Targets => {
            let len = views::targets::visible(state, app).len();
            state.targets.selected = step(state.targets.selected, delta, len);
        }
        View::Timeline => {
            let len = views::timeline::rows(app).0.len();
            state.timeline_selected = step(state.timeline_selected, delta, len);
        }
    }
    true
}

fn targets_key(state: &mut State, app: &App, key: KeyEvent) {
    use super::state::TargetColumn;
    let t = &mut state.targets;
    match key.code {
        KeyCode::Char('s') => {
            let next = (TargetColumn::ALL
                .iter()
                .position(|&c| c == t.sort)
                .unwrap_or(0)
                + 1)
                % TargetColumn::ALL.len();
            t.sort = TargetColumn::ALL[next];
        }
        KeyCode::Char('S') => t.descending = !t.descending,
        KeyCode::Char('p') => {
            t.plan = match t.plan {
                None if !app.library.plans.is_empty() => Some(0),
                Some(p) if p + 1 < app.library.plans.len() => Some(p + 1),
                _ => None,
            };
            t.selected = 0;
        }
        KeyCode::Char('D') => {
            let all = views::targets::deadlines(app);
            let at = t
                .deadline
                .as_ref()
                .and_then(|d| all.iter().position(|x| x == d));
            t.deadline = match at {
                None => all.first().cloned(),
                Some(i) => all.get(i + 1).cloned(),
            };
            t.selected = 0;
        }
        KeyCode::Char('m') => {
            t.milestones = !t.milestones;
            t.selected = 0;
        }
        KeyCode::Char('c') => {
            t.chart = !t.chart;
            t.chart_group = 0;
        }
        KeyCode::Char(']') | KeyCode::Right if t.chart => {
            let n = views::targets::chart_groups(state, app).len();
            state.targets.chart_group = (state.targets.chart_group + 1).min(n.saturating_sub(1));
        }
        KeyCode::Char('[') | KeyCode::Left if t.chart => {
            t.chart_group = t.chart_group.saturating_sub(1);
        }
        KeyCode::Enter => {
            let rows = views::targets::visible(state, app);
            if let Some(&r) = rows.get(state.targets.selected) {
                if let Some(jump) = views::targets::jump(app, &app.library.targets[r]) {
                    perform_jump(state, app, jump);
                }
            }
        }
        _ => list_key(state, app, key),
    }
}

fn departments_key(state: &mut State, app: &App, key: KeyEvent) {
    match (state.depts.focus, key.code) {
        (Focus::List, KeyCode::Enter | KeyCode::Right | KeyCode::Char('l')) => {
            state.depts.focus = Focus::Detail;
            state.depts.duty = 0;
        }
        (_, KeyCode::Char('f')) => {
            state.overlay = Some(Overlay::FindDepartment {
                input: String::new(),
                error: None,
            })
        }
        (Focus::Detail, KeyCode::Left | KeyCode::Char('h')) => state.depts.focus = Focus::List,
        (Focus::Detail, KeyCode::Enter) => {
            let departments = app.library.departments.departments();
            if let Some(dept) = departments.get(state.depts.selected) {
                if let Some((_, _, jump)) = views::departments::duty_rows(app, dept)
                    .into_iter()
                    .nth(state.depts.duty)
                {
                    perform_jump(state, app, jump);
                }
            }
        }
        _ => list_key(state, app, key),
    }
}

fn expand_for(state: &mut State, app: &App, clause: usize) {
    if let Some(p) = app.library.clauses[clause].plan {
        if state.doc.collapsed.remove(&p) {
            state.rebuild_outline(app);
        }
    }
    state.select_outline_clause(clause);
}

fn document_key(state: &mut State, app: &App, key: KeyEvent) {
    match (state.doc.focus, key.code) {
        (Focus::List, KeyCode::Enter | KeyCode::Right | KeyCode::Char('l')) => {
            match state.doc.rows.get(state.doc.selected) {
                Some(&OutlineRow::Plan(p)) => toggle_plan(state, app, p),
                Some(&OutlineRow::Clause(c)) => {
                    if c != state.doc.clause {
                        state.show_clause(c, Vec::new());
                    }
                    state.doc.focus = Focus::Detail;
                }
                None => {}
            }
        }
        (Focus::List, KeyCode::Char(' ')) => {
            if let Some(&OutlineRow::Plan(p)) = state.doc.rows.get(state.doc.selected) {
                toggle_plan(state, app, p);
            }
        }
        (Focus::Detail, KeyCode::Left | KeyCode::Char('h')) => state.doc.focus = Focus::List,
        (Focus::Detail, KeyCode::Char('n')) => next_hit(state, app, 1),
        (Focus::Detail, KeyCode::Char('N')) => next_hit(state, app, -1),
        (_, KeyCode::Char('d')) if !key.modifiers.contains(KeyModifiers::CONTROL) => open_picker(
            state,
            views::document::department_jumps(state, app),
            "条款涉及的部门",
        ),
        (_, KeyCode::Char('c')) => {
            let mut clauses = vec![state.doc.clause];
            clauses.extend(
                policy_nav::compare::counterparts(&app.library, state.doc.clause)
                    .into_iter()
                    .map(|(c, _)| c),
            );
            if clauses.len() < 2 {
                state.status = Some("其他计划中没有对应条款".into());
            } else {
                state.overlay = Some(Overlay::Compare { clauses, scroll: 0 });
            }
        }
        (_, KeyCode::Char('t')) => open_picker(
            state,
            views::document::target_jumps(state, app),
            "条款中的指标",
        ),
        _ => {
            if let Some(delta) = movement(state, key) {
                move_selection(state, app, delta);
            }
        }
    }
}

fn open_picker(state: &mut State, rows: Vec<(String, Jump)>, title: &str) {
    if rows.is_empty() {
        state.status = Some(format!("{title}：无"));
    } else {
        state.overlay = Some(Overlay::Pick {
            title: title.to_string(),
            rows,
            selected: 0,
        });
    }
}

fn toggle_plan(state: &mut State, app: &App, plan: usize) {
    if !state.doc.collapsed.remove(&plan) {
        state.doc.collapsed.insert(plan);
    }
    state.rebuild_outline(app);
}

fn next_hit(state: &mut State, app: &App, delta: isize) {
    let hits = views::document::mark_lines(state, app);
    if hits.is_empty() {
        state.status = Some("本条款中没有高亮的匹配".into());
        return;
    }
    let n = hits.len() as isize;
    state.doc.hit = ((state.doc.hit as isize + delta).rem_euclid(n)) as usize;
    state.doc.scroll = hits[state.doc.hit].saturating_sub(2);
    state.status = Some(format!("匹配 {}/{}", state.doc.hit + 1, hits.len()));
}

fn list_key(state: &mut State, app: &App, key: KeyEvent) {
    if let Some(delta) = movement(state, key) {
        move_selection(state, app, delta);
    }
}

fn overlay_key(state: &mut State, app: &App, key: KeyEvent) {
    let Some(overlay) = state.overlay.as_mut() else {
        return;
    };
    match overlay {
        Overlay::Help => {
            let closes =
                config_key(key).is_some_and(|k| k == state.keys.help || k == state.keys.quit);
            if closes || matches!(key.code, KeyCode::Esc | KeyCode::Enter) {
                state.overlay = None;
            }
        }
        Overlay::FindDepartment { input, error } => match key.code {
            KeyCode::Esc => state.overlay = None,
            KeyCode::Backspace => {
                input.pop();
                *error = None;
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                input.push(c);
                *error = None;
            }
            KeyCode::Enter => {
                let typed = input.trim().to_string();
                let departments = app.library.departments.departments();
                // Name, alias or pinyin first; else the first name containing the text.
                let found = match app.library.lookup_department(&typed) {
                    Ok(d) => departments.iter().position(|x| x.name == d.name),
                    Err(_) => departments
                        .iter()
                        .position(|x| !typed.is_empty() && x.name.contains(&typed)),
                };
                match found {
                    Some(i) => {
                        state.depts.selected = i;
                        state.depts.duty = 0;
                        state.depts.focus = Focus::List;
                        state.overlay = None;
                    }
                    None => {
                        *error = Some(format!(
                            "没有部门“{typed}”；可用全称、简称或拼音（如 fgw、fagaiwei）"
                        ))
                    }
                }
            }
            _ => {}
        },
        Overlay::Compare { scroll, .. } | Overlay::Text { scroll, .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('q') => state.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => *scroll += 10,
            KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
            _ => {}
        },
        Overlay::Pick { rows, selected, .. } => match key.code {
            KeyCode::Esc => state.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => *selected = step(*selected, 1, rows.len()),
            KeyCode::Up | KeyCode::Char('k') => *selected = step(*selected, -1, rows.len()),
            KeyCode::Enter => {
                let jump = rows[*selected].1.clone();
                perform_jump(state, app, jump);
            }
            _ => {}
        },
        Overlay::GoTo {
            input,
            selected,
            error,
        } => match key.code {
            KeyCode::Esc => state.overlay = None,
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                input.push(c);
                *selected = 0;
                *error = None;
            }
            KeyCode::Backspace => {
                input.pop();
                *selected = 0;
                *error = None;
            }
            KeyCode::Down => *selected = selected.saturating_add(1),
            KeyCode::Up => *selected = selected.saturating_sub(1),
            KeyCode::Tab => {
                let completions = views::overlay::completions(app, input);
                if let Some(first) = completions.get(*selected).or(completions.first()) {
                    *input = first.clone();
                }
            }
            KeyCode::Enter => {
                let completions = views::overlay::completions(app, input);
                let typed = input.clone();
                let chosen = match app.library.resolve(&typed) {
                    Ok(r) => Ok(r),
                    Err(e) => completions
                        .get(*selected)
                        .and_then(|c| app.library.resolve(c).ok())
                        .ok_or(e),
                };
                match chosen {
                    Ok(resolved) => {
                        let marks = resolved
                            .paragraph
                            .map(|p| views::document::paragraph_range(app, resolved.clause, p))
                            .into_iter()
                            .collect();
                        perform_jump(
                            state,
                            app,
                            Jump::Clause {
                                clause: resolved.clause,
                                marks,
                            },
                        );
                    }
                    Err(e) => *error = Some(e.to_string()),
                }
            }
            _ => {}
        },
    }
}

/// Carries out a jump from a result, duty, target or picker row.
pub fn perform_jump(state: &mut State, app: &App, jump: Jump) {
    match jump {
        Jump::Clause { clause, marks } => {
            state.open_clause(clause, marks);
            expand_for(state, app, clause);
            // Bring the first highlighted span into view.
            if let Some(&line) = views::document::mark_lines(state, app).first() {
                state.doc.scroll = line.saturating_sub(2);
            }
        }
        Jump::Department(d) => {
            state.push_history();
            state.overlay = None;
            state.view = View::Departments;
            state.depts.selected = d;
            state.depts.duty = 0;
            state.depts.focus = Focus::Detail;
        }
    }
}
