//! The `ogi` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ogi",
    version,
    about = "Government information disclosure annual reports → validated Parquet datasets"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Splitting the work across machines, partitioning the output, re-running incrementally.
#[derive(clap::Args)]
struct Scale {
    /// Process only shard K of N (1 ≤ K ≤ N), a deterministic part of the corpus by relative path;
    /// writes OUT/<table>/part-K-of-N.parquet so N shards can share one output directory.
    #[arg(long, value_name = "K/N")]
    shard: Option<ogi::run::Shard>,
    /// Partition every per-report table by report year (hive style: OUT/<table>/report_year=Y/…).
    #[arg(long)]
    by_year: bool,
    /// Copy the rows of files unchanged since the previous run into OUT (same layout) instead of
    /// extracting them again; the output is the same as a full run's.
    #[arg(long)]
    incremental: bool,
}

impl Scale {
    fn apply(&self, opts: &mut ogi::run::RunOptions) {
        opts.layout = ogi::run::Layout {
            shard: self.shard,
            by_year: self.by_year,
        };
        opts.incremental = self.incremental;
    }
}

#[derive(Subcommand)]
enum Command {
    /// Extract every report of a corpus directory into Parquet tables.
    Extract {
        /// Directory of report files (.html .htm .shtml .txt .md), searched recursively; or one file.
        corpus: PathBuf,
        /// Output directory for the Parquet files.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Files larger than this are recorded as unreadable without being read.
        #[arg(long, default_value_t = 32 << 20)]
        max_file_bytes: u64,
        /// Files extracted in parallel before their rows are written (bounds memory).
        #[arg(long, default_value_t = 1024)]
        chunk_size: usize,
        /// Never draw a progress bar.
        #[arg(long)]
        no_progress: bool,
        #[command(flatten)]
        scale: Scale,
    },
    /// Nationwide aggregates (Polars) from an extraction: writes IN/trends.parquet.
    Trends {
        /// The output directory of `ogi extract`.
        #[arg(long = "in")]
        input: PathBuf,
        #[command(flatten)]
        counting: Counting,
    },
    /// Checks across reports and the agency panel: writes IN/cross_checks.parquet and IN/panel.parquet.
    Across {
        /// The output directory of `ogi extract` (all shards of a corpus: the checks compare reports).
        #[arg(long = "in")]
        input: PathBuf,
    },
    /// Extract a corpus and compute the checks across reports, the panel and the trends: `ogi extract`,
    /// `ogi across`, `ogi trends`.
    Run {
        corpus: PathBuf,
        #[arg(long, default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        counting: Counting,
        #[arg(long)]
        no_progress: bool,
        #[command(flatten)]
        scale: Scale,
    },
    /// Generate a synthetic corpus with its ground truth (OUT/corpus, OUT/truth/*.parquet).
    Gen {
        /// Number of reports.
        #[arg(long, default_value_t = 1000)]
        reports: usize,
        /// Seed: the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
        /// Share of reports that break an identity (recorded in the truth).
        #[arg(long, default_value_t = 0.03)]
        defects: f64,
        /// Layout shares of post-2019 reports: html,lines,pipes,markdown,spaces,flat,pdf_table,pdf_text,docx_table.
        #[arg(long, value_delimiter = ',')]
        layouts: Option<Vec<f64>>,
        /// Probability of a label variant at each label.
        #[arg(long, default_value_t = 0.15)]
        variants: f64,
        /// First report year.
        #[arg(long, default_value_t = 2008)]
        first_year: i16,
        /// Last report year.
        #[arg(long, default_value_t = 2024)]
        last_year: i16,
    },
    /// Score an extraction against a generated corpus's truth; exit 1 when below the thresholds.
    Eval {
        /// The truth: `ogi gen`'s output directory (or its `truth/` folder).
        #[arg(long)]
        truth: PathBuf,
        /// The output directory of `ogi extract`.
        #[arg(long)]
        extracted: PathBuf,
        /// Where to write eval_cells / eval_reports / eval_worst.parquet (default: the extracted directory).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Minimum cell accuracy (0–1) over --strict-layouts.
        #[arg(long)]
        min_cell_accuracy: Option<f64>,
        /// Layouts --min-cell-accuracy applies to.
        #[arg(long, value_delimiter = ',', default_value = "html_table,lines,pipes,markdown")]
        strict_layouts: Vec<String>,
        /// Minimum share (0–1) of reports with the right year.
        #[arg(long)]
        min_year_accuracy: Option<f64>,
        /// Minimum share (0–1) of reports with the right template.
        #[arg(long)]
        min_template_accuracy: Option<f64>,
        /// How many of the worst reports to print.
        #[arg(long, default_value_t = 10)]
        worst: usize,
    },
    /// Benchmark reference: read, decode and parse every HTML file of CORPUS with the HTML parser alone.
    #[command(hide = true)]
    ParseOnly { corpus: PathBuf },
    /// Print the codebook (dataset keys and the Chinese labels they stand for) as CSV.
    Codebook,
    /// Show how one file is read: encoding, layout, title candidates, each table's grid or lines with the
    /// template row matched to each, the values taken, every check and the warnings.
    Inspect {
        /// The report file.
        file: PathBuf,
        /// Print JSON (one object) instead of text.
        #[arg(long)]
        json: bool,
        /// Files larger than this are refused, as `ogi extract` refuses them.
        #[arg(long, default_value_t = 32 << 20)]
        max_file_bytes: u64,
    },
}

