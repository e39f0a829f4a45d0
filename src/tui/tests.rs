//! Interface tests without a terminal: key sequences through `update`, and
//! whole-screen snapshots of `render` on a `TestBackend`.

use std::sync::{Arc, OnceLock};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

use policy_nav::search::SearchIndex;
use policy_nav::Library;

use super::msg::Msg;
use super::state::{App, State, View};
use super::theme::Theme;
use super::update::update;
use super::views;

fn app() -> App {
    static LIBRARY: OnceLock<Arc<Library>> = OnceLock::new();
    let library = LIBRARY.get_or_init(|| {
        Arc::new(Library::from_texts(&[(
            "jiangsu-2024-1057",
            include_str!("../../corpus/jiangsu-2024-1057.txt"),
        )]))
    });
    App::new(library.clone())
}

const MONO: Theme = Theme {
    color: false,
    ascii: false,
};

/// A state with the search index ready (built once, in memory).
fn ready_state(app: &App, size: (u16, u16)) -> State {
    static INDEX: OnceLock<Arc<SearchIndex>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        Arc::new(SearchIndex::build_in_ram(&app.library.indexable_clauses()).unwrap())
    });
    let mut state = State::new(app, size, MONO);
    update(&mut state, app, Msg::IndexReady(Ok(index.clone()), None, 0));
    state
}

fn key(state: &mut State, app: &App, code: KeyCode) {
    update(
        state,
        app,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
    );
}

fn typed(state: &mut State, app: &App, text: &str) {
    for c in text.chars() {
        key(state, app, KeyCode::Char(c));
    }
}

fn screen(state: &State, app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    terminal.draw(|f| views::render(state, app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn every_view_renders_at_every_size_without_panicking() {
    let app = app();
    for view in View::ALL {
        for w in [1u16, 2, 5, 10, 20, 40, 79, 80, 120, 200] {
            for h in [1u16, 2, 3, 5, 10, 24, 40] {
                let mut state = State::new(&app, (w, h), MONO);
                state.view = view;
                screen(&state, &app);
                key(&mut state, &app, KeyCode::Char('?'));
                screen(&state, &app);
            }
        }
    }
}

#[test]
fn esc_never_quits_or_loses_the_place() {
    let app = app();
    let mut state = State::new(&app, (80, 24), MONO);
    for view in View::ALL {
        state.view = view;
        for _ in 0..3 {
            key(&mut state, &app, KeyCode::Esc);
        }
        assert!(!state.quit);
        assert_eq!(state.view, view);
    }
}

#[test]
fn document_view_walks_the_outline_and_goes_back() {
    let app = app();
    let mut state = State::new(&app, (80, 24), MONO);
    key(&mut state, &app, KeyCode::Tab);
    assert_eq!(state.view, View::Document);
    // 通知, the plan row, 序, 一, 二, then the first item.
    for _ in 0..5 {
        key(&mut state, &app, KeyCode::Char('j'));
    }
    let clause = state.doc.clause;
    assert_eq!(app.library.clauses[clause].id, "钢铁:二(一)");
    let text = screen(&state, &app);
    assert!(text.contains("完善产能调控和产量管理"), "{text}");

    // Go to an address, then come back to exactly where we were.
    key(&mut state, &app, KeyCode::Char(':'));
    typed(&mut state, &app, "steel:2.5");
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(app.library.clauses[state.doc.clause].id, "钢铁:二(五)");
    key(&mut state, &app, KeyCode::Backspace);
    assert_eq!(state.doc.clause, clause);
    assert_eq!(state.view, View::Document);
    update(
        &mut state,
        &app,
        Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT)),
    );
    assert_eq!(app.library.clauses[state.doc.clause].id, "钢铁:二(五)");
}

#[test]
fn query_enter_reader_and_back_restore_the_selection() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    typed(&mut state, &app, "阶梯电价");
    assert!(state.results.len() >= 5, "{}", state.results.len());
    key(&mut state, &app, KeyCode::Down);
    key(&mut state, &app, KeyCode::Down);
    let chosen = state.results[2].clause;
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(state.view, View::Document);
    assert_eq!(state.doc.clause, chosen);
    let text = screen(&state, &app);
    assert!(text.contains(&app.library.clauses[chosen].id), "{text}");
    assert!(
        !state.doc.marks.is_empty(),
        "the hits are highlighted in the reader"
    );
    key(&mut state, &app, KeyCode::Char('n'));
    assert!(
        state.status.as_deref().unwrap_or("").starts_with("匹配 2/"),
        "{:?}",
        state.status
    );
    key(&mut state, &app, KeyCode::Backspace);
    assert_eq!(state.view, View::Search);
    assert_eq!(state.search_selected, 2);
    assert_eq!(state.query, "阶梯电价");
}

#[test]
fn typing_digits_and_q_goes_into_the_query() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    typed(&mut state, &app, "2025q");
    assert_eq!(state.query, "2025q");
    assert!(!state.quit);
    assert_eq!(state.view, View::Search);
    key(&mut state, &app, KeyCode::Esc);
    assert_eq!(state.query, "", "Esc clears the query");
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Char('3'));
    assert_eq!(
        state.view,
        View::Departments,
        "with the query line left, digits switch views"
    );
    update(&mut state, &app, Msg::Paste("余热\n发电\u{1b}[31m".into()));
    assert_eq!(state.view, View::Search);
    assert_eq!(
        state.query, "余热 发电[31m",
        "pasted control characters are dropped"
    );
}

