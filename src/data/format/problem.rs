//! What can be wrong with a dataset file, and where.

use std::fmt;

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextPosition {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl TextPosition {
    /// Where a file begins.
    pub const START: Self = Self { line: 1, column: 1 };
}

/// Whether a problem stops the file from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file is loaded; the author should look.
    Warning,
    /// The file is not loaded.
    Error,
}

/// The record a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Record {
    /// The dataset's own fields (format, title).
    Dataset {
        /// The field's name.
        field: &'static str,
    },
    /// A source, by index and id.
    Source {
        /// Index in the `sources` list.
        index: usize,
        /// Its id as written.
        id: String,
    },
    /// An actor, by index and id.
    Actor {
        /// Index in the `actors` list.
        index: usize,
        /// Its id as written.
        id: String,
    },
    /// An event, by index and id.
    Event {
        /// Index in the `events` list.
        index: usize,
        /// Its id as written.
        id: String,
    },
    /// A control series, by index.
    Series {
        /// Index in the `control` list.
        index: usize,
        /// "IS · IHS Markit · Syria and Iraq".
        label: String,
    },
    /// A row of an imported table (CSV), by its line and the column at fault.
    Row {
        /// The line the row starts on, from 1.
        line: u64,
        /// The column's name, as the file's header (or layout) gives it.
        column: String,
    },
    /// A row of an imported table without lines (Parquet), by its number
    /// and the column at fault.
    TableRow {
        /// The row's number among the data rows, from 1.
        row: u64,
        /// The column's name.
        column: String,
    },
    /// A control map (`territory`), by index.
    Map {
        /// Index in the `territory` list.
        index: usize,
        /// "is · DeepState · Ukraine".
        label: String,
    },
    /// One snapshot of a control map.
    Snapshot {
        /// Index of the map in the `territory` list.
        map: usize,
        /// Index of the snapshot in the map.
        index: usize,
        /// The map's label.
        label: String,
    },
    /// One point of a control series.
    Point {
        /// Index of the series in the `control` list.
        series: usize,
        /// Index of the point in the series.
        index: usize,
        /// The series' label.
        label: String,
    },
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dataset { field } => write!(f, "dataset field `{field}`"),
            Self::Source { index, id } => write!(f, "source #{} {id:?}", index + 1),
            Self::Actor { index, id } => write!(f, "actor #{} {id:?}", index + 1),
            Self::Event { index, id } => write!(f, "event #{} {id:?}", index + 1),
            Self::Series { index, label } => write!(f, "series #{} ({label})", index + 1),
            Self::Row { line, column } => write!(f, "row on line {line}, column `{column}`"),
            Self::TableRow { row, column } => write!(f, "row {row}, column `{column}`"),
            Self::Map { index, label } => write!(f, "map #{} ({label})", index + 1),
            Self::Snapshot { map, index, label } => {
                write!(f, "map #{} ({label}), snapshot #{}", map + 1, index + 1)
            }
            Self::Point {
                series,
                index,
                label,
            } => write!(f, "series #{} ({label}), point #{}", series + 1, index + 1),
        }
    }
}

/// Where inside its record a problem lies: a field, an element of the list it
/// holds, a field of that element (`cites`, 2, `source`: the third citation's
/// source).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Within {
    /// The record's field.
    pub field: &'static str,
    /// The element of the list the field holds.
    pub item: Option<usize>,
    /// The field of the struct the field (or element) holds.
    pub inner: Option<&'static str>,
}

impl Within {
    /// The value of `field`.
    pub const fn field(field: &'static str) -> Self {
        Self {
            field,
            item: None,
            inner: None,
        }
    }

    /// Element `item` of the list in `field`.
    pub const fn item(field: &'static str, item: usize) -> Self {
        Self {
            field,
            item: Some(item),
            inner: None,
        }
    }

    /// Field `inner` of the struct in `field` (or of its element).
    pub const fn inner(self, inner: &'static str) -> Self {
        Self {
            inner: Some(inner),
            ..self
        }
    }
}

/// One thing wrong with a file: what, about which record and which field of
/// it, and the bytes of the file it is about. Line, column and the quoted line
/// are worked out from the span by the placer
/// ([`crate::data::format::placer`]), the one place that counts lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The bytes of the file the problem is about, counted after any
    /// byte-order mark: the offending value, else the start of its record.
    pub span: Option<std::ops::Range<u64>>,
    /// Where in its record, for problems about one value.
    pub within: Option<Within>,
    /// Which record, when the problem is about one.
    pub record: Option<Record>,
    /// What is wrong, in plain words.
    pub message: String,
    /// Whether the placer quotes the line at fault (errors of syntax).
    pub shows_line: bool,
    /// Line and column of the span's start, once placed.
    pub position: Option<TextPosition>,
    /// The line at fault with a caret under the column, once placed, for
    /// problems that show their line.
    pub excerpt: Option<String>,
}

/// The most characters of a message: a hostile file's text quoted in it (a
/// 50 MB word, a field name a megabyte long) is cut there.
pub const MESSAGE_CHARS: usize = 600;

