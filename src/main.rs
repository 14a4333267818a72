use clap::Parser;
use std::process::ExitCode;
use vacancy::build::{self, Failure};
use vacancy::cli::{Cli, Command};
use vacancy::{diagnostic, term};

/// A build makes and frees millions of small strings across two threads; glibc's malloc
/// spent about a tenth of a build's CPU on them (README, "Dependencies and why").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    if let Some(color) = vacancy::cli::early_color(std::env::args_os()) {
        term::set_color(color);
    }
    let cli = Cli::parse();
    term::setup(cli.output.color, cli.output.verbosity());
    // `check` and `serve` never write files: "nothing was written" would suggest they might.
    let writes = !matches!(
        cli.command,
        Command::Check(_) | Command::Serve(_) | Command::Completions(_) | Command::Ping(_)
    );
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Invalid(diagnostics)) => {
            diagnostic::print_human(&diagnostics);
            let errors = diagnostic::count(diagnostics.iter().filter(|d| d.is_error()).count(), "error");
            term::info(if writes {
                format!("{errors} found; nothing was written")
            } else {
                format!("{errors} found")
            });
            ExitCode::from(1)
        }
        Err(Failure::Internal(e)) => {
            term::error(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Build(args) => {
            let opts = vacancy::cli::site_options(&args.site)?;
            let output = args.output_dir.unwrap_or_else(|| opts.root.join("public"));
            let summary = build::build(&opts, &output, args.previous_state.as_deref())?;
            diagnostic::print_human(&summary.warnings);
            term::info(summary.line());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => vacancy::check::run(&args),
        Command::Serve(args) => vacancy::serve::run(&args),
        Command::Init(args) => vacancy::scaffold::init(&args),
        Command::New(args) => vacancy::scaffold::new_posting(&args),
        Command::EjectTheme(args) => vacancy::scaffold::eject_theme(&args),
        Command::Completions(args) => Ok(vacancy::completions::run(args.shell)),
        Command::Ping(args) => vacancy::ping::run(&args),
    }
}
