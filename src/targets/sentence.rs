#[allow(unused_imports)]
use super::*;

pub(super) struct SentenceParser<'a> {
    pub(super) view: &'a View,
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) plan: &'a str,
    pub(super) clause: &'a str,
    pub(super) toks: Vec<Tok>,
    pub(super) rows: Vec<Target>,
    /// Metrics of this sentence's rows (for elliptic metrics like `…区域比例`).
    pub(super) deadline: Option<Deadline>,
    pub(super) sentence_baseline: Option<u16>,
    /// Left boundary for metrics: end of the last deadline or target.
    pub(super) boundary: usize,
    /// Tokens starting before this position were consumed by a group/range.
    pub(super) consumed: usize,
    /// A starting value (`由23%`) waiting for its target value.
    pub(super) pending_from: Option<FromValue>,
    /// `clause_starts[p - s]` = start of the clause containing `p`.
    pub(super) clause_starts: Vec<usize>,
    /// Metrics of the last `分别` list, for a later `分别` clause that names
    /// none (`A、B分别控制在…，比2020年分别下降10%`).
    pub(super) last_group: Vec<String>,
    /// Rows run together with 、 (indices into `rows`) and where the last ends.
    pub(super) chain: Vec<usize>,
    pub(super) chain_end: usize,
    /// After `截至…年`: numbers are reported results until the next deadline.
    pub(super) as_of: bool,
    /// The clause reports the present situation (its heading says so):
    /// numbers are results, except under a deadline led by 到.
    pub(super) reporting: bool,
    /// A `到…` deadline written at the very start of this sentence.
    pub(super) opening_deadline: Option<Carried>,
    /// The deadline carried in from an earlier sentence of the paragraph.
    pub(super) inherited: Option<Carried>,
    /// Deadline phrases read so far in this sentence.
    pub(super) deadlines_seen: usize,
    /// The narrower scope a row wrote (`市区…，…`) and where: later rows
    /// of the same `；` part that write none are about it too.
    pub(super) subject: Option<(String, usize)>,
    /// The deadline a bare year replaced, restored when that year turns
    /// out to date a condition (`2019年甲浓度超过50的乡镇…`).
    pub(super) displaced: Option<Deadline>,
    /// View ranges that milestone rows already cover.
    pub(super) milestones: Vec<(usize, usize)>,
}

/// `由2020年的23%` before `提高到24.1%`.
pub(super) struct FromValue {
    pub(super) clause_start: usize,
    pub(super) metric_a: usize,
    pub(super) metric_b: usize,
    pub(super) baseline: Option<u16>,
    /// Position and text of the starting phrase, kept as a qualifier.
    pub(super) text: (usize, String),
}

impl<'a> SentenceParser<'a> {
    pub(super) fn new(view: &'a View, s: usize, e: usize, plan: &'a str, clause: &'a str) -> Self {
        let mut sp = SentenceParser {
            view,
            s,
            e,
            plan,
            clause,
            toks: Vec::new(),
            rows: Vec::new(),
            deadline: None,
            sentence_baseline: None,
            boundary: s,
            consumed: s,
            pending_from: None,
            clause_starts: Vec::with_capacity(e - s + 1),
            last_group: Vec::new(),
            opening_deadline: None,
            inherited: None,
            deadlines_seen: 0,
            subject: None,
            displaced: None,
            milestones: Vec::new(),
            as_of: false,
            reporting: false,
            chain: Vec::new(),
            chain_end: 0,
        };
        let mut cs = s;
        for p in s..=e {
            if p > s && CLAUSE_BREAKS.contains(&view.v[p - 1]) {
                cs = p;
            }
            sp.clause_starts.push(cs);
        }
        sp.lex();
        sp
    }

    /// Reads the sentence as part of a report on the present situation:
    /// its numbers are results, not targets, until a deadline led by 到
    /// (`到2020年，…`) sets a goal.
    pub(super) fn report_present(&mut self) {
        self.reporting = true;
        self.as_of = true;
    }

    /// Starts the sentence under a deadline carried from an earlier one.
    pub(super) fn inherit_deadline(&mut self, carried: Option<Carried>) {
        let Some(carried) = carried else {
            return;
        };
        self.as_of = self.reporting && !carried.led;
        let text = carried.text.clone();
        self.inherited = Some(carried);
        self.deadline = Some(Deadline {
            start: self.s,
            end: self.s,
            text,
            lead_qual: None,
            milestone_ok: false,
            rows_before: 0,
            bare: false,
        });
    }

    pub(super) fn run(&mut self) {
        let toks = self.toks.clone();
        for (ti, tok) in toks.iter().enumerate() {
            if tok.start < self.consumed {
                continue;
            }
            match &tok.kind {
                TokKind::Deadline { text, led } => {
                    // Kept in case this deadline dates a condition; its
                    // milestone, if any, is settled here.
                    self.displaced = self.deadline.clone().map(|d| Deadline {
                        milestone_ok: false,
                        ..d
                    });
                    self.flush_milestone(tok.start);
                    // A report goes on under a bare year (`2015年，…`);
                    // `到2020年` turns to the goals.
                    self.as_of = self.reporting && !*led;
                    let cs = self.clause_start(tok.start);
                    let lead = self.view.text(cs, tok.start);
                    let aspirational = ASPIRATIONS.contains(&lead.as_str());
                    let clause_initial = lead.is_empty() || aspirational;
                    // Only a sentence governed by one deadline passes it on:
                    // `到2025年，…；到2030年，…。` is a list of stages.
                    // `到2025年…` or a year set off by a comma (`2020年，…`).
                    let opens = *led || CLAUSE_BREAKS.contains(&self.at(tok.end));
                    if opens && lead.is_empty() && cs == self.s && self.deadlines_seen == 0 {
                        self.opening_deadline = Some(Carried {
                            text: text.clone(),
                            led: *led,
                        });
                    } else {
                        self.opening_deadline = None;
                    }
                    self.deadlines_seen += 1;
                    self.deadline = Some(Deadline {
                        start: if aspirational { cs } else { tok.start },
                        end: tok.end,
                        text: text.clone(),
                        lead_qual: aspirational.then(|| (cs, lead.clone())),
                        milestone_ok: *led && clause_initial,
                        rows_before: self.rows.len(),
                        bare: !*led,
                    });
                    self.boundary = tok.end;
                }
                TokKind::Skip => {}
                TokKind::AsOf => {
                    self.flush_milestone(tok.start);
                    self.as_of = true;
                    self.boundary = tok.end;
                }
                TokKind::Baseline { year, standalone } => {
                    if *standalone {
                        self.sentence_baseline = Some(*year);
                        self.boundary = tok.end;
                    }
                }
                TokKind::Num { .. } if self.as_of => {}
                TokKind::Zero { .. } | TokKind::NoWorse if self.as_of => {}
                TokKind::NoWorse => self.no_worse(tok),
                TokKind::Num { .. } => self.number(&toks, ti),
                TokKind::Zero { relation, after } => self.zero(tok, *relation, *after),
            }
        }
        self.flush_milestone(self.e);
        self.completion_milestones(&toks);
    }

