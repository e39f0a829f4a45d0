//! Printer tests: JSON shape, CSV with BOM and header, and a table that fits
//! the terminal width measured in display columns.

use policy_nav::targets::{extract_targets, Relation, Target};
use policy_nav::targets_format::{
    display_width, render_table, target_text, truncate_to_width, write_json, write_table,
    CSV_HEADER,
};

/// The targets CSV as `targets --csv` writes it.
fn write_csv(rows: &[(Target, String)], w: &mut Vec<u8>) -> std::io::Result<()> {
    let table = policy_nav::export::cited_targets_table(rows.iter().map(|(t, c)| (t, c.clone())));
    policy_nav::export::write_csv(&table, w)
}
use unicode_width::UnicodeWidthStr;

const PLANS: [&str; 5] = ["钢铁", "炼油", "合成氨", "水泥", "电解铝"];

/// All rows of the bundled corpus, one text per plan section.
fn corpus_rows() -> Vec<Target> {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/jiangsu-2024-1057.txt"
    ))
    .expect("corpus file");
    let titles: Vec<(usize, &str)> = PLANS
        .iter()
        .map(|p| {
            let title = format!("{p}行业节能降碳专项行动计划\n");
            (raw.find(&title).expect("plan title"), *p)
        })
        .collect();
    let mut rows = Vec::new();
    for (k, (start, plan)) in titles.iter().enumerate() {
        let end = titles.get(k + 1).map(|t| t.0).unwrap_or(raw.len());
        rows.extend(extract_targets(
            plan,
            &format!("{plan}:全文"),
            &raw[*start..end],
        ));
    }
    rows
}

fn sample(text: &str) -> Target {
    extract_targets("钢铁", "钢铁:一", text)
        .into_iter()
        .next()
        .expect("a row")
}

#[test]
fn corpus_has_rows_for_every_plan() {
    let rows = corpus_rows();
    for p in PLANS {
        assert!(rows.iter().any(|t| t.plan == p && t.value.is_some()), "{p}");
        assert!(
            rows.iter()
                .any(|t| t.plan == p && t.relation == Relation::Milestone),
            "{p}"
        );
    }
}

#[test]
fn json_is_an_array_of_target_objects() {
    let rows = corpus_rows();
    let mut buf = Vec::new();
    write_json(&rows, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(text.contains("\n  {"), "pretty printed");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), rows.len());
    let keys = [
        "plan",
        "address",
        "metric",
        "metric_key",
        "level",
        "issuer",
        "value",
        "unit",
        "relation",
        "qualifiers",
        "baseline_year",
        "deadline",
        "scope",
        "quote",
        "span",
    ];
    for obj in arr {
        let obj = obj.as_object().unwrap();
        let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
        got.sort();
        let mut want = keys.to_vec();
        want.sort();
        assert_eq!(got, want);
        assert_eq!(obj["span"].as_array().unwrap().len(), 2);
    }
    let first = &arr[0];
    assert_eq!(first["relation"], "reduce_by");
    assert_eq!(first["value"], 1.0);
    assert_eq!(first["baseline_year"], 2023);
    assert_eq!(first["qualifiers"], serde_json::json!(["以上"]));
    let milestone = arr.iter().find(|o| o["relation"] == "milestone").unwrap();
    assert!(milestone["value"].is_null());
    assert!(milestone["unit"].is_null());
}

