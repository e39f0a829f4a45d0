//! `update(&mut State, &App, Msg)`: the only place state changes. Returns
//! whether anything visible changed, so the loop redraws only then.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

use crate::keys::{self, Action, Entry, Key, KeyBindings, Where};

use super::msg::Msg;
use super::select;
use super::state::{
    App, Effect, Focus, IndexState, Jump, OutlineRow, Overlay, SearchRow, State, TargetColumn,
    TimelineRow, View,
};

/// Applies one message. Returns true if the screen must be redrawn.
pub fn update(state: &mut State, app: &App, msg: Msg) -> bool {
    match msg {
        Msg::Terminate => {
            state.quit = true;
            true
        }
        Msg::Loaded(_) => false,
        Msg::CorpusChanging => {
            state.status = Some(t!("nav.status.corpus_changing").into_owned());
            true
        }
        Msg::Reloaded(Err(message)) => {
            state.status = Some(
                t!(
                    "nav.status.reload_failed",
                    error = policy_nav::text::escape_for_terminal(&message)
                )
                .into_owned(),
            );
            true
        }
        // The event loop swaps the library and reports with
        // `corpus_reloaded`.
        Msg::Reloaded(Ok(_)) => false,
        Msg::Exported(result) => {
            state.status = Some(match result {
                Ok((rows, path)) => {
                    t!("nav.status.exported", rows = rows, path = path.display()).into_owned()
                }
                Err(message) => t!("nav.status.export_failed", error = message).into_owned(),
            });
            true
        }
        Msg::IndexReady(result, note, _) => {
            state.index = match result {
                Ok(index) => IndexState::Ready(index),
                Err(e) => {
                    state.status = Some(t!("nav.status.index_failed", error = e).into_owned());
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
            select::prepare(state, app);
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
    if state.overlay.is_none() && state.place() == keys::INPUT {
        edit_find(state, app, |find| find.push_str(text.trim()));
        return true;
    }
    match &state.overlay {
        Some(Overlay::GoTo { .. }) => {
            for c in text.trim().chars() {
                type_char(state, app, c);
            }
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

/// The key as the action table names it: Shift is part of a character
/// (`G`, `?`) and of Shift-Tab, and ignored on other keys.
pub fn table_key(key: KeyEvent) -> Option<Key> {
    use crate::keys::KeyCode as K;
    let code = match key.code {
        KeyCode::Char(c) => K::Char(c),
        KeyCode::F(n) => K::F(n),
        KeyCode::Esc => K::Esc,
        KeyCode::Enter => K::Enter,
        KeyCode::Tab => K::Tab,
        KeyCode::BackTab => K::BackTab,
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
    Some(Key {
        code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Ctrl-C or Ctrl-Q (the table's `Interrupt`): leave, whatever the view or
/// overlay, and while the corpus loads.
pub fn is_interrupt(key: &KeyEvent) -> bool {
    table_key(*key)
        .and_then(|k| keys::lookup(k, keys::ALWAYS, &KeyBindings::default()))
        .is_some_and(|e| e.action == Action::Interrupt)
}

/// The places whose keys are looked up, in order: before the characters
/// a text field takes as text, and after.
fn lookup_order(state: &State) -> (Vec<Where>, bool, Vec<Where>) {
    let place = state.place();
    match place {
        // The query line: its own keys, then text, then the result list's.
        keys::TYPING => (vec![keys::ALWAYS, keys::TYPING], true, vec![keys::SEARCH]),
        keys::INPUT => (vec![keys::ALWAYS, keys::INPUT], true, vec![]),
        _ => (vec![keys::ALWAYS, place], false, vec![]),
    }
}

/// Input → action (from the table) → change.
fn key_pressed(state: &mut State, app: &App, event: KeyEvent) {
    let Some(key) = table_key(event) else {
        return;
    };
    let (first, text, then) = lookup_order(state);
    for place in first {
        if let Some(entry) = keys::lookup(key, place, &state.keys) {
            return act(state, app, entry, key);
        }
    }
    if text && key.is_text() {
        if let crate::keys::KeyCode::Char(c) = key.code {
            return type_char(state, app, c);
        }
    }
    for place in then {
        if let Some(entry) = keys::lookup(key, place, &state.keys) {
            return act(state, app, entry, key);
        }
    }
}

/// A character typed into the query line or a pop-up's field.
fn type_char(state: &mut State, app: &App, c: char) {
    if state.overlay.is_none() && state.place() == keys::INPUT {
        return edit_find(state, app, |find| find.push(c));
    }
    match &mut state.overlay {
        Some(Overlay::GoTo {
            input,
            selected,
            error,
        }) => {
            input.push(c);
            *selected = 0;
            *error = None;
        }
        Some(Overlay::FindDepartment { input, error }) => {
            input.push(c);
            *error = None;
        }
        Some(_) => {}
        None => {
            let mut buf = [0u8; 4];
            insert_text(state, app, c.encode_utf8(&mut buf));
        }
    }
}

/// Rows a movement action moves by, for the current list.
fn movement(state: &State, action: Action) -> Option<isize> {
    let page = (state.size.1 as isize - 6).max(1);
    Some(match action {
        Action::Down | Action::NextResult => 1,
        Action::Up | Action::PrevResult => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => page / 2,
        Action::HalfPageUp => -page / 2,
        Action::First => isize::MIN / 2,
        Action::Last => isize::MAX / 2,
        _ => return None,
    })
}

/// Carries out an action from the table.
fn act(state: &mut State, app: &App, entry: &Entry, key: Key) {
    if state.overlay.is_some()
        && !matches!(
            entry.action,
            Action::Back | Action::Forward | Action::Interrupt
        )
    {
        return overlay_action(state, app, entry.action);
    }
    if state.place() == keys::INPUT && find_line_action(state, app, entry.action) {
        return;
    }
    let view = state.view;
    match entry.action {
        Action::Interrupt | Action::Quit => state.quit = true,
        Action::Back => go_back(state),
        Action::Forward => go_forward(state),
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Search | Action::Edit => {
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
        Action::ShowView => {
            let n = entry.keys.iter().position(|k| *k == key).unwrap_or(0);
            state.view = View::ALL[n.min(View::ALL.len() - 1)];
        }
        Action::NextView => state.view = View::ALL[(view.index() + 1) % View::ALL.len()],
        Action::PrevView => {
            state.view = View::ALL[(view.index() + View::ALL.len() - 1) % View::ALL.len()]
        }
        Action::Copy => copy_clause(state, app),
        Action::Export => export_list(state, app),
        Action::Down
        | Action::Up
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::First
        | Action::Last
        | Action::NextResult
        | Action::PrevResult => {
            if let Some(delta) = movement(state, entry.action) {
                move_selection(state, app, delta);
            }
        }
        Action::Open => open(state, app),
        Action::Close if state.find_field().is_some() => edit_find(state, app, String::clear),
        Action::Close => {
            if state.query.is_empty() {
                state.typing = false;
            } else {
                state.query.clear();
                state.cursor = 0;
                query_changed(state, app);
            }
        }
        Action::Explain => explain(state, app),
        Action::ClearQuery => {
            state.query.clear();
            state.cursor = 0;
            query_changed(state, app);
        }
        Action::CursorLeft => state.cursor = state.cursor.saturating_sub(1),
        Action::CursorRight => state.cursor = (state.cursor + 1).min(state.query.chars().count()),
        Action::CursorHome => state.cursor = 0,
        Action::CursorEnd => state.cursor = state.query.chars().count(),
        Action::DeleteBack => {
            if state.cursor > 0 {
                let at = byte_index(&state.query, state.cursor - 1);
                state.query.remove(at);
                state.cursor -= 1;
                query_changed(state, app);
            }
        }
        Action::DeleteForward => {
            if state.cursor < state.query.chars().count() {
                let at = byte_index(&state.query, state.cursor);
                state.query.remove(at);
                query_changed(state, app);
            }
        }
        Action::ToDetail => to_detail(state, app),
        Action::ToList => match view {
            View::Document => state.doc.focus = Focus::List,
            View::Departments => state.depts.focus = Focus::List,
            _ => {}
        },
        Action::Fold => {
            if let Some(&OutlineRow::Plan(p)) = state.doc.rows.get(state.doc.selected) {
                toggle_plan(state, app, p);
            }
        }
        Action::NextHit => next_hit(state, app, 1),
        Action::PrevHit => next_hit(state, app, -1),
        Action::PickDepartment => open_picker(
            state,
            select::department_jumps(state, app),
            &t!("nav.pick.departments"),
        ),
        Action::PickTarget => open_picker(
            state,
            select::target_jumps(state, app),
            &t!("nav.pick.targets"),
        ),
        Action::Compare => {
            let mut clauses = vec![state.doc.clause];
            clauses.extend(
                policy_nav::compare::counterparts(&app.library, state.doc.clause)
                    .into_iter()
                    .map(|(c, _)| c),
            );
            if clauses.len() < 2 {
                state.status = Some(t!("nav.status.no_counterpart").into_owned());
            } else {
                state.overlay = Some(Overlay::Compare { clauses, scroll: 0 });
            }
        }
        Action::Find => match state.find_field_mut() {
            Some(find) => find.typing = true,
            None => {
                state.overlay = Some(Overlay::FindDepartment {
                    input: String::new(),
                    error: None,
                })
            }
        },
        Action::Sort => {
            let t = &mut state.targets;
            let next = (TargetColumn::ALL
                .iter()
                .position(|&c| c == t.sort)
                .unwrap_or(0)
                + 1)
                % TargetColumn::ALL.len();
            t.sort = TargetColumn::ALL[next];
        }
        Action::Reverse => state.targets.descending = !state.targets.descending,
        Action::PlanFilter => {
            let t = &mut state.targets;
            t.plan = match t.plan {
                None if !app.library.plans.is_empty() => Some(0),
                Some(p) if p + 1 < app.library.plans.len() => Some(p + 1),
                _ => None,
            };
            t.selected = 0;
        }
        Action::DeadlineFilter => {
            let all = select::deadlines(app);
            let t = &mut state.targets;
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
        Action::Milestones => {
            state.targets.milestones = !state.targets.milestones;
            state.targets.selected = 0;
        }
        Action::Chart => toggle_chart(state, app),
        Action::GroupByMetric => {
            state.targets.by_metric = !state.targets.by_metric;
            state.targets.selected = 0;
        }
        Action::NextChart => {
            select::prepare(state, app);
            let n = select::chart_count(state);
            state.targets.chart_group = (state.targets.chart_group + 1).min(n.saturating_sub(1));
        }
        Action::PrevChart => {
            state.targets.chart_group = state.targets.chart_group.saturating_sub(1);
        }
        Action::Complete | Action::ScrollPage => {}
    }
}

/// Table ⇄ chart. From a table grouped by metric, the chart opens on the
/// selected row's metric when a chart compares it.
fn toggle_chart(state: &mut State, app: &App) {
    let selected_key = (state.targets.by_metric && !state.targets.chart)
        .then(|| select::visible_targets(state, app))
        .and_then(|rows| rows.get(state.targets.selected).copied())
        .map(|r| app.library.targets[r].metric_key.clone());
    state.targets.chart = !state.targets.chart;
    state.targets.chart_group = 0;
    if let Some(key) = selected_key {
        select::prepare(state, app);
        if let Some(g) = select::chart_of_metric(state, app, &key) {
            state.targets.chart_group = g;
            select::prepare(state, app);
        }
    }
}

/// Enter in a view: open what is selected.
fn open(state: &mut State, app: &App) {
    match state.view {
        View::Search => {
            if let Some(c) = select::result_clause(state, app, state.search_selected) {
                let marks = select::query_marks(state, &app.library.clauses[c].text);
                state.open_clause(c, marks);
                expand_for(state, app, c);
            }
        }
        View::Document => to_detail(state, app),
        View::Departments if state.depts.focus == Focus::List => to_detail(state, app),
        View::Departments => {
            let departments = app.library.departments.departments();
            if let Some(dept) = departments.get(state.depts.selected) {
                if let Some((_, _, jump)) = select::duty_rows(app, dept)
                    .into_iter()
                    .nth(state.depts.duty)
                {
                    perform_jump(state, app, jump);
                }
            }
        }
        View::Targets => {
            let rows = select::visible_targets(state, app);
            if let Some(&r) = rows.get(state.targets.selected) {
                if let Some(jump) = select::target_jump(app, &app.library.targets[r]) {
                    perform_jump(state, app, jump);
                }
            }
        }
        View::Timeline => {
            let row = select::visible_timeline_rows(state, app)
                .get(state.timeline_selected)
                .copied();
            if let Some(TimelineRow::Target(t)) = row {
                if let Some(jump) = select::target_jump(app, &app.library.targets[t]) {
                    perform_jump(state, app, jump);
                }
            }
        }
    }
}

/// From the outline into the reader (a plan row folds), from the
/// department list into its duties.
fn to_detail(state: &mut State, app: &App) {
    match state.view {
        View::Document if state.doc.focus == Focus::List => {
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
        View::Departments if state.depts.focus == Focus::List => {
            state.depts.focus = Focus::Detail;
            state.depts.duty = 0;
        }
        _ => {}
    }
}

fn explain(state: &mut State, app: &App) {
    if let IndexState::Ready(index) = &state.index {
        let explanation = index.explain(state.query.trim(), 20, None, &app.library.expander());
        let text = serde_json::to_string_pretty(&explanation).unwrap_or_default();
        state.overlay = Some(Overlay::Text {
            title: t!("nav.explain.title", query = state.query.trim()).into_owned(),
            lines: text.lines().map(str::to_string).collect(),
            scroll: 0,
        });
    } else {
        state.status = Some(t!("nav.status.explain_needs_index").into_owned());
    }
}

/// An action while a pop-up is open.
fn overlay_action(state: &mut State, app: &App, action: Action) {
    let delta = movement(state, action);
    let Some(overlay) = state.overlay.as_mut() else {
        return;
    };
    match (overlay, action) {
        (_, Action::Close) => state.overlay = None,
        (Overlay::Help { .. }, Action::Help | Action::Quit | Action::Open) => state.overlay = None,
        (Overlay::Compare { .. } | Overlay::Text { .. } | Overlay::Pick { .. }, Action::Quit) => {
            state.overlay = None
        }
        (
            Overlay::Help { scroll }
            | Overlay::Compare { scroll, .. }
            | Overlay::Text { scroll, .. },
            _,
        ) => {
            let delta = if action == Action::ScrollPage {
                Some(10)
            } else {
                delta.map(|d| d.clamp(-10, 10))
            };
            if let Some(d) = delta {
                *scroll = scroll.saturating_add_signed(d);
            }
        }
        (Overlay::Pick { rows, selected, .. }, _) => match action {
            Action::Open => {
                let jump = rows[*selected].1.clone();
                perform_jump(state, app, jump);
            }
            _ => {
                if let Some(d) = delta {
                    *selected = step(*selected, d.signum(), rows.len());
                }
            }
        },
        (Overlay::FindDepartment { input, error }, _) => match action {
            Action::DeleteBack => {
                input.pop();
                *error = None;
            }
            Action::Open => find_department(state, app),
            _ => {}
        },
        (
            Overlay::GoTo {
                input,
                selected,
                error,
            },
            _,
        ) => match action {
            Action::DeleteBack => {
                input.pop();
                *selected = 0;
                *error = None;
            }
            Action::Down => *selected = selected.saturating_add(1),
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Complete => {
                let completions = select::completions(app, input);
                if let Some(first) = completions.get(*selected).or(completions.first()) {
                    *input = first.clone();
                }
            }
            Action::Open => go_to(state, app),
            _ => {}
        },
    }
}

/// A key while the find line has the keyboard: Enter keeps the words and
/// gives the keys back to the list, Esc clears them, Backspace deletes the
/// last character. False for the keys the list takes (moving the selection).
fn find_line_action(state: &mut State, app: &App, action: Action) -> bool {
    match action {
        Action::Open => {
            if let Some(find) = state.find_field_mut() {
                find.typing = false;
            }
        }
        Action::Close => {
            edit_find(state, app, String::clear);
            if let Some(find) = state.find_field_mut() {
                find.typing = false;
            }
        }
        Action::DeleteBack => edit_find(state, app, |find| {
            find.pop();
        }),
        _ => return false,
    }
    true
}

/// Changes the words of the current view's find line; the selection stays
/// on its row when that row is still shown, else goes to the first.
fn edit_find(state: &mut State, app: &App, edit: impl FnOnce(&mut String)) {
    let target_before = select::selected_target(state, app);
    let timeline_before = select::visible_timeline_rows(state, app)
        .get(state.timeline_selected)
        .copied();
    let Some(find) = state.find_field_mut() else {
        return;
    };
    edit(&mut find.text);
    match state.view {
        View::Targets => {
            let rows = select::visible_targets(state, app);
            state.targets.selected = target_before
                .and_then(|b| rows.iter().position(|&r| r == b))
                .unwrap_or(0);
        }
        _ => {
            let rows = select::visible_timeline_rows(state, app);
            state.timeline_selected = timeline_before
                .and_then(|b| rows.iter().position(|&r| r == b))
                .unwrap_or(0);
        }
    }
}

/// Enter in the find-department pop-up.
fn find_department(state: &mut State, app: &App) {
    let Some(Overlay::FindDepartment { input, error }) = &mut state.overlay else {
        return;
    };
    let typed = input.trim().to_string();
    let departments = app.library.departments.departments();
    // Name, alias or pinyin first; else the first name containing the text.
    let looked_up = app.library.lookup_department(&typed);
    let found = match &looked_up {
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
            let mut message = t!("nav.find_department.none", name = typed).into_owned();
            let nearest = looked_up.err().unwrap_or_default();
            let (key, list) = if nearest.is_empty() {
                (
                    "nav.find_department.examples",
                    app.library.example_department_names(),
                )
            } else {
                ("address.nearest", nearest)
            };
            if !list.is_empty() {
                message = format!("{message} {}", t!(key, list = list.join(", ")));
            }
            *error = Some(message);
        }
    }
}

/// Enter in the go-to pop-up.
fn go_to(state: &mut State, app: &App) {
    let Some(Overlay::GoTo {
        input,
        selected,
        error,
    }) = &mut state.overlay
    else {
        return;
    };
    let completions = select::completions(app, input);
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
                .map(|p| select::paragraph_range(app, resolved.clause, p))
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

/// Asks the event loop to write the current view's list to a new CSV file
/// in the working directory (never overwriting one); it answers with
/// [`Msg::Exported`].
fn export_list(state: &mut State, app: &App) {
    use policy_nav::export;
    let library = &app.library;
    let table = match state.view {
        View::Search => {
            let hits = match &state.index {
                IndexState::Ready(index) if !state.query.trim().is_empty() => {
                    index.search(state.query.trim(), RESULT_LIMIT, None, &library.expander())
                }
                _ => {
                    state.status = Some(t!("nav.status.nothing_to_export").into_owned());
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
            let rows: Vec<_> = select::visible_targets(state, app)
                .into_iter()
                .map(|i| library.targets[i].clone())
                .collect();
            export::targets_table(library, &rows)
        }
        View::Timeline => {
            // What the find line keeps, like the rows on screen.
            let targets: Vec<_> = select::visible_timeline_rows(state, app)
                .into_iter()
                .filter_map(|row| match row {
                    TimelineRow::Target(t) => Some(library.targets[t].clone()),
                    TimelineRow::Deadline(_) => None,
                })
                .collect();
            let groups = policy_nav::timeline::timeline(&targets, false);
            export::timeline_table(library, &targets, &groups)
        }
        View::Document => {
            let copy = state.keys.key(Action::Copy).label(false);
            state.status = Some(t!("nav.status.document_export", key = copy).into_owned());
            return;
        }
    };
    let stem = format!("policy-nav-{}", state.view.label());
    state.effects.push(Effect::Export { table, stem });
}

fn go_back(state: &mut State) {
    if let Some(previous) = state.back.pop() {
        state.forward.push(state.snapshot());
        state.restore(previous);
    } else {
        state.status = Some(t!("nav.status.history_start").into_owned());
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
        View::Search => select::result_clause(state, app, state.search_selected),
        _ => None,
    }
}

fn copy_clause(state: &mut State, app: &App) {
    let Some(c) = current_clause(state, app) else {
        return;
    };
    let clause = &app.library.clauses[c];
    let text = format!("{}\n{}", app.library.citation(clause), clause.text);
    state.effects.push(Effect::Copy(text));
    state.status = Some(t!("nav.status.copied", address = clause.id).into_owned());
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

/// Recomputes the result list for the current query: through the index
/// when it is ready, else by the library's scan (same query language and
/// recall, document order) so typing never waits for the index.
pub fn refresh_results(state: &mut State, app: &App) {
    let query = state.query.trim();
    if query.is_empty() {
        state.results.clear();
        return;
    }
    let library = &app.library;
    // The selection stays on its clause when the list changes under it
    // (the index became ready, the corpus was reloaded).
    let selected = state.results.get(state.search_selected).map(|r| r.clause);
    let hits = match &state.index {
        IndexState::Ready(index) => index.search(query, RESULT_LIMIT, None, &library.expander()),
        IndexState::Building | IndexState::Failed(_) => library.scan(query, RESULT_LIMIT),
    };
    state.results = hits
        .into_iter()
        .filter_map(|hit| {
            Some(SearchRow {
                clause: library.clause_index(&hit.address)?,
                snippet: hit.snippet,
                highlights: hit.highlights.iter().map(|h| (h[0], h[1])).collect(),
            })
        })
        .collect();
    state.search_selected = selected
        .and_then(|c| state.results.iter().position(|r| r.clause == c))
        .unwrap_or(state.search_selected)
        .min(state.results.len().saturating_sub(1));
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
            let len = select::result_count(state, app);
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
                let total = select::reader_line_count(state, app);
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
                        .map_or(0, |d| select::duty_rows(app, d).len());
                    state.depts.duty = step(state.depts.duty, delta, len);
                }
            }
        }
        View::Targets => {
            let len = select::visible_targets(state, app).len();
            state.targets.selected = step(state.targets.selected, delta, len);
        }
        View::Timeline => {
            let len = select::visible_timeline_rows(state, app).len();
            state.timeline_selected = step(state.timeline_selected, delta, len);
        }
    }
    true
}

fn expand_for(state: &mut State, app: &App, clause: usize) {
    if let Some(p) = app.library.clauses[clause].plan {
        if state.doc.collapsed.remove(&p) {
            state.rebuild_outline(app);
        }
    }
    state.select_outline_clause(clause);
}

fn open_picker(state: &mut State, rows: Vec<(String, Jump)>, title: &str) {
    if rows.is_empty() {
        state.status = Some(t!("nav.status.none", title = title).into_owned());
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
    let hits = select::mark_lines(state, app);
    if hits.is_empty() {
        state.status = Some(t!("nav.status.no_hits").into_owned());
        return;
    }
    let n = hits.len() as isize;
    state.doc.hit = ((state.doc.hit as isize + delta).rem_euclid(n)) as usize;
    state.doc.scroll = hits[state.doc.hit].saturating_sub(2);
    state.status =
        Some(t!("nav.status.hit", at = state.doc.hit + 1, count = hits.len()).into_owned());
}

/// Carries out a jump from a result, duty, target or picker row.
pub fn perform_jump(state: &mut State, app: &App, jump: Jump) {
    match jump {
        Jump::Clause { clause, marks } => {
            state.open_clause(clause, marks);
            expand_for(state, app, clause);
            // Bring the first highlighted span into view.
            if let Some(&line) = select::mark_lines(state, app).first() {
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

/// After the event loop swapped in a reloaded library (`state` already
/// carried over from `old`): says on the status line which documents were
/// added, changed and removed, and which selected clause is gone.
pub fn corpus_reloaded(state: &mut State, old: &App, new: &App, lost: Option<String>) {
    use std::collections::HashMap;
    let fingerprint = |app: &App| -> HashMap<String, u64> {
        use std::hash::{Hash, Hasher};
        let library = &app.library;
        library
            .documents
            .iter()
            .map(|doc| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                for &c in &doc.clauses {
                    library.clauses[c].id.hash(&mut h);
                    library.clauses[c].text.hash(&mut h);
                }
                (doc.path.clone(), h.finish())
            })
            .collect()
    };
    let (before, after) = (fingerprint(old), fingerprint(new));
    let added = after.keys().filter(|p| !before.contains_key(*p)).count();
    let removed = before.keys().filter(|p| !after.contains_key(*p)).count();
    let changed = after
        .iter()
        .filter(|(p, h)| before.get(*p).is_some_and(|b| b != *h))
        .count();
    let mut status = t!(
        "nav.status.reloaded",
        added = added,
        changed = changed,
        removed = removed,
        total = new.library.documents.len()
    )
    .into_owned();
    if let Some(address) = lost {
        status.push_str(&t!("nav.status.selection_gone", address = address));
    }
    state.status = Some(policy_nav::text::escape_for_terminal(&status).into_owned());
    select::prepare(state, new);
    refresh_results(state, new);
}
