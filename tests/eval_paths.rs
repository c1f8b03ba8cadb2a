//! `ogi eval` on an extraction whose paths match none of the truth's says so and exits non-zero.

use std::process::Command;

use ogi::gen::{generate, GenOptions};
use ogi::run::{run_extract, RunOptions};

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

    let res = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(["eval", "--truth"])
        .arg(&gen_dir)
        .arg("--extracted")
        .arg(&out)
        .output()
        .expect("ogi runs");
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(2), "stderr: {err}");
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
    let res = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(["eval", "--worst", "0", "--truth"])
        .arg(&gen_dir)
        .arg("--extracted")
        .arg(&out2)
        .output()
        .expect("ogi runs");
    assert_eq!(res.status.code(), Some(0), "{}", String::from_utf8_lossy(&res.stderr));
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
    let res = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(["eval", "--truth"])
        .arg(&gen_dir)
        .arg("--extracted")
        .arg(&out)
        .output()
        .expect("ogi runs");
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(2), "{err}");
    assert!(
        err.contains("the extraction has 0 with paths such as none (the extraction has no reports)"),
        "{err}"
    );
}
