//! The command line (clap derive).

use crate::term::{ColorWhen, Verbosity};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Vacancy: a static site generator for job boards and careers pages.
#[derive(Debug, Parser)]
#[command(name = "vacancy", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How much to print and in what colours; accepted by every command.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Print only errors and warnings: no summary, no progress bar.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: stage timings, counts and the folders written.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// When to colour the output; `auto` honours NO_COLOR and CLICOLOR_FORCE.
    #[arg(long, value_enum, value_name = "WHEN", global = true, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

impl OutputArgs {
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output-dir).
    Build(BuildArgs),
    /// Check postings against every build rule and the editorial rules; writes nothing.
    Check(CheckArgs),
    /// Serve the site from memory with live reload while you edit.
    Serve(ServeArgs),
    /// Create a new site: config, a draft example posting, .gitignore and a CI workflow.
    Init(InitArgs),
    /// Write a new draft posting from a template and flags, and print its path.
    // Boxed: its many flags would make every `Command` as large as it.
    New(Box<NewArgs>),
    /// Copy the built-in default theme into themes/default/ for editing.
    EjectTheme(EjectThemeArgs),
    /// Tell search engines which posting URLs the last build added, updated or removed.
    Ping(PingArgs),
    /// Print a shell completion script (see the README for where each shell wants it).
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct PingArgs {
    /// Post the changed URLs (the build's vacancy-changes.json) to IndexNow, with the key
    /// from config.yaml's `indexnow.key` or VACANCY_INDEXNOW_KEY.
    #[arg(long, required = true)]
    pub indexnow: bool,
    /// The site's folder (where config.yaml is).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The built site to read the changes from (default: public/ in the site folder).
    #[arg(long, short = 'o', value_name = "DIR", conflicts_with = "site")]
    pub output_dir: Option<PathBuf>,
    /// Read the changes and check the key file on the deployed site at this URL instead,
    /// e.g. in a CI job after the deploy.
    #[arg(long, value_name = "URL")]
    pub site: Option<String>,
    /// The IndexNow endpoint to post to.
    #[arg(long, value_name = "URL", default_value = crate::ping::DEFAULT_ENDPOINT)]
    pub endpoint: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--color` as given on the command line, found before clap parses it, so that clap's
/// own help and usage errors follow it too (clap prints those while parsing). The last
/// valid one wins, as in the real parse; `--` ends the options.
pub fn early_color(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<ColorWhen> {
    use clap::ValueEnum;
    let args: Vec<String> = args.into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let mut found = None;
    for (i, arg) in args.iter().enumerate().take_while(|(_, a)| *a != "--") {
        let value = match arg.strip_prefix("--color") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(when) = value.and_then(|v| ColorWhen::from_str(v, false).ok()) {
            found = Some(when);
        }
    }
    found
}

/// Output formats for `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `error: file:line:col: field: message` with help lines.
    Human,
    /// One JSON object per diagnostic, one per line.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), annotating pull requests.
    Github,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the problems found; `json` and `github` go to stdout, never coloured.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
// Drafts are shown by default, so `--drafts` changes nothing here: accepted, not listed.
#[command(mut_arg("drafts", |a| a.hide(true)))]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Hide drafts (shown by default, marked "Draft") to preview exactly what `build` publishes.
    #[arg(long, conflicts_with = "drafts")]
    pub no_drafts: bool,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; loopback by default, so the preview is not on the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in; created if missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Site name, e.g. "Acme Careers" [default: "<ORGANIZATION> Careers", else a TODO placeholder].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The absolute URL the site will be published at, e.g. https://acme.github.io/jobs/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The hiring organization's name, e.g. "Acme Inc.".
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,
    /// The hiring organization's website, e.g. https://acme.com.
    #[arg(long, value_name = "URL")]
    pub organization_url: Option<String>,
    /// Create the site in a folder that is not empty. Your files are kept: where one differs
    /// from vacancy's, the new version is written beside it as FILE.new.
    #[arg(long)]
    pub force: bool,
    /// Replace FILE (e.g. config.yaml) with vacancy's version, saving yours as FILE.bak.
    /// Repeat for several files; implies --force.
    #[arg(long, value_name = "FILE")]
    pub replace: Vec<String>,
    /// Also copy the default theme into themes/default/ for editing.
    #[arg(long)]
    pub theme: bool,
    /// The repository the site's workflow installs vacancy releases from, e.g.
    /// https://github.com/OWNER/vacancy; without it, the repository vacancy was built from, if known.
    #[arg(long, value_name = "URL", value_parser = crate::scaffold::install_source::parse)]
    pub install_from: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The job title, e.g. "Senior Rust Engineer"; it also names the file.
    pub title: String,
    /// The site's folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Category key, one of config.yaml's `categories` [default: the first].
    #[arg(long, value_name = "KEY")]
    pub category: Option<String>,
    /// Company key, a file in content/companies/ [default: config.yaml's organization].
    #[arg(long, value_name = "KEY")]
    pub company: Option<String>,
    /// Employment type: full-time, part-time, contract, temporary, internship, volunteer,
    /// per-diem or other [default: full-time].
    #[arg(long = "type", value_name = "TYPE")]
    pub employment_type: Option<String>,
    /// An office to work at, as "City, COUNTRY" or "City, Region, COUNTRY" with an ISO
    /// country code, e.g. "Berlin, DE"; repeat for several.
    #[arg(long, value_name = "PLACE")]
    pub place: Vec<String>,
    /// Remote work, for applicants living in these countries or regions, comma-separated:
    /// e.g. US,CA or EU or worldwide.
    #[arg(long, value_name = "COUNTRIES", value_delimiter = ',')]
    pub remote: Vec<String>,
    /// Partly remote, partly at the --place offices.
    #[arg(long)]
    pub hybrid: bool,
    /// Pay, as a range MIN-MAX (e.g. 120000-150000 or 120k-150k) or a single amount; needs
    /// --currency.
    #[arg(long, value_name = "AMOUNT")]
    pub salary: Option<String>,
    /// The salary's ISO 4217 currency code, e.g. USD or EUR.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// What the salary is paid per: hour, day, week, month or year [default: year].
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Where candidates apply: an https URL or an e-mail address.
    #[arg(long, value_name = "URL|EMAIL")]
    pub apply: Option<String>,
    /// The last day to apply, YYYY-MM-DD; the posting expires after it.
    #[arg(long, value_name = "DATE")]
    pub closes: Option<String>,
    /// One sentence for listings and search results [default: the first paragraph].
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// Tags, comma-separated, e.g. rust,backend.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The posting date, RFC 3339 or YYYY-MM-DD [default: today].
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct EjectThemeArgs {
    /// The site's folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Overwrite files already in themes/default/.
    #[arg(long)]
    pub force: bool,
}

/// Options shared by every command that reads a site.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site's folder (where config.yaml is).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Override `base_url` from config.yaml (e.g. for a preview deploy).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include postings marked `draft: true`: marked "Draft" and `noindex`, never in feeds or the sitemap.
    #[arg(long)]
    pub drafts: bool,
    /// The build's "now" (RFC 3339 or YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else the clock.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: public/ in the site folder).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// The previous build's vacancy-state.json, to list what changed since
    /// (default: the one in the output folder). CI fetches it from the live site.
    #[arg(long, value_name = "FILE")]
    pub previous_state: Option<PathBuf>,
}

