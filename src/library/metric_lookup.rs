//! Metric names as typed → the metric key they name: any wording the
//! metric table or the normalizer equates (能耗强度, 单位GDP能耗, 万元GDP能耗),
//! or the pinyin (full or initials) of one (`nhqd`).

#[allow(unused_imports)]
use super::*;
use crate::targets::MetricTable;

/// What a typed metric name names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricLookup {
    /// The key of the metric (some target row has it).
    Key(String),
    /// Pinyin that spells names of several metrics: their keys.
    Ambiguous(Vec<String>),
    /// No target row has this metric; the nearest keys there are.
    Unknown {
        /// Keys of the corpus's metrics nearest to what was typed.
        nearest: Vec<String>,
    },
}

/// Most near keys suggested for an unknown metric.
const NEAREST_METRICS: usize = 5;

impl Library {
    /// The distinct metric keys of the corpus's rows with a number, in
    /// reading order of their first row.
    pub fn metric_keys(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.targets
            .iter()
            .filter(|t| t.value.is_some())
            .map(|t| t.metric_key.as_str())
            .filter(|k| seen.insert(*k))
            .collect()
    }

    /// The metric a name typed in any wording, or in pinyin, names.
    pub fn lookup_metric(&self, name: &str) -> MetricLookup {
        let name = name.trim();
        let table = MetricTable::embedded();
        let keys = self.metric_keys();
        let key = table.key_of(name);
        if !key.is_empty() && keys.contains(&key.as_str()) {
            return MetricLookup::Key(key);
        }
        if crate::pinyin::looks_like_pinyin(name) {
            let mut found: Vec<String> = Vec::new();
            for (term, _) in self.metric_pinyin().lookup(&name.to_lowercase()) {
                let key = table.key_of(&term.text);
                if keys.contains(&key.as_str()) && !found.contains(&key) {
                    found.push(key);
                }
            }
            match found.len() {
                0 => {}
                1 => return MetricLookup::Key(found.remove(0)),
                _ => return MetricLookup::Ambiguous(found),
            }
        }
        let mut by_distance: Vec<(usize, &str)> = keys
            .iter()
            .map(|k| (edit_distance(&key, k), *k))
            .filter(|(d, k)| *d <= k.chars().count().max(key.chars().count()) / 2)
            .collect();
        by_distance.sort();
        MetricLookup::Unknown {
            nearest: by_distance
                .into_iter()
                .take(NEAREST_METRICS)
                .map(|(_, k)| k.to_string())
                .collect(),
        }
    }

    /// Pinyin keys of every metric name: the table's keys and synonyms and
    /// the corpus's wordings and keys (built when pinyin is typed).
    fn metric_pinyin(&self) -> PinyinIndex {
        let table = MetricTable::embedded();
        let names = table.metrics().iter().flat_map(|m| m.names()).chain(
            self.targets
                .iter()
                .filter(|t| t.value.is_some())
                .flat_map(|t| [t.metric.as_str(), t.metric_key.as_str()]),
        );
        PinyinIndex::build(names.map(|n| (n, TermKind::Metric)))
    }
}