    /// Goals written beside numbers under one deadline that say a thing is
    /// done in full rather than by how much ([`COMPLETIONS`]): each clause
    /// of the sentence with such a predicate, no number and no row of its
    /// own is a milestone, dated by the last deadline before or inside it
    /// (or the one the sentence inherited). A reported result (`截至…`, a
    /// report on the present) is not a goal.
    fn completion_milestones(&mut self, toks: &[Tok]) {
        if self.reporting {
            return;
        }
        let v = self.view;
        let inherited = self.inherited.as_ref().map(|c| c.text.clone());
        let mut a = self.s;
        while a < self.e {
            let mut b = a;
            while b < self.e && !CLAUSE_BREAKS.contains(&v.v[b]) {
                b += 1;
            }
            let clause = (a, b);
            a = b + 1;
            let inside = |t: &Tok| t.start < clause.1 && t.end > clause.0;
            let numbered = toks.iter().any(|t| {
                inside(t)
                    && matches!(
                        t.kind,
                        TokKind::Num { .. } | TokKind::Zero { .. } | TokKind::NoWorse
                    )
            });
            let covered = self
                .milestones
                .iter()
                .any(|&(x, y)| x < clause.1 && y > clause.0);
            // After `截至…` the sentence reports results, not goals.
            let reported = toks
                .iter()
                .any(|t| matches!(t.kind, TokKind::AsOf) && t.start < clause.1);
            if numbered || covered || reported {
                continue;
            }
            if !(clause.0..clause.1).any(|k| COMPLETIONS.iter().any(|w| v.starts(k, clause.1, w))) {
                continue;
            }
            // The last deadline before the clause's end; one written inside
            // the clause is cut out of the goal's words.
            let dated = toks.iter().rev().find_map(|t| match &t.kind {
                TokKind::Deadline { text, .. } if t.start < clause.1 => Some((t, text.clone())),
                _ => None,
            });
            // `力争到2025年，…` qualifies every goal its deadline dates.
            let aspiration = dated
                .as_ref()
                .map(|(t, _)| v.text(self.clause_start(t.start), t.start))
                .filter(|lead| ASPIRATIONS.contains(&lead.as_str()));
            let (deadline, cut) = match dated {
                Some((t, text)) if inside(t) => (text, Some((t.start, t.end.min(clause.1)))),
                Some((_, text)) => (text, None),
                None => match &inherited {
                    Some(text) => (text.clone(), None),
                    None => continue,
                },
            };
            let mut start = clause.0;
            while start < clause.1 && !is_cjk(v.v[start]) && !v.v[start].is_ascii_alphanumeric() {
                start += 1;
            }
            if let Some((_, _, n)) = v.prefix_match(start, clause.1, GUARANTEES) {
                start += n;
            }
            let end = self.words_end(start, clause.1);
            let metric = match cut {
                Some((x, y)) if x >= start && y <= end => {
                    let before = v.text(start, x);
                    let before = before.strip_suffix(['在', '于']).unwrap_or(&before);
                    format!("{before}{}", v.text(y, end))
                }
                _ => v.text(start, end),
            };
            // A completion that is the object of another aim (`为实现碳达峰
            // 奠定基础`, `在…达峰的基础上…`) is not itself the goal.
            if metric.is_empty() || metric.ends_with("基础") || metric.contains("基础上") {
                continue;
            }
            self.milestone(
                (clause.0, end),
                metric,
                deadline,
                aspiration.into_iter().collect(),
            );
        }
    }

    /// Where the words of `[a, b)` end: trailing punctuation dropped.
    fn words_end(&self, a: usize, b: usize) -> usize {
        let v = &self.view.v;
        let mut b = b;
        while b > a && !is_cjk(v[b - 1]) && !v[b - 1].is_ascii_alphanumeric() {
            b -= 1;
        }
        b
    }

    /// A milestone row quoting view range `quoted`, placed in document
    /// order among the rows the numbers gave.
    fn milestone(
        &mut self,
        quoted: (usize, usize),
        metric: String,
        deadline: String,
        qualifiers: Vec<String>,
    ) {
        let span = self.view.span(quoted.0, quoted.1);
        self.milestones.push(quoted);
        let at = self
            .rows
            .iter()
            .position(|r| r.span[0] > span[0])
            .unwrap_or(self.rows.len());
        let row = Target {
            plan: self.plan.to_string(),
            address: self.clause.to_string(),
            level: None,
            issuer: None,
            metric_key: super::metric_key(&metric),
            metric,
            value: None,
            unit: None,
            relation: Relation::Milestone,
            qualifiers,
            baseline_year: None,
            deadline: Some(deadline),
            scope: None,
            quote: self.view.quote(span),
            span,
        };
        self.rows.insert(at, row);
    }

    /// Emits a milestone row if the current `到…` deadline governed no number.
    pub(super) fn flush_milestone(&mut self, scope_end: usize) {
        let Some(dl) = self.deadline.take() else {
            return;
        };
        if !dl.milestone_ok || self.rows.len() > dl.rows_before {
            return;
        }
        let mut a = dl.end;
        while a < scope_end && CLAUSE_BREAKS.contains(&self.view.v[a]) {
            a += 1;
        }
        let b = self.words_end(a, scope_end);
        if !(a..b).any(|k| is_cjk(self.view.v[k])) {
            return;
        }
        let qualifiers = dl.lead_qual.into_iter().map(|q| q.1).collect();
        self.milestone((dl.start, b), self.view.text(a, b), dl.text, qualifiers);
    }

    /// A zero target written as a word: `…零增长`, `不出现…`.
    pub(super) fn zero(&mut self, tok: &Tok, relation: Relation, after: bool) {
        let cs = self.clause_start(tok.start);
        let lb = cs.max(self.boundary).min(tok.start);
        let (metric_text, scope, quals, baseline, qa, qb) = if after {
            let mut b = tok.end;
            while b < self.e && !CLAUSE_BREAKS.contains(&self.view.v[b]) && self.view.v[b] != '。'
            {
                b += 1;
            }
            if b == tok.end {
                return;
            }
            let lp = self.left_parse(lb, tok.start);
            let quals = lp.quals.clone();
            (self.view.text(tok.end, b), None, quals, None, tok.start, b)
        } else {
            let lp = self.left_parse(lb, tok.start);
            let metric = self.clean_metric(lb, lp.metric_end);
            if metric.a >= metric.b {
                return;
            }
            let mut quals = lp.quals.clone();
            quals.extend(metric.quals.iter().cloned());
            (
                self.view.text(metric.a, metric.b),
                metric.scope.clone(),
                quals,
                lp.baseline,
                metric.quote_start,
                tok.end,
            )
        };
        let row = self.row(RowParts {
            metric: metric_text,
            value: 0.0,
            unit: None,
            relation,
            quals,
            baseline,
            scope,
            qa,
            qb,
        });
        self.rows.push(row);
        self.boundary = qb;
        self.consumed = self.consumed.max(qb);
    }

