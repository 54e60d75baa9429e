//! The `wijzer` command line: parses arguments, runs the library, prints
//! diagnostics and a summary.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use wijzer::{BuildOptions, Error, Report};

/// Exit code when the content has problems.
const EXIT_CONTENT: u8 = 1;
/// Exit code when a file could not be read or written, the theme failed, or
/// `serve` could not listen.
const EXIT_IO: u8 = 2;

/// wijzer: a Dutch knowledge base and self-assessments as a static website.
#[derive(Parser)]
#[command(name = "wijzer", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: dist/).
    Build {
        #[command(flatten)]
        source: Source,
        /// Output folder; replaced as a whole once the build succeeds.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// Absolute address of the published site (for sitemap.xml);
        /// overrides base_url in site.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Leave the HTML unminified (easier to read).
        #[arg(long)]
        no_minify: bool,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check the content for every problem build would find; write nothing.
    Check {
        #[command(flatten)]
        source: Source,
    },
    /// Start a new site in DIR: settings, a page of every type, a
    /// questionnaire and a README for authors.
    New {
        /// The folder to create; it must not exist yet, or be empty.
        dir: PathBuf,
    },
    /// Build, serve on this machine, rebuild on every save and reload the
    /// open pages. Not minified; the output goes to a temporary folder.
    Serve {
        #[command(flatten)]
        source: Source,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on; the default serves this machine only.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
}

#[derive(Args)]
struct Source {
    /// Content folder, holding site.yaml.
    #[arg(long, default_value = "content", value_name = "DIR")]
    content: PathBuf,
    /// Include pages marked draft: true.
    #[arg(long)]
    drafts: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, verb, show_timings) = match cli.command {
        Command::Serve {
            source,
            port,
            bind,
            open,
        } => return serve(source, SocketAddr::new(bind, port), open),
        Command::New { dir } => return new_site(&dir),
        Command::Build {
            source,
            out,
            base_url,
            no_minify,
            timings,
        } => {
            let mut options = BuildOptions::new(source.content, out.clone());
            options.drafts = source.drafts;
            options.base_url = base_url;
            options.minify &= !no_minify;
            (
                wijzer::build(&options),
                format!("built into {}", out.display()),
                timings,
            )
        }
        Command::Check { source } => {
            let mut options = BuildOptions::new(source.content, PathBuf::new());
            options.drafts = source.drafts;
            (wijzer::check(&options), "checked".to_string(), false)
        }
    };
    match result {
        Ok(report) => {
            summarise(&report, &verb, show_timings);
            ExitCode::SUCCESS
        }
        Err(error) => report_error(&error),
    }
}

fn summarise(report: &Report, verb: &str, show_timings: bool) {
    if show_timings {
        for (stage, took) in &report.timings {
            eprintln!("  {stage:<8} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    println!(
        "wijzer: {verb}: {} pages in {} sections, {} files, {:.0} ms",
        report.pages,
        report.sections,
        report.files_written,
        report.total().as_secs_f64() * 1000.0
    );
}

fn report_error(error: &Error) -> ExitCode {
    eprint!("{}", wijzer::describe(error));
    match error {
        Error::Content(_) => ExitCode::from(EXIT_CONTENT),
        _ => ExitCode::from(EXIT_IO),
    }
}

fn new_site(dir: &std::path::Path) -> ExitCode {
    match wijzer::scaffold::create(dir) {
        Ok(files) => {
            println!(
                "wijzer: wrote a new site of {files} files to {}",
                dir.display()
            );
            println!(
                "        preview it with: wijzer serve --content {}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => report_error(&error),
    }
}

fn serve(source: Source, address: SocketAddr, open: bool) -> ExitCode {
    let out = std::env::temp_dir().join(format!("wijzer-serve-{}", std::process::id()));
    let mut options = BuildOptions::new(source.content, out);
    options.drafts = source.drafts;
    let ready = |bound: SocketAddr| {
        let url = format!("http://{bound}/");
        println!("wijzer: serving at {url} (Ctrl+C stops)");
        if open {
            open_browser(&url);
        }
    };
    let result = wijzer::serve::serve(options, address, ready, |line| eprintln!("{line}"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_error(&error),
    }
}

/// Opens `url` with the system's handler; a failure only costs a click.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("wijzer: could not open a browser; open {url} yourself");
    }
}
