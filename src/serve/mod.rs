//! `vacancy serve`: an in-memory build served over HTTP with live reload.

use crate::build::Failure;
use crate::cli::ServeArgs;
use std::process::ExitCode;

/// Runs `vacancy serve` until Ctrl-C.
pub fn run(_args: &ServeArgs) -> Result<ExitCode, Failure> {
    Err(Failure::Internal(anyhow::anyhow!(
        "`vacancy serve` is being written"
    )))
}
