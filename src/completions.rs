//! `vacancy completions SHELL`: a completion script generated from the command
//! definition by `clap_complete`, so it always matches the flags of this version.

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut out);
    out
}

/// Runs `vacancy completions`: the script on stdout. Generated in memory first, since
/// `clap_complete` panics on a write error such as a closed pipe (`| head`).
pub fn run(shell: Shell) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&script(shell)).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            crate::term::error(format_args!("writing the completion script: {e}"));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_commands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
            let script = String::from_utf8(script(shell)).unwrap();
            for command in ["build", "check", "serve", "eject-theme", "completions"] {
                assert!(script.contains(command), "{shell}: {command} missing");
            }
        }
    }
}
