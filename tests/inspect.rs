//! `ogi inspect FILE`: what it shows of a sample file (exact content), that it shows every layout the
//! extractor reads consistently with the extraction itself, and the command line (text, `--json`, errors).

mod common;
use common::ogi;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ogi::extract::extract_bytes;
use ogi::gen::{generate, GenOptions};
use ogi::inspect::{inspect_bytes, text::render, Inspection};

fn sample(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample/corpus")
        .join(rel)
}

fn inspect_sample(rel: &str) -> Inspection {
    let bytes = std::fs::read(sample(rel)).expect("sample file");
    inspect_bytes(rel, &bytes)
}

fn values(i: &Inspection, table: &str, key: &str) -> Vec<Option<i64>> {
    let t = i.tables.iter().find(|t| t.table == table).expect("table");
    let r = t.rows.iter().find(|r| r.key == key).expect("row");
    r.cells
        .iter()
        .map(|c| c.value.as_ref().and_then(|v| v.as_i64()))
        .collect()
}

/// The inspection agrees with the extraction of the same bytes: same status, and every applications row
/// of the report is a matched row of the view with the same cells; every matched source line names a row.
fn assert_consistent(path: &str, bytes: &[u8]) {
    let i = inspect_bytes(path, bytes);
    let r = extract_bytes(path, bytes);
    assert_eq!(i.outcome.parse_status, r.meta.parse_status.as_str(), "{path}");
    assert_eq!(i.layout, r.meta.layout, "{path}");
    assert_eq!(i.checks.len(), r.checks.len(), "{path}");
    if let Some(t) = i.tables.iter().find(|t| t.table == "applications") {
        let viewed: BTreeSet<&str> = t.rows.iter().map(|r| r.key.as_str()).collect();
        let extracted: BTreeSet<&str> = r.applications.iter().map(|r| r.key).collect();
        assert_eq!(viewed, extracted, "{path}");
        for row in &r.applications {
            let v = t.rows.iter().find(|x| x.key == row.key).expect("row");
            let cells: Vec<(Option<i64>, bool)> = row.cells.iter().map(|c| (c.value, c.blank)).collect();
            let shown: Vec<(Option<i64>, bool)> = v
                .cells
                .iter()
                .map(|c| (c.value.as_ref().and_then(|n| n.as_i64()), c.blank))
                .collect();
            assert_eq!(cells, shown, "{path} {}", row.key);
        }
        for line in &t.source {
            for k in &line.matched {
                assert!(viewed.contains(k), "{path}: source line names {k}");
            }
        }
        // Token layouts: each matched row's label is on exactly one source line.
        if !t.source.is_empty() {
            for row in &t.rows {
                let n = t
                    .source
                    .iter()
                    .filter(|l| l.matched.contains(&row.key.as_str()))
                    .count();
                assert_eq!(n, 1, "{path}: {} on {n} source lines", row.key);
            }
        }
    } else {
        assert!(r.applications.is_empty() || r.meta.template == "pre2019", "{path}");
    }
    let text = render(&i);
    assert!(
        text.contains(&format!("\nstatus      {} ·", r.meta.parse_status.as_str())),
        "{path}"
    );
    let json = serde_json::to_value(&i).expect("json");
    assert_eq!(json["outcome"]["parse_status"], r.meta.parse_status.as_str(), "{path}");
}

