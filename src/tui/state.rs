//! The whole interface state (the Elm "model"). Everything the screen shows
//! is derived from this plus the read-only [`App`] data.

use std::collections::HashSet;
use std::sync::Arc;

use policy_nav::corpus::ClauseKind;
use policy_nav::search::SearchIndex;
use policy_nav::Library;

use super::theme::Theme;

/// Read-only data the interface shows.
pub struct App {
    /// The loaded corpus.
    pub library: Arc<Library>,
    /// The timeline view's rows, derived from the library once, by
    /// `update` when the view is first shown (grouping every target by
    /// deadline is too slow to redo per key on a big corpus, and too slow
    /// to do before the first frame). Views only read it.
    pub timeline_rows: Arc<std::sync::OnceLock<TimelineRows>>,
    /// Every chartable target grouped by metric, unit and relation
    /// (indices into `library.targets`), derived once by `update` when the
    /// chart is first shown; a filter change then only picks rows from it.
    pub chart_rows: std::sync::OnceLock<Vec<Vec<usize>>>,
    /// The targets' distinct deadlines in time order (the deadline
    /// filter's choices), gathered once.
    pub deadlines: std::sync::OnceLock<Vec<String>>,
}

/// One row of the timeline: a deadline heading or a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// Index into the groups.
    Deadline(usize),
    /// Index into `library.targets`.
    Target(usize),
}

/// The timeline's rows and the deadline groups' labels.
pub type TimelineRows = (Vec<TimelineRow>, Vec<String>);

/// The targets chart for one deadline filter, as `update` derived it.
#[derive(Debug, Clone, Default)]
pub struct ChartMemo {
    /// The deadline filter it is for.
    pub deadline: Option<String>,
    /// The groups at least two plans share among the rows the filter
    /// keeps (indices into `library.targets`).
    pub groups: Arc<Vec<Vec<usize>>>,
    /// The group shown (its position in `groups`) with its bars.
    pub shown: Option<(usize, Arc<policy_nav::targets_chart::ChartGroup>)>,
}

impl App {
    /// The navigator's view of a loaded library.
    pub fn new(library: Arc<Library>) -> App {
        App {
            library,
            timeline_rows: Arc::new(std::sync::OnceLock::new()),
            chart_rows: std::sync::OnceLock::new(),
            deadlines: std::sync::OnceLock::new(),
        }
    }
}

/// The four views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// 搜索
    Search,
    /// 文档
    Document,
    /// 部门
    Departments,
    /// 指标
    Targets,
    /// 时间: targets and milestones by deadline
    Timeline,
}

impl View {
    /// All views in tab order.
    pub const ALL: [View; 5] = [
        View::Search,
        View::Document,
        View::Departments,
        View::Targets,
        View::Timeline,
    ];

    /// Tab label, in the user's language.
    pub fn label(self) -> String {
        t!(match self {
            View::Search => "nav.view.search",
            View::Document => "nav.view.document",
            View::Departments => "nav.view.departments",
            View::Targets => "nav.view.targets",
            View::Timeline => "nav.view.timeline",
        })
        .into_owned()
    }

    /// Position in tab order.
    pub fn index(self) -> usize {
        View::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }
}

/// A row of the document outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineRow {
    /// A plan heading (collapsible).
    Plan(usize),
    /// A clause.
    Clause(usize),
}

/// Which pane of a two-pane view has the keyboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    /// The list on the left/top.
    #[default]
    List,
    /// The detail pane (reader, duties).
    Detail,
}

/// The document view.
#[derive(Debug, Clone)]
pub struct DocumentState {
    /// Plans whose clauses are hidden.
    pub collapsed: HashSet<usize>,
    /// Visible outline rows (derived from `collapsed`).
    pub rows: Vec<OutlineRow>,
    /// Selected outline row.
    pub selected: usize,
    /// Clause shown in the reader.
    pub clause: usize,
    /// Reader scroll, in wrapped lines.
    pub scroll: usize,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// Character ranges of the reader text to highlight.
    pub marks: Vec<(usize, usize)>,
    /// Index into `marks` of the current hit (n/N).
    pub hit: usize,
}

/// The departments view.
#[derive(Debug, Clone, Default)]
pub struct DepartmentsState {
    /// Selected department.
    pub selected: usize,
    /// Selected duty row of that department.
    pub duty: usize,
    /// Which pane has the keyboard.
    pub focus: Focus,
}

