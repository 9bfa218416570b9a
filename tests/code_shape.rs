//! The shape of the code, checked on every run: the panels never write the
//! shared view (they ask, and the app's one door changes it), the data layer
//! reaches nothing above it, and no file or function grows past what a reader
//! takes in at once. Each test names the files at fault.

use std::path::{Path, PathBuf};

/// The longest a source file may be, in lines.
const FILE_LINES: usize = 800;
/// The longest a function may be, in lines.
const FUNCTION_LINES: usize = 120;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                found.push((path, text));
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut found);
    assert!(!found.is_empty(), "no sources under {dir}");
    found
}

/// The code of `text` with comments, strings and character literals blanked
/// (their bytes replaced by spaces, line breaks kept), so that braces and
/// paths are only those of the code itself.
fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let blank = |out: &mut Vec<u8>, b: u8| out.push(if b == b'\n' { b'\n' } else { b' ' });
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                blank(&mut out, bytes[i]);
                i += 1;
            }
        } else if rest.starts_with(b"/*") {
            let end = text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            for &b in &bytes[i..end] {
                blank(&mut out, b);
            }
            i = end;
        } else if rest.starts_with(b"r\"") || rest.starts_with(b"r#") {
            let hashes = rest[1..].iter().take_while(|&&b| b == b'#').count();
            if rest.get(1 + hashes) != Some(&b'"') {
                out.push(bytes[i]);
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let body = i + 2 + hashes;
            let end = bytes[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(bytes.len(), |e| body + e + close.len());
            for &b in &bytes[i..end] {
                blank(&mut out, b);
            }
            i = end;
        } else if bytes[i] == b'"' {
            blank(&mut out, b'"');
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                let step = if bytes[i] == b'\\' { 2 } else { 1 };
                for &b in &bytes[i..(i + step).min(bytes.len())] {
                    blank(&mut out, b);
                }
                i += step;
            }
            if i < bytes.len() {
                blank(&mut out, b'"');
                i += 1;
            }
        } else if bytes[i] == b'\'' {
            // A character literal ('x', '\n', '\u{7f}'), else a lifetime.
            let end = if rest.get(1) == Some(&b'\\') {
                rest[2..]
                    .iter()
                    .position(|&b| b == b'\'')
                    .map(|e| i + 2 + e + 1)
            } else {
                let width = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (rest.get(1 + width) == Some(&b'\'')).then_some(i + 1 + width + 1)
            };
            match end {
                Some(end) => {
                    for &b in &bytes[i..end] {
                        blank(&mut out, b);
                    }
                    i = end;
                }
                None => {
                    out.push(b'\'');
                    i += 1;
                }
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The functions of `code` (as [`code_only`] gives it): name, first line
/// (from 1) and length in lines, from `fn` to its closing brace.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(name) = line.split_whitespace().skip_while(|w| *w != "fn").nth(1) else {
            continue;
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let (mut depth, mut opened) = (0i64, false);
        'lines: for (end, body) in lines.iter().enumerate().skip(at) {
            for c in body.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    // A declaration without a body (in a trait).
                    ';' if !opened => break 'lines,
                    _ => {}
                }
                if opened && depth == 0 {
                    found.push((name.clone(), at + 1, end - at + 1));
                    break 'lines;
                }
            }
        }
    }
    found
}

/// Whether a line of code writes a `ViewState`: takes one as `&mut` or
/// `mut` (by any path), makes one with a struct literal, or applies a change.
fn writes_the_view(line: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let by_type = line.match_indices("ViewState").any(|(at, _)| {
        // What stands before the type, its path (`crate::view::`) left out.
        let mut before = line[..at].trim_end();
        while let Some(rest) = before.strip_suffix("::") {
            before = rest.trim_end().trim_end_matches(is_word).trim_end();
        }
        let after = line[at + "ViewState".len()..].trim_start();
        let word_before = before.rsplit(|c: char| !is_word(c)).next().unwrap_or("");
        word_before == "mut"
            || (after.starts_with('{')
                && !(before.ends_with('&')
                    || before.ends_with("->")
                    || ["for", "impl"].contains(&word_before)))
    });
    by_type || line.contains(".apply(")
}

#[test]
fn panels_never_write_the_shared_view() {
    let mut faults = Vec::new();
    for (path, text) in sources("src/ui") {
        let code = code_only(&text);
        for (n, line) in code.lines().enumerate() {
            if writes_the_view(line) {
                faults.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "panels ask for changes through PanelView; these write the view:\n{}",
        faults.join("\n")
    );
    // The state itself has no public field to write.
    let view = code_only(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/view.rs"))
            .expect("src/view.rs"),
    );
    let body = view
        .split("pub struct ViewState {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("the ViewState struct");
    let public: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("pub"))
        .collect();
    assert!(public.is_empty(), "public fields of ViewState: {public:?}");
}

#[test]
fn the_checks_see_through_strings_comments_and_lifetimes() {
    let code = code_only(
        "fn a<'x>(s: &'x str) -> char {\n    // }\n    let _ = \"}\";\n    let _ = r#\"}\"#;\n    '}'\n}\nfn b() {}\n",
    );
    assert_eq!(
        functions(&code),
        [("a".to_owned(), 1, 6), ("b".to_owned(), 7, 1)]
    );
    assert!(!code.contains("\"}\""));
    for writes in [
        "fn show(view: &mut ViewState) {",
        "fn show(view: &mut crate::view::ViewState) {",
        "let made = ViewState { window, ..Default::default() };",
        "view.apply(change, None);",
    ] {
        assert!(writes_the_view(writes), "{writes}");
    }
    for reads in [
        "fn show(view: &ViewState) {",
        "fn deref(&self) -> &ViewState {",
        "fn made() -> ViewState {",
        "let window = view.window();",
    ] {
        assert!(!writes_the_view(reads), "{reads}");
    }
    let long = format!(
        "fn long() {{\n{}}}\n",
        "    step();\n".repeat(FUNCTION_LINES)
    );
    assert!(functions(&code_only(&long))[0].2 > FUNCTION_LINES);
}

#[test]
fn no_file_or_function_in_src_is_longer_than_a_reader_takes_in() {
    let mut faults = Vec::new();
    for (path, text) in sources("src") {
        let lines = text.lines().count();
        if lines > FILE_LINES {
            faults.push(format!("{}: {lines} lines", path.display()));
        }
        for (name, at, length) in functions(&code_only(&text)) {
            if length > FUNCTION_LINES {
                faults.push(format!(
                    "{}:{at}: fn {name} is {length} lines",
                    path.display()
                ));
            }
        }
        if text.contains("too_many_arguments") {
            faults.push(format!("{}: allows too_many_arguments", path.display()));
        }
    }
    assert!(
        faults.is_empty(),
        "files over {FILE_LINES} lines, functions over {FUNCTION_LINES}:\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_data_layer_reaches_nothing_above_it() {
    let mut faults = Vec::new();
    for (path, text) in sources("src/data") {
        let code = code_only(&text);
        for (n, line) in code.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                let after = &rest[at + "crate::".len()..];
                if !after.starts_with("data") {
                    faults.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    break;
                }
                rest = after;
            }
        }
    }
    assert!(
        faults.is_empty(),
        "the data layer uses only itself:\n{}",
        faults.join("\n")
    );
}
