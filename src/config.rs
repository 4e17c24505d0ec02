//! `bilint.toml`: found upward from the working directory, or given with
//! `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::packs::FileError;

pub const CONFIG_NAME: &str = "bilint.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    zh_field: Option<String>,
    #[serde(default)]
    en_field: Option<String>,
}

/// A selector as written in the config, with where it stands for errors.
#[derive(Debug, Clone)]
pub struct Located {
    pub value: String,
    pub span: std::ops::Range<usize>,
}

/// The loaded configuration. Paths in it are relative to its folder.
#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub text: String,
    pub select: Vec<Located>,
    pub extend_select: Vec<Located>,
    pub ignore: Vec<Located>,
    pub severity: Vec<(Located, Severity)>,
    /// (glob, selectors)
    pub per_path_ignores: Vec<(String, Vec<Located>)>,
    pub exclude: Vec<String>,
    pub rules: Vec<PathBuf>,
    pub zh_field: Option<String>,
    pub en_field: Option<String>,
}

fn located(v: Vec<Spanned<String>>) -> Vec<Located> {
    v.into_iter()
        .map(|s| Located {
            span: s.span(),
            value: s.into_inner(),
        })
        .collect()
}

impl Config {
    /// `bilint.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|d| d.join(CONFIG_NAME)).find(|p| p.is_file())
    }

    pub fn load(path: &Path) -> Result<Config, FileError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| FileError::new(&name, "", None, format!("{name}: cannot read config: {e}"), ""))?;
        Config::parse(&name, &text, path.parent().unwrap_or(Path::new(".")))
    }

    pub fn parse(name: &str, text: &str, base: &Path) -> Result<Config, FileError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| FileError::from_toml(name, text, e))?;
        let mut severity = Vec::new();
        for (sel, sev) in raw.severity {
            let Some(s) = Severity::parse(sev.get_ref()) else {
                return Err(FileError::new(
                    name,
                    text,
                    Some(sev.span()),
                    format!("{name}: unknown severity `{}`", sev.get_ref()),
                    "not a severity",
                )
                .with_help("use error, warning or info"));
            };
            // The key's own span is not kept by the map; the value's will do.
            severity.push((
                Located {
                    value: sel,
                    span: sev.span(),
                },
                s,
            ));
        }
        Ok(Config {
            path: Some(PathBuf::from(name)),
            text: text.to_string(),
            select: located(raw.select),
            extend_select: located(raw.extend_select),
            ignore: located(raw.ignore),
            severity,
            per_path_ignores: raw.per_path_ignores.into_iter().map(|(k, v)| (k, located(v))).collect(),
            exclude: raw.exclude,
            rules: raw.rules.into_iter().map(|r| base.join(r)).collect(),
            zh_field: raw.zh_field,
            en_field: raw.en_field,
        })
    }

    /// An error pointing at a selector in this file.
    pub fn error_at(&self, at: &Located, message: String) -> FileError {
        let name = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        FileError::new(
            &name,
            &self.text,
            Some(at.span.clone()),
            format!("{name}: {message}"),
            "here",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_selectors_and_overrides() {
        let c = Config::parse(
            "bilint.toml",
            "ignore = [\"B\"]\nextend-select = [\"T001\"]\n[severity]\nD003 = \"error\"\n[per-path-ignores]\n\"raw/*.txt\" = [\"P\"]\n",
            Path::new("."),
        )
        .unwrap();
        assert_eq!(c.ignore[0].value, "B");
        assert_eq!(c.severity[0].1, Severity::Error);
        assert_eq!(c.per_path_ignores[0].0, "raw/*.txt");
    }

    #[test]
    fn misspelt_keys_get_a_suggestion() {
        let e = Config::parse("bilint.toml", "ignor = [\"B\"]\n", Path::new(".")).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `ignore`?"));
        assert_eq!(e.line(), Some(1));
    }
}
