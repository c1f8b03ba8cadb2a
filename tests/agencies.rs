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

/// The township list annotates abolished townships (`北关街道（撤销）`); reports print the name alone.
#[test]
fn abolished_townships_resolve_by_their_name_alone() {
    for (agency, year) in [("大同市平城区北关街道办事处", 2019), ("盂县下社乡人民政府", 2015)] {
        let r = resolve(agency, Some(year));
        assert_eq!(
            (r.admin_level, r.agency_kind, r.province.as_deref()),
            ("township", "government", Some("山西省")),
            "{agency}"
        );
    }
}

/// No division name keeps the list's annotations, so the generator prints names as reports do.
#[test]
fn gazetteer_names_carry_no_annotation() {
    let g = ogi::resolve::gazetteer::get();
    let annotated: Vec<&str> = g
        .entries
        .iter()
        .map(|e| e.name)
        .filter(|n| n.contains(['（', '(']))
        .collect();
    assert!(
        annotated.is_empty(),
        "{} annotated, e.g. {:?}",
        annotated.len(),
        &annotated[..annotated.len().min(3)]
    );
    assert!(g.entries.iter().any(|e| e.name == "北关街道"));
}
