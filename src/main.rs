//! The `bilint` command line: parse the arguments, call the library, exit.

use std::path::PathBuf;
use std::process::ExitCode;

use bilint::app::{self, CheckOptions, ColorChoice, InputFormat, OutputFormat};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "bilint",
    version,
    about = "A linter for scraped bilingual (Chinese-English) news corpora"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, directories or stdin (`-`).
    Check(Box<CheckArgs>),
    /// List every rule: code, name, family, severity, fix, summary.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        output_format: ListFormat,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Print a completion script for a shell.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the long description of one rule, with examples.
    Explain {
        /// A rule code (`T001`) or name (`zh-truncated-start`).
        rule: String,
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(Args, Clone)]
struct CommonArgs {
    /// Config file (default: bilint.toml found upward from the current directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Load the rule packs (*.toml) in DIR too; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputArg {
    Pretty,
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputArg {
    Auto,
    Txt,
    Jsonl,
    Tsv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Apply safe fixes in place.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff; write nothing.
    #[arg(long)]
    diff: bool,
    #[arg(long, value_enum, default_value = "pretty", value_name = "F")]
    output_format: OutputArg,
    #[arg(long, value_enum, default_value = "auto", value_name = "F")]
    input_format: InputArg,
    /// Only these rules (code, name, or family letter).
    #[arg(long, value_delimiter = ',', value_name = "R,...")]
    select: Vec<String>,
    /// These rules too, on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "R,...")]
    extend_select: Vec<String>,
    /// Not these rules.
    #[arg(long, value_delimiter = ',', value_name = "R,...")]
    ignore: Vec<String>,
    #[command(flatten)]
    common: CommonArgs,
    /// JSONL field holding the Chinese text (default zh).
    #[arg(long, value_name = "F")]
    zh_field: Option<String>,
    /// JSONL field holding the English text (default en).
    #[arg(long, value_name = "F")]
    en_field: Option<String>,
    /// Fail when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Always exit 0 unless bilint itself failed.
    #[arg(long)]
    exit_zero: bool,
    /// A count per rule instead of each diagnostic.
    #[arg(long)]
    statistics: bool,
    /// No progress bar, no summary line.
    #[arg(long, short)]
    quiet: bool,
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    color: ColorArg,
    /// The name of standard input, to choose its format and report it.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Record the current findings in FILE and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"])]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not in FILE.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// JSONL in, JSONL out: each record with an added `bilint` field of its findings.
    #[arg(long, conflicts_with_all = ["fix", "diff", "write_baseline"])]
    annotate: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(a) => app::run_check(&CheckOptions {
            paths: a.paths,
            fix: a.fix,
            unsafe_fixes: a.unsafe_fixes,
            diff: a.diff,
            output_format: match a.output_format {
                OutputArg::Pretty => OutputFormat::Pretty,
                OutputArg::Concise => OutputFormat::Concise,
                OutputArg::Json => OutputFormat::Json,
                OutputArg::Jsonl => OutputFormat::Jsonl,
                OutputArg::Sarif => OutputFormat::Sarif,
                OutputArg::Github => OutputFormat::Github,
            },
            input_format: match a.input_format {
                InputArg::Auto => InputFormat::Auto,
                InputArg::Txt => InputFormat::Txt,
                InputArg::Jsonl => InputFormat::Jsonl,
                InputArg::Tsv => InputFormat::Tsv,
            },
            select: a.select,
            extend_select: a.extend_select,
            ignore: a.ignore,
            config: a.common.config,
            rules: a.common.rules,
            zh_field: a.zh_field,
            en_field: a.en_field,
            max_warnings: a.max_warnings,
            exit_zero: a.exit_zero,
            statistics: a.statistics,
            quiet: a.quiet,
            color: match a.color {
                ColorArg::Auto => ColorChoice::Auto,
                ColorArg::Always => ColorChoice::Always,
                ColorArg::Never => ColorChoice::Never,
            },
            stdin_filename: a.stdin_filename,
            threads: a.threads,
            write_baseline: a.write_baseline,
            baseline: a.baseline,
            annotate: a.annotate,
        }),
        Command::Rules { output_format, common } => app::run_rules(
            common.config.as_deref(),
            &common.rules,
            matches!(output_format, ListFormat::Json),
        ),
        Command::Explain { rule, common } => app::run_explain(common.config.as_deref(), &common.rules, &rule),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "bilint", &mut std::io::stdout());
            0
        }
    };
    ExitCode::from(code as u8)
}