/// Columns of the targets table, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TargetColumn {
    /// Reading order (plan, clause).
    #[default]
    Plan,
    /// Metric.
    Metric,
    /// Value.
    Value,
    /// Baseline year.
    Baseline,
    /// Deadline.
    Deadline,
    /// Clause address.
    Clause,
}

impl TargetColumn {
    /// All columns in order.
    pub const ALL: [TargetColumn; 6] = [
        TargetColumn::Plan,
        TargetColumn::Metric,
        TargetColumn::Value,
        TargetColumn::Baseline,
        TargetColumn::Deadline,
        TargetColumn::Clause,
    ];

    /// Header label, in the user's language.
    pub fn label(self) -> String {
        t!(match self {
            TargetColumn::Plan => "nav.column.plan",
            TargetColumn::Metric => "nav.column.metric",
            TargetColumn::Value => "nav.column.value",
            TargetColumn::Baseline => "nav.column.baseline",
            TargetColumn::Deadline => "nav.column.deadline",
            TargetColumn::Clause => "nav.column.clause",
        })
        .into_owned()
    }
}

/// The find line of a list view (targets, timeline): words typed to
/// narrow the list as they are typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FindField {
    /// What has been typed (the filter in force).
    pub text: String,
    /// Whether keys go to the find line.
    pub typing: bool,
}

impl FindField {
    /// True when it narrows the list.
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

/// The targets view.
#[derive(Debug, Clone, Default)]
pub struct TargetsState {
    /// Selected row of the visible rows.
    pub selected: usize,
    /// Sort column.
    pub sort: TargetColumn,
    /// Reverse the sort.
    pub descending: bool,
    /// Only this plan (index into library plans).
    pub plan: Option<usize>,
    /// Only deadlines equal to this.
    pub deadline: Option<String>,
    /// Show milestones too.
    pub milestones: bool,
    /// Rows grouped by metric key across documents, national first.
    pub by_metric: bool,
    /// Words the table is narrowed to (`f`).
    pub find: FindField,
    /// Show the chart of metrics shared across plans instead of the table.
    pub chart: bool,
    /// Which chart group is shown.
    pub chart_group: usize,
    /// The chart for `deadline`, filled by `update` while the chart shows
    /// (grouping every target per frame took a third of a second on a big
    /// corpus).
    pub chart_groups: Option<ChartMemo>,
}

/// Where the search index is.
#[derive(Clone, Default)]
pub enum IndexState {
    /// Being opened or built in the background.
    #[default]
    Building,
    /// Ready.
    Ready(Arc<SearchIndex>),
    /// Could not be opened or built; plain substring search is used.
    Failed(String),
}

/// Overlays drawn over the current view.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key help.
    Help {
        /// Scroll, in lines.
        scroll: usize,
    },
    /// "Go to address" with completion.
    GoTo {
        /// What has been typed.
        input: String,
        /// Selected completion.
        selected: usize,
        /// Error from the last attempt.
        error: Option<String>,
    },
    /// Clauses side by side (or stacked), differing characters marked.
    Compare {
        /// The reference clause first, then its counterparts.
        clauses: Vec<usize>,
        /// Scroll, in lines.
        scroll: usize,
    },
    /// Find a department by name, alias or pinyin (`fgw`, `fagaiwei`).
    FindDepartment {
        /// What has been typed.
        input: String,
        /// Why the last attempt found nothing.
        error: Option<String>,
    },
    /// Read-only text (the query explanation).
    Text {
        /// Title.
        title: String,
        /// Lines.
        lines: Vec<String>,
        /// Scroll, in lines.
        scroll: usize,
    },
    /// A list of choices that jump somewhere (departments or targets of a clause).
    Pick {
        /// Title.
        title: String,
        /// Rows: label and the jump it makes.
        rows: Vec<(String, Jump)>,
        /// Selected row.
        selected: usize,
    },
}

/// Where a jump goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Jump {
    /// A clause, with character ranges to highlight.
    Clause {
        /// Clause index.
        clause: usize,
        /// Ranges in its text.
        marks: Vec<(usize, usize)>,
    },
    /// A department in the departments view.
    Department(usize),
}

/// A point in navigation history: enough to restore the screen exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    view: View,
    doc_selected: usize,
    doc_clause: usize,
    doc_scroll: usize,
    doc_focus: Focus,
    doc_marks: Vec<(usize, usize)>,
    doc_hit: usize,
    search_selected: usize,
    dept_selected: usize,
    dept_duty: usize,
    dept_focus: Focus,
    target_selected: usize,
}

