//! Sentence lexing.

#[allow(unused_imports)]
use super::*;

#[derive(Debug, Clone)]
pub(super) enum TokKind {
    /// A deadline or period; `led` = introduced by 到/至/直至.
    Deadline { text: String, led: bool },
    /// A baseline year; `standalone` = the phrase is a clause of its own
    /// (`与2020年相比，`) and applies to the rest of the sentence.
    Baseline { year: u16, standalone: bool },
    /// A candidate number.
    Num { value: f64 },
    /// Text that only has to be skipped (versions, dates).
    Skip,
    /// `截至2020年`: the numbers after it, up to the next deadline, are
    /// results reported as of that date, not targets.
    AsOf,
    /// A zero target written as a word (`零增长`, `不出现…`); `after` = the
    /// metric follows the word.
    Zero { relation: Relation, after: bool },
    /// A negated worsening (`不出现不降反升`, `不恶化`): a goal without a
    /// number if a guarantee (确保) and a metric stand before it.
    NoWorse,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: TokKind,
}

/// Unit, qualifiers and end position of a number expression.
#[derive(Debug, Clone, Default)]
pub(super) struct ValueExpr {
    pub(super) value: f64,
    pub(super) unit: Option<String>,
    /// (position, text) qualifiers found after the number.
    pub(super) suffix_quals: Vec<(usize, String)>,
    pub(super) end: usize,
}

impl ValueExpr {
    pub(super) fn has_suffix(&self, list: &[&str]) -> bool {
        self.suffix_quals
            .iter()
            .any(|(_, q)| list.contains(&q.as_str()))
    }
}

/// Result of reading backwards from a number.
#[derive(Debug, Default)]
pub(super) struct LeftParse {
    /// Start of the verb/qualifier/baseline run (metric ends here).
    pub(super) metric_end: usize,
    pub(super) verb: Option<Relation>,
    pub(super) qual_relation: Option<Relation>,
    pub(super) quals: Vec<(usize, String)>,
    pub(super) baseline: Option<u16>,
    pub(super) distributive: bool,
    /// `均` before the verb: one value for each of several subjects.
    pub(super) each: bool,
}

/// A deadline passed on to the next sentences of a paragraph.
#[derive(Debug, Clone)]
pub(super) struct Carried {
    pub(super) text: String,
    /// Written with 到/至 (`到2020年`): it frames goals, not a report.
    pub(super) led: bool,
}

#[derive(Clone)]
pub(super) struct Deadline {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    /// `力争` written before the deadline (`力争到2025年…`) qualifies every
    /// row the deadline governs.
    pub(super) lead_qual: Option<(usize, String)>,
    pub(super) milestone_ok: bool,
    pub(super) rows_before: usize,
    /// A bare year (`2019年…`), not led by 到/至: it may turn out to date a
    /// condition rather than set a deadline.
    pub(super) bare: bool,
}

impl<'a> SentenceParser<'a> {
    pub(super) fn at(&self, i: usize) -> char {
        if i < self.e {
            self.view.at(i)
        } else {
            '\0'
        }
    }

    pub(super) fn lex(&mut self) {
        let v = self.view;
        let (s, e) = (self.s, self.e);
        let mut depth = 0usize;
        let mut restating = 0usize;
        let mut i = s;
        while i < e {
            let c = v.v[i];
            // `“十四五”期间，` opening a clause is a period deadline, and so
            // is `“十三五”…的主要目标：`, a plan period naming the targets
            // the list after it sets.
            if depth == 0 && c == '“' {
                let end = if self.clause_start(i) == i {
                    self.quoted_period_end(i + 1)
                } else {
                    None
                }
                .or_else(|| self.period_of_target_list(i));
                if let Some(end) = end {
                    let text = v.text(i, end);
                    self.toks.push(Tok {
                        start: i,
                        end,
                        kind: TokKind::Deadline { text, led: false },
                    });
                    i = end;
                    continue;
                }
            }
            // `（即全年甲天数不能超过27天）` restates the target before
            // it in other terms: a bracket opening with 即 is read as text.
            if depth == 0 && matches!(c, '（' | '(') && self.at(i + 1) == '即' {
                restating += 1;
                i += 1;
                continue;
            }
            if OPENERS.contains(&c) {
                depth += 1;
                i += 1;
                continue;
            }
            if CLOSERS.contains(&c) {
                if depth == 0 && restating > 0 {
                    restating -= 1;
                } else {
                    depth = depth.saturating_sub(1);
                }
                i += 1;
                continue;
            }
            if depth == 0 && (c == '到' || c == '至') && self.at(i + 1) == '“' {
                if let Some(end) = self.quoted_period_end(i + 2) {
                    let text = v.text(i + 1, end);
                    self.toks.push(Tok {
                        start: i,
                        end,
                        kind: TokKind::Deadline { text, led: true },
                    });
                    i = end;
                    continue;
                }
            }
            if depth == 0 {
                if let Some(w) = v.prefix_word(i, e, NO_WORSENING) {
                    let end = i + w.chars().count();
                    self.toks.push(Tok {
                        start: i,
                        end,
                        kind: TokKind::NoWorse,
                    });
                    i = end;
                    continue;
                }
                if let Some((w, relation, after)) =
                    ZERO_WORDS.iter().find(|(w, _, _)| v.starts(i, e, w))
                {
                    let end = i + w.chars().count();
                    // `不出现不降反升` negates a change, it counts nothing.
                    let next = self.at(end);
                    if !after || (is_cjk(next) && !matches!(next, '不' | '反' | '再')) {
                        self.toks.push(Tok {
                            start: i,
                            end,
                            kind: TokKind::Zero {
                                relation: *relation,
                                after: *after,
                            },
                        });
                        i = end;
                        continue;
                    }
                }
                if let Some(tok) = self.cjk_number(i) {
                    i = tok.end;
                    self.toks.push(tok);
                    continue;
                }
            }
            if !c.is_ascii_digit() {
                i += 1;
                continue;
            }
            // Digits glued to Latin letters or a dot are identifiers (PM2.5, C919).
            if i > s && (v.v[i - 1].is_ascii_alphabetic() || v.v[i - 1] == '.') {
                while i < e && (v.v[i].is_ascii_alphanumeric() || v.v[i] == '.') {
                    i += 1;
                }
                continue;
            }
            if depth == 0 {
                if let Some(tok) = self.lex_year(i) {
                    i = tok.end.max(i + 1);
                    self.toks.push(tok);
                    continue;
                }
            }
            let j = self.number_end(i);
            if depth == 0 {
                let digits: String = v.v[i..j].iter().filter(|c| **c != ',').collect();
                if let Ok(value) = digits.parse::<f64>() {
                    if value.is_finite() {
                        self.toks.push(Tok {
                            start: i,
                            end: j,
                            kind: TokKind::Num { value },
                        });
                    }
                }
            } else if self.view.year_at(i, e).is_some() && self.at(i + 4) == '年' {
                // Skip `年` too so a bracketed year never reads as a number.
                i = j + 1;
                continue;
            }
            i = j.max(i + 1);
        }
    }

