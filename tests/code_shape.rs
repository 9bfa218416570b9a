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

/// A file's module path: `src/data/format/lexer.rs` is `data::format::lexer`;
/// `mod.rs` and `lib.rs` name their folder.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "src") {
        parts.remove(0);
    }
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(text: &str) -> Vec<String> {
    let text = text.trim();
    let Some(open) = text.find('{') else {
        return vec![text.to_owned()];
    };
    let head = text[..open].trim_end_matches("::");
    let body = &text[open + 1..text.rfind('}').unwrap_or(text.len())];
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (at, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&body[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&body[start..]);
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .flat_map(|item| expand_use(&format!("{head}::{}", item.trim())))
        .collect()
}

/// A path named in module `module`, from the crate's root; `None` for another
/// crate's. A path that begins with a child module's name is the child's.
fn resolve(
    path: &str,
    module: &[String],
    is_module: &dyn Fn(&[String]) -> bool,
) -> Option<Vec<String>> {
    let path = path.split(" as ").next().unwrap_or(path).trim();
    let mut parts: Vec<String> = path.split("::").map(|p| p.trim().to_owned()).collect();
    if parts.last().is_some_and(|p| p == "self") {
        parts.pop();
    }
    match parts.first().map(String::as_str) {
        Some("crate") => Some(parts[1..].to_vec()),
        Some("self") => Some([module, &parts[1..]].concat()),
        Some("super") => {
            let ups = parts.iter().take_while(|p| *p == "super").count();
            let base = &module[..module.len().saturating_sub(ups)];
            Some([base, &parts[ups..]].concat())
        }
        Some(first) if is_module(&[module, &[first.to_owned()]].concat()) => {
            Some([module, &parts[..]].concat())
        }
        _ => None,
    }
}

/// The paths a file's code (tests left out) names, from the crate's root:
/// each `use` and each `crate::` path, with whether the `use` is public.
fn named_paths(
    code: &str,
    module: &[String],
    is_module: &dyn Fn(&[String]) -> bool,
) -> Vec<(Vec<String>, bool)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or(code);
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].rsplit('\n').next().unwrap_or("").trim();
        let is_use = before.is_empty() || before.starts_with("pub");
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if is_use && !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            for path in expand_use(&after[..end]) {
                if let Some(parts) = resolve(&path, module, is_module) {
                    found.push((parts, before.starts_with("pub")));
                }
            }
        }
        rest = &after[end.min(after.len())..];
    }
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at..];
        let path: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        if let Some(parts) = resolve(path.trim_end_matches(':'), module, is_module) {
            found.push((parts, false));
        }
        rest = &after[path.len().max(1)..];
    }
    found
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    use std::collections::{BTreeMap, BTreeSet};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<(Vec<String>, PathBuf, String)> = sources("src")
        .into_iter()
        .map(|(path, text)| {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            (module_of(&relative), relative, code_only(&text))
        })
        .collect();
    let file_of: BTreeMap<&[String], usize> = files
        .iter()
        .enumerate()
        .map(|(i, (module, _, _))| (module.as_slice(), i))
        .collect();
    let is_module = |parts: &[String]| file_of.contains_key(parts);
    let named: Vec<Vec<(Vec<String>, bool)>> = files
        .iter()
        .map(|(module, _, code)| named_paths(code, module, &is_module))
        .collect();
    // What each file re-exports, by name.
    let reexports: Vec<BTreeMap<String, Vec<String>>> = named
        .iter()
        .map(|paths| {
            paths
                .iter()
                .filter(|(parts, public)| *public && !parts.is_empty())
                .map(|(parts, _)| (parts[parts.len() - 1].clone(), parts.clone()))
                .collect()
        })
        .collect();
    // The file a path leads to: its longest module, through re-exports.
    let target = |parts: &[String]| -> Option<usize> {
        let mut parts = parts.to_vec();
        for _ in 0..10 {
            let (k, file) = (0..=parts.len())
                .rev()
                .find_map(|k| file_of.get(&parts[..k]).map(|&f| (k, f)))?;
            match parts.get(k).and_then(|name| reexports[file].get(name)) {
                Some(to) if to.as_slice() != parts.as_slice() => {
                    parts = [to.as_slice(), &parts[k + 1..]].concat();
                }
                _ => return Some(file),
            }
        }
        None
    };
    // A file's own parts (its submodules, in the folder of its name) use
    // what it holds: an import of an ancestor is not an edge.
    let edges: Vec<BTreeSet<usize>> = named
        .iter()
        .enumerate()
        .map(|(from, paths)| {
            paths
                .iter()
                .filter_map(|(parts, _)| target(parts))
                .filter(|&to| to != from && !files[from].0.starts_with(&files[to].0))
                .collect()
        })
        .collect();
    // A depth-first walk; a file met again while it is being walked closes a cycle.
    fn walk(
        at: usize,
        edges: &[BTreeSet<usize>],
        state: &mut [u8],
        path: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        state[at] = 1;
        path.push(at);
        for &next in &edges[at] {
            if state[next] == 1 {
                let from = path.iter().position(|&p| p == next).unwrap_or(0);
                return Some(path[from..].to_vec());
            }
            if state[next] == 0
                && let Some(cycle) = walk(next, edges, state, path)
            {
                return Some(cycle);
            }
        }
        path.pop();
        state[at] = 2;
        None
    }
    let mut state = vec![0u8; files.len()];
    for start in 0..files.len() {
        if state[start] == 0
            && let Some(cycle) = walk(start, &edges, &mut state, &mut Vec::new())
        {
            let names: Vec<String> = cycle
                .iter()
                .map(|&f| files[f].1.display().to_string())
                .collect();
            panic!("files import each other: {}", names.join(" -> "));
        }
    }
    // The walk sees the imports: the app's one door is imported by the layout.
    let index = |name: &str| files.iter().position(|(_, path, _)| path.ends_with(name));
    let (layout, ui) = (index("app/layout.rs"), index("ui/mod.rs"));
    assert!(layout.is_some() && ui.is_some());
    let commands = index("src/command.rs").expect("command.rs");
    assert!(
        edges[layout.unwrap_or(0)].contains(&commands),
        "layout.rs imports command.rs"
    );
}
