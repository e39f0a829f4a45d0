//! Running-text recognition

#[allow(unused_imports)]
use super::*;

/// Words that delimit department lists in running text.
pub(super) const LIST_TRIGGERS: [&str; 9] = [
    "按职责分工负责",
    "等部门",
    "等单位",
    "会同",
    "联合",
    "牵头",
    "配合",
    "负责",
    "印发",
];

/// [`LIST_TRIGGERS`] as characters, made once: the scan tries them at
/// every character of every clause.
pub(super) fn list_triggers() -> &'static [Vec<char>] {
    static TRIGGERS: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| LIST_TRIGGERS.iter().map(|t| t.chars().collect()).collect());
    &TRIGGERS
}

/// Function words that may precede a department name in running text
/// (`由省发展改革委牵头`); none of them starts a department name.
pub(super) const LEADING_FUNCTION_CHARS: [char; 7] = ['由', '请', '向', '与', '及', '并', '而'];

pub(super) struct Lexicon {
    /// written (normalised) -> canonical
    names: HashMap<String, String>,
    /// Every non-empty prefix of every name (names included), so a scan can
    /// stop extending a candidate as soon as no name starts with it.
    prefixes: HashSet<String>,
    /// First characters of the names: most positions of a text start no
    /// name, and this answers them without building and hashing a string.
    first_chars: HashSet<char>,
    max_len: usize,
}

impl Lexicon {
    pub(super) fn new() -> Self {
        Lexicon {
            names: HashMap::new(),
            prefixes: HashSet::new(),
            first_chars: HashSet::new(),
            max_len: 0,
        }
    }

    pub(super) fn add(&mut self, written: &str, canonical: &str) {
        let n = written.chars().count();
        if n < 2 {
            return;
        }
        self.max_len = self.max_len.max(n);
        if let Some(first) = written.chars().next() {
            self.first_chars.insert(first);
        }
        for (i, c) in written.char_indices() {
            self.prefixes
                .insert(written[..i + c.len_utf8()].to_string());
        }
        self.names
            .entry(written.to_string())
            .or_insert_with(|| canonical.to_string());
    }

    /// The longest name starting at `chars[i]` that does not run into a
    /// skipped character: `(length in characters, canonical)`.
    pub(super) fn longest_at(
        &self,
        chars: &[char],
        i: usize,
        skipped: impl Fn(usize) -> bool,
    ) -> Option<(usize, &String)> {
        if !chars.get(i).is_some_and(|c| self.first_chars.contains(c)) {
            return None;
        }
        let end = chars.len().min(i + self.max_len);
        let mut cand = String::new();
        let mut best = None;
        for (j, &c) in chars.iter().enumerate().take(end).skip(i) {
            if skipped(j) {
                break;
            }
            cand.push(c);
            if !self.prefixes.contains(&cand) {
                break;
            }
            if j > i {
                if let Some(canon) = self.names.get(&cand) {
                    best = Some((j + 1 - i, canon));
                }
            }
        }
        best
    }
}