#[test]
fn html_table_sample_shows_decoding_title_template_rows_and_checks() {
    let i = inspect_sample("html/wutongqiao-2022-t2021.html");
    let d = i.decoding.as_ref().expect("decoded");
    assert_eq!(
        (d.encoding.as_str(), d.detected_by.as_str(), d.html),
        ("utf-8", "charset declared by the page", true)
    );
    assert_eq!(i.layout, "html_table");
    assert_eq!(i.template.template, "t2021");
    assert_eq!(i.template.reason, "2021 marker label 「本年制发件数」");
    let c = &i.metadata.title_candidates[0];
    assert_eq!(
        (
            c.source.as_str(),
            c.text.as_str(),
            c.agency.as_deref(),
            c.year,
            c.chosen
        ),
        (
            "title",
            "乐山市五通桥区人民政府2022年度政府信息公开工作年度报告",
            Some("乐山市五通桥区人民政府"),
            Some(2022),
            true
        )
    );
    assert!(i.metadata.title_candidates[1..].iter().all(|c| !c.chosen));
    assert_eq!(i.metadata.period_year, Some(2022));
    assert_eq!(i.metadata.published_date.as_deref(), Some("2023-01-20"));
    assert_eq!(
        (i.metadata.admin_level.as_str(), i.metadata.county.as_deref()),
        ("county", Some("五通桥区"))
    );

    let apps = i
        .tables
        .iter()
        .find(|t| t.table == "applications")
        .expect("applications");
    assert_eq!(apps.read_from, "an HTML table (block 14: a grid of 28 rows)");
    let first = &apps.rows[0];
    assert_eq!(
        (
            first.key.as_str(),
            first.label.as_str(),
            first.printed.join(" "),
            first.placement.as_str()
        ),
        (
            "new_received",
            "一、本年新收政府信息公开申请数量",
            "40 5 0 1 2 0 48".to_string(),
            "exact"
        )
    );
    assert_eq!(
        values(&i, "applications", "new_received"),
        [40, 5, 0, 1, 2, 0, 48].map(Some).to_vec()
    );
    let line = apps
        .source
        .iter()
        .find(|l| l.matched == ["new_received"])
        .expect("the line of 本年新收");
    assert_eq!(
        line.cells,
        ["一、本年新收政府信息公开申请数量", "40", "5", "0", "1", "2", "0", "48"]
    );
    assert_eq!(values(&i, "reviews", "review").len(), 5);

    assert_eq!(i.outcome.parse_status, "ok");
    // 42 table identities and the prose's received, processed and carried forward against the table
    assert_eq!(i.checks.len(), 45);
    assert_eq!(i.checks.iter().filter(|c| c.identity == "prose_vs_table").count(), 3);
    assert!(i.checks.iter().all(|c| c.ok));

    let text = render(&i);
    for want in [
        "decoding    utf-8 — charset declared by the page · read as HTML\n",
        "template    t2021 — 2021 marker label 「本年制发件数」\n",
        "  * title     「乐山市五通桥区人民政府2022年度政府信息公开工作年度报告」 → agency 乐山市五通桥区人民政府 · year 2022\n",
        "TABLE applications — 收到和处理政府信息公开申请情况\n",
        "一、本年新收政府信息公开申请数量 | 40 | 5 | 0 | 1 | 2 | 0 | 48   → new_received\n",
        "  new_received                  40     5     0     1     2     0    48  ← 「一、本年新收政府信息公开申请数量」 printed [40 5 0 1 2 0 48] · exact\n",
        "\nCHECKS (45 tested, 0 failed)\n",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn a_truncated_report_shows_why_it_is_partial() {
    let i = inspect_sample("text/emeishan-finance-2020-truncated.txt");
    assert_eq!(i.outcome.parse_status, "partial");
    let missing = "applications rows not found: denied_process_info, denied_enforcement_file, denied_admin_query, \
                   unable_not_held, unable_needs_creation, unable_unclear, rejected_petition, rejected_duplicate, \
                   rejected_publication, rejected_mass_repeat, rejected_confirmation, other, total_processed, \
                   carried_forward";
    assert_eq!(
        i.outcome.problems,
        vec![missing.to_string(), "review/litigation table not found".to_string()]
    );
    let apps = i
        .tables
        .iter()
        .find(|t| t.table == "applications")
        .expect("applications");
    assert_eq!(apps.rows.len(), 9);
    assert_eq!(
        (apps.rows[0].printed.len(), apps.rows[0].placement.as_str()),
        (8, "8 values: surplus blank cells dropped")
    );
    let text = render(&i);
    assert!(text.contains(&format!("            problem: {missing}\n")), "{text}");
    assert!(
        text.contains("printed [2 0 0 0 0 0 2 ·] · 8 values: surplus blank cells dropped\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "TABLE reviews — 政府信息公开行政复议、行政诉讼情况\n  rows matched (0):\n  problem: not found\n"
        ),
        "{text}"
    );
}

#[test]
fn every_sample_file_is_inspected_consistently_with_its_extraction() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus");
    let mut n = 0;
    for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let e = e.expect("walk");
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(&root).expect("rel").to_string_lossy().to_string();
        assert_consistent(&rel, &std::fs::read(e.path()).expect("read"));
        n += 1;
    }
    assert_eq!(n, 18);
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !shared.is_dir() {
        eprintln!("SKIPPED: ../shared/corpus absent (the shared real reports were not inspected)");
        return;
    }
    for e in walkdir::WalkDir::new(&shared).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&shared)
                .expect("rel")
                .to_string_lossy()
                .to_string();
            assert_consistent(&rel, &std::fs::read(e.path()).expect("read"));
        }
    }
}

