//! The README's rule table is generated from the registry; this test fails
//! when it is out of date (BILINT_UPDATE_SNAPSHOTS=1 rewrites it).

mod common;

use bilint::linter::Registry;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_is_up_to_date() {
    let registry = Registry::new(bilint::packs::default_packs().unwrap());
    let table = bilint::docs::readme_table(&registry.metas());
    let path = common::root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme.split_once(START).expect("README has the rules:start marker");
    let (current, tail) = rest.split_once(END).expect("README has the rules:end marker");
    if current != table && std::env::var_os("BILINT_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, format!("{head}{START}{table}{END}{tail}")).unwrap();
        return;
    }
    assert!(
        current == table,
        "README rule table is out of date; run BILINT_UPDATE_SNAPSHOTS=1 cargo test --test readme\n--- README\n{current}\n--- registry\n{table}"
    );
}
