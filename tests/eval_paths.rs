//! `ogi eval` on an extraction whose paths match none of the truth's says so and exits non-zero.

use std::path::Path;

use ogi::gen::{generate, GenOptions};
use ogi::run::{run_extract, RunOptions};

mod common;

fn eval(truth: &Path, extracted: &Path) -> (i32, String, String) {
    common::ogi(&[
        "eval".as_ref(),
        "--worst".as_ref(),
        "0".as_ref(),
        "--truth".as_ref(),
        truth.as_os_str(),
        "--extracted".as_ref(),
        extracted.as_os_str(),
    ])
}

#[test]
fn eval_without_a_single_matching_path_fails_and_says_why() {
    let dir = tempfile::tempdir().expect("temp");
    let gen_dir = dir.path().join("gen");
    generate(&GenOptions::new(6, 3, &gen_dir)).expect("generate");
    // The slip: extracting the generator's directory instead of its corpus/ — every path gets a prefix.
    let out = dir.path().join("out");
    let mut opts = RunOptions::new(&gen_dir, &out);
    opts.progress = false;
    let summary = run_extract(&opts).expect("extract");
    assert_eq!(summary.candidates, 6);

    let (code, _, err) = eval(&gen_dir, &out);
    assert_eq!(code, 2, "stderr: {err}");
    assert!(
        err.starts_with(
            "ogi eval: no extracted report matches the truth: the truth has 6 reports with paths such as '"
        ),
        "{err}"
    );
    assert!(
        err.contains("the extraction has 6 with paths such as 'corpus/"),
        "{err}"
    );
    assert!(
        err.contains("The extracted paths start with 'corpus/': extract the corpus directory itself"),
        "{err}"
    );

    // The same extraction of corpus/ itself scores normally.
    let out2 = dir.path().join("out2");
    let mut opts = RunOptions::new(gen_dir.join("corpus"), &out2);
    opts.progress = false;
    run_extract(&opts).expect("extract");
    let (code, _, err) = eval(&gen_dir, &out2);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn eval_of_an_empty_extraction_fails_too() {
    let dir = tempfile::tempdir().expect("temp");
    let gen_dir = dir.path().join("gen");
    generate(&GenOptions::new(3, 4, &gen_dir)).expect("generate");
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("dir");
    let out = dir.path().join("out");
    let mut opts = RunOptions::new(&empty, &out);
    opts.progress = false;
    run_extract(&opts).expect("extract");
    let (code, _, err) = eval(&gen_dir, &out);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the extraction has 0 with paths such as none (the extraction has no reports)"),
        "{err}"
    );
}
