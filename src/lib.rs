//! Vacancy: a static site generator for job boards and careers pages.
//!
//! The build is a pipeline of pure stages over immutable data:
//! load ([`content`]) → validate ([`check`]) → assemble ([`site`]) → render ([`render`]) →
//! write ([`output`]). [`build`] runs it; [`serve`] keeps the pages in memory instead.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod markdown;
pub mod output;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod yaml;
