fn main() {
    let path = std::env::args().nth(1).unwrap();
    let pat = std::env::args().nth(2).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap();
    let d = ogi::decode::decode(&bytes, path.ends_with("html")).unwrap();
    let (doc, _) = ogi::segment::segment(&d);
    for (i, b) in doc.blocks.iter().enumerate() {
        let s = format!("{b:?}");
        if s.contains(&pat) {
            println!("{i}: {}", s.chars().take(400).collect::<String>());
        }
    }
}
