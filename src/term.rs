//! How output looks and how much is said: colour (`--color`, `NO_COLOR`) and
//! verbosity (`--quiet`, `--verbose`).
//!
//! Both are process-wide settings chosen once in `main` from the global flags, like the
//! colour choice `anstream` keeps for clap: threading them through every stage that
//! prints a line would add parameters and no information. Colour is written as ANSI
//! codes into `anstream` streams, which strip them when colour is off (not a terminal,
//! `NO_COLOR`, `--color never`) and translate them on old Windows consoles.

use anstyle::{AnsiColor, Style};
use std::fmt::Display;
use std::io::Write;
use std::sync::OnceLock;

/// `--color`: when to colour what goes to the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless `NO_COLOR` is set (or `CLICOLOR_FORCE` asks for it anyway).
    #[default]
    Auto,
    /// Always colour, even into a file or pipe.
    Always,
    /// Never colour.
    Never,
}

/// How much a command says besides its errors and warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Verbosity {
    /// Errors and warnings only: no summary, no progress.
    Quiet,
    #[default]
    Normal,
    /// Also stage timings, counts and the paths written.
    Verbose,
}

static VERBOSITY: OnceLock<Verbosity> = OnceLock::new();

/// Applies the global flags; called once by `main` before any output.
pub fn setup(color: ColorWhen, verbosity: Verbosity) {
    set_color(color);
    let _ = VERBOSITY.set(verbosity);
}

/// Sets when to colour, for our output and for clap's (help, usage errors).
pub fn set_color(color: ColorWhen) {
    let choice = match color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

/// The verbosity set by [`setup`]; `Normal` when it was never called (library use, tests).
pub fn verbosity() -> Verbosity {
    VERBOSITY.get().copied().unwrap_or_default()
}

/// True under `--quiet`.
pub fn quiet() -> bool {
    verbosity() == Verbosity::Quiet
}

/// True under `--verbose`.
pub fn verbose() -> bool {
    verbosity() == Verbosity::Verbose
}

/// The style of `error:`.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// The style of `warning:`.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// The style of `help:`.
pub const HELP: Style = AnsiColor::Cyan.on_default().bold();
/// The style of a file location (`content/jobs/a.md:7:18`).
pub const PATH: Style = Style::new().bold();

/// `text` wrapped in `style`'s escape codes (removed again by the stream when colour is off).
pub fn paint(style: Style, text: impl Display) -> String {
    format!("{style}{text}{style:#}")
}

/// Writes one line to stderr through the colour-aware stream.
pub fn eprint_line(line: impl Display) {
    // Nothing sensible is left to do when stderr itself is gone.
    let _ = writeln!(anstream::stderr().lock(), "{line}");
}

/// A summary or progress line on stderr, left out under `--quiet`.
pub fn info(line: impl Display) {
    if !quiet() {
        eprint_line(line);
    }
}

/// A detail line on stderr, shown only under `--verbose`.
pub fn detail(line: impl Display) {
    if verbose() {
        eprint_line(line);
    }
}

/// `warning: message`, always shown.
pub fn warning(message: impl Display) {
    eprint_line(format_args!("{}: {message}", paint(WARNING, "warning")));
}

/// `error: message`, always shown.
pub fn error(message: impl Display) {
    eprint_line(format_args!("{}: {message}", paint(ERROR, "error")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_with_escape_codes_that_a_stream_can_strip() {
        let red = paint(ERROR, "error");
        assert!(red.starts_with("\x1b["), "{red:?}");
        assert!(red.contains("error") && red.ends_with("\x1b[0m"), "{red:?}");
        assert_eq!(anstream::adapter::strip_str(&red).to_string(), "error");
        // The plain style adds nothing at all.
        assert_eq!(paint(Style::new(), "x"), "x");
    }

    #[test]
    fn verbosity_is_ordered_from_quiet_to_verbose() {
        assert!(Verbosity::Quiet < Verbosity::Normal && Verbosity::Normal < Verbosity::Verbose);
        assert_eq!(verbosity(), Verbosity::Normal, "the default without setup");
    }
}
