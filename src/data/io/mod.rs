//! Data in and out: importing the exports of the event databases, exporting
//! CSV, Parquet and PNG, saved views, and writing any file whole or not at all.

pub(crate) mod atomic_write;
pub mod export;
pub mod export_parquet;
pub mod import;
pub mod merge;
pub mod views;
