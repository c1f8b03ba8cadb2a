//! notebooks/trends.ipynb executed headless (nbconvert) over the trends of the sample corpus: it runs
//! without error and draws its three plots.
#![cfg(feature = "trends")]

use std::path::Path;
use std::process::Command;

use ogi::run::{run_extract, RunOptions};

mod common;

#[test]
fn the_notebook_executes_and_draws_its_plots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(py) = common::test_python() else { return };
    let out = tempfile::tempdir().expect("temp");
    let mut opts = RunOptions::new(root.join("data/sample/corpus"), out.path());
    // the sample's .doc is listed in skipped whether LibreOffice is on this machine or not
    opts.soffice = None;
    opts.progress = false;
    run_extract(&opts).expect("extract");
    ogi::trends::write_trends(out.path(), &Default::default()).expect("trends");
    ogi::across::write_cross_checks(out.path()).expect("cross checks");
    ogi::panel::write_panel(out.path()).expect("panel");
    let res = Command::new(&py)
        .args(["-m", "nbconvert", "--to", "html", "--execute"])
        .arg(root.join("notebooks/trends.ipynb"))
        .args(["--output", "trends", "--output-dir"])
        .arg(out.path())
        .env("OGI_OUT", out.path())
        .output()
        .expect("nbconvert runs");
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let html = std::fs::read_to_string(out.path().join("trends.html")).expect("html written");
    assert_eq!(html.matches("src=\"data:image/png;base64,").count(), 4);
    assert!(html.contains("Zero-application rate by administrative level"));
    assert!(html.contains("Year-over-year change by level"));
    assert!(!html.contains("Traceback"), "the notebook raised an error");
}