    /// `…的甲乡、乙镇确保丙不出现不降反升`: a goal that the metric
    /// between the guarantee and the worsening does not get worse, one
    /// row per place listed before the guarantee (or one row).
    pub(super) fn no_worse(&mut self, tok: &Tok) {
        let v = self.view;
        let cs = self.clause_start(tok.start);
        let lb = cs.max(self.boundary).min(tok.start);
        let Some((g, keep, k)) = (lb..tok.start).rev().find_map(|k| {
            v.prefix_match(k, tok.start, GUARANTEES)
                .map(|(w, keep, _)| (w, keep, k))
        }) else {
            return;
        };
        let a = k + g.chars().count();
        let metric = v.text(a, tok.start);
        if metric.is_empty()
            || metric.chars().count() > 20
            || !metric
                .chars()
                .all(|c| is_cjk(c) || c.is_ascii_alphanumeric() || c == '.')
        {
            return;
        }
        let mut places = self.place_list(lb, k);
        if places.is_empty() {
            places.push(None);
        }
        let quals: Vec<String> = keep.then(|| g.to_string()).into_iter().collect();
        let span = v.span(k, tok.end);
        for scope in places {
            self.rows.push(Target {
                plan: self.plan.to_string(),
                address: self.clause.to_string(),
                level: None,
                issuer: None,
                metric_key: super::metric_key(&metric),
                metric: metric.clone(),
                value: None,
                unit: None,
                relation: Relation::Milestone,
                qualifiers: quals.clone(),
                baseline_year: None,
                deadline: self.deadline.as_ref().map(|d| d.text.clone()),
                scope,
                quote: v.quote(span),
                span,
            });
        }
        self.boundary = tok.end;
        self.consumed = self.consumed.max(tok.end);
    }

    /// The places `[a, b)` lists (`甲乡、乙镇`), each a name ending in an
    /// administrative morpheme; empty when it is anything else.
    pub(super) fn place_list(&self, a: usize, b: usize) -> Vec<Option<String>> {
        let text = self.view.text(a, b);
        let text = text.trim_start_matches(|c: char| c == '的' || CLAUSE_BREAKS.contains(&c));
        let places: Vec<&str> = text.split('、').collect();
        let is_place = |p: &str| {
            let n = p.chars().count();
            (2..=8).contains(&n)
                && p.chars().all(is_cjk)
                && p.chars()
                    .last()
                    .is_some_and(|c| PLACE_SUFFIXES.contains(&c))
        };
        if text.is_empty() || !places.iter().all(|p| is_place(p)) {
            return Vec::new();
        }
        places.into_iter().map(|p| Some(p.to_string())).collect()
    }

    // -- number expressions --------------------------------------------------

    /// Unit starting at `q`, with its end.
    pub(super) fn unit_at(&self, q: usize) -> Option<(String, usize)> {
        let v = self.view;
        let e = self.e;
        let base = |k: usize| -> Option<usize> {
            if let Some(w) = v.prefix_word(k, e, CJK_UNITS) {
                return Some(k + w.chars().count());
            }
            if self.at(k).is_ascii_alphabetic() || self.at(k) == 'μ' {
                let mut j = k;
                while j < e && (v.v[j].is_ascii_alphanumeric() || matches!(v.v[j], '²' | '³' | 'μ'))
                {
                    j += 1;
                }
                let word = v.text(k, j);
                if ASCII_UNITS.iter().any(|u| u.eq_ignore_ascii_case(&word)) {
                    return Some(j);
                }
            }
            None
        };
        let mut end = match base(q) {
            Some(j) => j,
            None => {
                let m = v.prefix_word(q, e, MAGNITUDES)?;
                let j = q + m.chars().count();
                base(j).unwrap_or(j)
            }
        };
        // `吨` + `标准煤` written apart from magnitudes: 万吨标准煤 is covered by
        // the base list; compound per-units: 万吨/年, 吨标准煤/吨.
        if PER_MARKS.contains(&self.at(end)) {
            let k = end + 1;
            if let Some(j) = base(k).or_else(|| {
                v.prefix_word(k, e, MAGNITUDES)
                    .map(|m| k + m.chars().count())
                    .and_then(&base)
            }) {
                end = j;
            } else if let Some(w) = v.prefix_word(k, e, PER_WORDS) {
                end = k + w.chars().count();
            }
        }
        Some((v.text(q, end), end))
    }

    /// Reads unit and suffix qualifiers after the digits of `tok`.
    /// `None` if the number is not a target (date, duration, identifier …).
    pub(super) fn value_expr(&self, tok: &Tok) -> Option<ValueExpr> {
        let TokKind::Num { value } = tok.kind else {
            return None;
        };
        let mut q = tok.end;
        let mut suffix_quals = Vec::new();
        if matches!(self.at(q), '多' | '余') && self.unit_at(q + 1).is_some() {
            suffix_quals.push((q, self.at(q).to_string()));
            q += 1;
        }
        // Durations (`3个月内`, `2周`) are deadlines, not targets.
        if self.view.prefix_word(q, self.e, DURATIONS).is_some() {
            return None;
        }
        let unit = match self.unit_at(q) {
            Some((u, j)) => {
                q = j;
                Some(u)
            }
            None => {
                let c = self.at(q);
                if NON_TARGET_FOLLOWERS.contains(&c) || c.is_ascii_alphabetic() {
                    return None;
                }
                None
            }
        };
        for _ in 0..2 {
            match self.view.prefix_word(q, self.e, SUFFIX_QUALS) {
                Some(w) => {
                    suffix_quals.push((q, w.to_string()));
                    q += w.chars().count();
                }
                None => break,
            }
        }
        Some(ValueExpr {
            value,
            unit,
            suffix_quals,
            end: q,
        })
    }

    /// Section numbers (`1.`, `2、` at a clause start) and ordinals (`第3`).
    pub(super) fn is_numbering(&self, tok: &Tok) -> bool {
        let after = self.at(tok.end);
        let at_clause_start = self.clause_start(tok.start) == tok.start;
        (at_clause_start && matches!(after, '.' | '、') && !self.at(tok.end + 1).is_ascii_digit())
            || (tok.start > self.s && self.view.v[tok.start - 1] == '第')
    }

    /// Reads verb, adverbs and baseline backwards from `start` to `lb`.
    pub(super) fn left_parse(&self, lb: usize, start: usize) -> LeftParse {
        let v = self.view;
        let mut lp = LeftParse::default();
        let mut i = start;
        // Prefix qualifiers (约, 超过, 不低于 …), possibly stacked.
        while let Some((w, rel, n)) = v.suffix_match(lb, i, PREFIX_QUALS) {
            i -= n;
            lp.quals.push((i, w.to_string()));
            if lp.qual_relation.is_none() {
                lp.qual_relation = rel;
            }
        }
        // Relation verb, tolerating an aspect particle (下降了).
        let verb_end = if v.ends(lb, i, "了") { i - 1 } else { i };
        if let Some((_, rel, n)) = v.suffix_match(lb, verb_end, VERBS) {
            lp.verb = Some(rel);
            i = verb_end - n;
        }
        i = self.strip_adverbs(lb, i, &mut lp);
        if let Some(tok) = self.toks_baseline_ending_at(i, lb) {
            if let TokKind::Baseline { year, .. } = tok.kind {
                lp.baseline = Some(year);
                i = self.strip_adverbs(lb, tok.start, &mut lp);
            }
        } else if let Some((w, _, n)) = v.suffix_match(lb, i, RELATIVE_BASELINES) {
            // A baseline without a year (`比上年`, `同比`) is kept as a qualifier.
            i -= n;
            lp.quals.push((i, w.to_string()));
            i = self.strip_adverbs(lb, i, &mut lp);
        } else if v.ends(lb, i, "年") {
            // `比年下降14%`: a baseline whose digits the page lost is still
            // a baseline, no part of the metric; its year is unknown.
            if let Some((_, _, n)) = v.suffix_match(lb, i - 1, BASE_WORDS) {
                i = self.strip_adverbs(lb, i - 1 - n, &mut lp);
            }
        }
        lp.metric_end = i;
        lp
    }

