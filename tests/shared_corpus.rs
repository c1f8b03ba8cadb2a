//! The extractor against the hand-checked values in `../shared/corpus/expected/*.json`.
//!
//! Every expected file is asserted value by value: the 2019/2021 templates in HTML, lines and pipes, the
//! glued-cell (`flat`) Pingtan texts and the pre-2019 prose seed; the pre-2019 statistics tables of the
//! real archive (no expected files) against the figures read by hand in `../shared/corpus/README.md`.
//! Where `../shared` is absent (a user's clone) the tests say so and pass without asserting.

use std::path::{Path, PathBuf};

use ogi::extract::extract_bytes;
use ogi::model::{ParseStatus, Report};
use serde_json::Value as Json;

mod common;
use common::{assert_metadata, assert_tables};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.join("expected").is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared/corpus is absent (a user's clone); the shared-corpus assertions did not run");
        None
    }
}

/// Documents whose every expected value is asserted.
const FULL: &[&str] = &[
    "seeds__000_6877c7cb6d29e9a1.json",
    "seeds__001_770af4e34a407468.json",
    "seeds__003_fa344b3d736161c3.json",
    "seeds__004_999193c3277cf575.json",
    "real__001_shanghai-bgt-2019.json",
    "real__002_pingtan-2024-nostyle.json",
    "real__010_pingtan-2019-flat.json",
    "real__012_pingtan-2021-flat.json",
    "real__013_pingtan-2022-flat.json",
    "real__014_pingtan-2023-flat.json",
    "real__015_pingtan-2024-flat.json",
    "real__016_pingtan-2025-flat.json",
    "seeds__002_da13f4a091621947.json",
    // PDFs (text layer, src/pdf.rs)
    "real__040_hongze-2023.json",
    "real__041_hongze-2024.json",
    "real__042_huaian-city-2024.json", // a city-wide summary: scope jurisdiction
];

fn load(corpus: &Path, expected: &str) -> (Json, Report) {
    common::load(corpus, &corpus.join("expected"), expected)
}

#[test]
fn template_documents_match_every_expected_value() {
    let Some(corpus) = shared() else { return };
    let mut errors = Vec::new();
    for name in FULL {
        let (exp, r) = load(&corpus, name);
        assert_metadata(&exp, &r, &mut errors);
        assert_tables(&exp, &r, &mut errors);
        if r.meta.parse_status != ParseStatus::Ok {
            errors.push(format!("{name}: status {:?}: {:?}", r.meta.parse_status, r.meta.error));
        }
    }
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}

/// Year and template of every real file, from the table in `../shared/corpus/README.md` (the fragment
/// 030 states neither).
const REAL_YEARS: &[(&str, Option<i16>, &str)] = &[
    ("001", Some(2019), "t2019"),
    ("002", Some(2024), "t2021"),
    ("010", Some(2019), "t2019"),
    ("011", Some(2020), "t2019"),
    ("012", Some(2021), "t2021"),
    ("013", Some(2022), "t2021"),
    ("014", Some(2023), "t2021"),
    ("015", Some(2024), "t2021"),
    ("016", Some(2025), "t2021"),
    ("017", Some(2018), "pre2019"),
    ("018", Some(2017), "pre2019"),
    ("019", Some(2016), "pre2019"),
    ("020", Some(2013), "pre2019"),
    ("021", Some(2011), "pre2019"),
    ("022", Some(2014), "pre2019"),
    ("023", Some(2015), "pre2019"),
    ("024", Some(2013), "pre2019"),
    ("025", Some(2012), "pre2019"),
    ("026", Some(2011), "pre2019"),
    ("030", None, "t2021"),
    ("040", Some(2023), "t2021"),
    ("041", Some(2024), "t2021"),
    ("042", Some(2024), "t2021"),
];

/// Real reports whose prose counts the whole area (全区/全县) with the number their table gives: county-level
/// governments (Pingtan's zone is county-level), which speak for their whole area in their own reports —
/// as 040 洪泽区 2023 does, whose expected scope is `agency` — so each stays `agency` with the count noted.
/// Checked by hand in each file. Every real and seed document is `agency`; 042 (a city) is the summary.
const WHOLE_AREA_COUNTS: &[(&str, &str)] = &[
    ("011", "全区各级行政机关共受理政府信息公开申请21件"),
    ("012", "全区共收到70件申请"),
    ("013", "全区收到政府信息公开申请75件"), // 74 new + 1 carried over
    ("014", "全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件"),
    ("016", "全区共收到政府信息公开申请154件"),
    ("022", "全区收到有关政府信息公开的信函申请1条"), // its only application
    ("025", "全县共收到有关政府信息公开的申请21条"),
    ("040", "全区受理政府信息公开申请21件"),
];

