//! bilint: a linter for scraped bilingual (Chinese-English) news corpora.
//!
//! The pipeline: a file is read into a [`source::SourceText`], analysed once
//! into paragraphs, Chinese fragments, English spans and dates
//! ([`document::Analysis`]), checked by the enabled rules ([`linter::Linter`]),
//! and the findings ([`diagnostic::Diagnostic`]) go to a printer
//! ([`report`]) or, with their fixes ([`fix`]), back into the file.

// A config or pack error is fatal and rare; its size does not matter.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod baseline;
pub mod chunks;
pub mod config;
pub mod dates;
pub mod dedup;
pub mod diagnostic;
pub mod diff;
pub mod docs;
pub mod document;
pub mod fix;
pub mod linter;
pub mod literals;
pub mod numbers;
pub mod packs;
pub mod records;
pub mod report;
pub mod rules;
pub mod script;
pub mod source;
pub mod write;

pub use diagnostic::{Diagnostic, Family, RuleMeta, Severity};
pub use fix::{Applicability, Edit, Fix};
pub use linter::{Linter, Registry, Selection};
pub use source::SourceText;