    pub(super) fn strip_adverbs(&self, lb: usize, mut i: usize, lp: &mut LeftParse) -> usize {
        while let Some((w, keep, n)) = self.view.suffix_match(lb, i, ADVERBS) {
            i -= n;
            if w == "分别" {
                lp.distributive = true;
            }
            if w == "均" {
                lp.each = true;
            }
            if keep {
                lp.quals.push((i, w.to_string()));
            }
        }
        i
    }

    pub(super) fn toks_baseline_ending_at(&self, i: usize, lb: usize) -> Option<&Tok> {
        // Tokens do not overlap, so ends are sorted like starts.
        let k = self.toks.partition_point(|t| t.end < i);
        self.toks
            .get(k)
            .filter(|t| t.end == i && t.start >= lb && matches!(t.kind, TokKind::Baseline { .. }))
    }

    /// Noun phrase directly after a value (`…以下预焙阳极铝电解槽`): range.
    pub(super) fn noun_after(&self, q: usize) -> Option<(usize, usize)> {
        let mut a = q;
        if self.at(a) == '的' {
            a += 1;
        }
        let first = self.at(a);
        if !is_cjk(first) || NOUN_STOPPERS.contains(&first) {
            return None;
        }
        let mut b = a;
        while b < self.e {
            let c = self.view.v[b];
            if !(is_cjk(c) || c.is_ascii_alphanumeric()) || c == '等' {
                break;
            }
            b += 1;
        }
        // Cut trailing action words (更新改造, 淘汰 …).
        loop {
            let cut = TRAILING_ACTIONS
                .iter()
                .find(|w| self.view.ends(a, b, w) && b - w.chars().count() > a);
            match cut {
                Some(w) => b -= w.chars().count(),
                None => break,
            }
        }
        (b > a).then_some((a, b))
    }

    /// Cleans the metric range `[a, b)`: returns (quote start, metric range,
    /// scope, qualifiers found at its start).
    pub(super) fn clean_metric(&self, a: usize, b: usize) -> Metric {
        let v = self.view;
        let mut a = a;
        let mut b = b;
        let mut quals = Vec::new();
        let wordy = |c: char| is_cjk(c) || c.is_ascii_alphanumeric();
        let trim = |a: &mut usize, b: &mut usize| {
            while *a < *b && !wordy(v.v[*a]) {
                // Keep an opening quote closed inside: `"甲类"产业…比重`.
                let c = v.v[*a];
                if matches!(c, '"' | '“') && v.v[*a + 1..*b].iter().any(|&x| x == '"' || x == '”')
                {
                    break;
                }
                *a += 1;
            }
            while *b > *a && !wordy(v.v[*b - 1]) {
                // Keep a closing bracket whose opener is inside: `效率（PUE）`.
                let c = v.v[*b - 1];
                if let Some(ci) = CLOSERS.iter().position(|&x| x == c) {
                    if v.v[*a..*b - 1].contains(&OPENERS[ci]) {
                        break;
                    }
                }
                *b -= 1;
            }
        };
        trim(&mut a, &mut b);
        // An item number left in front (`1.甲总值`, `2、…`).
        let d = v.digits_end(a, b);
        if d > a && d + 1 < b && matches!(v.v[d], '.' | '、' | '．') && is_cjk(v.v[d + 1]) {
            a = d + 1;
        }
        // `通过实施…形成节能量` → `节能量`.
        for k in (a..b).rev() {
            if (v.starts(k, b, "形成") || v.starts(k, b, "实现")) && k + 2 < b {
                a = k + 2;
                break;
            }
        }
        let strip_connectives = |a: &mut usize, quals: &mut Vec<(usize, String)>| loop {
            match v.prefix_match(*a, b, LEADING_CONNECTIVES) {
                Some((w, keep, n)) if *a + n < b => {
                    if keep {
                        quals.push((*a, w.to_string()));
                    }
                    *a += n;
                }
                _ => break,
            }
        };
        strip_connectives(&mut a, &mut quals);
        // A leading industry subject that only repeats the plan (`钢铁行业…`
        // in the 钢铁 plan, or a bare `行业…`) is not part of the metric.
        let lim = (a + 8).min(b);
        if let Some(k) = (a..lim).find(|&k| v.starts(k, b, "行业")) {
            let subject = v.text(a, k);
            let redundant = subject.is_empty()
                || (!self.plan.is_empty()
                    && (self.plan.contains(&subject) || subject.contains(self.plan)));
            if redundant && k + 2 < b {
                a = k + 2;
            }
        }
        strip_connectives(&mut a, &mut quals);
        trim(&mut a, &mut b);
        let quote_start = a;
        let mut scope: Vec<String> = Vec::new();
        if let Some(w) = v.prefix_word(a, b, SCOPE_WHOLE) {
            let n = w.chars().count();
            if a + n < b {
                scope.push(w.to_string());
                a += n;
            }
        }
        // A narrower subject (`…区域`, `市中心城区`, `公共机构`) replaces a
        // whole territory before it: `全省公共机构` are the plan's 公共机构.
        if let Some(end) = self.subject_end(a, b) {
            scope = vec![v.text(a, end)];
            a = end;
        } else if scope.is_empty() && self.opens_sub_target(quote_start) {
            // `…，其中甲市乙浓度控制在…`: the part of the territory a
            // sub-target is set for.
            if let Some(end) = self.leading_place_name(a, b) {
                scope.push(v.text(a, end));
                a = end;
            }
        }
        // `甲市的…`, `甲镇、乙乡的…`, `各县（市、区）的…`: places before 的.
        if scope.is_empty() {
            let lim = (a + 40).min(b);
            if let Some(k) = (a + 1..lim).find(|&k| v.v[k] == '的') {
                let mut end = k;
                if v.v[end - 1] == '）' || v.v[end - 1] == ')' {
                    if let Some(o) = (a..end).rev().find(|&o| matches!(v.v[o], '（' | '(')) {
                        end = o;
                    }
                }
                let places_ok = v.v[a..k]
                    .iter()
                    .all(|&c| is_cjk(c) || "、（）()".contains(c));
                if end > a && PLACE_SUFFIXES.contains(&v.v[end - 1]) && places_ok && k + 1 < b {
                    scope.push(v.text(a, k));
                    a = k + 1;
                }
            }
        }
        Metric {
            quote_start,
            a,
            b,
            scope: (!scope.is_empty()).then(|| scope.concat()),
            quals,
        }
    }

