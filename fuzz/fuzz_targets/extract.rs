//! Fuzz target: the whole per-file extraction (`ogi::extract::extract_bytes`) on arbitrary bytes.
//! The first byte chooses the file name (HTML, text, Markdown, PDF or DOCX — PDF and DOCX are recognised
//! by their bytes whatever the name), the rest is the file. Every input
//! must give exactly one report without panicking; the Arrow conversion must accept it.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "fuzz/report.html",
    "fuzz/report.txt",
    "fuzz/report.md",
    "fuzz/report.pdf",
    "fuzz/report.docx",
];

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((first, rest)) => (NAMES[usize::from(*first) % NAMES.len()], rest),
        None => (NAMES[0], data),
    };
    let report = ogi::extract::extract_bytes(name, bytes);
    assert_eq!(report.meta.source_path, name);
    let batches = ogi::to_arrow::batches(std::slice::from_ref(&report)).expect("arrow batches");
    assert_eq!(batches.reports.num_rows(), 1);
});
