use super::*;
use std::io::Write;

/// A valid dataset whose second event cites `cites` sources, after a title
/// `pad` characters long: the long event starts at any offset.
fn long_event_dataset(cites: usize, pad: usize) -> String {
    let mut text = String::from("Dataset(\n  format: 1,\n  title: \"");
    text.push_str(&"p".repeat(pad + 1));
    text.push_str(
        "\",\n  sources: [Source(id: \"s\", title: \"S\", publisher: \"P\", kind: Monitor)],\n  actors: [],\n  events: [\n",
    );
    text.push_str("    Event(id: \"a\", date: \"2020\", title: \"A\", confidence: Reported, cites: [Cite(source: \"s\")]),\n");
    text.push_str(
        "    Event(id: \"b\", date: \"2020-02\", title: \"B\", confidence: Reported, cites: [",
    );
    for i in 0..cites {
        text.push_str(&format!("Cite(source: \"s\", note: \"n{i}\"), "));
    }
    text.push_str("]),\n");
    text.push_str("    Event(id: \"c\", date: \"2021\", title: \"C\", confidence: Reported, cites: [Cite(source: \"s\")]),\n  ],\n)\n");
    text
}

#[test]
fn a_valid_event_longer_than_a_block_loads_wherever_the_blocks_fall() {
    let dir = std::env::temp_dir().join(format!("frontline-blocks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("long-event.ron");
    // Block sizes and offsets chosen so that a block ends inside every kind
    // of token of the long event: names, strings, brackets, commas.
    for (block, cites) in [(64, 40), (97, 40), (256, 120), (1000, 300), (4096, 900)] {
        for pad in 0..48 {
            let text = long_event_dataset(cites, pad);
            let expected = crate::data::load::load_str(&text).expect("valid");
            std::fs::write(&path, &text).expect("write");
            let (file, size) = open_regular(&path).expect("opens");
            match stream(&mut BlockReader::with_block(file, size, block), &|_| true) {
                Ok(loaded) => {
                    assert_eq!(loaded.dataset, expected.dataset, "block {block}, pad {pad}");
                }
                Err(Stop::Unsure(_)) => {}
                Err(Stop::Failed(failure)) => panic!(
                    "block {block}, pad {pad}: a valid file was refused: {}",
                    failure.render("f")
                ),
            }
        }
    }
}

#[test]
fn a_file_that_grows_while_it_is_read_is_reported_not_half_loaded() {
    let dir = std::env::temp_dir().join(format!("frontline-grow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("growing.ron");
    std::fs::write(&path, include_str!("../../../../tests/data/small.ron")).expect("write");
    let (file, size) = open_regular(&path).expect("opens");
    // An editor appends while Frontline reads.
    let mut appender = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("opens for appending");
    appender.write_all(b"\n// more\n").expect("appends");
    let Err(Stop::Failed(failure)) = stream(&mut BlockReader::new(file, size), &|_| true) else {
        panic!("a file that changed must not load");
    };
    assert!(
        failure.problems[0]
            .message
            .contains("changed while it was read"),
        "{:?}",
        failure.problems
    );
}
