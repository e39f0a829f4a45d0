//! Alias table

#[allow(unused_imports)]
use super::*;

/// One department of the alias table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasEntry {
    /// Canonical name, as the documents spell it (`国家发展改革委`).
    pub name: String,
    /// Full official name (`国家发展和改革委员会`), also accepted as an alias.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Other spellings (`发改委`, `国家发改委`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Bare names of local counterparts that differ from the national name
    /// (`经济和信息化厅` for `工业和信息化部`); used only for counterparts.
    #[serde(default)]
    pub local_names: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct AliasFile {
    #[serde(default, rename = "department")]
    departments: Vec<AliasEntry>,
}

/// Errors from loading an alias table.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    /// The TOML did not parse or did not have the expected shape.
    Toml(#[from] toml::de::Error),
    /// A department entry has an empty name.
    EmptyName,
    /// One spelling is claimed by two departments.
    Conflict {
        /// The ambiguous spelling.
        alias: String,
        /// The department that claimed it first.
        first: String,
        /// The department that claimed it again.
        second: String,
    },
}

impl std::fmt::Display for AliasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            AliasError::Toml(e) => crate::t!("aliases.bad_toml", error = e),
            AliasError::EmptyName => crate::t!("aliases.empty_name"),
            AliasError::Conflict {
                alias,
                first,
                second,
            } => crate::t!(
                "aliases.conflict",
                alias = alias,
                first = first,
                second = second
            ),
        })
    }
}

/// Maps abbreviations and full official names to canonical department names.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AliasTable {
    entries: Vec<AliasEntry>,
    /// normalised spelling (canonical, full name or alias) -> entry index
    by_spelling: HashMap<String, usize>,
}

impl AliasTable {
    /// Parses a table in the `data/aliases.toml` format.
    pub fn from_toml_str(text: &str) -> Result<Self, AliasError> {
        let file: AliasFile = toml::from_str(text)?;
        let mut table = AliasTable::default();
        for mut entry in file.departments {
            entry.name = normalize_name(&entry.name);
            if entry.name.is_empty() {
                return Err(AliasError::EmptyName);
            }
            entry.full_name = entry.full_name.map(|f| normalize_name(&f));
            entry.aliases = entry.aliases.iter().map(|a| normalize_name(a)).collect();
            entry.local_names = entry
                .local_names
                .iter()
                .map(|a| normalize_name(a))
                .collect();
            let idx = table.entries.len();
            let spellings: Vec<String> = std::iter::once(entry.name.clone())
                .chain(entry.full_name.clone())
                .chain(entry.aliases.iter().cloned())
                .filter(|s| !s.is_empty())
                .collect();
            for s in spellings {
                match table.by_spelling.get(&s) {
                    Some(&other) if other != idx => {
                        return Err(AliasError::Conflict {
                            alias: s,
                            first: table.entries[other].name.clone(),
                            second: entry.name.clone(),
                        });
                    }
                    _ => {
                        table.by_spelling.insert(s, idx);
                    }
                }
            }
            table.entries.push(entry);
        }
        Ok(table)
    }

    /// The table embedded from `data/aliases.toml`.
    ///
    /// # Panics
    /// Never in a released build: the embedded file is checked by the tests.
    pub fn embedded() -> Self {
        Self::from_toml_str(EMBEDDED_ALIASES).expect("embedded data/aliases.toml is valid")
    }

    /// The canonical name for a canonical name, full name or alias
    /// (after [`normalize_name`]); `None` if the table does not know it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.by_spelling
            .get(&normalize_name(name))
            .map(|&i| self.entries[i].name.as_str())
    }

    /// The entry of a canonical name, full name or alias.
    pub fn entry(&self, name: &str) -> Option<&AliasEntry> {
        self.by_spelling
            .get(&normalize_name(name))
            .map(|&i| &self.entries[i])
    }

    /// Alternative spellings of a department (full name first, then
    /// aliases); empty if the table does not know it.
    pub fn aliases_of(&self, name: &str) -> Vec<String> {
        match self.entry(name) {
            Some(e) => e
                .full_name
                .iter()
                .chain(e.aliases.iter())
                .filter(|a| **a != e.name)
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[AliasEntry] {
        &self.entries
    }

    /// Extends this table with a user table in the same TOML format. An
    /// entry whose name (or full name, or an alias) is already known adds
    /// its spellings and local names to that department; other entries are
    /// new departments. A spelling already claimed by another department is
    /// skipped and reported. Fails (changing nothing) when `text` is not a
    /// valid table on its own.
    pub fn merge_toml(&mut self, text: &str) -> Result<Vec<String>, AliasError> {
        let user = AliasTable::from_toml_str(text)?;
        let mut skipped = Vec::new();
        for entry in user.entries {
            let spellings: Vec<String> = std::iter::once(entry.name.clone())
                .chain(entry.full_name.clone())
                .chain(entry.aliases.iter().cloned())
                .collect();
            let existing = spellings
                .iter()
                .find_map(|s| self.by_spelling.get(s).copied());
            let idx = match existing {
                Some(i) => i,
                None => {
                    self.entries.push(AliasEntry {
                        name: entry.name.clone(),
                        full_name: None,
                        aliases: Vec::new(),
                        local_names: Vec::new(),
                    });
                    self.by_spelling
                        .insert(entry.name.clone(), self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            for s in spellings {
                match self.by_spelling.get(&s) {
                    Some(&other) if other != idx => skipped.push(
                        crate::t!(
                            "aliases.taken",
                            alias = s,
                            name = entry.name,
                            other = self.entries[other].name
                        )
                        .into_owned(),
                    ),
                    Some(_) => {}
                    None => {
                        self.by_spelling.insert(s.clone(), idx);
                        let e = &mut self.entries[idx];
                        if Some(&s) == entry.full_name.as_ref() && e.full_name.is_none() {
                            e.full_name = Some(s);
                        } else {
                            e.aliases.push(s);
                        }
                    }
                }
            }
            for local in entry.local_names {
                if !self.entries[idx].local_names.contains(&local) {
                    self.entries[idx].local_names.push(local);
                }
            }
        }
        Ok(skipped)
    }

    /// Every spelling the table knows, with its canonical name.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_spelling
            .iter()
            .map(|(s, &i)| (s.as_str(), self.entries[i].name.as_str()))
    }
}
