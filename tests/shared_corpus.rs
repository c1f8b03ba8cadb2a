//! The extractor against the hand-checked values in `../shared/corpus/expected/*.json`.
//!
//! Documents in the scope of the 2019/2021 table templates in HTML, lines and pipes layouts are asserted
//! value by value; the glued-cell (`flat`) and pre-2019 documents are asserted on their metadata and on
//! coming out as `partial` rows (their tables are the subject of a later issue, and are listed as such).
//! Where `../shared` is absent (a user's clone) the tests say so and pass without asserting.

use std::path::{Path, PathBuf};

use ogi::extract::extract_bytes;
use ogi::model::{ParseStatus, Report};
use ogi::template::{OUTCOMES, PROCEEDINGS, REQUESTERS};
use serde_json::Value as Json;

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
];

fn load(corpus: &Path, expected: &str) -> (Json, Report) {
    let text = std::fs::read_to_string(corpus.join("expected").join(expected))
        .expect("expected file readable");
    let exp: Json = serde_json::from_str(&text).expect("expected file is JSON");
    let file = exp["file"].as_str().expect("file field");
    let bytes = std::fs::read(corpus.join(file)).expect("corpus file readable");
    (exp.clone(), extract_bytes(file, &bytes))
}

/// Expected `0` means printed 0 or blank; `null` means not asserted.
fn cell_matches(exp: &Json, value: Option<i64>, blank: bool) -> bool {
    match exp.as_i64() {
        None => true,
        Some(0) => value == Some(0) || (value.is_none() && blank),
        Some(n) => value == Some(n),
    }
}

fn assert_metadata(exp: &Json, r: &Report, errors: &mut Vec<String>) {
    let m = &r.meta;
    let file = exp["file"].as_str().unwrap_or_default();
    if exp["report_year"].as_i64() != m.report_year.map(i64::from) {
        errors.push(format!(
            "{file}: report_year {:?}, expected {}",
            m.report_year, exp["report_year"]
        ));
    }
    if exp["template"].as_str() != Some(m.template.as_str()) {
        errors.push(format!(
            "{file}: template {}, expected {}",
            m.template, exp["template"]
        ));
    }
    let want = exp["agency_contains"].as_str().unwrap_or_default();
    if !m.agency.as_deref().unwrap_or_default().contains(want) {
        errors.push(format!(
            "{file}: agency {:?} does not contain {want}",
            m.agency
        ));
    }
    if let Some(kind) = exp["agency_kind"].as_str() {
        if m.agency_kind.as_deref() != Some(kind) {
            errors.push(format!(
                "{file}: agency_kind {:?}, expected {kind}",
                m.agency_kind
            ));
        }
    }
}

fn assert_tables(exp: &Json, r: &Report, errors: &mut Vec<String>) {
    let file = exp["file"].as_str().unwrap_or_default();
    let apps = exp["applications"].as_object().cloned().unwrap_or_default();
    for (key, values) in &apps {
        let Some(row) = r.applications.iter().find(|row| row.key == key) else {
            errors.push(format!("{file}: applications row {key} missing"));
            continue;
        };
        for (i, (requester, _)) in REQUESTERS.iter().enumerate() {
            let c = row.cells[i];
            if !cell_matches(&values[i], c.value, c.blank) {
                errors.push(format!(
                    "{file}: {key}/{requester} = {:?} (blank {}), expected {}",
                    c.value, c.blank, values[i]
                ));
            }
        }
    }
    // "Where every row of the template is listed, rows not listed do not exist."
    let template_rows = ogi::template::app_rows(match r.meta.template.as_str() {
        "t2021" => ogi::template::Template::T2021,
        _ => ogi::template::Template::T2019,
    })
    .count();
    if apps.len() == template_rows && r.applications.len() != apps.len() {
        let extra: Vec<&str> = r
            .applications
            .iter()
            .map(|a| a.key)
            .filter(|k| !apps.contains_key(*k))
            .collect();
        errors.push(format!("{file}: extra applications rows {extra:?}"));
    }
    if let Some(reviews) = exp["reviews"].as_object() {
        match &r.reviews {
            None => errors.push(format!("{file}: reviews missing")),
            Some(cells) => {
                for (p, (proc_key, _)) in PROCEEDINGS.iter().enumerate() {
                    let Some(values) = reviews.get(*proc_key) else {
                        continue;
                    };
                    for (o, (outcome, _)) in OUTCOMES.iter().enumerate() {
                        let c = cells[p][o];
                        if !cell_matches(&values[o], c.value, c.blank) {
                            errors.push(format!(
                                "{file}: {proc_key}/{outcome} = {:?}, expected {}",
                                c.value, values[o]
                            ));
                        }
                    }
                }
            }
        }
    }
    if let Some(items) = exp["proactive"].as_object() {
        for (item, measures) in items {
            for (measure, want) in measures.as_object().cloned().unwrap_or_default() {
                let got = r
                    .proactive
                    .iter()
                    .find(|c| c.item == item && c.measure == measure);
                let ok = match (got, want.as_f64()) {
                    (Some(c), Some(0.0)) => c.value.unwrap_or(0.0) == 0.0,
                    (Some(c), Some(w)) => c.value == Some(w),
                    (_, None) => true,
                    (None, Some(_)) => false,
                };
                if !ok {
                    errors.push(format!(
                        "{file}: proactive {item}/{measure} = {:?}, expected {want}",
                        got.map(|c| c.value)
                    ));
                }
            }
        }
    }
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
            errors.push(format!(
                "{name}: status {:?}: {:?}",
                r.meta.parse_status, r.meta.error
            ));
        }
    }
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn other_documents_have_their_metadata_and_a_partial_row() {
    let Some(corpus) = shared() else { return };
    let mut errors = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(corpus.join("expected"))
        .expect("expected dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .filter(|n| n.ends_with(".json") && !FULL.contains(&n.as_str()))
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        7,
        "expected files outside the full set: {names:?}"
    );
    for name in &names {
        let (exp, r) = load(&corpus, name);
        assert_metadata(&exp, &r, &mut errors);
        if r.meta.parse_status != ParseStatus::Partial {
            errors.push(format!("{name}: status {:?}", r.meta.parse_status));
        }
    }
    eprintln!("NOT YET ASSERTED (glued-cell and pre-2019 tables, a later issue): table values of {names:?}");
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// Every shared corpus file, expected or not, gives exactly one report without panicking.
#[test]
fn every_shared_file_gives_one_report() {
    let Some(corpus) = shared() else { return };
    let mut n = 0;
    for dir in ["seeds", "real"] {
        for entry in std::fs::read_dir(corpus.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("readable");
            let r = extract_bytes(&path.to_string_lossy(), &bytes);
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
    assert_eq!(n, 25);
}