#[test]
fn help_opens_from_the_query_line_with_the_key_its_top_bar_names() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    assert_eq!(state.view_place(), crate::keys::TYPING);
    let top = |state: &State| screen(state, &app).lines().next().unwrap().to_string();
    // In the query line `?` is text: the top bar names F1 there.
    assert!(top(&state).ends_with("F1 帮助"), "{}", top(&state));
    typed(&mut state, &app, "?");
    assert_eq!(state.query, "?");
    assert!(state.overlay.is_none());
    key(&mut state, &app, KeyCode::F(1));
    assert!(
        matches!(state.overlay, Some(super::state::Overlay::Help { .. })),
        "F1 opens the help while typing"
    );
    assert_eq!(state.query, "?", "and the query is kept");
    key(&mut state, &app, KeyCode::Esc);
    assert!(state.overlay.is_none());
    // Out of the query line, `?` is the help key again.
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Esc);
    assert_eq!(state.view_place(), crate::keys::SEARCH);
    assert!(top(&state).ends_with("? 帮助"), "{}", top(&state));
    typed(&mut state, &app, "?");
    assert!(matches!(
        state.overlay,
        Some(super::state::Overlay::Help { .. })
    ));
}

#[test]
fn department_duty_jumps_to_its_clause() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Tab);
    key(&mut state, &app, KeyCode::Tab);
    assert_eq!(state.view, View::Departments);
    let ndrc = app
        .library
        .departments
        .departments()
        .iter()
        .position(|d| d.name == "国家发展改革委")
        .unwrap();
    for _ in 0..ndrc {
        key(&mut state, &app, KeyCode::Char('j'));
    }
    key(&mut state, &app, KeyCode::Enter);
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(state.view, View::Document);
    let clause = &app.library.clauses[state.doc.clause];
    assert_eq!(clause.id, "钢铁:二(一)", "the first lead duty");
    assert!(!state.doc.marks.is_empty());
    key(&mut state, &app, KeyCode::Char('d'));
    assert!(matches!(
        state.overlay,
        Some(super::state::Overlay::Pick { .. })
    ));
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(state.view, View::Departments);
}

#[test]
fn targets_view_sorts_filters_and_jumps_with_the_span_highlighted() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    state.view = View::Targets;
    let all = super::select::visible_targets(&state, &app).len();
    key(&mut state, &app, KeyCode::Char('m'));
    assert!(
        super::select::visible_targets(&state, &app).len() > all,
        "milestones appear"
    );
    key(&mut state, &app, KeyCode::Char('m'));
    key(&mut state, &app, KeyCode::Char('p'));
    let rows = super::select::visible_targets(&state, &app);
    assert!(rows.iter().all(|&r| app.library.targets[r].plan == "钢铁"));
    key(&mut state, &app, KeyCode::Char('s'));
    let rows = super::select::visible_targets(&state, &app);
    let metrics: Vec<&str> = rows
        .iter()
        .map(|&r| app.library.targets[r].metric.as_str())
        .collect();
    let mut sorted = metrics.clone();
    sorted.sort();
    assert_eq!(metrics, sorted);
    key(&mut state, &app, KeyCode::Enter);
    let target = &app.library.targets[rows[0]];
    assert_eq!(state.view, View::Document);
    assert_eq!(app.library.clauses[state.doc.clause].id, target.address);
    assert_eq!(state.doc.marks, vec![(target.span[0], target.span[1])]);
}

/// A ready state with the go-to overlay open and `address` typed.
fn goto_state(app: &App, size: (u16, u16), address: &str) -> State {
    let mut state = ready_state(app, size);
    key(&mut state, app, KeyCode::Esc);
    key(&mut state, app, KeyCode::Char(':'));
    typed(&mut state, app, address);
    state
}

/// 钢铁:三(一) beside its counterparts in the other plans.
fn compare_state(app: &App, size: (u16, u16)) -> State {
    let mut state = goto_state(app, size, "钢铁:三(一)");
    key(&mut state, app, KeyCode::Enter);
    key(&mut state, app, KeyCode::Char('c'));
    state
}