/// One search result as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRow {
    /// Clause index.
    pub clause: usize,
    /// A fragment of the clause around the hits.
    pub snippet: String,
    /// Character ranges of hits in the snippet.
    pub highlights: Vec<(usize, usize)>,
}

/// Side effects the event loop carries out after `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Put text on the user's clipboard (OSC 52).
    Copy(String),
    /// Write a list to a new CSV file in the working directory; the event
    /// loop answers with [`super::msg::Msg::Exported`].
    Export {
        /// The list.
        table: policy_nav::export::Table,
        /// File name before the number and extension.
        stem: String,
    },
}

/// The whole interface state.
pub struct State {
    /// Current view.
    pub view: View,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Overlay, if one is open.
    pub overlay: Option<Overlay>,
    /// Document view.
    pub doc: DocumentState,
    /// Departments view.
    pub depts: DepartmentsState,
    /// Targets view.
    pub targets: TargetsState,
    /// Selected row of the timeline view.
    pub timeline_selected: usize,
    /// Words the timeline is narrowed to (`f`).
    pub timeline_find: FindField,
    /// The search index.
    pub index: IndexState,
    /// Search query.
    pub query: String,
    /// Cursor position in the query, in characters.
    pub cursor: usize,
    /// Whether keys go to the query line.
    pub typing: bool,
    /// Selected search result.
    pub search_selected: usize,
    /// Results for the current query.
    pub results: Vec<SearchRow>,
    /// Back stack.
    pub back: Vec<Snapshot>,
    /// Forward stack.
    pub forward: Vec<Snapshot>,
    /// One-line message for the status bar.
    pub status: Option<String>,
    /// Drawing style.
    pub theme: Theme,
    /// Keys for quit, search, go-to and help (from the config file).
    pub keys: crate::keys::KeyBindings,
    /// Set when the program should exit.
    pub quit: bool,
    /// Effects waiting for the event loop.
    pub effects: Vec<Effect>,
}

impl State {
    /// The initial state: the search view with an empty query.
    pub fn new(app: &App, size: (u16, u16), theme: Theme) -> State {
        let first_clause = 0;
        let mut state = State {
            view: View::Search,
            size,
            overlay: None,
            doc: DocumentState {
                collapsed: HashSet::new(),
                rows: Vec::new(),
                selected: 0,
                clause: first_clause,
                scroll: 0,
                focus: Focus::List,
                marks: Vec::new(),
                hit: 0,
            },
            depts: DepartmentsState::default(),
            targets: TargetsState::default(),
            timeline_selected: 0,
            timeline_find: FindField::default(),
            index: IndexState::Building,
            query: String::new(),
            cursor: 0,
            typing: true,
            search_selected: 0,
            results: Vec::new(),
            back: Vec::new(),
            forward: Vec::new(),
            status: None,
            theme,
            keys: crate::keys::KeyBindings::default(),
            quit: false,
            effects: Vec::new(),
        };
        state.rebuild_outline(app);
        state
    }

    /// The state the navigator opens in: [`State::new`] with the config's
    /// keys. The start-up path draws it twice, from an empty library while
    /// the corpus loads and from the loaded one, and relies on the two
    /// frames being the same.
    pub fn opening(
        app: &App,
        size: (u16, u16),
        theme: Theme,
        keys: &crate::keys::KeyBindings,
    ) -> State {
        let mut state = State::new(app, size, theme);
        state.keys = keys.clone();
        state
    }

    /// Recomputes the visible outline rows after a collapse change.
    pub fn rebuild_outline(&mut self, app: &App) {
        let library = &app.library;
        let mut rows = Vec::new();
        for doc in &library.documents {
            for &c in &doc.clauses {
                let clause = &library.clauses[c];
                match clause.plan {
                    None => rows.push(OutlineRow::Clause(c)),
                    Some(p) => {
                        if library.plans[p].clauses.first() == Some(&c) {
                            rows.push(OutlineRow::Plan(p));
                        }
                        if !self.doc.collapsed.contains(&p) {
                            rows.push(OutlineRow::Clause(c));
                        }
                    }
                }
            }
        }
        let current = self.doc.rows.get(self.doc.selected).copied();
        self.doc.rows = rows;
        if let Some(row) = current {
            if let Some(i) = self.doc.rows.iter().position(|&r| r == row) {
                self.doc.selected = i;
            }
        }
        self.doc.selected = self.doc.selected.min(self.doc.rows.len().saturating_sub(1));
    }