/// What the trends count.
#[derive(clap::Args, Debug, Clone, Copy)]
struct Counting {
    /// Leave out reports whose balance identity fails (by default they are counted, and counted apart).
    #[arg(long)]
    exclude_balance_failures: bool,
    /// Count jurisdiction summaries (scope = jurisdiction) in the level, province and agency-kind rows too
    /// (by default only in the `scope` breakdown: they sum agencies that report themselves).
    #[arg(long)]
    include_summaries: bool,
}

/// Writes cross_checks.parquet and panel.parquet and prints what the checks found.
fn across(dir: &std::path::Path) -> ExitCode {
    match ogi::across::write_cross_checks(dir) {
        Ok((path, rows)) => {
            println!("ogi across: {} checks written to {}", rows.len(), path.display());
            print!("{}", ogi::across::summary_text(&rows));
        }
        Err(e) => {
            eprintln!("ogi across: {e:#}");
            return ExitCode::from(2);
        }
    }
    match ogi::panel::write_panel(dir) {
        Ok((path, n)) => {
            println!("ogi across: panel of {n} agency-years written to {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ogi across: panel: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Writes trends.parquet and prints the headline rows (all levels, by year).
fn trends(dir: &std::path::Path, c: Counting) -> ExitCode {
    let opts = ogi::trends::TrendOptions {
        exclude_balance_failures: c.exclude_balance_failures,
        include_summaries: c.include_summaries,
    };
    match ogi::trends::write_trends(dir, &opts) {
        Ok((path, df)) => {
            println!("ogi trends: {} rows written to {}", df.height(), path.display());
            match ogi::trends::headline_text(&df) {
                Ok(h) => print!("{h}"),
                Err(e) => eprintln!("ogi trends: headline table: {e:#}"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ogi trends: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            corpus,
            out,
            max_file_bytes,
            chunk_size,
            no_progress,
            scale,
        } => {
            let mut opts = ogi::run::RunOptions::new(&corpus, &out);
            scale.apply(&mut opts);
            opts.max_file_bytes = max_file_bytes;
            opts.chunk_size = chunk_size;
            opts.progress = !no_progress;
            match ogi::run::run_extract(&opts) {
                Ok(summary) => {
                    print!("{}", summary.render(&corpus));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("ogi extract: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Gen {
            reports,
            seed,
            out,
            defects,
            layouts,
            variants,
            first_year,
            last_year,
        } => {
            let mut opts = ogi::gen::GenOptions::new(reports, seed, &out);
            opts.defects = defects.clamp(0.0, 1.0);
            opts.variants = variants.clamp(0.0, 1.0);
            opts.first_year = first_year;
            opts.last_year = last_year.max(first_year);
            if let Some(l) = layouts {
                // six shares (the text layouts alone) or nine (with pdf_table, pdf_text, docx_table)
                if !matches!(l.len(), 6 | 9) || l.iter().any(|x| *x < 0.0) || l.iter().sum::<f64>() <= 0.0 {
                    eprintln!("ogi gen: --layouts takes 6 or 9 non-negative shares: html,lines,pipes,markdown,spaces,flat[,pdf_table,pdf_text,docx_table]");
                    return ExitCode::from(2);
                }
                opts.layout_shares = [0.0; 9];
                opts.layout_shares[..l.len()].copy_from_slice(&l);
            }
            match ogi::gen::generate(&opts) {
                Ok(s) => {
                    let secs = s.elapsed.as_secs_f64().max(1e-9);
                    println!(
                        "ogi gen: {} reports ({:.1} MB) in {:.2} s — {:.0} reports/s; corpus in {}, truth in {}",
                        s.files,
                        s.bytes as f64 / 1e6,
                        secs,
                        s.files as f64 / secs,
                        out.join("corpus").display(),
                        out.join("truth").display()
                    );
                    let layouts: Vec<String> = s.by_layout.iter().map(|(k, v)| format!("{k} {v}")).collect();
                    println!("  layouts: {}", layouts.join(" · "));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("ogi gen: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Eval {
            truth,
            extracted,
            out,
            min_cell_accuracy,
            strict_layouts,
            min_year_accuracy,
            min_template_accuracy,
            worst,
        } => {
            let truth = if truth.join("truth/reports.parquet").exists() {
                truth.join("truth")
            } else {
                truth
            };
            let run = || -> anyhow::Result<Vec<String>> {
                let ev = ogi::eval::evaluate(&truth, &extracted)?;
                print!("{}", ev.render(worst));
                if extracted.join("cross_checks.parquet").exists() {
                    print!(
                        "{}",
                        ogi::eval::across::render(&ogi::eval::across::evaluate(&truth, &extracted)?)
                    );
                }
                let out = out.clone().unwrap_or_else(|| extracted.clone());
                std::fs::create_dir_all(&out)?;
                for (name, batch) in ev.batches()? {
                    ogi::sink::write_table(&out, name, &batch)?;
                }
                let strict: Vec<&str> = strict_layouts.iter().map(String::as_str).collect();
                let cells = ev.cell_accuracy(&strict);
                let (years, templates) = ev.year_and_template_accuracy();
                println!(
                    "summary: cell accuracy {:.3}% on {} · {:.3}% on all layouts · years {:.2}% · templates {:.2}%",
                    100.0 * cells,
                    strict.join(","),
                    100.0 * ev.cell_accuracy(&[]),
                    100.0 * years,
                    100.0 * templates
                );
                let mut failures = Vec::new();
                let mut check = |name: &str, got: f64, min: Option<f64>| {
                    if let Some(min) = min {
                        if got < min {
                            failures.push(format!("{name} {:.4} below {min}", got));
                        }
                    }
                };
                check("cell accuracy", cells, min_cell_accuracy);
                check("year accuracy", years, min_year_accuracy);
                check("template accuracy", templates, min_template_accuracy);
                Ok(failures)
            };
            match run() {
                Ok(f) if f.is_empty() => ExitCode::SUCCESS,
                Ok(f) => {
                    eprintln!("ogi eval: below threshold: {}", f.join("; "));
                    ExitCode::from(1)
                }
                Err(e) => {
                    eprintln!("ogi eval: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Trends { input, counting } => trends(&input, counting),
        Command::Across { input } => across(&input),
        Command::Run {
            corpus,
            out,
            counting,
            no_progress,
            scale,
        } => {
            let mut opts = ogi::run::RunOptions::new(&corpus, &out);
            scale.apply(&mut opts);
            opts.progress = !no_progress;
            match ogi::run::run_extract(&opts) {
                Ok(summary) => print!("{}", summary.render(&corpus)),
                Err(e) => {
                    eprintln!("ogi run: {e:#}");
                    return ExitCode::from(2);
                }
            }
            // a shard holds part of the corpus: reports compared across shards need them all
            if let Some(shard) = scale.shard {
                println!(
                    "ogi run: shard {shard}: checks across reports and the panel skipped — run `ogi across --in {}` once every shard is done",
                    out.display()
                );
            } else {
                let checked = across(&out);
                if checked != ExitCode::SUCCESS {
                    return checked;
                }
            }
            trends(&out, counting)
        }
        Command::ParseOnly { corpus } => match ogi::bench::parse_only(&corpus) {
            Ok(p) => {
                let secs = p.elapsed.as_secs_f64().max(1e-9);
                println!(
                    "parse-only: {} HTML files, {:.1} MB, {} nodes in {:.2} s — {:.1} files/s, {:.2} MB/s",
                    p.html_files,
                    p.bytes as f64 / 1e6,
                    p.nodes,
                    secs,
                    p.html_files as f64 / secs,
                    p.bytes as f64 / 1e6 / secs
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ogi parse-only: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Inspect {
            file,
            json,
            max_file_bytes,
        } => match ogi::inspect::inspect_file(&file, max_file_bytes) {
            Ok(i) if json => match serde_json::to_string_pretty(&i) {
                Ok(j) => {
                    println!("{j}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("ogi inspect: {e}");
                    ExitCode::from(2)
                }
            },
            Ok(i) => {
                print!("{}", ogi::inspect::text::render(&i));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ogi inspect: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Codebook => {
            print!("{}", ogi::codebook::to_csv());
            ExitCode::SUCCESS
        }
    }
}
