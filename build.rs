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
        println!("cargo:rerun-if-changed={}", path.display());
        let value = if path.is_file() {
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
}