    /// Outline depth of a row, for indentation.
    pub fn row_depth(app: &App, row: OutlineRow) -> usize {
        match row {
            OutlineRow::Plan(_) => 0,
            OutlineRow::Clause(c) => match app.library.clauses[c].kind {
                ClauseKind::Notice | ClauseKind::Untitled => 0,
                ClauseKind::Preamble | ClauseKind::Section => 1,
                ClauseKind::Item => 2,
            },
        }
    }

    /// Where navigation is now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            view: self.view,
            doc_selected: self.doc.selected,
            doc_clause: self.doc.clause,
            doc_scroll: self.doc.scroll,
            doc_focus: self.doc.focus,
            doc_marks: self.doc.marks.clone(),
            doc_hit: self.doc.hit,
            search_selected: self.search_selected,
            dept_selected: self.depts.selected,
            dept_duty: self.depts.duty,
            dept_focus: self.depts.focus,
            target_selected: self.targets.selected,
        }
    }

    /// Returns to a snapshot.
    pub fn restore(&mut self, snapshot: Snapshot) {
        self.view = snapshot.view;
        self.doc.selected = snapshot
            .doc_selected
            .min(self.doc.rows.len().saturating_sub(1));
        self.doc.clause = snapshot.doc_clause;
        self.doc.scroll = snapshot.doc_scroll;
        self.doc.focus = snapshot.doc_focus;
        self.doc.marks = snapshot.doc_marks;
        self.doc.hit = snapshot.doc_hit;
        self.search_selected = snapshot.search_selected;
        self.depts.selected = snapshot.dept_selected;
        self.depts.duty = snapshot.dept_duty;
        self.depts.focus = snapshot.dept_focus;
        self.targets.selected = snapshot.target_selected;
        self.overlay = None;
    }

    /// Records the current place before a jump.
    pub fn push_history(&mut self) {
        let snapshot = self.snapshot();
        if self.back.last() != Some(&snapshot) {
            self.back.push(snapshot);
        }
        self.forward.clear();
    }

    /// Opens a clause in the reader, remembering where we came from.
    pub fn open_clause(&mut self, clause: usize, marks: Vec<(usize, usize)>) {
        self.push_history();
        self.show_clause(clause, marks);
        self.view = View::Document;
        self.doc.focus = Focus::Detail;
        self.overlay = None;
    }

    /// Shows a clause in the reader and selects it in the outline.
    pub fn show_clause(&mut self, clause: usize, marks: Vec<(usize, usize)>) {
        self.doc.clause = clause;
        self.doc.scroll = 0;
        self.doc.marks = marks;
        self.doc.hit = 0;
        self.select_outline_clause(clause);
    }

    /// A hash of everything the screen shows, so a key that changes nothing
    /// (a no-op over SSH) causes no redraw.
    pub fn visible_fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            self.view.index(),
            self.size,
            &self.query,
            self.cursor,
            self.typing,
        )
            .hash(&mut h);
        (
            self.search_selected,
            self.results.len(),
            &self.status,
            self.timeline_selected,
            &self.timeline_find,
        )
            .hash(&mut h);
        (
            self.doc.selected,
            self.doc.clause,
            self.doc.scroll,
            self.doc.hit,
            self.doc.rows.len(),
        )
            .hash(&mut h);
        (self.doc.focus == Focus::List, &self.doc.marks).hash(&mut h);
        (
            self.depts.selected,
            self.depts.duty,
            self.depts.focus == Focus::List,
        )
            .hash(&mut h);
        let t = &self.targets;
        (
            t.selected,
            t.sort as u8,
            t.descending,
            t.plan,
            &t.deadline,
            t.milestones,
            t.by_metric,
            t.chart,
            t.chart_group,
            &t.find,
        )
            .hash(&mut h);
        format!("{:?}", self.overlay).hash(&mut h);
        h.finish()
    }

    /// Where the keyboard is, as the key table names places.
    pub fn place(&self) -> crate::keys::Where {
        use crate::keys;
        match &self.overlay {
            Some(Overlay::GoTo { .. } | Overlay::FindDepartment { .. }) => keys::INPUT,
            Some(_) => keys::POPUP,
            None => self.view_place(),
        }
    }

    /// Where the keyboard is in the current view, pop-ups aside.
    pub fn view_place(&self) -> crate::keys::Where {
        use crate::keys;
        if self.find_field().is_some_and(|f| f.typing) {
            return keys::INPUT;
        }
        match self.view {
            View::Search if self.typing => keys::TYPING,
            View::Search => keys::SEARCH,
            View::Document if self.doc.focus == Focus::List => keys::OUTLINE,
            View::Document => keys::READER,
            View::Departments if self.depts.focus == Focus::List => keys::DEPT_LIST,
            View::Departments => keys::DUTIES,
            View::Targets if self.targets.chart => keys::CHART,
            View::Targets => keys::TARGET_TABLE,
            View::Timeline => keys::TIMELINE,
        }
    }

    /// The find line of the current view, if it has one (the targets
    /// table, the timeline).
    pub fn find_field(&self) -> Option<&FindField> {
        match self.view {
            View::Targets if !self.targets.chart => Some(&self.targets.find),
            View::Timeline => Some(&self.timeline_find),
            _ => None,
        }
    }

    /// The find line of the current view, to change.
    pub fn find_field_mut(&mut self) -> Option<&mut FindField> {
        match self.view {
            View::Targets if !self.targets.chart => Some(&mut self.targets.find),
            View::Timeline => Some(&mut self.timeline_find),
            _ => None,
        }
    }

    /// Selects the outline row of a clause, if it is visible.
    pub fn select_outline_clause(&mut self, clause: usize) {
        if let Some(i) = self
            .doc
            .rows
            .iter()
            .position(|&r| r == OutlineRow::Clause(clause))
        {
            self.doc.selected = i;
        }
    }
}

