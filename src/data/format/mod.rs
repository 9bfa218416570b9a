//! The file format: reading a dataset's text (the lexer, the fast reader, ron,
//! the streaming reader), placing and explaining its problems, and checking
//! what the grammar cannot say. A reader gives a dataset as read, never one
//! indexed: loading (`data::load`) checks and indexes it above both.

mod column_writer;
pub mod failure;
pub mod fast_parse;
pub(crate) mod lexer;
pub mod map_files;
pub mod placer;
pub mod problem;
mod repeated_ids;
pub mod ron_text;
pub(crate) mod source_map;
pub mod stream_load;
pub mod validate;
