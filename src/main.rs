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
    },
    /// Print the codebook (dataset keys and the Chinese labels they stand for) as CSV.
    Codebook,
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
        } => {
            let mut opts = ogi::run::RunOptions::new(&corpus, &out);
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
        Command::Codebook => {
            print!("{}", ogi::codebook::to_csv());
            ExitCode::SUCCESS
        }
    }
}
