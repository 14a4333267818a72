//! The command line (clap derive).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Vacancy: a static site generator for job boards and careers pages.
#[derive(Debug, Parser)]
#[command(name = "vacancy", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output-dir).
    Build(BuildArgs),
    /// Check postings against every build rule and the editorial rules; writes nothing.
    Check(CheckArgs),
    /// Serve the site from memory with live reload while you edit.
    Serve(ServeArgs),
    /// Create a new site: config, an example posting, .gitignore and a CI workflow.
    Init(InitArgs),
    /// Write a new posting from a template and print its path.
    New(NewArgs),
    /// Copy the built-in default theme into themes/default/ for editing.
    EjectTheme(EjectThemeArgs),
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
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; loopback by default, so the preview is not on the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Initialise a folder that is not empty (existing files are kept unless they clash).
    #[arg(long)]
    pub force: bool,
    /// Also copy the default theme into themes/default/ for editing.
    #[arg(long)]
    pub theme: bool,
    /// The repository the site's workflow installs vacancy releases from, e.g.
    /// https://github.com/OWNER/vacancy (default: the one vacancy was built from, if known).
    #[arg(long, value_name = "URL", value_parser = crate::scaffold::install_source::parse)]
    pub install_from: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The job title, e.g. "Senior Rust Engineer".
    pub title: String,
    /// The site's folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Category key (from config.yaml `categories`).
    #[arg(long)]
    pub category: Option<String>,
    /// Company key (a file in content/companies/).
    #[arg(long)]
    pub company: Option<String>,
    /// Employment type, e.g. full-time.
    #[arg(long = "type", value_name = "TYPE")]
    pub employment_type: Option<String>,
    /// The posting date (default: today; RFC 3339 or YYYY-MM-DD).
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
    /// Include postings marked `draft: true`.
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