    /// End of a subject phrase opening the metric `[a, b)`: a region
    /// (`西部地区`), a part of a city (`市区`, `市中心城区`, `…建成区`) or a
    /// body (`公共机构`, `大型发电集团`), leaving a metric after it.
    pub(super) fn subject_end(&self, a: usize, b: usize) -> Option<usize> {
        let v = self.view;
        let ends_at = |k: usize| {
            SCOPE_SUBJECT_ENDS
                .iter()
                .filter(|(w, alone)| (*alone || k > a) && v.starts(k, b, w))
                .map(|(w, _)| k + w.chars().count())
                .filter(|&end| end < b && !v.starts(end, b, "生产总值"))
                .max()
        };
        let lim = (a + 16).min(b);
        let (k, end) = (a..lim).find_map(|k| ends_at(k).map(|end| (k, end)))?;
        // Overlapping ends (`城市区域`: 市区, 区域) take the longer phrase.
        Some((k + 1..end).filter_map(ends_at).fold(end, usize::max))
    }

    /// Whether the metric starting at `a` opens a sub-target (`其中…`).
    pub(super) fn opens_sub_target(&self, a: usize) -> bool {
        let from = a.saturating_sub(3).max(self.s);
        let before: String = self.view.v[from..a]
            .iter()
            .filter(|c| !CLAUSE_BREAKS.contains(c))
            .collect();
        before.ends_with("其中")
    }

    /// End of a place name of two to four characters and an administrative
    /// suffix (`甲乙市`) opening `[a, b)`.
    pub(super) fn leading_place_name(&self, a: usize, b: usize) -> Option<usize> {
        let v = self.view;
        (a + 2..(a + 5).min(b))
            .find(|&k| ADMIN_SUFFIXES.contains(&v.v[k]))
            .filter(|&k| v.v[a..k].iter().all(|&c| is_cjk(c)) && k + 1 < b)
            .map(|k| k + 1)
    }

