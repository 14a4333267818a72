use clap::Parser;
use std::process::ExitCode;
use vacancy::build::{self, Failure};
use vacancy::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Invalid(diagnostics)) => {
            vacancy::diagnostic::print_human(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("{} found; nothing was written", vacancy::diagnostic::count(errors, "error"));
            ExitCode::from(1)
        }
        Err(Failure::Internal(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Build(args) => {
            let opts = vacancy::cli::site_options(&args.site)?;
            let output = args.output_dir.unwrap_or_else(|| opts.root.join("public"));
            let summary = build::build(&opts, &output)?;
            vacancy::diagnostic::print_human(&summary.warnings);
            eprintln!("{}", summary.line());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => vacancy::check::run(&args),
        Command::Serve(args) => vacancy::serve::run(&args),
        Command::Init(args) => vacancy::scaffold::init(&args),
        Command::New(args) => vacancy::scaffold::new_posting(&args),
        Command::EjectTheme(args) => vacancy::scaffold::eject_theme(&args),
    }
}
