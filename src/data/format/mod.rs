//! The file format: reading a dataset's text (the lexer, the fast reader, ron,
//! the streaming reader), placing and explaining its problems, checking what
//! the grammar cannot say, and opening a file without its invalid records.

mod column_writer;
pub mod fast_parse;
pub(crate) mod lexer;
pub mod load;
pub(crate) mod loaded;
pub mod map_files;
pub mod placer;
pub mod problem;
mod repeated_ids;
pub mod ron_text;
pub mod salvage;
pub(crate) mod source_map;
pub mod stream_load;
pub mod validate;
