//! Embeds every rule pack in `rules/` into the binary, so adding a pack
//! touches nothing else.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut packs: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    packs.sort();
    let mut code = String::from("pub const DEFAULT_PACKS: &[(&str, &str)] = &[\n");
    for name in &packs {
        println!("cargo:rerun-if-changed=rules/{name}");
        code.push_str(&format!(
            "    (\"rules/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{name}\"))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("default_packs.rs");
    fs::write(out, code).unwrap();
}