/// Every shared corpus file, expected or not, gives exactly one report without panicking.
#[test]
fn every_shared_file_gives_one_report() {
    let Some(corpus) = shared() else { return };
    let mut n = 0;
    let mut not_read: Vec<String> = Vec::new();
    for dir in ["seeds", "real"] {
        for entry in std::fs::read_dir(corpus.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("readable");
            let r = extract_bytes(&path.to_string_lossy(), &bytes);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !ogi::run::CANDIDATE_EXTENSIONS.contains(&ext.as_str()) {
                not_read.push(name);
                continue;
            }
            if let Some((_, year, template)) = REAL_YEARS.iter().find(|(p, _, _)| dir == "real" && name.starts_with(p))
            {
                assert_eq!(
                    (r.meta.report_year, r.meta.template.as_str()),
                    (*year, *template),
                    "{name}"
                );
            }
            let counted = WHOLE_AREA_COUNTS
                .iter()
                .find(|(p, _)| dir == "real" && name.starts_with(p));
            let warnings = r.meta.warnings.as_deref().unwrap_or_default();
            let summary = name.starts_with("042");
            assert_eq!(
                r.meta.scope.as_deref(),
                Some(if summary { "jurisdiction" } else { "agency" }),
                "{name}: {warnings}"
            );
            if let Some((_, count)) = counted {
                assert!(
                    warnings.contains("scope agency: the prose counts") && warnings.contains(count),
                    "{name}: {warnings}"
                );
            }
            assert!(
                matches!(r.meta.parse_status, ParseStatus::Ok | ParseStatus::Partial),
                "{}: {:?} {:?}",
                path.display(),
                r.meta.parse_status,
                r.meta.error
            );
            n += 1;
        }
    }
    // every shared file is a report candidate now that PDFs are read (src/pdf.rs)
    assert_eq!((n, not_read), (28, Vec::<String>::new()));
}

/// The 2024 Pingtan report as its HTML page (002) and as the archive's glued-cell text (015): the same
/// applications and review rows, cell for cell; the Article 20 values the glued text decides agree too.
#[test]
fn the_2024_report_reads_the_same_from_html_and_from_glued_text() {
    let Some(corpus) = shared() else { return };
    let read = |p: &str| {
        let bytes = std::fs::read(corpus.join(p)).expect("readable");
        extract_bytes(p, &bytes)
    };
    let html = read("real/002_pingtan-2024-nostyle.html");
    let flat = read("real/015_pingtan-2024-flat.txt");
    assert_eq!(
        (html.meta.layout.as_str(), flat.meta.layout.as_str()),
        ("html_table", "flat")
    );
    assert_eq!(html.applications.len(), 25);
    let cells = |r: &Report| -> Vec<(String, Vec<Option<i64>>)> {
        r.applications
            .iter()
            .map(|row| {
                (
                    row.key.to_string(),
                    row.cells.iter().map(|c| c.for_identity()).collect(),
                )
            })
            .collect()
    };
    assert_eq!(cells(&html), cells(&flat));
    let reviews = |r: &Report| r.reviews.map(|t| t.map(|g| g.map(|c| c.for_identity())));
    assert_eq!(reviews(&html), reviews(&flat));
    assert!(reviews(&flat).is_some());
    assert_eq!(html.checks.len(), flat.checks.len());
    assert_eq!(flat.meta.parse_status, ParseStatus::Ok);
    // Article 20: every value the glued text decides equals the HTML's; only 行政规范性文件 "6233440" is left open.
    let mut open = Vec::new();
    for c in &flat.proactive {
        let h = html
            .proactive
            .iter()
            .find(|h| (h.item, h.measure) == (c.item, c.measure));
        match c.value {
            Some(v) => assert_eq!(h.and_then(|h| h.value), Some(v), "{} {}", c.item, c.measure),
            None => open.push(format!("{}.{}", c.item, c.measure)),
        }
    }
    assert_eq!(
        open,
        [
            "normative_documents.issued",
            "normative_documents.repealed",
            "normative_documents.in_force"
        ]
    );
    assert_eq!(flat.proactive.len(), html.proactive.len());
}