    pub(super) fn number(&mut self, toks: &[Tok], ti: usize) {
        let tok = &toks[ti];
        if self.is_numbering(tok) {
            return;
        }
        // `2×300MW机组`: the size of named equipment, not a target.
        if self.at(tok.end) == '×' || (tok.start > self.s && self.view.v[tok.start - 1] == '×') {
            return;
        }
        let Some(mut ve) = self.value_expr(tok) else {
            return;
        };
        let cs = self.clause_start(tok.start);
        let lb = cs.max(self.boundary).min(tok.start);
        // `每小时20蒸吨`: the denominator written before the number.
        let mut left_end = tok.start;
        if let Some(w) = PER_WORDS.iter().find(|w| {
            let n = w.chars().count();
            tok.start > lb + n
                && self.view.ends(lb, tok.start, w)
                && self.view.v[tok.start - n - 1] == '每'
        }) {
            if let Some(u) = ve.unit.as_mut().filter(|u| !u.contains('/')) {
                u.push('/');
                u.push_str(w);
                left_end = tok.start - w.chars().count() - 1;
            }
        }
        // `下降至目标值70`: a noun in apposition to the number.
        if let Some((_, _, n)) = self.view.suffix_match(lb, left_end, APPOSITIVES) {
            left_end -= n;
        }
        let mut lp = self.left_parse(lb, left_end);
        // `由23%提高到24.1%`: the first value is a starting point, not a row.
        if lp.verb.is_none()
            && lp.qual_relation.is_none()
            && (self.view.ends(lb, lp.metric_end, "由") || self.view.ends(lb, lp.metric_end, "从"))
        {
            let from_at = lp.metric_end - 1;
            self.pending_from = Some(FromValue {
                clause_start: cs,
                metric_a: lb,
                metric_b: from_at,
                baseline: lp.baseline,
                text: (from_at, self.view.text(from_at, ve.end)),
            });
            self.consumed = self.consumed.max(ve.end);
            return;
        }
        let from = self.pending_from.take().filter(|f| f.clause_start == cs);
        let (lb, metric_end) = match &from {
            Some(f) => {
                lp.baseline = lp.baseline.or(f.baseline);
                lp.quals.push(f.text.clone());
                (f.metric_a, f.metric_b)
            }
            None => (lb, lp.metric_end),
        };
        // Range `10—15%`: one row, the upper bound kept as a qualifier.
        if DASHES.contains(&self.at(ve.end)) {
            if let Some(next) = toks.get(ti + 1).filter(|t| t.start == ve.end + 1) {
                if let Some(upper) = self.value_expr(next) {
                    ve.suffix_quals
                        .push((ve.end, self.view.text(ve.end, upper.end)));
                    if ve.unit.is_none() {
                        ve.unit = upper.unit.clone();
                    }
                    ve.end = upper.end;
                    self.consumed = upper.end;
                }
            }
        }
        // A band (`在40至50微克/立方米之间的`) or a condition in a relative
        // clause (`超过50微克/立方米的乡镇`) defines a group, it is no target.
        let band = self.view.starts(ve.end, self.e, "之间");
        let condition = lp.verb.is_none()
            && lp.qual_relation.is_some()
            && self.at(ve.end) == '的'
            && is_cjk(self.at(ve.end + 1));
        if band || condition {
            self.undate_condition(cs);
            let mut end = ve.end;
            if band {
                end += 2;
            }
            if self.at(end) == '的' {
                end += 1;
            }
            self.boundary = self.boundary.max(end);
            self.consumed = self.consumed.max(end);
            return;
        }
        // A range alone (`2024-08`) is not a signal; a unit, a verb or a
        // written qualifier is.
        let has_signal = ve.unit.is_some()
            || lp.verb.is_some()
            || lp.qual_relation.is_some()
            || ve.has_suffix(SUFFIX_QUALS);
        if !has_signal {
            return;
        }
        let noun = self.noun_after(ve.end);
        let comparative = ve.has_suffix(COMPARATIVE);
        let mut relation = if let Some(r) = lp.verb {
            r
        } else if let Some(r) = lp.qual_relation {
            r
        } else if noun.is_some() && comparative {
            Relation::Threshold
        } else if ve.has_suffix(&["以内", "之内"])
            || (noun.is_none() && ve.has_suffix(&["以下", "及以下"]))
        {
            Relation::Cap
        } else {
            Relation::Reach
        };
        let mut metric = self.clean_metric(lb, metric_end);
        // `新增甲面积2亿平方米`: the verb opens the phrase, before the metric.
        if lp.verb.is_none() && lp.qual_relation.is_none() && relation == Relation::Reach {
            if let Some((_, r, n)) = self.view.prefix_match(metric.a, metric.b, LEADING_VERBS) {
                if metric.a + n + 1 < metric.b {
                    relation = r;
                    metric.a += n;
                }
            }
        }
        // `新建建筑节能50%`: a saving (节能, 节水) written with its amount is a
        // reduction; what comes before it is whose saving it is.
        if lp.verb.is_none() && lp.qual_relation.is_none() && metric.b == tok.start {
            if let Some((_, _, n)) = self.view.suffix_match(metric.a, metric.b, SAVINGS) {
                let k = metric.b - n;
                relation = Relation::ReduceBy;
                if k > metric.a {
                    metric.scope = Some(self.view.text(metric.a, k));
                    metric.a = k;
                }
            }
        }
        // `比2020年下降10%，力争达到12%`: a 力争 alternative without a metric
        // of its own restates the previous target of the sentence.
        // `力争完成12%的更高目标`: the same, its noun only naming a target.
        let mut alt_baseline = None;
        let mut alt_metric: Option<(String, Option<String>)> = None;
        let noun_is_target =
            noun.is_some_and(|(na, nb)| TARGET_NOUNS.iter().any(|w| self.view.ends(na, nb, w)));
        if (metric.a >= metric.b || noun_is_target)
            && matches!(lp.verb, None | Some(Relation::Reach))
            && lp
                .quals
                .iter()
                .chain(metric.quals.iter())
                .any(|q| ASPIRATIONS.contains(&q.1.as_str()))
        {
            if let Some(prev) = self
                .rows
                .last()
                .filter(|r| r.value.is_some() && r.unit == ve.unit)
            {
                relation = prev.relation;
                alt_baseline = prev.baseline_year;
                alt_metric = Some((prev.metric.clone(), prev.scope.clone()));
            }
        }
        let mut quals = lp.quals.clone();
        quals.extend(metric.quals.iter().cloned());

        let listed_places = metric.scope.as_deref().is_some_and(|s| s.contains('、'));
        // `单位甲用水量、单位乙用水量比2020年降低10%`: complete
        // metrics (each with the same head) listed before one value.
        let listed_metrics = !lp.distributive
            && metric.a < metric.b
            && self.view.v[metric.a..metric.b].contains(&'、')
            && {
                // Parallel names repeat their head in full as written
                // (…用水量、…用水量); `新建超低能耗、近零能耗建筑面积` and
                // `甲、乙等重点行业…比例` are one metric.
                let written = self.view.text(metric.a, metric.b);
                let items: Vec<&str> = written.split('、').collect();
                let tail = |m: &&str| m.chars().rev().take(2).collect::<String>();
                items.len() >= 2
                    && items.iter().all(|m| tail(m) == tail(&items[0]))
                    && items.iter().all(|m| {
                        m.chars().count() >= 4
                            && !m.contains(['（', '(', '）', ')', '等'])
                            && HEAD_MORPHEMES.iter().any(|h| m.contains(h))
                    })
            };
        if (lp.distributive || listed_metrics || (lp.each && listed_places))
            && relation != Relation::Threshold
        {
            if metric.a < metric.b {
                self.distributive(toks, ti, ve, &lp, relation, &metric, quals, None);
                return;
            }
            if !self.last_group.is_empty() {
                let items = self.last_group.clone();
                self.distributive(toks, ti, ve, &lp, relation, &metric, quals, Some(items));
                return;
            }
        }

        // `…、…等8项任务`, `甲、乙、丙5个领域`: a bare count in
        // front of a noun, with no verb and no qualifier, that sums up the
        // list before it describes the text; it sets no target.
        let listed = {
            let mut a = lb;
            while a < tok.start && matches!(self.view.v[a], '、' | '，' | ',') {
                a += 1;
            }
            self.view.v[a..tok.start].contains(&'、')
        };
        let sums_up = (tok.start > lb && self.view.v[tok.start - 1] == '等') || listed;
        let bare_count = sums_up
            && lp.verb.is_none()
            && lp.qual_relation.is_none()
            && lp.quals.is_empty()
            && ve.suffix_quals.is_empty()
            && alt_metric.is_none()
            && noun.is_some_and(|(na, _)| na == ve.end);
        if bare_count {
            return;
        }
        // Metric and quote range.
        let use_noun = noun.is_some()
            && (relation == Relation::Threshold || lp.verb.is_none() || metric.a >= metric.b);
        let (metric_text, scope, qa, qb) = if let Some((m, sc)) = alt_metric {
            let qa = lp
                .quals
                .iter()
                .chain(metric.quals.iter())
                .map(|q| q.0)
                .min()
                .unwrap_or(tok.start);
            let qb = noun.filter(|_| noun_is_target).map_or(ve.end, |n| n.1);
            (m, sc, qa.min(tok.start), qb)
        } else if let (true, Some((na, nb))) = (use_noun, noun) {
            let qa = lp.quals.iter().map(|q| q.0).min().unwrap_or(tok.start);
            let qa = if metric.scope.is_some() {
                metric.quote_start
            } else {
                qa.min(tok.start)
            };
            (self.view.text(na, nb), metric.scope.clone(), qa, nb)
        } else if metric.a < metric.b {
            let text = self.elliptic(self.view.text(metric.a, metric.b), metric.scope.is_some());
            (text, metric.scope.clone(), metric.quote_start, ve.end)
        } else if let Some(prev) = self.rows.last().filter(|r| r.value.is_some()) {
            (
                prev.metric.clone(),
                prev.scope.clone(),
                lp.metric_end,
                ve.end,
            )
        } else if let Some((pa, a, b)) = self.previous_clause_subject(cs) {
            (self.view.text(a, b), None, pa, ve.end)
        } else {
            return;
        };
        let baseline = lp
            .baseline
            .or(alt_baseline)
            .or_else(|| self.inherited_baseline(relation, tok.start));
        let scope = self.scope_in_part(scope, qa);
        quals.extend(ve.suffix_quals.iter().cloned());
        let row = self.row(RowParts {
            metric: metric_text,
            value: ve.value,
            unit: ve.unit.clone(),
            relation,
            quals,
            baseline,
            scope,
            qa,
            qb,
        });
        self.rows.push(row);
        self.chain_qualifiers(qa, qb, &ve);
        self.boundary = qb.max(ve.end);
        self.consumed = self.consumed.max(ve.end);
    }

    /// A bare year in the clause of a condition (`2019年甲浓度超过50微克/
    /// 立方米的乡镇`, `在2019年…低于50…的乡镇`) says which year's level
    /// sorts the places: it dates the condition, not the target that
    /// follows, so the deadline it displaced applies again.
    pub(super) fn undate_condition(&mut self, clause_start: usize) {
        let dates_condition = self
            .deadline
            .as_ref()
            .is_some_and(|d| d.bare && d.start >= clause_start);
        if !dates_condition {
            return;
        }
        if self.deadline.as_ref().map(|d| &d.text)
            == self.opening_deadline.as_ref().map(|c| &c.text)
        {
            self.opening_deadline = None;
        }
        self.deadlines_seen = self.deadlines_seen.saturating_sub(1);
        self.deadline = self.displaced.take();
    }

    /// `甲控制在5万吨、乙控制在2亿立方米、丙控制在X万吨以内`: targets
    /// run together with 、 share the qualifier written after the last one.
    pub(super) fn chain_qualifiers(&mut self, qa: usize, qb: usize, ve: &ValueExpr) {
        let idx = self.rows.len() - 1;
        let joined =
            self.chain_end > 0 && qa == self.chain_end + 1 && self.at(self.chain_end) == '、';
        if !joined {
            self.chain.clear();
        }
        self.chain.push(idx);
        self.chain_end = qb;
        if ve.suffix_quals.is_empty() || self.chain.len() < 2 {
            return;
        }
        let rel = self.rows[idx].relation;
        let quals: Vec<String> = ve.suffix_quals.iter().map(|q| q.1.clone()).collect();
        for &k in &self.chain[..self.chain.len() - 1] {
            let r = &mut self.rows[k];
            let has_suffix = r
                .qualifiers
                .iter()
                .any(|q| SUFFIX_QUALS.contains(&q.as_str()));
            if r.relation == rel && !has_suffix {
                r.qualifiers.extend(quals.iter().cloned());
            }
        }
    }

