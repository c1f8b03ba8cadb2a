//! Word-97 and WPS binaries (`.doc`, `.wps`), converted to DOCX by LibreOffice when `soffice` is on `PATH`
//! (an optional step: without it they are listed in `skipped`): one `soffice --convert-to docx` process per
//! chunk of the corpus (about 0.3 s a document, against 3 s for a process each), in a temporary directory,
//! with a time limit. The DOCX is then read like any other; the report keeps the original file's id.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::extract::{base_meta, report_id};
use crate::model::{ParseStatus, Report};

/// The LibreOffice program: `OGI_SOFFICE` if set (empty: none), else `soffice` or `libreoffice` on `PATH`.
pub fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("OGI_SOFFICE") {
        return (!p.is_empty()).then(|| PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// A fresh directory under the system's temporary directory (removed by [`convert`]).
fn scratch() -> std::io::Result<PathBuf> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ogi-convert-{}-{n}", std::process::id()));
    std::fs::create_dir_all(dir.join("in"))?;
    Ok(dir)
}

/// Converts files (relative path, absolute path) to DOCX in one LibreOffice process; the DOCX bytes of each,
/// or why there are none.
pub fn convert(soffice: &Path, files: &[(String, PathBuf)]) -> HashMap<String, Result<Vec<u8>, String>> {
    let mut out = HashMap::new();
    if files.is_empty() {
        return out;
    }
    let dir = match scratch() {
        Ok(d) => d,
        Err(e) => {
            for (rel, _) in files {
                out.insert(
                    rel.clone(),
                    Err(format!("no temporary directory for the conversion: {e}")),
                );
            }
            return out;
        }
    };
    // inputs under numbered names: two files of one name in different folders do not collide
    let mut inputs = Vec::new();
    for (i, (rel, abs)) in files.iter().enumerate() {
        let ext = abs
            .extension()
            .map_or("doc".into(), |e| e.to_string_lossy().to_ascii_lowercase());
        let input = dir.join("in").join(format!("{i}.{ext}"));
        match std::fs::copy(abs, &input) {
            Ok(_) => inputs.push((i, rel, input)),
            Err(e) => {
                out.insert(rel.clone(), Err(format!("cannot read: {e}")));
            }
        }
    }
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let limit = Duration::from_secs(60 + 10 * inputs.len() as u64);
    let ran = run(
        Command::new(soffice)
            .args([
                "--headless",
                "--norestore",
                "--nolockcheck",
                &profile,
                "--convert-to",
                "docx",
                "--outdir",
            ])
            .arg(dir.join("out"))
            .args(inputs.iter().map(|(_, _, p)| p))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        limit,
    );
    for (i, rel, _) in &inputs {
        let result = match (&ran, std::fs::read(dir.join("out").join(format!("{i}.docx")))) {
            (_, Ok(bytes)) if !bytes.is_empty() => Ok(bytes),
            (Err(why), _) => Err(why.clone()),
            (Ok(()), _) => Err("LibreOffice wrote no DOCX for it (damaged or not a Word file?)".into()),
        };
        out.insert((*rel).clone(), result);
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// Runs a command to its end, or kills it after `limit`.
fn run(cmd: &mut Command, limit: Duration) -> Result<(), String> {
    let mut child = cmd.spawn().map_err(|e| format!("LibreOffice did not start: {e}"))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return Ok(()),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("LibreOffice took more than {} s; stopped", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("LibreOffice: {e}")),
        }
    }
}

/// The report of a Word-97 / WPS file from its conversion to DOCX (or why there is none); the report keeps
/// the original file's id and size.
pub fn report(rel: &str, original: &[u8], converted: &Result<Vec<u8>, String>) -> Report {
    match converted {
        Ok(docx) => {
            let mut r = super::process_bytes(rel, docx);
            let m = &mut r.meta;
            m.report_id = report_id(original);
            m.source_bytes = i64::try_from(original.len()).unwrap_or(i64::MAX);
            let note = "converted from Word 97 / WPS to DOCX by LibreOffice";
            m.warnings = Some(match m.warnings.take() {
                Some(w) => format!("{note}; {w}"),
                None => note.to_string(),
            });
            r
        }
        Err(why) => {
            let mut meta = base_meta(rel, original, original.len() as u64);
            meta.parse_status = ParseStatus::Unreadable;
            meta.error = Some(format!("legacy Word/WPS binary (.doc/.wps): {why}"));
            Report::empty(meta)
        }
    }
}
