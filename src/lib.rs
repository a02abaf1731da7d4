//! tiesdesk: keep your real relationships alive.
//!
//! Layers import downwards only: `model` (plain types) ← `insight` (the pure relationship
//! model) ← `store` (SQLite, private: reached only through `ops::Desk`) ← `ops` (the
//! operations both front ends call) ← `cli` and `app`/`ui`.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod document;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod insight;
pub mod model;
pub mod ops;
pub mod paths;
mod store;
pub mod sync;
pub mod text;
pub mod ui;

pub use config::Config;
pub use error::{Error, Result};