    /// `控制甲总量，2030年控制在…`: a number whose clause names no
    /// metric takes it from the clause before, a verb and its object with no
    /// number of its own. Returns (quote start, metric range).
    pub(super) fn previous_clause_subject(&self, cs: usize) -> Option<(usize, usize, usize)> {
        if cs <= self.s || !self.rows.is_empty() {
            return None;
        }
        let end = cs - 1;
        if !matches!(self.view.v[end], '，' | ',') {
            return None;
        }
        let pa = self.clause_start(end);
        let words = &self.view.v[pa..end];
        if words.is_empty() || words.len() > 20 || !words.iter().all(|&c| is_cjk(c)) {
            return None;
        }
        let (_, _, n) = self.view.prefix_match(pa, end, SUBJECT_VERBS)?;
        (end - (pa + n) >= 2).then_some((pa, pa + n, end))
    }

    /// Start of the `；` part of the sentence that `at` is in.
    pub(super) fn part_start(&self, at: usize) -> usize {
        (self.s..at.min(self.e))
            .rev()
            .find(|&k| matches!(self.view.v[k], '；' | ';'))
            .map_or(self.s, |k| k + 1)
    }

    /// The scope of a row starting at `at`: its own, else the narrower
    /// subject an earlier row of the same `；` part wrote
    /// (`市区甲浓度保持在…，乙比率保持在…`). A whole territory (`全市`) is
    /// what a row without a scope is about anyway, so it is not passed on.
    pub(super) fn scope_in_part(&mut self, own: Option<String>, at: usize) -> Option<String> {
        match own {
            Some(scope) => {
                self.subject =
                    (!SCOPE_WHOLE.contains(&scope.as_str())).then(|| (scope.clone(), at));
                Some(scope)
            }
            None => {
                let part = self.part_start(at);
                self.subject
                    .as_ref()
                    .filter(|(_, p)| *p >= part)
                    .map(|(scope, _)| scope.clone())
            }
        }
    }

    /// Baseline of a change written without one: the sentence's standalone
    /// baseline (`与2020年相比，…`), else that of the previous change in the
    /// same part of the sentence (`A比2020年下降5%，B下降3.5%`). A `；`
    /// ends the part: what follows it is a target of its own and writes
    /// its baseline if it has one (`A比2012年下降10%；B分别下降5%、4%`).
    pub(super) fn inherited_baseline(&self, relation: Relation, at: usize) -> Option<u16> {
        if !matches!(relation, Relation::ReduceBy | Relation::IncreaseBy) {
            return None;
        }
        let part_start = self.view.span(self.part_start(at), self.e)[0];
        self.sentence_baseline.or_else(|| {
            self.rows
                .iter()
                .rev()
                .take(LOOK_BACK)
                .take_while(|r| r.span[0] >= part_start)
                .find(|r| matches!(r.relation, Relation::ReduceBy | Relation::IncreaseBy))
                .and_then(|r| r.baseline_year)
        })
    }

    /// Replaces a short elliptic metric (`大气污染防治重点区域比例`) with the
    /// earlier metric of the sentence that it abbreviates (`清洁运输比例`).
    pub(super) fn elliptic(&self, metric: String, had_scope: bool) -> String {
        if !(had_scope || metric.chars().count() <= 2) {
            return metric;
        }
        self.rows
            .iter()
            .rev()
            .take(LOOK_BACK)
            .filter(|r| r.value.is_some())
            .find(|r| r.metric.len() > metric.len() && r.metric.ends_with(&metric))
            .map(|r| r.metric.clone())
            .unwrap_or(metric)
    }