impl State {
    /// The state for a reloaded corpus (`new`), carried over from this one
    /// on `old`: the view, the query and every selection stay where they
    /// were, found again by address and name (indices change when files
    /// come and go). The second value says, for the status line, what could
    /// not be found again. The search results are recomputed by the caller
    /// once the new library's index is ready; until then they are the old
    /// results that still exist.
    pub fn carried_over(&self, old: &App, new: &App) -> (State, Option<String>) {
        let (old_lib, new_lib) = (&old.library, &new.library);
        let clause = |c: usize| -> Option<usize> {
            old_lib
                .clauses
                .get(c)
                .and_then(|clause| new_lib.clause_index(&clause.id))
        };
        let plan = |p: usize| -> Option<usize> {
            let name = &old_lib.plans.get(p)?.address_name;
            new_lib.plans.iter().position(|q| &q.address_name == name)
        };
        let mut state = State::new(new, self.size, self.theme);
        state.keys = self.keys.clone();
        state.view = self.view;
        state.query = self.query.clone();
        state.cursor = self.cursor;
        state.typing = self.typing;
        state.status = None;
        let mut lost = None;

        // The reader and outline.
        state.doc.collapsed = self.doc.collapsed.iter().filter_map(|&p| plan(p)).collect();
        state.rebuild_outline(new);
        state.doc.focus = self.doc.focus;
        match clause(self.doc.clause) {
            Some(c) => {
                state.doc.clause = c;
                state.doc.scroll = self.doc.scroll;
                if let Some(row) = state
                    .doc
                    .rows
                    .iter()
                    .position(|r| *r == OutlineRow::Clause(c))
                {
                    state.doc.selected = row;
                }
            }
            None => {
                if let Some(gone) = old_lib.clauses.get(self.doc.clause) {
                    lost = Some(gone.id.clone());
                }
            }
        }

        // Search results: those that still exist, the selection kept.
        let selected = self
            .results
            .get(self.search_selected)
            .and_then(|r| clause(r.clause));
        state.results = self
            .results
            .iter()
            .filter_map(|r| {
                Some(SearchRow {
                    clause: clause(r.clause)?,
                    ..r.clone()
                })
            })
            .collect();
        state.search_selected = selected
            .and_then(|c| state.results.iter().position(|r| r.clause == c))
            .unwrap_or(0);

        // Departments by name, targets and timeline by position (clamped
        // when drawn), the targets' plan filter by the plan's name.
        let department = |i: usize| -> Option<usize> {
            let name = &old_lib.departments.departments().get(i)?.name;
            new_lib
                .departments
                .departments()
                .iter()
                .position(|d| &d.name == name)
        };
        state.depts = DepartmentsState {
            selected: department(self.depts.selected).unwrap_or(0),
            duty: self.depts.duty,
            focus: self.depts.focus,
        };
        state.targets = TargetsState {
            plan: self.targets.plan.and_then(plan),
            chart_groups: None,
            ..self.targets.clone()
        };
        state.timeline_selected = self.timeline_selected;
        state.timeline_find = self.timeline_find.clone();
        (state, lost)
    }
}