    /// A value in Chinese numerals: a fraction (`三分之一`) or a count of
    /// percentage points (`两个百分点`).
    pub(super) fn cjk_number(&self, i: usize) -> Option<Tok> {
        let v = self.view;
        let run_end = |a: usize| {
            let mut j = a;
            while j < self.e && j < a + 6 && "零〇一二两三四五六七八九十百".contains(v.v[j])
            {
                j += 1;
            }
            j
        };
        if i > self.s && "零〇一二两三四五六七八九十百".contains(v.v[i - 1]) {
            return None;
        }
        let j = run_end(i);
        if j == i {
            return None;
        }
        let num = crate::text::chinese_numeral_value(&v.text(i, j))? as f64;
        // `X分之Y` is Y/X: the denominator is written first.
        if v.starts(j, self.e, "分之") {
            let k = run_end(j + 2);
            if k == j + 2 || num == 0.0 {
                return None;
            }
            let numerator = crate::text::chinese_numeral_value(&v.text(j + 2, k))? as f64;
            return Some(Tok {
                start: i,
                end: k,
                kind: TokKind::Num {
                    value: numerator / num,
                },
            });
        }
        if CJK_NUMERAL_UNITS.iter().any(|u| v.starts(j, self.e, u)) {
            return Some(Tok {
                start: i,
                end: j,
                kind: TokKind::Num { value: num },
            });
        }
        None
    }

    /// End of `“…”末` (after 到) for period names like `到“十四五”末`.
    pub(super) fn quoted_period_end(&self, from: usize) -> Option<usize> {
        let lim = (from + 12).min(self.e);
        let close = (from..lim).find(|&k| self.view.v[k] == '”')?;
        if close == from {
            return None;
        }
        let ends = ["期末", "末期", "期间", "时期", "末"];
        let w = self.view.prefix_word(close + 1, self.e, &ends)?;
        Some(close + 1 + w.chars().count())
    }

    /// End of a quoted plan period (`“十四五”`: 十, a numeral, 五) that
    /// opens a clause introducing targets (`…的主要目标：`, `…指标为：`).
    pub(super) fn period_of_target_list(&self, open: usize) -> Option<usize> {
        let v = self.view;
        let lim = (open + 6).min(self.e);
        let close = (open + 1..lim).find(|&k| v.v[k] == '”')?;
        let name = &v.v[open + 1..close];
        let numeral = |c: &char| "一二三四五六七八九十".contains(*c);
        if name.len() < 3 || name[0] != '十' || name[name.len() - 1] != '五' {
            return None;
        }
        if !name.iter().all(numeral) {
            return None;
        }
        let mut k = close + 1;
        while k < self.e && !CLAUSE_BREAKS.contains(&v.v[k]) {
            k += 1;
        }
        if !matches!(self.at(k), '：' | ':') {
            return None;
        }
        let mut head_end = k;
        if let Some((_, _, n)) = v.suffix_match(close + 1, head_end, &[("是", ()), ("为", ())]) {
            head_end -= n;
        }
        TARGET_NOUNS
            .iter()
            .any(|w| v.ends(close + 1, head_end, w))
            .then_some(close + 1)
    }

