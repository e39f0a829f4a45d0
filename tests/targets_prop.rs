//! Property tests: the extractor never panics and every span/quote pair is
//! consistent with the input, whatever the input.

use policy_nav::targets::{extract_targets, Relation};
use proptest::prelude::*;

/// Fragments that exercise the grammar: digits, years, units, qualifiers,
/// verbs, brackets, punctuation, whitespace, full-width forms.
const FRAGMENTS: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "9",
    "2023",
    "2025",
    "1000",
    ".",
    ".5",
    ",",
    "，",
    "。",
    "、",
    "；",
    "：",
    "%",
    "％",
    "‰",
    "年",
    "年底",
    "月",
    "日",
    "到",
    "至",
    "比",
    "较",
    "与",
    "相比",
    "基础上",
    "降低",
    "下降",
    "提高",
    "提升至",
    "达到",
    "控制在",
    "降至",
    "超过",
    "不低于",
    "不高于",
    "约",
    "力争",
    "分别",
    "以上",
    "以下",
    "及以上",
    "及以下",
    "左右",
    "以内",
    "个百分点",
    "万",
    "亿",
    "吨",
    "标准煤",
    "立方米",
    "兆帕",
    "kA",
    "G",
    "/",
    "/年",
    "家",
    "—",
    "-",
    "~",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "《",
    "》",
    "〔",
    "〕",
    "第",
    "行业",
    "全国",
    "区域",
    "比例",
    "能耗",
    "高炉",
    "和",
    "的",
    " ",
    "\n",
    "\r\n",
    "\t",
    "１",
    "２",
    "．",
    "多",
    "余",
    "了",
    "年均",
    "同比",
    "比上年",
    "形成",
    "实现",
    "号",
    "版",
    "级",
    "十四五",
    "末",
    "PM",
    "A",
];

fn grammar_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let n = text.chars().count();
    for t in extract_targets("钢铁", "钢铁:一", text) {
        let [s, e] = t.span;
        prop_assert!(s <= e && e <= n, "span {:?} outside 0..{}", t.span, n);
        let q: String = text.chars().skip(s).take(e - s).collect();
        prop_assert_eq!(&q, &t.quote);
        prop_assert_eq!(t.value.is_none(), t.relation == Relation::Milestone);
        if let Some(v) = t.value {
            prop_assert!(v.is_finite());
        }
        prop_assert!(!t.metric.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn grammar_soup_never_panics(text in grammar_soup()) {
        check(&text)?;
    }

    #[test]
    fn cjk_digit_punctuation_mix_never_panics(
        text in "[0-9０-９%％年到比至降低提高达以上下左右约，。、；（）()“”《》万亿吨 \\n.—-]{0,80}"
    ) {
        check(&text)?;
    }
}

#[test]
fn long_unpunctuated_text_is_handled_in_one_pass() {
    // Each number used to rescan back to its clause start; without
    // punctuation that made the whole text one quadratic clause.
    let text = "高炉比2020年降低1%".repeat(5000);
    let rows = extract_targets("钢铁", "钢铁:一", &text);
    assert_eq!(rows.len(), 5000);
    assert!(rows.iter().all(|t| t.baseline_year == Some(2020)));
}