#[test]
fn csv_has_bom_header_and_one_record_per_row() {
    let rows: Vec<(Target, String)> = corpus_rows()
        .into_iter()
        .map(|t| {
            let cite = format!("《{}行业节能降碳专项行动计划》", t.plan);
            (t, cite)
        })
        .collect();
    let mut buf = Vec::new();
    write_csv(&rows, &mut buf).unwrap();
    assert_eq!(&buf[..3], [0xEF, 0xBB, 0xBF]);
    let mut rdr = csv::Reader::from_reader(&buf[3..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_HEADER);
    let records: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    let steel = &records[0];
    assert_eq!(&steel[col("metric")], "高炉工序单位产品能耗");
    assert_eq!(&steel[col("value")], "1");
    assert_eq!(&steel[col("relation")], "reduce_by");
    assert_eq!(&steel[col("citation")], "《钢铁行业节能降碳专项行动计划》");
    let quals: Vec<&str> = records.iter().map(|r| &r[col("qualifiers")]).collect();
    assert!(quals.contains(&"力争"));
    let mut multi = sample("产量力争达到约300万吨以上");
    multi.qualifiers = vec!["力争".into(), "约".into(), "以上".into()];
    let mut buf = Vec::new();
    write_csv(&[(multi, String::new())], &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(text.contains(",力争;约;以上,"), "{text}");
}

#[test]
fn table_lines_fit_80_columns_on_the_corpus() {
    let rows = corpus_rows();
    let mut buf = Vec::new();
    write_table(&rows, 80, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), rows.len() + 2, "header, rule, rows");
    for line in &lines {
        assert!(
            UnicodeWidthStr::width(*line) <= 80,
            "{} columns: {line}",
            UnicodeWidthStr::width(*line)
        );
    }
    assert!(lines[0].starts_with("计划"));
    assert!(
        lines.iter().any(|l| l.contains('…')),
        "long metrics are cut"
    );
    assert!(lines.iter().any(|l| l.contains("降低1%以上")));
    assert!(lines.iter().any(|l| l.contains("控制在18亿吨左右")));
}

#[test]
fn table_fits_other_widths_and_keeps_columns_aligned() {
    let rows = corpus_rows();
    for width in [40, 60, 100, 160] {
        let text = render_table(&rows, width);
        for line in text.lines() {
            assert!(display_width(line) <= width, "{width}: {line}");
        }
    }
    // Wide enough: nothing is cut and the separators line up.
    let few: Vec<Target> = rows.iter().take(5).cloned().collect();
    let text = render_table(&few, 200);
    assert!(!text.contains('…'));
    let bar_cols: Vec<Vec<usize>> = text
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(|l| {
            let mut cols = Vec::new();
            let mut w = 0;
            for c in l.chars() {
                if c == '|' {
                    cols.push(w);
                }
                w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
            cols
        })
        .collect();
    assert!(bar_cols.windows(2).all(|p| p[0] == p[1]), "{text}");
}

#[test]
fn target_cells_read_naturally() {
    assert_eq!(
        target_text(&sample("吨钢综合能耗比2023年降低2%以上")),
        "降低2%以上"
    );
    assert_eq!(target_text(&sample("占比达到30%")), "达到30%");
    assert_eq!(
        target_text(&sample("产能控制在18亿吨左右")),
        "控制在18亿吨左右"
    );
    assert_eq!(target_text(&sample("比例力争提升至15%")), "力争达到15%");
    assert_eq!(target_text(&sample("占比超过30%")), "超过30%");
    assert_eq!(target_text(&sample("淘汰200kA以下电解槽")), "200kA以下");
    assert_eq!(
        target_text(&sample("自发电率比2023年提高3个百分点以上")),
        "提高3个百分点以上"
    );
    assert_eq!(
        target_text(&sample("形成节能量约2000万吨标准煤")),
        "达到约2000万吨标准煤"
    );
    assert_eq!(
        target_text(&sample("到2030年底，取得显著成效。")),
        "（定性目标）"
    );
}

#[test]
fn truncation_measures_display_width() {
    assert_eq!(truncate_to_width("能效标杆水平", 7), "能效标…");
    assert_eq!(display_width(&truncate_to_width("能效标杆水平", 7)), 7);
    assert_eq!(truncate_to_width("能效标杆水平", 12), "能效标杆水平");
    assert_eq!(truncate_to_width("abc", 0), "");
}

#[test]
fn table_shows_scope_after_the_metric() {
    let t = sample("到2025年底，全国原油一次加工能力控制在10亿吨以内");
    let text = render_table(&[t], 200);
    assert!(text.contains("原油一次加工能力（全国）"), "{text}");
    assert!(text.contains("控制在10亿吨以内"), "{text}");
    assert!(text.contains("2025年底"), "{text}");
}
