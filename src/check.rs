//! `vacancy check`: every build rule plus editorial rules, without writing anything.

use crate::build::Failure;
use crate::cli::CheckArgs;
use std::process::ExitCode;

/// Runs `vacancy check`.
pub fn run(_args: &CheckArgs) -> Result<ExitCode, Failure> {
    Err(Failure::Internal(anyhow::anyhow!(
        "`vacancy check` is being written"
    )))
}