    /// End of the number starting at `i` (digits, thousands commas, decimals).
    pub(super) fn number_end(&self, i: usize) -> usize {
        let v = self.view;
        let e = self.e;
        let mut j = v.digits_end(i, e);
        while self.at(j) == ','
            && v.digits_end(j + 1, e) == j + 4
            && !self.at(j + 4).is_ascii_digit()
        {
            j += 4;
        }
        if self.at(j) == '.' && self.at(j + 1).is_ascii_digit() {
            j = v.digits_end(j + 1, e);
        }
        j
    }

    /// End of a year suffix such as 底, 末, 前, 底前, 年度 after `年` at `j`.
    pub(super) fn year_suffix_end(&self, j: usize) -> usize {
        let sfx = ["底前", "末前", "以前", "底", "末", "前", "度"];
        match self.view.prefix_word(j, self.e, &sfx) {
            Some(w) => j + w.chars().count(),
            None => j,
        }
    }

    /// A year, period, deadline or baseline expression starting at digit `i`.
    pub(super) fn lex_year(&self, i: usize) -> Option<Tok> {
        let v = self.view;
        let (s, e) = (self.s, self.e);
        let y = v.year_at(i, e)?;
        // Period: 2024—2025年 or 2024年—2025年.
        let after_first = if self.at(i + 4) == '年' {
            i + 5
        } else {
            i + 4
        };
        let mut end;
        if DASHES.contains(&self.at(after_first))
            && v.year_at(after_first + 1, e).is_some()
            && self.at(after_first + 5) == '年'
        {
            end = self.year_suffix_end(after_first + 6);
        } else if self.at(i + 4) == '年' {
            end = self.year_suffix_end(i + 5);
        } else {
            return None;
        }
        // Versions and dates are not time targets: 2024年版, 2024年8月; a
        // date with 底/末/前 after it is a deadline within the year
        // (`2019年9月底前`, `2019年6月30日前`).
        if self.at(end) == '版' {
            return Some(self.other(i, end + 1));
        }
        if self.at(end).is_ascii_digit() {
            let j = v.digits_end(end, e);
            if matches!(self.at(j), '月' | '日') {
                let mut k = j + 1;
                if self.at(j) == '月' && self.at(k).is_ascii_digit() {
                    let d = v.digits_end(k, e);
                    if self.at(d) == '日' {
                        k = d + 1;
                    }
                }
                let within = ["底前", "末前", "以前", "底", "末", "前"];
                match v.prefix_word(k, e, &within) {
                    Some(w) => end = k + w.chars().count(),
                    None => return Some(self.other(i, j + 1)),
                }
            }
        }
        let text = v.text(i, end);
        let lo = s;
        let to_words: &[(&str, ())] = &[
            ("截至", ()),
            ("截止到", ()),
            ("截止", ()),
            ("直至", ()),
            ("到", ()),
            ("至", ()),
        ];
        if let Some((w, _, n)) = v.suffix_match(lo, i, to_words) {
            // `截至2022年，…下降12.34%`: a stock-taking date, what follows is
            // a reported result.
            let kind = if w.starts_with('截') {
                TokKind::AsOf
            } else {
                TokKind::Deadline { text, led: true }
            };
            return Some(Tok {
                start: i - n,
                end,
                kind,
            });
        }
        let mut start = i;
        let mut is_base = false;
        if let Some((_, _, n)) = v.suffix_match(lo, i, BASE_WORDS) {
            start = i - n;
            is_base = true;
        } else if i > lo && matches!(v.v[i - 1], '由' | '从') && self.at(end) == '的' {
            // `由2020年的23%`: the year of a starting value.
            end += 1;
            is_base = true;
        } else if i > lo && matches!(v.v[i - 1], '与' | '同' | '在' | '以') {
            let tails = [
                "相比",
                "相较",
                "比较",
                "基础上",
                "为基期",
                "为基准",
                "为基数",
            ];
            if let Some(w) = v.prefix_word(end, e, &tails) {
                start = i - 1;
                end += w.chars().count();
                is_base = true;
            }
        }
        if is_base {
            // `比2020年` after which `相比` may still follow (`较2020年相比`).
            if let Some(w) = v.prefix_word(end, e, &["相比", "而言"]) {
                end += w.chars().count();
            }
            let standalone = end >= e || CLAUSE_BREAKS.contains(&self.at(end));
            return Some(Tok {
                start,
                end,
                kind: TokKind::Baseline {
                    year: y,
                    standalone,
                },
            });
        }
        Some(Tok {
            start: i,
            end,
            kind: TokKind::Deadline { text, led: false },
        })
    }

    /// A token that only consumes text.
    pub(super) fn other(&self, start: usize, end: usize) -> Tok {
        Tok {
            start,
            end,
            kind: TokKind::Skip,
        }
    }

    /// Start of the clause containing `p` (after the last ，；： or line break).
    pub(super) fn clause_start(&self, p: usize) -> usize {
        let p = p.clamp(self.s, self.e);
        self.clause_starts[p - self.s]
    }
}
