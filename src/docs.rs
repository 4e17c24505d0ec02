//! Rule documentation from the registry: the `bilint rules` table, `bilint
//! explain`, and the README's rule table.

use crate::diagnostic::RuleMeta;

/// The plain-text table of `bilint rules`.
pub fn rules_table(metas: &[&RuleMeta]) -> String {
    let mut out = format!(
        "{:<6}{:<28}{:<13}{:<9}{:<10}{}\n",
        "CODE", "NAME", "FAMILY", "SEVERITY", "FIX", "SUMMARY"
    );
    for m in metas {
        out.push_str(&format!(
            "{:<6}{:<28}{:<13}{:<9}{:<10}{}\n",
            m.code,
            m.name,
            m.family.as_str(),
            m.severity.as_str(),
            m.fix.as_str(),
            m.summary
        ));
    }
    out
}

/// The long description of one rule.
pub fn explain(m: &RuleMeta) -> String {
    let mut out = format!(
        "# {} {}\n\nfamily: {}   severity: {}   fix: {}   from: {}\n\n{}\n\n",
        m.code,
        m.name,
        m.family.as_str(),
        m.severity.as_str(),
        m.fix.as_str(),
        m.origin,
        m.summary
    );
    for line in m.docs.lines() {
        // Doc comments come with a leading space per line.
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The Markdown rule table the README carries between its markers.
pub fn readme_table(metas: &[&RuleMeta]) -> String {
    let mut out =
        String::from("| code | name | family | severity | fix | what it finds |\n|---|---|---|---|---|---|\n");
    for m in metas {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.family.as_str(),
            m.severity.as_str(),
            m.fix.as_str(),
            m.summary.replace('|', "\\|")
        ));
    }
    out
}
