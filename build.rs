//! Embeds every `corpus/*.txt` into the binary so an installed binary works
//! on any server without the repository beside it.

use std::{env, fs, path::Path};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let corpus = Path::new(&manifest).join("corpus");
    println!("cargo:rerun-if-changed={}", corpus.display());
    let mut files: Vec<_> = fs::read_dir(&corpus)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                // corpus/dict.txt is the user dictionary, not a document.
                .filter(|p| p.file_name().is_none_or(|n| n != "dict.txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("/// Corpus files embedded at build time: (file name, contents).\npub static EMBEDDED_CORPUS: &[(&str, &[u8])] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_name().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    // The optional user dictionary and alias table (see src/corpus/source.rs).
    for (name, constant) in [
        ("dict.txt", "EMBEDDED_USER_DICT"),
        ("aliases.toml", "EMBEDDED_USER_ALIASES"),
    ] {
        let path = corpus.join(name);
        // Watch the file only when it exists: cargo treats a watched path
        // that is absent as changed on every build, so the library would be
        // rebuilt and relinked each time. Its appearance changes the listing
        // of `corpus/`, which is watched above.
        let value = if path.is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
            format!("Some(include_bytes!({:?}))", path.display().to_string())
        } else {
            "None".to_string()
        };
        code.push_str(&format!(
            "/// corpus/{name} embedded at build time, if present.\npub static {constant}: Option<&[u8]> = {value};\n"
        ));
    }
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_corpus.rs");
    fs::write(out, code).expect("write embedded corpus list");
    source_hash(Path::new(&manifest));
}

/// Sets `POLICY_NAV_SOURCE_HASH`: a hash of the program's sources, data and
/// lock file. Clauses are a function of the corpus bytes and this program,
/// so the search index is keyed on both and can be opened without parsing
/// the corpus first.
fn source_hash(root: &Path) {
    use std::hash::Hasher;
    fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, files);
            } else {
                files.push(p);
            }
        }
    }
    let mut files = Vec::new();
    for part in ["src", "data"] {
        let dir = root.join(part);
        println!("cargo:rerun-if-changed={}", dir.display());
        walk(&dir, &mut files);
    }
    files.push(root.join("Cargo.lock"));
    println!(
        "cargo:rerun-if-changed={}",
        root.join("Cargo.lock").display()
    );
    files.sort();
    // Two independent 64-bit FNV-style streams: a build id, not a security hash.
    let mut a = std::collections::hash_map::DefaultHasher::new();
    let mut b: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(f).unwrap_or_default();
        a.write(rel.as_bytes());
        a.write(&bytes);
        for byte in rel.bytes().chain([0]).chain(bytes.iter().copied()) {
            b = (b ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!(
        "cargo:rustc-env=POLICY_NAV_SOURCE_HASH={:016x}{:016x}",
        a.finish(),
        b
    );
}
