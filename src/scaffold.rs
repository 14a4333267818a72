//! `vacancy init`, `vacancy new` and `vacancy eject-theme`: files that start a site or a posting.

use crate::build::Failure;
use crate::cli::{EjectThemeArgs, InitArgs, NewArgs};
use std::process::ExitCode;

/// `vacancy init [DIR]`.
pub fn init(_args: &InitArgs) -> Result<ExitCode, Failure> {
    Err(Failure::Internal(anyhow::anyhow!(
        "`vacancy init` is being written"
    )))
}

/// `vacancy new "Title"`.
pub fn new_posting(_args: &NewArgs) -> Result<ExitCode, Failure> {
    Err(Failure::Internal(anyhow::anyhow!(
        "`vacancy new` is being written"
    )))
}

/// `vacancy eject-theme`.
pub fn eject_theme(_args: &EjectThemeArgs) -> Result<ExitCode, Failure> {
    Err(Failure::Internal(anyhow::anyhow!(
        "`vacancy eject-theme` is being written"
    )))
}