fn snapshot_states(app: &App, size: (u16, u16)) -> Vec<(&'static str, State)> {
    let mut search = ready_state(app, size);
    typed(&mut search, app, "余热发电");
    let mut document = goto_state(app, size, "钢铁:二(五)");
    key(&mut document, app, KeyCode::Enter);
    let mut departments = ready_state(app, size);
    departments.view = View::Departments;
    departments.depts.selected = app
        .library
        .departments
        .departments()
        .iter()
        .position(|d| d.name == "国家发展改革委")
        .unwrap();
    let mut targets = ready_state(app, size);
    targets.view = View::Targets;
    // A selection part-way down, and the rows found by typing.
    let mut targets_selected = ready_state(app, size);
    key(&mut targets_selected, app, KeyCode::Esc);
    typed(&mut targets_selected, app, "4jjjjjjj");
    let mut targets_find = ready_state(app, size);
    key(&mut targets_find, app, KeyCode::Esc);
    typed(&mut targets_find, app, "4f清洁运输");
    key(&mut targets_find, app, KeyCode::Down);
    let mut timeline_find = ready_state(app, size);
    key(&mut timeline_find, app, KeyCode::Esc);
    typed(&mut timeline_find, app, "5fqjys");
    key(&mut timeline_find, app, KeyCode::Enter);
    let mut help = ready_state(app, size);
    key(&mut help, app, KeyCode::Esc);
    key(&mut help, app, KeyCode::Char('?'));
    let goto = goto_state(app, size, "水泥:二");
    let mut timeline = ready_state(app, size);
    key(&mut timeline, app, KeyCode::Esc);
    key(&mut timeline, app, KeyCode::Char('5'));
    let compare = compare_state(app, size);
    vec![
        ("timeline", timeline),
        ("compare", compare),
        ("search", search),
        ("document", document),
        ("departments", departments),
        ("targets", targets),
        ("targets_selected", targets_selected),
        ("targets_find", targets_find),
        ("timeline_find", timeline_find),
        ("help", help),
        ("goto", goto),
    ]
}

#[test]
fn snapshots_of_every_view_at_80x24_and_120x40() {
    let app = app();
    for size in [(80u16, 24u16), (120, 40)] {
        for (name, state) in snapshot_states(&app, size) {
            insta::assert_snapshot!(
                format!("{name}_{}x{}", size.0, size.1),
                screen(&state, &app)
            );
        }
    }
}

#[test]
fn no_color_still_marks_the_selection_with_a_symbol() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    typed(&mut state, &app, "阶梯电价");
    let text = screen(&state, &app);
    assert!(text.lines().any(|l| l.starts_with("► ")), "{text}");
    state.theme = Theme {
        color: false,
        ascii: true,
    };
    let text = screen(&state, &app);
    assert!(text.lines().any(|l| l.starts_with("> ")), "{text}");
    // Interface glyphs are never of ambiguous width; corpus text may be.
    let corpus: String = app
        .library
        .clauses
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    let ambiguous: Vec<char> = text
        .chars()
        .filter(|&c| {
            !c.is_ascii()
                && unicode_width::UnicodeWidthChar::width(c)
                    != unicode_width::UnicodeWidthChar::width_cjk(c)
        })
        .filter(|&c| !corpus.contains(c))
        .collect();
    assert!(ambiguous.is_empty(), "{ambiguous:?}");
}

#[test]
fn keys_that_change_nothing_ask_for_no_redraw() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Esc);
    state.view = View::Departments;
    let press = |state: &mut State, code| {
        update(
            state,
            &app,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        )
    };
    assert!(!press(&mut state, KeyCode::Up), "already at the top");
    assert!(!press(&mut state, KeyCode::Char('z')), "an unbound key");
    assert!(press(&mut state, KeyCode::Down));
    assert!(!press(&mut state, KeyCode::Esc), "Esc with nothing open");
}

/// A key whose effect shows on screen must ask for a redraw: the redraw
/// decision compares a fingerprint of the state, and a field left out of
/// it (the timeline's selection once was) makes keys seem dead.
#[test]
fn every_key_that_changes_the_screen_asks_for_a_redraw() {
    let app = app();
    let keys = [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Up,
        KeyCode::End,
        KeyCode::Home,
        KeyCode::Right,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('s'),
        KeyCode::Char('m'),
        KeyCode::Char('p'),
        KeyCode::Char('z'),
        KeyCode::Char('c'),
        KeyCode::Char('h'),
    ];
    for view in View::ALL {
        let mut state = ready_state(&app, (80, 24));
        typed(&mut state, &app, "节能");
        key(&mut state, &app, KeyCode::Tab);
        state.view = view;
        super::select::prepare(&mut state, &app);
        for code in keys {
            let before = screen(&state, &app);
            let redraw = update(
                &mut state,
                &app,
                Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            );
            let after = screen(&state, &app);
            assert!(
                redraw || before == after,
                "{view:?}: {code:?} changed the screen without asking for a redraw\n{after}"
            );
        }
    }
}

#[test]
fn configured_keys_replace_the_defaults() {
    use crate::keys::{Action, Key, KeyCode as K};
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    state.keys.set(Action::Quit, Key::char('Q'));
    state.keys.set(Action::Help, Key::plain(K::F(1)));
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Char('q'));
    assert!(!state.quit, "q is no longer quit");
    key(&mut state, &app, KeyCode::F(1));
    assert!(matches!(
        state.overlay,
        Some(super::state::Overlay::Help { .. })
    ));
    assert!(
        screen(&state, &app).contains("F1"),
        "help lists the configured key"
    );
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Char('Q'));
    assert!(state.quit);
}

#[test]
fn targets_chart_compares_a_shared_metric_across_plans() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    state.view = View::Targets;
    key(&mut state, &app, KeyCode::Char('c'));
    assert!(state.targets.chart);
    let count = super::select::chart_count(&state);
    assert!(count >= 2, "{count}");
    let (at, shown) = super::select::shown_chart(&state).unwrap();
    assert_eq!(at, 0);
    let text = screen(&state, &app);
    for bar in &shown.bars {
        assert!(
            text.contains(bar.plan.as_str()),
            "{} missing:\n{text}",
            bar.plan
        );
    }
    assert!(text.contains('#'), "bars drawn in ASCII:\n{text}");
    key(&mut state, &app, KeyCode::Char(']'));
    assert_eq!(state.targets.chart_group, 1);
    insta::assert_snapshot!("targets_chart_80x24", screen(&state, &app));
}