/// Turns the shared site flags into build options, resolving "now".
pub fn site_options(args: &SiteArgs) -> Result<crate::build::Options, crate::build::Failure> {
    Ok(crate::build::Options {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        now: crate::dates::resolve_now(args.now.as_deref())?,
    })
}

impl ServeArgs {
    /// The site flags `serve` builds with: drafts shown unless `--no-drafts`.
    pub fn site_args(&self) -> SiteArgs {
        SiteArgs { drafts: !self.no_drafts, ..self.site.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    fn serve_drafts(args: &[&str]) -> Result<bool, clap::Error> {
        let cli = Cli::try_parse_from(["vacancy", "serve"].iter().chain(args))?;
        match cli.command {
            Command::Serve(serve) => Ok(serve.site_args().drafts),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn serve_shows_drafts_unless_no_drafts() {
        assert!(serve_drafts(&[]).unwrap());
        assert!(serve_drafts(&["--drafts"]).unwrap(), "the old flag is still accepted");
        assert!(!serve_drafts(&["--no-drafts"]).unwrap());
        assert!(serve_drafts(&["--drafts", "--no-drafts"]).is_err());
    }

    #[test]
    fn reads_color_before_help_or_mistakes_end_the_parse() {
        let early = |args: &[&str]| early_color(args.iter().map(Into::into));
        assert_eq!(early(&["vacancy", "--color", "never", "--help"]), Some(ColorWhen::Never));
        assert_eq!(early(&["vacancy", "build", "-h", "--color=always"]), Some(ColorWhen::Always));
        assert_eq!(early(&["vacancy", "check", "--bogus", "--color", "never"]), Some(ColorWhen::Never));
        assert_eq!(early(&["vacancy", "build"]), None);
        assert_eq!(early(&["vacancy", "new", "--", "--color=never"]), None);
        assert_eq!(early(&["vacancy", "--colors", "never"]), None);
    }
}
