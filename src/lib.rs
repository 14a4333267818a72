//! Vacancy: a static site generator for job boards and careers pages.
//!
//! The build is a pipeline of pure stages over immutable data:
//! load ([`content`]) → validate ([`check`]) → assemble ([`site`]) → render ([`render`]) →
//! write ([`output`]). [`build`] runs it; [`serve`] keeps the pages in memory instead.

pub mod build;
pub mod check;
pub mod cli;
pub mod completions;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod discover;
pub mod embed;
pub mod example_data;
pub mod exports;
pub mod git_dates;
pub mod i18n;
pub mod manifest;
pub mod markdown;
pub mod output;
pub mod ping;
pub mod progress;
pub mod redirects;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod social_cards;
pub mod term;
pub mod yaml;