#[test]
fn compare_timeline_explain_and_export() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Char(':'));
    typed(&mut state, &app, "钢铁:三(一)");
    key(&mut state, &app, KeyCode::Enter);
    key(&mut state, &app, KeyCode::Char('c'));
    let Some(super::state::Overlay::Compare { clauses, .. }) = &state.overlay else {
        panic!("no compare overlay: {:?}", state.status);
    };
    let ids: Vec<&str> = clauses
        .iter()
        .map(|&c| app.library.clauses[c].id.as_str())
        .collect();
    assert_eq!(ids[0], "钢铁:三(一)");
    assert!(ids.contains(&"水泥:三(一)"), "{ids:?}");
    assert!(screen(&state, &app).contains("水泥:三(一)"));
    key(&mut state, &app, KeyCode::Esc);
    assert!(state.overlay.is_none());

    key(&mut state, &app, KeyCode::Char('5'));
    assert_eq!(state.view, View::Timeline);
    let text = screen(&state, &app);
    assert!(text.contains("2024—2025年"), "{text}");
    key(&mut state, &app, KeyCode::Char('j'));
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(state.view, View::Document, "a target row opens its clause");
    assert!(!state.doc.marks.is_empty());

    let mut search = ready_state(&app, (80, 24));
    typed(&mut search, &app, "发改委 阶梯电价");
    key(&mut search, &app, KeyCode::Esc);
    assert_eq!(search.query, "", "Esc cleared the query");
    typed(&mut search, &app, "");
    let mut search = ready_state(&app, (80, 24));
    typed(&mut search, &app, "阶梯电价");
    search.typing = false;
    key(&mut search, &app, KeyCode::Char('x'));
    assert!(matches!(
        search.overlay,
        Some(super::state::Overlay::Text { .. })
    ));
    assert!(screen(&search, &app).contains("阶梯电价"));
}

#[test]
fn departments_are_found_by_pinyin_in_the_departments_view() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Char('3'));
    for query in ["fgw", "fagaiwei", "工信部", "商务"] {
        key(&mut state, &app, KeyCode::Char('f'));
        typed(&mut state, &app, query);
        key(&mut state, &app, KeyCode::Enter);
        assert!(state.overlay.is_none(), "{query}: {:?}", state.overlay);
        let name = &app.library.departments.departments()[state.depts.selected].name;
        let expected = match query {
            "fgw" | "fagaiwei" => "国家发展改革委",
            "工信部" => "工业和信息化部",
            _ => "商务部",
        };
        assert_eq!(name, expected, "{query}");
    }
    key(&mut state, &app, KeyCode::Char('f'));
    typed(&mut state, &app, "zzzz");
    key(&mut state, &app, KeyCode::Enter);
    // The error shows how to name a department of these documents, and
    // each way it shows finds one.
    let examples = app.library.example_department_names();
    assert_eq!(examples.len(), 2, "a name and its initials: {examples:?}");
    match &state.overlay {
        Some(super::state::Overlay::FindDepartment {
            error: Some(error), ..
        }) => assert!(error.contains(&examples.join(", ")), "{error}"),
        other => panic!("{other:?}"),
    }
    for example in &examples {
        key(&mut state, &app, KeyCode::Esc);
        key(&mut state, &app, KeyCode::Char('f'));
        typed(&mut state, &app, example);
        key(&mut state, &app, KeyCode::Enter);
        assert!(state.overlay.is_none(), "{example}: {:?}", state.overlay);
    }
}

/// `/` is the search key in every view, the search view's query line
/// included: there it keeps the query line focused and is never typed.
#[test]
fn slash_focuses_the_query_line_and_is_never_typed_into_it() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Char('/'));
    typed(&mut state, &app, "阶梯电价");
    assert_eq!(state.query, "阶梯电价");
    assert!(state.results.len() >= 5, "{}", state.results.len());
    key(&mut state, &app, KeyCode::Char('/'));
    assert_eq!(state.query, "阶梯电价", "a second / types nothing");
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Esc);
    key(&mut state, &app, KeyCode::Char('4'));
    key(&mut state, &app, KeyCode::Char('/'));
    assert_eq!(state.view, View::Search);
    assert!(state.typing);
    typed(&mut state, &app, "余热");
    assert_eq!(state.query, "余热");
}

/// Everything the help shows, scrolled from top to bottom.
fn whole_help(state: &mut State, app: &App) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for _ in 0..100 {
        for line in screen(state, app).lines() {
            if !lines.iter().any(|l| l == line) {
                lines.push(line.to_string());
            }
        }
        key(state, app, KeyCode::Char('j'));
    }
    lines
}