/// Departments in `chars` outside `skip`, as (char offset, canonical).
pub(super) fn scan_text(
    chars: &[char],
    skip: &[Range<usize>],
    lexicon: &Lexicon,
    aliases: &AliasTable,
) -> Vec<(usize, String)> {
    let n = chars.len();
    // One mask, not a search of every span per character: a clause of a
    // few million characters with thousands of duty spans took minutes.
    let mut skip_mask = vec![false; n];
    for r in skip {
        for flag in skip_mask.iter_mut().take(r.end.min(n)).skip(r.start) {
            *flag = true;
        }
    }
    let skipped = |i: usize| skip_mask[i];
    let mut found = Vec::new();
    let mut consumed = vec![false; n];
    let mut i = 0;
    while i < n {
        if skipped(i) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        // A name right after a place character (江苏省发展改革委) belongs to
        // the place, unless it is a 各… name.
        let after_place =
            i > 0 && ['省', '市', '县', '区', '州'].contains(&chars[i - 1]) && chars[i] != '各';
        if !after_place {
            if let Some((len, canon)) = lexicon.longest_at(chars, i, skipped) {
                found.push((i, canon.clone()));
                matched = len;
            }
        }
        if matched > 0 {
            consumed[i..i + matched].iter_mut().for_each(|c| *c = true);
            i += matched;
        } else {
            i += 1;
        }
    }

    // Generic pass: CJK runs between delimiters in a list context.
    #[derive(Clone, Copy, PartialEq)]
    enum Delim {
        Edge,
        Punct,
        List,
    }
    let mut pieces: Vec<(usize, usize, Delim)> = Vec::new(); // start, end, delimiter before
    let mut start = 0;
    let mut before = Delim::Edge;
    let mut i = 0;
    let mut delims_after: Vec<Delim> = Vec::new();
    while i <= n {
        let (delim, width) = if i == n {
            (Some(Delim::Edge), 0)
        } else if skipped(i) || consumed[i] || chars[i] == '、' || chars[i] == CELL_SEPARATOR {
            // A table cell is a list context: a cell that is a name (the
            // bodies of a task-table row that cannot be read by column)
            // is found as mentioned.
            (Some(Delim::List), 1)
        } else if !is_cjk(chars[i]) {
            (Some(Delim::Punct), 1)
        } else if let Some(t) = list_triggers()
            .iter()
            .find(|t| t[0] == chars[i] && chars[i..].starts_with(t))
        {
            (Some(Delim::List), t.len())
        } else {
            (None, 0)
        };
        match delim {
            Some(d) => {
                if i > start {
                    pieces.push((start, i, before));
                    delims_after.push(d);
                }
                before = d;
                i += width.max(1);
                start = i;
            }
            None => i += 1,
        }
    }
    for (k, &(s, e, before)) in pieces.iter().enumerate() {
        let after = delims_after[k];
        if before != Delim::List && after != Delim::List {
            continue;
        }
        let piece: String = chars[s..e].iter().collect();
        let piece = piece.trim_start_matches(LEADING_FUNCTION_CHARS);
        let name = normalize_name(piece);
        if looks_like_department(&name) {
            let canon = aliases.canonical(&name).unwrap_or(&name).to_string();
            found.push((s, canon));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    found
}

/// Modal verbs that make the subject of a sentence the holder of its task
/// (`各级政府要建立…`, `X也要明确…`); longest first.
const MODALS: [&str; 8] = ["应当", "必须", "需要", "务必", "要", "应", "须", "需"];

/// Words that begin with a modal or a role word and are neither
/// (`要求`, `应急`, `负责人`).
const NOT_PREDICATES: [&str; 9] = [
    "要求",
    "要点",
    "要素",
    "应用",
    "应急",
    "应对",
    "需求",
    "须知",
    "负责人",
];

/// Adverbs and manner phrases that may stand between a running-text
/// subject and its role word (`X、Y分别负责`, `X等部门按照职责，协同…`).
const MANNER: [&str; 11] = [
    "按照职责分工",
    "按职责分工",
    "按照职责",
    "按职责",
    "按照职能",
    "分别",
    "共同",
    "各自",
    "也",
    "均",
    "都",
];

/// The role words that are verbs in running text (`X负责…`, `X牵头`,
/// `X协同…`): the duty words of [`ROLE_WORDS`] without the labels
/// (`…单位`, `…部门`) and without the nouns (`责任`, `主责`) and `支持`,
/// which in running text is an ordinary verb with an object.
fn running_role_words() -> impl Iterator<Item = (&'static str, Role)> {
    Role::duty_verbs().filter(|(w, _)| {
        !w.ends_with("单位") && !w.ends_with("部门") && !["责任", "主责", "支持"].contains(w)
    })
}

/// Where a predicate that assigns a task starts: the role it gives its
/// subject, and whether it is only a modal (`要`, `应`), which asks more of
/// the subject (see [`running_duties`]). `rest` runs to the end of the
/// sentence.
fn predicate_role(rest: &str) -> Option<(Role, bool)> {
    let mut r = rest;
    while let Some(after) = MANNER.iter().find_map(|m| r.strip_prefix(m)) {
        r = after.trim_start_matches(['，', ',']);
    }
    if NOT_PREDICATES.iter().any(|w| r.starts_with(w)) {
        return None;
    }
    if let Some((_, role)) = running_role_words().find(|(w, _)| r.starts_with(w)) {
        return Some((role, false));
    }
    // `X对全市节能工作总负责`
    if let Some(after) = r.strip_prefix('对') {
        if after.contains("负责") {
            return Some((Role::Responsible, false));
        }
    }
    if MODALS.iter().any(|m| r.starts_with(m)) {
        return Some((Role::Responsible, true));
    }
    // `X《能源平衡表》于每年5月12日前报…`: a deadline set for the subject.
    let r = match r.strip_prefix('《') {
        Some(after) => after.split_once('》').map_or("", |(_, tail)| tail),
        None => r,
    };
    let deadline = r
        .strip_prefix(['于', '在'])
        .is_some_and(|after| after.contains('前'));
    deadline.then_some((Role::Responsible, false))
}

/// Characters of a sentence part read for a subject and its predicate:
/// room for some twenty department names and the verb after them.
const SUBJECT_WINDOW: usize = 400;

/// Duties stated in running text rather than in a note: a sentence (or a
/// part of one after `，`) whose subject is a list of bodies and whose
/// predicate gives them a task —
///
/// * a role word: `市发改委负责提出全市节能规划`, `由X牵头`, `X、Y分别负责…`,
///   `X等部门按照职责，协同做好相关工作` (support);
/// * `对…负责`: `X、Y对全市节能工作总负责、总协调` (responsible);
/// * a modal: `各级政府要建立…`, `X也要明确…` (responsible);
/// * a deadline: `各部门《…》于每年5月12日前报…` (responsible).
///
/// The subject must consist of bodies only (a name with a body suffix, a
/// list of local governments, a collective reference such as `各部门`, or
/// names in a `…等部门` frame); an item that names no body, or contains a
/// list word (`会同`, `联合` …), rules the sentence out. A modal asks for
/// more: collective references other than governments (`各地区要…`,
/// `各部门要…`) are exhortations, not assignments, and give nothing.
/// `skip` are the char spans of the clause's duty notes.
pub fn running_duties(text: &str, skip: &[Range<usize>]) -> Vec<(String, Role)> {
    let mut chars: Vec<char> = text.chars().collect();
    // Skipped spans end sentences (one pass over the spans, not a search
    // of them per character).
    let n = chars.len();
    for s in skip {
        for c in chars.iter_mut().take(s.end.min(n)).skip(s.start) {
            *c = '。';
        }
    }
    let mut found: Vec<(String, Role)> = Vec::new();
    let sentence_end = |c: char| matches!(c, '。' | '；' | ';' | '！' | '？' | '\n');
    let mut start = 0;
    while start < chars.len() {
        let end = (start..chars.len())
            .find(|&i| sentence_end(chars[i]))
            .unwrap_or(chars.len());
        let sentence = &chars[start..end];
        // A subject starts the sentence or follows one of its commas.
        let mut subject_at = vec![0];
        subject_at.extend(
            (0..sentence.len())
                .filter(|&i| matches!(sentence[i], '，' | ','))
                .map(|i| i + 1),
        );
        for s in subject_at {
            // A subject and its predicate lie near where the part starts;
            // reading only that much keeps a sentence of many commas
            // (a pasted table, a PDF line run-on) linear.
            let part = &sentence[s..sentence.len().min(s + SUBJECT_WINDOW)];
            if let Some(duties) = subject_duties(part) {
                for (name, role) in duties {
                    if !found.iter().any(|(n, _)| *n == name) {
                        found.push((name, role));
                    }
                }
            }
        }
        start = end + 1;
    }
    found
}

/// The duties of one sentence part if it starts with a subject of bodies
/// followed by a predicate that assigns a task.
fn subject_duties(part: &[char]) -> Option<Vec<(String, Role)>> {
    let text: String = part.iter().collect();
    let text = text.trim_start();
    let text = ["并由", "均由", "由"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
    let positions: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .skip(2)
        .take(60)
        .collect();
    for at in positions {
        let (subject, rest) = text.split_at(at);
        let Some((role, modal_only)) = predicate_role(rest) else {
            continue;
        };
        if subject.ends_with(['，', ',', '、']) {
            continue;
        }
        let Some(names) = body_list(subject, true) else {
            continue;
        };
        let names_ok = !names.is_empty()
            && names.iter().all(|n| {
                !LIST_TRIGGERS.iter().any(|t| n.contains(t))
                    && (!modal_only || !is_collective_body(n) || n.ends_with("政府"))
            });
        if names_ok {
            return Some(names.into_iter().map(|n| (n, role)).collect());
        }
    }
    None
}