#[test]
fn every_generated_layout_is_inspected_consistently_with_its_extraction() {
    let dir = tempfile::tempdir().expect("temp");
    let mut g = GenOptions::new(120, 77, dir.path());
    g.layout_shares = [1.0; 9];
    g.first_year = 2016;
    generate(&g).expect("generate");
    let corpus = dir.path().join("corpus");
    let mut layouts = BTreeSet::new();
    for e in walkdir::WalkDir::new(&corpus).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&corpus)
                .expect("rel")
                .to_string_lossy()
                .to_string();
            let bytes = std::fs::read(e.path()).expect("read");
            assert_consistent(&rel, &bytes);
            layouts.insert(inspect_bytes(&rel, &bytes).layout);
        }
    }
    let want: BTreeSet<String> = ["flat", "html_table", "lines", "markdown", "pipes", "prose", "spaces"]
        .into_iter()
        .map(String::from)
        .collect();
    assert!(want.is_subset(&layouts), "layouts seen: {layouts:?}");
}

#[test]
fn command_line_text_json_and_errors() {
    let file = sample("text/changde-poverty-2021-pipes.txt");
    let f = file.to_string_lossy().to_string();
    let (code, out, err) = ogi(&["inspect", &f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("ogi inspect · {f}\n")), "{out}");
    assert!(out.contains("\nlayout      pipes\n"), "{out}");
    let (code, out, err) = ogi(&["inspect", "--json", &f]);
    assert_eq!(code, 0, "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(j["layout"], "pipes");
    assert_eq!(j["outcome"]["parse_status"], "ok");
    assert_eq!(j["tables"][1]["table"], "applications");
    assert_eq!(j["tables"][1]["rows"][0]["key"], "new_received");

    let (code, _, err) = ogi(&["inspect", "/nonexistent/report.html"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("ogi inspect: cannot read /nonexistent/report.html"),
        "{err}"
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus");
    let (code, _, err) = ogi(&["inspect", &dir.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a file"), "{err}");
    // A .doc: ogi extract lists it in skipped; inspect says so, and reads it as far as it can.
    let (code, out, _) = ogi(&["inspect", &sample("bad/attachment.doc").to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "note: a legacy Word/WPS file (.doc); ogi extract lists it in skipped until it is converted to DOCX"
        ),
        "{out}"
    );
    assert!(out.contains("status      unreadable"), "{out}");
    assert!(
        out.contains("problem: legacy Word/WPS binary (.doc/.wps): needs conversion — install LibreOffice (soffice on PATH) or convert to DOCX"),
        "{out}"
    );
    // A PDF with nothing a reader can parse: refused with the reason.
    let (code, out, _) = ogi(&["inspect", &sample("bad/scan.pdf").to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("problem: unreadable PDF: PDF that cannot be parsed"),
        "{out}"
    );
}

#[test]
fn the_candidate_marked_is_the_one_taken() {
    let page = "<html><head><title>2020年度政府信息公开工作年度报告</title></head><body>\
                <h1>孝感市人民政府办公室2020年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>";
    let i = inspect_bytes("x.html", page.as_bytes());
    let c: Vec<(&str, Option<&str>, bool)> = i
        .metadata
        .title_candidates
        .iter()
        .map(|c| (c.source.as_str(), c.agency.as_deref(), c.chosen))
        .collect();
    assert_eq!(
        c,
        vec![("title", None, false), ("block 0", Some("孝感市人民政府办公室"), true)]
    );
    assert_eq!(i.metadata.agency.as_deref(), Some("孝感市人民政府办公室"));
    let text = render(&i);
    assert!(
        text.contains("  * block 0   「孝感市人民政府办公室2020年政府信息公开工作年度报告」 → agency 孝感市人民政府办公室 · year 2020\n"),
        "{text}"
    );
}