/// The help lists every key of the action table (it once listed `1 2 3 4`
/// for the views and left out 5, e, x, c, f, s, p, D and m).
#[test]
fn the_help_lists_every_key_of_the_table() {
    let app = app();
    for size in [(80u16, 24u16), (120, 40)] {
        let mut state = ready_state(&app, size);
        key(&mut state, &app, KeyCode::Esc);
        key(&mut state, &app, KeyCode::Char('?'));
        let help = whole_help(&mut state, &app);
        for row in crate::keys::help_rows(&state.keys) {
            let keys = crate::keys::keys_text(&row.keys, false);
            let text = t!(row.help);
            let start: String = text.chars().take(4).collect();
            assert!(
                help.iter().any(|l| l.contains(&keys)) && help.iter().any(|l| l.contains(&start)),
                "{keys} {text} missing from the help:\n{}",
                help.join("\n")
            );
        }
        // The keys column: keys separated by one space, then padding.
        let listed = |k: &str| {
            help.iter().any(|l| {
                let column = l
                    .trim_start_matches([' ', '|'])
                    .split("  ")
                    .next()
                    .unwrap_or("");
                column.split(' ').any(|token| token == k)
            })
        };
        for k in ["5", "e", "x", "c", "f", "s", "p", "D", "m"] {
            assert!(listed(k), "{k} missing from the help:\n{}", help.join("\n"));
        }
    }
}

/// One state per overlay.
fn overlay_states(app: &App, size: (u16, u16)) -> Vec<(&'static str, State)> {
    let mut help = ready_state(app, size);
    key(&mut help, app, KeyCode::Esc);
    key(&mut help, app, KeyCode::Char('?'));
    let goto = goto_state(app, size, "水泥:二");
    let mut pick = goto_state(app, size, "钢铁:二(一)");
    key(&mut pick, app, KeyCode::Enter);
    key(&mut pick, app, KeyCode::Char('d'));
    let compare = compare_state(app, size);
    let mut explain = ready_state(app, size);
    typed(&mut explain, app, "阶梯电价");
    explain.typing = false;
    key(&mut explain, app, KeyCode::Char('x'));
    let mut find = ready_state(app, size);
    key(&mut find, app, KeyCode::Esc);
    key(&mut find, app, KeyCode::Char('3'));
    key(&mut find, app, KeyCode::Char('f'));
    typed(&mut find, app, "fgw");
    let states = vec![
        ("help", help),
        ("goto", goto),
        ("pick", pick),
        ("compare", compare),
        ("explain", explain),
        ("find", find),
    ];
    for (name, state) in &states {
        assert!(state.overlay.is_some(), "{name}: {:?}", state.status);
    }
    states
}

/// Every overlay clears the area it covers and has a frame, at every size
/// and with --ascii: nothing of the view behind shows beside it (at 120×40
/// the help once showed `输入关键词开始搜` and `铁` beside it, unframed).
#[test]
fn every_overlay_has_a_frame_and_cuts_no_character_behind_it() {
    let app = app();
    for size in [
        (24u16, 10u16),
        (40, 12),
        (80, 24),
        (100, 30),
        (120, 40),
        (200, 50),
    ] {
        for (name, mut state) in overlay_states(&app, size) {
            for ascii in [false, true] {
                state.theme = Theme {
                    color: false,
                    ascii,
                };
                let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
                terminal.draw(|f| views::render(&state, &app, f)).unwrap();
                let buffer = terminal.backend().buffer().clone();
                let at = |x: u16, y: u16| buffer[(x, y)].symbol().to_string();
                let (w, h) = size;
                let top = (0..h).find_map(|y| {
                    (0..w.saturating_sub(1))
                        .find(|&x| at(x, y) == "+" && at(x + 1, y) == "-")
                        .map(|x| (x, y))
                });
                let text = screen(&state, &app);
                let Some((left, top)) = top else {
                    panic!("{name} {size:?}: no frame\n{text}");
                };
                let right = (left + 1..w)
                    .find(|&x| at(x, top) == "+")
                    .unwrap_or_else(|| panic!("{name} {size:?}: no top-right corner\n{text}"));
                let bottom = (top + 1..h)
                    .find(|&y| at(left, y) == "+")
                    .unwrap_or_else(|| panic!("{name} {size:?}: no bottom\n{text}"));
                assert_eq!(at(right, bottom), "+", "{name} {size:?}\n{text}");
                for y in top..=bottom {
                    for x in [left, right] {
                        assert!(
                            matches!(at(x, y).as_str(), "+" | "|"),
                            "{name} {size:?} ({x},{y})\n{text}"
                        );
                    }
                    let beside: String = (0..left).chain(right + 1..w).map(|x| at(x, y)).collect();
                    assert!(
                        beside.trim().is_empty(),
                        "{name} {size:?}: {beside:?} shows beside the frame\n{text}"
                    );
                }
            }
        }
    }
}

