//! Bad input never stops a run: every candidate file gets exactly one `reports` row with a status and a
//! one-line reason, and the command exits 0 unless the run itself cannot proceed.

mod common;
use common::ogi;
use std::path::Path;

use ogi::extract::extract_bytes;
use ogi::model::ParseStatus;
use ogi::run::{process_file, run_extract, RunOptions};

fn status_and_error(name: &str, bytes: &[u8]) -> (ParseStatus, String) {
    let r = extract_bytes(name, bytes);
    (r.meta.parse_status, r.meta.error.unwrap_or_default())
}

#[test]
fn empty_binary_and_undecodable_files_are_unreadable() {
    assert_eq!(
        status_and_error("a.txt", b""),
        (ParseStatus::Unreadable, "empty file".into())
    );
    assert_eq!(
        status_and_error("a.html", b"\n\n  \n"),
        (ParseStatus::Unreadable, "empty file".into())
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(
        status_and_error("a.html", png),
        (ParseStatus::Unreadable, "binary file (PNG image)".into())
    );
    let nul: Vec<u8> = (0..1000u32).map(|i| if i % 3 == 0 { 0 } else { b'a' }).collect();
    assert_eq!(status_and_error("a.txt", &nul).0, ParseStatus::Unreadable);
}

#[test]
fn a_few_nul_bytes_in_a_report_do_not_make_it_binary() {
    let text = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus/text/changde-poverty-2021-pipes.txt"),
    )
    .expect("sample");
    let mut with_nul = text.clone();
    with_nul.splice(200..200, [0u8, 0u8]);
    let (status, _) = status_and_error("a.txt", &with_nul);
    assert_eq!(status, ParseStatus::Ok);
}

#[test]
fn invalid_bytes_in_the_declared_encoding_are_reported_and_the_rest_is_read() {
    let page =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus/html/changde-edu-2019-gbk.html"))
            .expect("sample");
    let mut broken = page.clone();
    let at = broken.windows(4).position(|w| w == b"<h1>").expect("h1");
    broken.splice(at..at, [0xFFu8, 0x80, 0xFF]);
    let r = extract_bytes("x.html", &broken);
    assert_eq!(r.meta.parse_status, ParseStatus::Ok);
    assert_eq!(r.meta.encoding.as_deref(), Some("gb18030"));
    assert!(r
        .meta
        .warnings
        .unwrap_or_default()
        .contains("invalid byte sequence(s) in gb18030 replaced"));
    assert_eq!(r.applications.len(), 23);
}

#[test]
fn a_table_cut_off_half_way_keeps_what_was_printed() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus/text/emeishan-office-2023.md"),
    )
    .expect("sample");
    let cut = &text[..text.find("（五）不予处理").expect("row")];
    let r = extract_bytes("cut.md", cut.as_bytes());
    assert_eq!(r.meta.parse_status, ParseStatus::Partial);
    assert_eq!(r.applications.len(), 15); // through unable_unclear
    let err = r.meta.error.unwrap_or_default();
    assert!(
        err.starts_with("applications rows not found: rejected_petition,"),
        "{err}"
    );
    assert!(err.ends_with("; review/litigation table not found"), "{err}");
}

#[test]
fn a_page_that_is_not_a_report() {
    let (status, error) = status_and_error(
        "news.html",
        "<html><body><p>天气预报：明天晴。</p></body></html>".as_bytes(),
    );
    assert_eq!(
        (status, error.as_str()),
        (
            ParseStatus::NotAReport,
            "no report title, tables or report vocabulary found"
        )
    );
}

#[test]
fn a_50_mb_file_is_recorded_without_being_read() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("huge.html");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(50 << 20).expect("sparse 50 MB");
    let r = process_file(&path, "huge.html", 32 << 20);
    assert_eq!(r.meta.parse_status, ParseStatus::Unreadable);
    assert_eq!(r.meta.source_bytes, 50 << 20);
    assert_eq!(
        r.meta.error.as_deref(),
        Some("file too large (52428800 bytes; the limit is 33554432, see --max-file-bytes)")
    );
}

#[test]
fn a_file_that_disappears_is_unreadable() {
    let dir = tempfile::tempdir().expect("temp");
    let r = process_file(&dir.path().join("gone.txt"), "gone.txt", 1 << 20);
    assert_eq!(r.meta.parse_status, ParseStatus::Unreadable);
    assert!(r.meta.error.unwrap_or_default().starts_with("cannot read: "));
}

#[test]
fn a_run_over_bad_files_completes_with_one_row_each() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).expect("mkdir");
    std::fs::write(corpus.join("empty.txt"), b"").expect("write");
    std::fs::write(corpus.join("sub/noise.html"), [0xFFu8; 300]).expect("write");
    std::fs::write(corpus.join("sub/notes.md"), "# 会议纪要\n无关内容").expect("write");
    std::fs::write(corpus.join("image.jpg"), b"\xFF\xD8\xFF").expect("write");
    std::os::unix::fs::symlink(corpus.join("missing.txt"), corpus.join("dangling.txt")).expect("symlink");
    let out = dir.path().join("out");
    let mut opts = RunOptions::new(&corpus, &out);
    opts.progress = false;
    let s = run_extract(&opts).expect("the run completes");
    assert_eq!((s.candidates, s.skipped), (3, 2)); // image.jpg and the dangling link are listed in `skipped`
    let statuses: Vec<(&str, usize)> = s.by_status.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(statuses, vec![("not_a_report", 1), ("unreadable", 2)]);
}

#[test]
fn cli_exit_codes() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().to_string();
    let (code, _, err) = ogi(&["extract", "/nonexistent/corpus", "--out", &out_s]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("ogi extract: cannot read corpus /nonexistent/corpus"),
        "{err}"
    );

    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus");
    let (code, _, err) = ogi(&["extract", &sample.to_string_lossy(), "--out", &file.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.starts_with("ogi extract: cannot create output directory"), "{err}");

    let (code, stdout, _) = ogi(&["extract", &sample.to_string_lossy(), "--out", &out_s]);
    assert_eq!(code, 0);
    assert!(stdout.contains("17 report candidates, 1 skipped"), "{stdout}");
    assert!(stdout
        .contains("status: ok 11 · partial 1 · not_a_report 1 · unreadable 3 · needs_ocr 0 · failed 0 · duplicate 1"));
    assert!(
        stdout.contains("identities: 454 checks, 2 violated, in 1 reports"),
        "{stdout}"
    );
}

/// Truncations and byte damage of every sample report never panic and always give one report row.
#[test]
fn truncated_and_damaged_reports_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus");
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let bytes = std::fs::read(entry.path()).expect("read");
        let name = entry.path().to_string_lossy().to_string();
        files += 1;
        for k in 1..40usize {
            let cut = bytes.len() * k / 40;
            let r = std::panic::catch_unwind(|| extract_bytes(&name, &bytes[..cut]));
            assert!(r.is_ok(), "{name} cut at {cut} panicked");
            let mut damaged = bytes.clone();
            if !damaged.is_empty() {
                let at = (cut * 7919) % damaged.len();
                damaged[at] ^= 0x5A;
                damaged.truncate(damaged.len() - k.min(damaged.len()));
            }
            assert!(
                std::panic::catch_unwind(|| extract_bytes(&name, &damaged)).is_ok(),
                "{name} damaged at {cut}"
            );
        }
    }
    assert_eq!(files, 18);
}
