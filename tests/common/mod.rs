//! Assertions of extracted reports against expected-value JSON files (schema:
//! `../shared/corpus/expected/README.md`; the sample corpus adds `parse_status`, `identity_violations`,
//! `failed_checks`, `encoding` and `published_date`).

#![allow(dead_code)]

use std::path::Path;

use ogi::extract::extract_bytes;
use ogi::model::Report;
use ogi::template::{OUTCOMES, PROCEEDINGS, REQUESTERS};
use serde_json::Value as Json;

/// Reads an expected file and extracts the document it names (relative to `corpus`).
pub fn load(corpus: &Path, expected_dir: &Path, expected: &str) -> (Json, Report) {
    let text = std::fs::read_to_string(expected_dir.join(expected)).expect("expected file readable");
    let exp: Json = serde_json::from_str(&text).expect("expected file is JSON");
    let file = exp["file"].as_str().expect("file field");
    let bytes = std::fs::read(corpus.join(file)).expect("corpus file readable");
    (exp.clone(), extract_bytes(file, &bytes))
}

/// Expected `0` means printed 0 or blank; `null` means not asserted.
pub fn cell_matches(exp: &Json, value: Option<i64>, blank: bool) -> bool {
    match exp.as_i64() {
        None => true,
        Some(0) => value == Some(0) || (value.is_none() && blank),
        Some(n) => value == Some(n),
    }
}

pub fn assert_metadata(exp: &Json, r: &Report, errors: &mut Vec<String>) {
    let m = &r.meta;
    let file = exp["file"].as_str().unwrap_or_default();
    if exp["report_year"].as_i64() != m.report_year.map(i64::from) {
        errors.push(format!(
            "{file}: report_year {:?}, expected {}",
            m.report_year, exp["report_year"]
        ));
    }
    if exp["template"].as_str() != Some(m.template.as_str()) {
        errors.push(format!("{file}: template {}, expected {}", m.template, exp["template"]));
    }
    let want = exp["agency_contains"].as_str().unwrap_or_default();
    if !m.agency.as_deref().unwrap_or_default().contains(want) {
        errors.push(format!("{file}: agency {:?} does not contain {want}", m.agency));
    }
    if let Some(level) = exp["admin_level"].as_str() {
        if m.admin_level != level {
            errors.push(format!("{file}: admin_level {}, expected {level}", m.admin_level));
        }
    }
    for (key, got) in [
        ("province", &m.province),
        ("prefecture", &m.prefecture),
        ("county", &m.county),
    ] {
        let Some(want) = exp.get(key) else { continue }; // absent: not asserted; null: none
        if want.as_str() != got.as_deref() {
            errors.push(format!("{file}: {key} {got:?}, expected {want}"));
        }
    }
    if let Some(scope) = exp["scope"].as_str() {
        if m.scope.as_deref() != Some(scope) {
            errors.push(format!("{file}: scope {:?}, expected {scope}", m.scope));
        }
    }
    if let Some(kind) = exp["agency_kind"].as_str() {
        if m.agency_kind.as_deref() != Some(kind) {
            errors.push(format!("{file}: agency_kind {:?}, expected {kind}", m.agency_kind));
        }
    }
}

pub fn assert_tables(exp: &Json, r: &Report, errors: &mut Vec<String>) {
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
                let got = r.proactive.iter().find(|c| c.item == item && c.measure == measure);
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

/// The sample corpus's extra fields.
pub fn assert_run_fields(exp: &Json, r: &Report, errors: &mut Vec<String>) {
    let file = exp["file"].as_str().unwrap_or_default();
    let m = &r.meta;
    if let Some(s) = exp["parse_status"].as_str() {
        if m.parse_status.as_str() != s {
            errors.push(format!(
                "{file}: parse_status {} ({:?}), expected {s}",
                m.parse_status.as_str(),
                m.error
            ));
        }
    }
    if let Some(v) = exp["identity_violations"].as_i64() {
        if i64::from(m.identity_violations) != v {
            errors.push(format!(
                "{file}: identity_violations {}, expected {v}",
                m.identity_violations
            ));
        }
    }
    if let Some(failed) = exp["failed_checks"].as_array() {
        let got: Vec<Json> = r
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| serde_json::json!([c.identity, c.subject, c.expected, c.found]))
            .collect();
        if &got != failed {
            errors.push(format!("{file}: failed checks {got:?}, expected {failed:?}"));
        }
    }
    if let Some(e) = exp["encoding"].as_str() {
        if m.encoding.as_deref() != Some(e) {
            errors.push(format!("{file}: encoding {:?}, expected {e}", m.encoding));
        }
    }
    if let Some(d) = exp["published_date"].as_str() {
        let got = m
            .published_date
            .and_then(|days| chrono::NaiveDate::from_num_days_from_ce_opt(days + 719_163));
        if got.map(|g| g.to_string()).as_deref() != Some(d) {
            errors.push(format!("{file}: published_date {got:?}, expected {d}"));
        }
    }
}

/// The test venv's Python (`OGI_PYTHON`, else `.venv/bin/python`). `None` — with a visible SKIPPED line — where
/// it is missing, unless `OGI_REQUIRE_DUCKDB` is set (as `make test` does), in which case the test fails.
pub fn test_python() -> Option<std::path::PathBuf> {
    let p = std::env::var_os("OGI_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("OGI_REQUIRE_DUCKDB").is_none(),
        "the test venv is required but {} is missing",
        p.display()
    );
    eprintln!(
        "SKIPPED: no virtual environment at {} — `make test` installs it",
        p.display()
    );
    None
}

/// Runs the `ogi` binary of this build: (exit code, stdout, stderr). Without LibreOffice (`OGI_SOFFICE` empty),
/// so that Word-97 files are listed in `skipped` on every machine.
pub fn ogi<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ogi"))
        .env("OGI_SOFFICE", "")
        .args(args)
        .output()
        .expect("ogi runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}