    /// `A、B分别比2023年降低1%` / `A和B分别降低1.8%左右、2.6%左右`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn distributive(
        &mut self,
        toks: &[Tok],
        ti: usize,
        first: ValueExpr,
        lp: &LeftParse,
        relation: Relation,
        metric: &Metric,
        quals: Vec<(usize, String)>,
        items_given: Option<Vec<String>>,
    ) {
        let mut values = vec![(first, Vec::<(usize, String)>::new())];
        let mut k = ti + 1;
        loop {
            let prev_end = values.last().map(|v| v.0.end).unwrap_or(0);
            let sep = self.at(prev_end);
            let mut p = prev_end + 1;
            if !matches!(sep, '、' | '和' | '与' | '及') {
                break;
            }
            let mut pq = Vec::new();
            while let Some((w, _, n)) = self.view.prefix_match(p, self.e, PREFIX_QUALS) {
                pq.push((p, w.to_string()));
                p += n;
            }
            let Some(next) = toks.get(k).filter(|t| t.start == p) else {
                break;
            };
            let Some(ve) = self.value_expr(next) else {
                break;
            };
            values.push((ve, pq));
            k += 1;
        }
        // A unit written only on the last value applies to all of them.
        if let Some(unit) = values.last().and_then(|v| v.0.unit.clone()) {
            for (ve, _) in values.iter_mut() {
                if ve.unit.is_none() {
                    ve.unit = Some(unit.clone());
                }
            }
        }
        // A qualifier written only after the last value (`分别下降5%、4%、
        // 3%左右`, `…、0.5万吨以内`) applies to every value of the list.
        if let Some(last) = values.last().map(|v| v.0.suffix_quals.clone()) {
            let n = values.len();
            for (ve, _) in values.iter_mut().take(n - 1) {
                if ve.suffix_quals.is_empty() {
                    ve.suffix_quals = last.clone();
                }
            }
        }
        let group_end = values.last().map(|v| v.0.end).unwrap_or(metric.b);
        let elliptic = items_given.is_some();
        let items = items_given.unwrap_or_else(|| self.distributive_items(metric.a, metric.b));
        let whole = self.view.text(metric.a, metric.b);
        // `甲地、乙地、丙地等区域丁浓度分别下降5%、4%、3%`: one
        // metric, the values paired with the places of a listed scope.
        let mut scopes: Vec<Option<String>> = vec![metric.scope.clone(); values.len()];
        if let (1, Some(sc)) = (items.len(), metric.scope.as_deref()) {
            let sc = sc.split('等').next().unwrap_or(sc);
            let places: Vec<&str> = sc.split('、').filter(|p| !p.is_empty()).collect();
            if values.len() > 1 && places.len() == values.len() {
                scopes = places.iter().map(|p| Some(p.to_string())).collect();
            }
        }
        // `甲镇、乙乡的丁浓度均下降至40…`: one value, a row per place.
        let mut per_place: Vec<String> = Vec::new();
        if let (1, 1, Some(sc)) = (items.len(), values.len(), metric.scope.as_deref()) {
            let sc = sc.split('等').next().unwrap_or(sc);
            let places: Vec<&str> = sc.split('、').filter(|p| !p.is_empty()).collect();
            if places.len() > 1 && !sc.contains('（') && !sc.contains('(') {
                per_place = places.iter().map(|p| p.to_string()).collect();
            }
        }
        let baseline = lp
            .baseline
            .or_else(|| self.inherited_baseline(relation, metric.quote_start));
        let pairs: Vec<(String, usize)> = if values.len() == 1 {
            items.into_iter().map(|m| (m, 0)).collect()
        } else if items.len() == 1 {
            (0..values.len()).map(|vi| (items[0].clone(), vi)).collect()
        } else {
            (0..values.len())
                .map(|vi| (items.get(vi).cloned().unwrap_or_else(|| whole.clone()), vi))
                .collect()
        };
        if !elliptic {
            self.last_group = pairs.iter().map(|p| p.0.clone()).collect();
        }
        let by_row = !per_place.is_empty();
        let (pairs, scopes) = if per_place.is_empty() {
            (pairs, scopes)
        } else {
            let name = pairs.first().map(|p| p.0.clone()).unwrap_or_default();
            (
                per_place.iter().map(|_| (name.clone(), 0)).collect(),
                per_place.into_iter().map(Some).collect(),
            )
        };
        // One scope for the whole list is the part's subject (or comes from
        // it); places paired with values scope their own rows only.
        let shared = scopes.iter().all(|sc| *sc == scopes[0]);
        let scopes = if shared {
            let own = scopes.first().cloned().flatten();
            vec![self.scope_in_part(own, metric.quote_start); scopes.len()]
        } else {
            self.subject = None;
            scopes
        };
        for (ri, (name, vi)) in pairs.into_iter().enumerate() {
            let (ve, pq) = &values[vi];
            let scope = scopes.get(if by_row { ri } else { vi }).cloned().flatten();
            let mut q = quals.clone();
            q.extend(pq.iter().cloned());
            q.extend(ve.suffix_quals.iter().cloned());
            let row = self.row(RowParts {
                metric: name,
                value: ve.value,
                unit: ve.unit.clone(),
                relation,
                quals: q,
                baseline,
                scope,
                qa: metric.quote_start,
                qb: group_end,
            });
            self.rows.push(row);
        }
        self.boundary = group_end;
        self.consumed = self.consumed.max(group_end);
    }

    /// Splits `高炉、转炉工序单位产品能耗` into full metric names, sharing the
    /// head of the last item with shorter modifier items before it.
    pub(super) fn distributive_items(&self, a: usize, b: usize) -> Vec<String> {
        let v = self.view;
        let mut items = Vec::new();
        let mut start = a;
        let mut k = a;
        while k < b {
            let sep = if v.starts(k, b, "以及") {
                2
            } else if matches!(v.v[k], '、' | '和' | '及' | '与') {
                1
            } else {
                0
            };
            if sep > 0 {
                if k > start {
                    items.push(v.v[start..k].to_vec());
                }
                k += sep;
                start = k;
            } else {
                k += 1;
            }
        }
        if b > start {
            items.push(v.v[start..b].to_vec());
        }
        let n = items.len();
        if n >= 2 {
            let mut last = items[n - 1].clone();
            // `A、B、C等主要污染物排放总量`: what follows 等 is the shared
            // head (from its first head morpheme, if any).
            let mut tail: Option<Vec<char>> = None;
            if let Some(d) = last.iter().position(|&c| c == '等') {
                if d > 0 && d + 1 < last.len() {
                    tail = Some(last[d + 1..].to_vec());
                    last.truncate(d);
                }
            }
            let has_head = |x: &[char]| {
                let s: String = x.iter().collect();
                HEAD_MORPHEMES.iter().any(|m| s.contains(m))
            };
            let head_in = |x: &[char], from: usize| {
                (from..x.len()).find(|&h| {
                    let rest: String = x[h..].iter().collect();
                    HEAD_MORPHEMES.iter().any(|m| rest.starts_with(m))
                })
            };
            // Modifiers are short or are bare names without a head of their
            // own (`甲、乙、…丙排放总量`); a list of complete metrics
            // (`单位甲用水量、单位乙用水量`) shares nothing.
            let modifiers_bare = items[..n - 1]
                .iter()
                .all(|x| x.len() <= 4 || (x.len() <= 12 && !has_head(x)));
            let max_mod = items[..n - 1].iter().map(|x| x.len()).max().unwrap_or(0);
            let shared: Option<(Vec<char>, String)> = if let Some(t) = tail {
                let h = head_in(&t, 0).unwrap_or(0);
                Some((last.clone(), t[h..].iter().collect()))
            } else if max_mod <= 4 && last.len() >= max_mod + 2 {
                let head_at = (1..last.len().min(7))
                    .find(|&h| {
                        let rest: String = last[h..].iter().collect();
                        HEAD_MORPHEMES.iter().any(|m| rest.starts_with(m))
                    })
                    .unwrap_or(items[n - 2].len().min(last.len() - 1));
                Some((last.clone(), last[head_at..].iter().collect()))
            } else if modifiers_bare {
                head_in(&last, 1).map(|h| (last.clone(), last[h..].iter().collect()))
            } else {
                None
            };
            if let Some((last, head)) = shared {
                let join = |x: &[char]| {
                    let m: String = x.iter().collect();
                    if m.ends_with(&head) {
                        m
                    } else {
                        m + &head
                    }
                };
                let mut out: Vec<String> = items[..n - 1].iter().map(|x| join(x)).collect();
                out.push(join(&last));
                return out;
            }
        }
        items.into_iter().map(|x| x.into_iter().collect()).collect()
    }

    pub(super) fn row(&self, p: RowParts) -> Target {
        let mut quals = p.quals;
        if let Some(q) = self.deadline.as_ref().and_then(|d| d.lead_qual.clone()) {
            quals.push(q);
        }
        quals.sort_by_key(|q| q.0);
        let mut qualifiers: Vec<String> = Vec::new();
        for (_, q) in quals {
            if !qualifiers.contains(&q) {
                qualifiers.push(q);
            }
        }
        let span = self.view.span(p.qa, p.qb);
        Target {
            plan: self.plan.to_string(),
            address: self.clause.to_string(),
            level: None,
            issuer: None,
            metric_key: super::metric_key(&p.metric),
            metric: p.metric,
            value: Some(p.value),
            unit: p.unit,
            relation: p.relation,
            qualifiers,
            baseline_year: p.baseline,
            deadline: self.deadline.as_ref().map(|d| d.text.clone()),
            scope: p.scope,
            quote: self.view.quote(span),
            span,
        }
    }
}

/// A cleaned metric range.
pub(super) struct Metric {
    pub(super) quote_start: usize,
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) scope: Option<String>,
    pub(super) quals: Vec<(usize, String)>,
}

pub(super) struct RowParts {
    pub(super) metric: String,
    pub(super) value: f64,
    pub(super) unit: Option<String>,
    pub(super) relation: Relation,
    pub(super) quals: Vec<(usize, String)>,
    pub(super) baseline: Option<u16>,
    pub(super) scope: Option<String>,
    pub(super) qa: usize,
    pub(super) qb: usize,
}