/// While the index opens, results come from the library's scan, which reads
/// the query as the index does: `-word` excludes, `plan:` filters.
#[test]
fn results_before_the_index_is_ready_honour_exclusions_and_plans() {
    let app = app();
    let mut state = State::new(&app, (80, 24), MONO);
    assert!(matches!(state.index, super::state::IndexState::Building));
    let plan_of = |state: &State| -> Vec<String> {
        state
            .results
            .iter()
            .map(|r| {
                let c = &app.library.clauses[r.clause];
                c.plan
                    .map(|p| app.library.plans[p].address_name.clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    typed(&mut state, &app, "节能");
    let all = plan_of(&state);
    assert!(all.iter().any(|p| p == "钢铁") && all.iter().any(|p| p != "钢铁"));
    typed(&mut state, &app, " -钢铁");
    let without = plan_of(&state);
    assert!(!without.is_empty());
    assert!(
        state
            .results
            .iter()
            .all(|r| !app.library.clauses[r.clause].text.contains("钢铁")),
        "-钢铁 excludes clauses that say 钢铁"
    );
    state.query.clear();
    typed(&mut state, &app, "plan:水泥 节能");
    let only = plan_of(&state);
    assert!(
        !only.is_empty() && only.iter().all(|p| p == "水泥"),
        "{only:?}"
    );
}

/// The deadline picker offers deadlines in time order (2024—2025年 before
/// 2025年 before 2025年底), and the deadline column sorts the same way.
#[test]
fn deadlines_are_picked_and_sorted_in_time_order() {
    let app = app();
    let deadlines = super::select::deadlines(&app);
    let position = |d: &str| deadlines.iter().position(|x| x == d);
    let (Some(range), Some(year), Some(end)) = (
        position("2024—2025年"),
        position("2025年"),
        position("2025年底"),
    ) else {
        panic!("the corpus has these deadlines: {deadlines:?}");
    };
    assert!(range < year && year < end, "{deadlines:?}");
    let mut state = ready_state(&app, (80, 24));
    state.view = View::Targets;
    state.targets.sort = super::state::TargetColumn::Deadline;
    let shown: Vec<String> = super::select::visible_targets(&state, &app)
        .into_iter()
        .filter_map(|r| app.library.targets[r].deadline.clone())
        .collect();
    let mut sorted = shown.clone();
    sorted.sort_by(|a, b| policy_nav::timeline::compare_deadlines(a, b));
    assert_eq!(shown, sorted);
}

/// A library of the bundled corpus plus, when given, a second document.
fn library_with(extra: Option<&str>) -> App {
    let mut texts = vec![(
        "jiangsu-2024-1057",
        include_str!("../../corpus/jiangsu-2024-1057.txt"),
    )];
    if let Some(text) = extra {
        texts.insert(0, ("added", text));
    }
    App::new(Arc::new(Library::from_texts(&texts)))
}

#[test]
fn a_reload_keeps_the_view_query_and_selection_by_address() {
    let old = library_with(None);
    let mut state = ready_state(&old, (100, 30));
    typed(&mut state, &old, "余热");
    key(&mut state, &old, KeyCode::Down);
    let selected = super::select::result_clause(&state, &old, state.search_selected).unwrap();
    let address = old.library.clauses[selected].id.clone();
    // A document added before the bundled one shifts every clause index.
    let new = library_with(Some("一、总体要求\n到2025年，余热利用率提高5个百分点。\n"));
    let (mut carried, lost) = state.carried_over(&old, &new);
    super::update::corpus_reloaded(&mut carried, &old, &new, lost);
    assert_eq!(carried.query, "余热");
    assert_eq!(carried.view, View::Search);
    let now = super::select::result_clause(&carried, &new, carried.search_selected).unwrap();
    assert_ne!(
        now, selected,
        "the indices moved, or the test proves nothing"
    );
    assert_eq!(new.library.clauses[now].id, address);
    let status = carried.status.clone().unwrap();
    assert!(status.contains("新增 1"), "{status}");
    assert!(!status.contains("已不在"), "{status}");
}

#[test]
fn a_reload_says_when_the_clause_being_read_is_gone() {
    let old = library_with(Some("一、总体要求\n到2025年，余热利用率提高5个百分点。\n"));
    let mut state = ready_state(&old, (100, 30));
    let gone = old
        .library
        .clauses
        .iter()
        .position(|c| c.text.contains("余热利用率提高5个百分点"))
        .unwrap();
    state.view = View::Document;
    state.show_clause(gone, Vec::new());
    let new = library_with(None);
    let (mut carried, lost) = state.carried_over(&old, &new);
    super::update::corpus_reloaded(&mut carried, &old, &new, lost);
    assert_eq!(carried.view, View::Document);
    let status = carried.status.unwrap();
    assert!(status.contains("删除 1"), "{status}");
    assert!(
        status.contains(&format!("{} 已不在语料中", old.library.clauses[gone].id)),
        "{status}"
    );
}

/// The national, provincial and city fixtures that word one metric three
/// ways (tests/fixtures/metrics).
fn levels_app() -> App {
    App::new(Arc::new(Library::from_texts(&[
        (
            "city",
            include_str!("../../tests/fixtures/metrics/city.txt"),
        ),
        (
            "national",
            include_str!("../../tests/fixtures/metrics/national.txt"),
        ),
        (
            "province",
            include_str!("../../tests/fixtures/metrics/province.txt"),
        ),
    ])))
}

#[test]
fn grouping_by_metric_lines_one_metric_up_across_levels_and_charts_it() {
    let app = levels_app();
    for size in [(80, 24), (120, 40)] {
        let mut state = ready_state(&app, size);
        state.view = View::Targets;
        key(&mut state, &app, KeyCode::Char('z'));
        assert!(state.targets.by_metric);
        let rows = super::select::visible_targets(&state, &app);
        let first: Vec<(&str, Option<String>)> = rows
            .iter()
            .take(3)
            .map(|&r| {
                let t = &app.library.targets[r];
                (t.metric_key.as_str(), t.level.map(|l| l.label_zh()))
            })
            .collect();
        assert_eq!(
            first,
            [
                ("能耗强度", Some("国家".to_string())),
                ("能耗强度", Some("省".to_string())),
                ("能耗强度", Some("市".to_string()))
            ]
        );
        let text = screen(&state, &app);
        assert!(text.contains("按指标分组"), "{text}");
        assert!(text.contains("能耗强度："), "{text}");
        assert!(
            text.contains("国务院") && text.contains("发文机关"),
            "{text}"
        );
        // The chart opens on the selected row's metric, national first.
        key(&mut state, &app, KeyCode::Char('c'));
        assert!(state.targets.chart);
        let (at, group) = super::select::shown_chart(&state).expect("a chart is shown");
        assert_eq!(at, state.targets.chart_group);
        assert_eq!(group.key, "能耗强度");
        let labels: Vec<&str> = group.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["国家 国务院", "省 江苏省人民政府", "市 泰州市"]);
        let text = screen(&state, &app);
        assert!(text.contains("能耗强度（%，降低）"), "{text}");
        // z again: reading order, plans in the first column.
        key(&mut state, &app, KeyCode::Char('c'));
        key(&mut state, &app, KeyCode::Char('z'));
        assert!(!screen(&state, &app).contains("按指标分组"));
    }
}

/// The measure: at 80×24 two keys and the word find the targets,
/// and the detail under the table shows every figure of the selected one.
#[test]
fn two_keys_and_a_word_find_targets_and_the_detail_shows_every_figure() {
    use policy_nav::targets::Relation;
    use policy_nav::targets_format::format_value;
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Esc);
    typed(&mut state, &app, "4f清洁运输");
    let rows = super::select::visible_targets(&state, &app);
    let expected: Vec<usize> = (0..app.library.targets.len())
        .filter(|&i| {
            let t = &app.library.targets[i];
            t.relation != Relation::Milestone && t.metric.contains("清洁运输")
        })
        .collect();
    assert!(expected.len() >= 2, "the fixture has several");
    assert_eq!(rows, expected);
    for (n, &r) in rows.iter().enumerate() {
        state.targets.selected = n;
        let text = screen(&state, &app);
        assert!(text.contains(&format!("共{}条", rows.len())), "{text}");
        let t = &app.library.targets[r];
        let clause = &app.library.clauses[app.library.clause_index(&t.address).unwrap()];
        let mut figures = vec![
            format_value(t.value.unwrap()),
            t.address.clone(),
            app.library.citation(clause),
        ];
        figures.extend(t.unit.clone());
        figures.extend(t.deadline.clone());
        figures.extend(t.scope.clone());
        figures.extend(t.baseline_year.map(|y| format!("{y}年")));
        figures.extend(t.qualifiers.iter().cloned());
        for figure in figures {
            assert!(text.contains(&figure), "{figure} missing:\n{text}");
        }
    }
    state.targets.selected = 0;
    // Enter leaves the find line with the rows kept; Enter again opens.
    key(&mut state, &app, KeyCode::Enter);
    assert!(!state.targets.find.typing);
    assert_eq!(super::select::visible_targets(&state, &app), rows);
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(state.view, View::Document);
    let t = &app.library.targets[rows[0]];
    assert_eq!(state.doc.marks, vec![(t.span[0], t.span[1])]);
    key(&mut state, &app, KeyCode::Backspace);
    assert_eq!(state.view, View::Targets);
    assert_eq!(super::select::visible_targets(&state, &app), rows);
    // Esc clears the find; Esc again changes nothing and never quits.
    key(&mut state, &app, KeyCode::Esc);
    assert!(super::select::visible_targets(&state, &app).len() > rows.len());
    key(&mut state, &app, KeyCode::Esc);
    assert!(!state.quit);
    assert_eq!(state.view, View::Targets);
}

#[test]
fn the_find_combines_with_plan_deadline_and_grouping_and_keeps_the_selection() {
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Esc);
    typed(&mut state, &app, "4fqjys");
    let found = super::select::visible_targets(&state, &app);
    // Down while typing moves the selection; more letters keep it.
    key(&mut state, &app, KeyCode::Down);
    let selected = found[1];
    key(&mut state, &app, KeyCode::Backspace);
    typed(&mut state, &app, "s");
    assert_eq!(super::select::selected_target(&state, &app), Some(selected));
    key(&mut state, &app, KeyCode::Enter);
    let plan_of = |r: usize| app.library.targets[r].plan.clone();
    while state.targets.plan.is_none()
        || app.library.plans[state.targets.plan.unwrap()].address_name != plan_of(found[0])
    {
        key(&mut state, &app, KeyCode::Char('p'));
    }
    let rows = super::select::visible_targets(&state, &app);
    assert!(!rows.is_empty() && rows.len() < found.len(), "{rows:?}");
    assert!(rows.iter().all(|&r| plan_of(r) == plan_of(found[0])));
    while state.targets.plan.is_some() {
        key(&mut state, &app, KeyCode::Char('p'));
    }
    key(&mut state, &app, KeyCode::Char('z'));
    let mut grouped = super::select::visible_targets(&state, &app);
    grouped.sort_unstable();
    assert_eq!(grouped, found, "grouping reorders, never widens");
    key(&mut state, &app, KeyCode::Char('D'));
    let deadline = state.targets.deadline.clone().unwrap();
    assert!(super::select::visible_targets(&state, &app)
        .iter()
        .all(
            |&r| app.library.targets[r].deadline.as_deref() == Some(&deadline)
                && found.contains(&r)
        ));
}

#[test]
fn the_timeline_finds_as_one_types_under_its_deadlines() {
    use super::state::TimelineRow;
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    key(&mut state, &app, KeyCode::Esc);
    typed(&mut state, &app, "5fqjy");
    let rows = super::select::visible_timeline_rows(&state, &app);
    let targets: Vec<usize> = rows
        .iter()
        .filter_map(|r| match r {
            TimelineRow::Target(t) => Some(*t),
            TimelineRow::Deadline(_) => None,
        })
        .collect();
    assert!(targets.len() >= 2);
    assert!(targets
        .iter()
        .all(|&t| app.library.targets[t].metric.contains("清洁运输")));
    assert!(matches!(rows[0], TimelineRow::Deadline(_)));
    assert!(screen(&state, &app).contains(&format!("共{}条", targets.len())));
    // Enter on a target opens its clause once the find line is left.
    key(&mut state, &app, KeyCode::Enter);
    key(&mut state, &app, KeyCode::Down);
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(state.view, View::Document);
    key(&mut state, &app, KeyCode::Backspace);
    key(&mut state, &app, KeyCode::Char('f'));
    key(&mut state, &app, KeyCode::Esc);
    assert!(!state.timeline_find.typing && state.timeline_find.text.is_empty());
    let all = super::select::timeline_rows(&app).unwrap().0.len();
    assert_eq!(
        super::select::visible_timeline_rows(&state, &app).len(),
        all
    );
}

#[test]
fn a_reload_keeps_the_find_lines() {
    let old = library_with(None);
    let mut state = ready_state(&old, (80, 24));
    key(&mut state, &old, KeyCode::Esc);
    typed(&mut state, &old, "4f清洁运输");
    state.timeline_find.text = "qjys".into();
    let new = library_with(Some("一、总体要求\n到2025年，清洁运输比例达到60%。\n"));
    let (carried, _) = state.carried_over(&old, &new);
    assert_eq!(carried.targets.find, state.targets.find);
    assert_eq!(carried.timeline_find, state.timeline_find);
    let before = super::select::visible_targets(&state, &old).len();
    assert_eq!(
        super::select::visible_targets(&carried, &new).len(),
        before + 1
    );
}

/// At 80 columns the metric and the target of every row on the page show
/// whole; what gives way (baseline, clause) is in the detail.
#[test]
fn at_80_columns_metric_and_target_are_never_cut() {
    use policy_nav::targets_format::target_text;
    let app = app();
    let mut state = ready_state(&app, (80, 24));
    state.view = View::Targets;
    let text = screen(&state, &app);
    let rows = super::select::visible_targets(&state, &app);
    let shown = text
        .lines()
        .filter(|l| l.starts_with("  ") || l.starts_with('►'))
        .count()
        - 1;
    assert!(shown >= 8, "{text}");
    for &r in rows.iter().take(shown) {
        let t = &app.library.targets[r];
        let line = text
            .lines()
            .find(|l| l.contains(&target_text(t)))
            .unwrap_or_else(|| panic!("{} cut:\n{text}", target_text(t)));
        assert!(!line.contains('›'), "{line}");
    }
    assert!(
        text.contains("基准：2023年"),
        "the detail has what the table drops:\n{text}"
    );
}

/// The start-up path draws the opening state from an empty library while
/// the corpus loads, and counts that as the first complete frame: it must
/// be the same frame, every cell and style, as the loaded corpus's — in
/// colour and without, ASCII or not, small and large, with keys rebound.
/// (Fails as soon as the opening view shows anything of the corpus.)
#[test]
fn the_opening_frame_is_the_same_before_the_corpus_loads() {
    let loaded = app();
    let empty = App::new(Arc::new(Library::empty()));
    let mut rebound = crate::keys::KeyBindings::default();
    rebound.set(
        crate::keys::Action::Help,
        crate::keys::Key::parse("F1").unwrap(),
    );
    for size in [(80u16, 24u16), (120, 40), (40, 12)] {
        for (color, ascii) in [(false, false), (true, false), (false, true)] {
            for keys in [crate::keys::KeyBindings::default(), rebound.clone()] {
                let theme = Theme { color, ascii };
                let draw = |app: &App| {
                    let state = State::opening(app, size, theme, &keys);
                    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
                    terminal.draw(|f| views::render(&state, app, f)).unwrap();
                    (terminal.backend().buffer().clone(), screen(&state, app))
                };
                let (before, before_text) = draw(&empty);
                let (after, after_text) = draw(&loaded);
                assert_eq!(
                    before, after,
                    "{size:?} colour {color} ascii {ascii}:\nbefore loading:\n{before_text}\nloaded:\n{after_text}"
                );
            }
        }
    }
}
