//! The resolver against a labelled list of agency names (`tests/data/agencies.csv`: central ministries,
//! provinces, prefectures, counties and townships, their offices and departments, with and without parent
//! divisions in the name; renamed and re-levelled divisions by year; ambiguous names; development zones).

use ogi::resolve::resolve;

#[test]
fn labelled_agency_names_resolve_to_their_level_kind_and_province() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/agencies.csv")).expect("list");
    let mut total = 0;
    let mut wrong = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [agency, year, level, kind, province] = f[..] else {
            panic!("bad line {line}")
        };
        let r = resolve(agency, year.parse().ok());
        total += 1;
        let got = (r.admin_level, r.agency_kind, r.province.as_deref().unwrap_or(""));
        if got != (level, kind, province) {
            wrong.push(format!(
                "{agency} ({year}): got {got:?}, expected {:?}",
                (level, kind, province)
            ));
        }
    }
    assert!(total >= 200, "{total} labelled names");
    let accuracy = 1.0 - wrong.len() as f64 / total as f64;
    eprintln!(
        "{} of {total} right ({:.2} %)\n{}",
        total - wrong.len(),
        100.0 * accuracy,
        wrong.join("\n")
    );
    assert!(
        accuracy >= 0.99,
        "{:.2} % on {total} names:\n{}",
        100.0 * accuracy,
        wrong.join("\n")
    );
}