/// The pre-2019 Pingtan reports (Fujian 统计表, glued, space-separated or both, and prose), against the
/// figures read by hand in `../shared/corpus/README.md` §A. Each entry: file prefix, then
/// (figure, period, source, value) rows that must be present.
#[test]
fn pre2019_statistics_tables_and_prose() {
    let Some(corpus) = shared() else { return };
    type Want = (&'static str, &'static str, &'static str, f64);
    let cases: &[(&str, &[Want])] = &[
        (
            "017",
            &[
                ("published", "year", "table", 2069.0),
                ("published", "cumulative", "table", 12106.0),
                ("received", "year", "prose", 0.0),
                ("reviews", "year", "table", 0.0),
                ("lawsuits", "year", "table", 0.0),
            ],
        ),
        (
            "018",
            &[
                ("published", "year", "table", 2122.0),
                ("published", "cumulative", "table", 10037.0),
            ],
        ),
        (
            "019",
            &[
                ("published", "year", "table", 3460.0),
                ("published", "cumulative", "table", 85376.0),
                ("fees_waived_yuan", "year", "table", 0.0),
                ("fees_yuan", "year", "prose", 0.0),
            ],
        ),
        (
            "020",
            &[("published", "year", "prose", 45.0), ("reviews", "year", "prose", 0.0)],
        ),
        (
            "021",
            &[
                ("published", "year", "table", 425.0),
                ("published_website", "year", "table", 418.0),
                ("published_gazette", "year", "table", 7.0),
                ("published", "cumulative", "table", 1516.0),
            ],
        ),
        (
            "022",
            &[
                ("published", "year", "table", 2543.0),
                ("published", "cumulative", "table", 78967.0),
                ("received", "year", "table", 1.0),
                ("received_letter_fax", "year", "table", 1.0),
                ("granted", "year", "table", 1.0),
            ],
        ),
        (
            "023",
            &[
                ("published", "year", "table", 2949.0),
                ("published", "cumulative", "table", 81916.0),
                ("received", "year", "table", 0.0),
                ("received", "cumulative", "table", 1.0),
            ],
        ),
        (
            "024",
            &[
                ("published", "year", "table", 72804.0),
                ("published", "cumulative", "table", 76424.0),
                ("published", "year", "prose", 4970.0),
                ("reviews", "year", "prose", 1.0),
                ("reviews", "year", "table", 0.0),
            ],
        ),
        (
            "025",
            &[
                ("published", "year", "table", 2026.0),
                ("published_website", "year", "table", 1795.0),
                ("published", "cumulative", "table", 3542.0),
                ("received", "year", "table", 21.0),
                ("received_in_person", "year", "table", 18.0),
                ("received_email", "year", "table", 3.0),
                ("granted", "year", "table", 17.0),
                ("partially_granted", "year", "table", 2.0),
                ("denied", "year", "table", 2.0),
            ],
        ),
        (
            "026",
            &[
                ("published", "year", "table", 425.0),
                ("published_website", "year", "table", 418.0),
                ("published_gazette", "year", "table", 7.0),
                ("published", "cumulative", "table", 1516.0),
            ],
        ),
    ];
    let mut errors = Vec::new();
    for (prefix, wants) in cases {
        let path = std::fs::read_dir(corpus.join("real"))
            .expect("real dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
            .expect("file");
        let r = extract_bytes(&path.to_string_lossy(), &std::fs::read(&path).expect("readable"));
        if r.meta.parse_status != ParseStatus::Ok {
            errors.push(format!("{prefix}: {:?} {:?}", r.meta.parse_status, r.meta.error));
        }
        for (figure, period, source, value) in *wants {
            let got = r
                .figures
                .iter()
                .find(|f| f.figure == *figure && f.period == *period && f.source == *source)
                .and_then(|f| f.value);
            if got != Some(*value) {
                errors.push(format!(
                    "{prefix}: {figure} {period} {source} = {got:?}, expected {value}"
                ));
            }
        }
        // Where prose and table disagree, both are kept and a failed prose_vs_table check says so.
        let failed: Vec<(String, i64, i64)> = r
            .checks
            .iter()
            .filter(|c| c.identity == "prose_vs_table" && !c.ok)
            .map(|c| (c.subject.clone(), c.expected, c.found))
            .collect();
        let want_failed: Vec<(String, i64, i64)> = match *prefix {
            "024" => vec![("published".into(), 72804, 4970), ("reviews".into(), 0, 1)],
            _ => vec![],
        };
        if failed != want_failed {
            errors.push(format!("{prefix}: failed prose_vs_table checks {failed:?}"));
        }
    }
    // The 2013 table wins in the contract tables (its figure, with the check recording the prose's).
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}