/// The most characters of a file's text that a message quotes by name (an
/// unknown field's name).
pub const QUOTED_CHARS: usize = 60;

/// `text` cut to at most `max_chars` characters, with what was cut said:
/// "xxxx… (52,428,800 bytes in all)".
pub fn cut_text(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => std::borrow::Cow::Owned(format!(
            "{}… ({} bytes in all)",
            &text[..at],
            thousands(text.len())
        )),
    }
}

/// "52,428,800".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Problem {
    /// An error about a record.
    pub fn error(record: Record, message: impl Into<String>) -> Self {
        Self::bare(Severity::Error, Some(record), message.into())
    }

    /// A problem with no place yet; its message is cut to [`MESSAGE_CHARS`].
    pub(crate) fn bare(severity: Severity, record: Option<Record>, message: String) -> Self {
        let message = match cut_text(&message, MESSAGE_CHARS) {
            std::borrow::Cow::Borrowed(_) => message,
            std::borrow::Cow::Owned(cut) => cut,
        };
        Self {
            severity,
            span: None,
            within: None,
            record,
            message,
            shows_line: false,
            position: None,
            excerpt: None,
        }
    }

    /// A warning about a record.
    pub fn warning(record: Record, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(record, message)
        }
    }

    /// The same problem, about the value at `within` in its record.
    #[must_use]
    pub fn within(self, within: Within) -> Self {
        Self {
            within: Some(within),
            ..self
        }
    }

    /// Whether this problem stops the file from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem on one line, prefixed with the file name:
    /// `file.ron:12:5: error: event #3 "x": ...`.
    pub fn render(&self, file: &str) -> String {
        let mut out = String::from(file);
        if let Some(pos) = self.position {
            out.push_str(&format!(":{}:{}", pos.line, pos.column));
        }
        out.push_str(": ");
        self.render_rest(&mut out);
        escape_controls(&out)
    }

    /// The problem on one line without the file's name, for a list under a
    /// heading that names the file once: `12:5: error: event #3 "x": ...`.
    pub fn render_in_file(&self) -> String {
        let mut out = String::new();
        if let Some(pos) = self.position {
            out.push_str(&format!("{}:{}: ", pos.line, pos.column));
        }
        self.render_rest(&mut out);
        escape_controls(&out)
    }

    /// Severity, record, message and excerpt.
    fn render_rest(&self, out: &mut String) {
        out.push_str(match self.severity {
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        });
        if let Some(record) = &self.record {
            out.push_str(&format!("{record}: "));
        }
        out.push_str(&self.message);
        if let Some(excerpt) = &self.excerpt {
            out.push('\n');
            out.push_str(excerpt);
        }
    }
}

/// How many warnings of one shape are printed before the rest are counted.
pub const REPEATED_WARNINGS_SHOWN: usize = 3;

/// Every problem as text, one per line, in the order given. Errors are all
/// shown; warnings whose messages differ only in their numbers ("low 7 is
/// above best 6", "low 105 is above best 104") are shown
/// [`REPEATED_WARNINGS_SHOWN`] times, then counted once ("and 1,655 more like
/// this"), so that one kind of warning cannot bury the rest.
pub fn render_all(problems: &[Problem], file: &str) -> String {
    render_lines(problems, Some(file))
}

/// Every problem as [`render_all`] gives them, without the file's name on each
/// line: for a window whose heading names the file once.
pub fn render_all_in_file(problems: &[Problem]) -> String {
    render_lines(problems, None)
}

fn render_lines(problems: &[Problem], file: Option<&str>) -> String {
    let mut seen: std::collections::HashMap<String, (usize, &str)> =
        std::collections::HashMap::new();
    let mut out = String::new();
    for problem in problems {
        if !problem.is_error() {
            let count = seen
                .entry(message_shape(&problem.message))
                .or_insert((0, problem.message.as_str()));
            count.0 += 1;
            if count.0 > REPEATED_WARNINGS_SHOWN {
                continue;
            }
        }
        out.push_str(&match file {
            Some(file) => problem.render(file),
            None => problem.render_in_file(),
        });
        out.push('\n');
    }
    let mut repeated: Vec<(&str, usize)> = seen
        .into_values()
        .filter(|&(n, _)| n > REPEATED_WARNINGS_SHOWN)
        .map(|(n, first)| (first, n))
        .collect();
    repeated.sort_unstable();
    let prefix = file.map(|file| format!("{file}: ")).unwrap_or_default();
    for (message, n) in repeated {
        let more = n - REPEATED_WARNINGS_SHOWN;
        out.push_str(&escape_controls(&format!(
            "{prefix}warning: and {more} more like this: {message}\n"
        )));
    }
    out
}

/// A message with each run of digits written as `#`: warnings of one shape
/// are counted together.
fn message_shape(message: &str) -> String {
    let mut shape = String::with_capacity(message.len());
    let mut in_number = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                shape.push('#');
            }
            in_number = true;
        } else {
            shape.push(c);
            in_number = false;
        }
    }
    shape
}

/// `text` with control characters other than line breaks written as escapes
/// (`\u{1b}`), so that a hostile file cannot drive the terminal that shows its
/// problems.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}
