//! One metric across documents (issue 17) on a corpus of the real excerpts
//! (`../shared/fixtures/real/`, `tests/fixtures/real-more/`), the metric
//! fixtures (`tests/fixtures/metrics/`: one document per level) and the
//! bundled corpus: energy intensity comes back under each of its names and
//! in pinyin, from every document that sets it and from no other metric;
//! national first; in search, in JSON, CSV and a workbook.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// Directories whose `.txt` files make the corpus.
const SOURCES: [&str; 4] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/real"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-more"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/metrics"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"),
];

/// Every energy-intensity row of the corpus, read by hand: (the wording as
/// the document writes it, how many rows). 13 and 18 state a target and a
/// 力争 target; 17 repeats its targets in a news lead.
const ENERGY_INTENSITY: [(&str, usize); 8] = [
    // 07 (湖南), 22 (a city, 十一五), the city fixture.
    ("万元GDP能耗", 3),
    // 11 (泸州).
    ("单位地区生产总值（GDP）能耗", 1),
    // 13 (江西): the page lost the years (比年下降14%); the baseline
    // word is no part of the metric.
    ("单位生产总值能源消耗", 2),
    // 17 (national, news).
    ("单位国内生产总值能源消费", 2),
    // 18 (a Guizhou city) twice, the province fixture.
    ("单位地区生产总值能耗", 3),
    // 21 (黔江区).
    ("单位地区生产总值能源消耗", 1),
    // 22.
    ("单位GDP能耗", 1),
    // The national fixture.
    ("单位国内生产总值能源消耗", 1),
];

/// Names a user may type for energy intensity (none is a row's wording
/// exactly but four) and its pinyin initials.
const NAMES: [&str; 9] = [
    "能耗强度",
    "单位GDP能耗",
    "单位地区生产总值能耗",
    "单位地区生产总值能源消耗",
    "单位生产总值能源消耗",
    "单位国内生产总值能耗",
    "万元地区生产总值能耗",
    "单位 GDP 能耗",
    "nhqd",
];

/// Metrics of the corpus that are NOT energy intensity, though they are
/// intensities or energy: carbon per GDP, energy per industrial value
/// added, per tonne of product, per revenue, per floor area, per person.
const DISTINCT: [&str; 8] = [
    "单位国内生产总值二氧化碳排放",
    "规模以上工业单位增加值能耗",
    "规模以上工业企业单位增加值能耗",
    "吨钢综合能耗",
    "水泥熟料单位产品综合能耗",
    "万元收入能耗",
    "单位建筑面积能耗",
    "人均综合能耗",
];

/// A temporary directory with `corpus/` holding every source's `.txt`.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for source in SOURCES {
        for entry in std::fs::read_dir(source).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::run_in(dir, args)
}

