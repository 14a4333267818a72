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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
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