fn json_rows(dir: &Path, args: &[&str]) -> Vec<Value> {
    let (code, stdout, stderr) = run(dir, args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str::<Value>(&stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// Wording → count of the rows.
fn wordings(rows: &[Value]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in rows {
        *out.entry(r["metric"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    out
}

#[test]
fn energy_intensity_comes_back_under_each_name_from_every_document_and_nothing_else() {
    let dir = corpus();
    let expected: BTreeMap<String, usize> = ENERGY_INTENSITY
        .iter()
        .map(|(w, n)| (w.to_string(), *n))
        .collect();
    for name in NAMES {
        let rows = json_rows(dir.path(), &["targets", "--metric", name, "--json"]);
        assert_eq!(wordings(&rows), expected, "--metric {name}");
        assert!(rows.iter().all(|r| r["metric_key"] == "能耗强度"), "{name}");
    }
    // Each distinct metric is its own, under its own name.
    for name in DISTINCT {
        let rows = json_rows(dir.path(), &["targets", "--metric", name, "--json"]);
        assert!(!rows.is_empty(), "{name}");
        assert!(
            rows.iter().all(|r| r["metric_key"] != "能耗强度"),
            "{name}: {rows:?}"
        );
        assert!(
            rows.iter()
                .all(|r| !expected.contains_key(r["metric"].as_str().unwrap())),
            "{name}"
        );
    }
}

#[test]
fn a_metric_reads_national_first_then_province_city_county() {
    let dir = corpus();
    let rows = json_rows(dir.path(), &["targets", "--metric", "能耗强度", "--json"]);
    let rank = |r: &Value| match r["level"].as_str() {
        Some("national") => 0,
        Some("province") => 1,
        Some("city") => 2,
        Some("county") => 3,
        None => 4,
        Some(other) => panic!("level {other}"),
    };
    let ranks: Vec<u8> = rows.iter().map(rank).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted, "{rows:#?}");
    // Every level is there: the fixtures' 国发, 苏政发 and title place,
    // 黔江区 (a district), and the rows' issuers.
    for level in 0..4 {
        assert!(ranks.contains(&level), "level {level}: {ranks:?}");
    }
    let first = &rows[0];
    assert_eq!(first["issuer"], "国务院");
    assert_eq!(first["metric"], "单位国内生产总值能源消耗");
    let county = rows.iter().find(|r| r["level"] == "county").unwrap();
    assert_eq!(county["issuer"], "重庆市黔江区人民政府");

    // The text table: level, issuer, wording, target, and each citation.
    let (code, text, _) = run(dir.path(), &["targets", "--metric", "单位GDP能耗"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("能耗强度："), "{text}");
    assert!(
        lines[3].starts_with("国家") && lines[3].contains("国务院"),
        "{text}"
    );
    assert!(lines[3].contains("降低13.5%"), "{text}");
    assert!(
        lines[4].contains("出处：《“十四五”节能减排综合工作方案》"),
        "{text}"
    );
    assert!(lines
        .iter()
        .all(|l| unicode_width::UnicodeWidthStr::width(*l) <= 80));
}

#[test]
fn csv_md_carry_key_level_issuer_and_citation_and_unknown_metrics_exit_1() {
    let dir = corpus();
    let (code, csv, _) = run(dir.path(), &["targets", "--metric", "能耗强度", "--csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 14);
    for r in &records {
        assert_eq!(&r[col("metric_key")], "能耗强度");
        assert!(r[col("citation")].starts_with('《'), "{r:?}");
    }
    assert_eq!(&records[0][col("level_zh")], "国家");
    let (code, md, _) = run(dir.path(), &["targets", "--metric", "nhqd", "--md"]);
    assert_eq!(code, 0);
    assert!(md.contains("| 能耗强度 |"), "{md}");

    // No document sets it: status 1, nearest metrics on stderr.
    let (code, stdout, stderr) = run(dir.path(), &["targets", "--metric", "能耗强", "--json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("能耗强度"), "{stderr}");
}

#[test]
fn search_finds_every_wording_and_ranks_the_typed_one_first() {
    let dir = corpus();
    let rows = json_rows(dir.path(), &["targets", "--metric", "能耗强度", "--json"]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &["search", "能耗强度", "--limit", "200", "--json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let hits: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let addresses: Vec<&str> = hits
        .iter()
        .map(|h| h["address"].as_str().unwrap())
        .collect();
    for r in &rows {
        let address = r["address"].as_str().unwrap();
        assert!(
            addresses.contains(&address),
            "{address} not found: {addresses:?}"
        );
    }
    // Clauses with 能耗强度 as written rank above those with another wording.
    let library =
        policy_nav::Library::load(policy_nav::CorpusLocation::Dir(dir.path().join("corpus")))
            .unwrap();
    let has_typed = |address: &str| {
        let clause = &library.clauses[library.clause_index(address).unwrap()];
        format!("{}{}", clause.heading, clause.text)
            .replace(char::is_whitespace, "")
            .contains("能耗强度")
    };
    let exact: Vec<bool> = hits
        .iter()
        .map(|h| has_typed(h["address"].as_str().unwrap()))
        .collect();
    let first_other = exact.iter().position(|e| !e).unwrap();
    assert!(first_other > 0, "some clause has the typed wording");
    assert!(
        exact[first_other..].iter().all(|e| !e),
        "an exact clause ranks below a synonym-only one: {exact:?}"
    );
    // --explain counts the other wordings as variants of the word.
    let (code, explained, _) = run(dir.path(), &["search", "能耗强度", "--explain", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&explained).unwrap();
    let variants = v["terms"][0]["variants"].as_array().unwrap();
    assert!(
        variants
            .iter()
            .any(|x| x["via"] == "metric" && x["text"] == "万元GDP能耗"),
        "{variants:?}"
    );
    assert!(variants
        .iter()
        .all(|x| !DISTINCT.contains(&x["text"].as_str().unwrap())));
    // A distinct metric's wording is not a variant of energy intensity.
    assert!(!variants
        .iter()
        .any(|x| x["text"] == "规模以上工业单位增加值能耗"));
}

#[test]
fn the_workbook_keeps_numbers_and_cites_every_row() {
    use std::io::Read;
    let dir = corpus();
    let path = dir.path().join("指标.xlsx");
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "targets",
            "--metric",
            "dwgdpnh能耗",
            "--xlsx",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "an unknown metric writes nothing: {stderr}");
    assert!(!path.exists() && stdout.is_empty());
    let (code, _, stderr) = run(dir.path(), &["targets", "--xlsx", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("已写入"), "{stderr}");
    let bytes = std::fs::read(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let book = part("xl/workbook.xml");
    assert!(
        book.contains("name=\"指标\"") && book.contains("name=\"同一指标跨文件对比\""),
        "{book}"
    );
    let strings = part("xl/sharedStrings.xml");
    assert!(
        strings.contains("出处") && strings.contains("单位"),
        "headings"
    );
    assert!(strings.contains("能耗强度"), "the key");
    let shared = part("xl/worksheets/sheet2.xml");
    assert!(shared.contains("ySplit=\"1\""), "frozen header");
    assert!(shared.contains("<v>13.5</v>"), "values are numbers");
    assert!(!shared.contains("<f>"), "no formulas");
    // A directory that does not exist: a usage error naming it, in Chinese.
    let (code, _, stderr) = run(dir.path(), &["targets", "--xlsx", "no/such/dir/x.xlsx"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("所在目录不存在"), "{stderr}");
}

#[test]
fn a_document_without_a_header_takes_the_level_its_targets_are_scoped_to() {
    let text = "节能减排实施方案\n\n一、主要目标\n\n到2025年，全市单位地区生产总值能耗比2020年下降13%，全市煤炭消费比重降至40%。\n";
    let library = policy_nav::Library::from_texts(&[("方案", text)]);
    assert!(!library.targets.is_empty());
    for t in &library.targets {
        assert_eq!(t.level, Some(policy_nav::targets::Level::City), "{t:?}");
        assert_eq!(t.issuer, None);
    }
    // Scoped to two territories as often: no level.
    let text = "节能减排实施方案\n\n一、主要目标\n\n到2025年，全市单位地区生产总值能耗比2020年下降13%，全省煤炭消费比重降至40%。\n";
    let library = policy_nav::Library::from_texts(&[("方案", text)]);
    let scopes: Vec<Option<&str>> = library.targets.iter().map(|t| t.scope.as_deref()).collect();
    assert_eq!(scopes, [Some("全市"), Some("全省")]);
    assert!(library.targets.iter().all(|t| t.level.is_none()));
}
