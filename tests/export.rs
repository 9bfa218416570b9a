//! Export: CSV that a spreadsheet reads back field by field, formulas
//! neutralised, the same rows from the app and from `frontline export`, and
//! writes that never leave half a file or touch the dataset.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::process::Command;

use frontline::app::FrontlineApp;
use frontline::app::exporting::ExportKind;
use frontline::data::{self, export};

use crate::common;

const SMALL: &str = include_str!("data/small.ron");

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("readable CSV");
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn events_read_back_field_by_field_with_formulas_neutralised() {
    let hostile = "=HYPERLINK(\"http://x\"), with \"quotes\",\nand a line break";
    let text = SMALL.replacen(
        "title: \"Siege of Example Town\",",
        &format!("title: {hostile:?},"),
        1,
    );
    let loaded = data::load_str(&text).expect("valid");
    let out = common::temp_file("events.csv", "");
    let all: Vec<usize> = loaded
        .index
        .order
        .chronological
        .iter()
        .map(|&e| e as usize)
        .collect();
    export::write_atomically(&out, None, |w| export::write_events_csv(&loaded, &all, w))
        .expect("written");
    let (header, rows) = read_csv(&out);
    assert_eq!(
        &header[..6],
        ["id", "start", "end", "date_precision", "title", "summary"]
    );
    assert_eq!(rows.len(), 2);
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let siege = rows.iter().find(|r| r[0] == "siege").expect("siege row");
    assert_eq!(
        siege[column("title")],
        format!("'{hostile}"),
        "a formula is neutralised"
    );
    assert_eq!(siege[column("start")], "2020-03-02");
    assert_eq!(siege[column("end")], "2020-04");
    assert_eq!(siege[column("date_precision")], "day");
    assert_eq!(siege[column("actors")], "Northern Army; Southern Front");
    assert_eq!(siege[column("latitude")], "35.5");
    assert_eq!(siege[column("country")], "Exampleland");
    assert_eq!(siege[column("kind")], "Battles");
    assert_eq!(siege[column("subkind")], "Siege");
    assert_eq!(
        (
            siege[column("fatalities_best")].as_str(),
            siege[column("fatalities_low")].as_str(),
            siege[column("fatalities_high")].as_str()
        ),
        ("40", "25", "60")
    );
    assert_eq!(siege[column("timing")], "WithinWeek");
    assert_eq!(siege[column("district")], "Example District");
    assert_eq!(siege[column("place_precision")], "Near");
    assert_eq!(siege[column("confidence")], "reported");
    assert_eq!(siege[column("citation_1_publisher")], "Example News Agency");
    assert_eq!(siege[column("citation_1_note")], "per two local officials");
    assert_eq!(
        siege[column("citation_1_address")],
        "https://news.example.org/2020/03/02/town"
    );
    let bridge = rows
        .iter()
        .find(|r| r[0] == "bridge-destroyed")
        .expect("bridge row");
    assert_eq!(bridge[column("disputed_by_1_publisher")], "Example Monitor");
    assert_eq!(
        bridge[column("disputed_by_1_note")],
        "says the bridge was damaged, not destroyed"
    );
}

#[test]
fn figures_read_back_one_row_per_figure() {
    let loaded = data::load_str(SMALL).expect("valid");
    let out = common::temp_file("figures.csv", "");
    export::write_atomically(&out, None, |w| export::write_series_csv(&loaded, w))
        .expect("written");
    let (header, rows) = read_csv(&out);
    assert_eq!(rows.len(), 2);
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(rows[1][column("value")], "44");
    assert_eq!(rows[1][column("low")], "42");
    assert_eq!(rows[1][column("high")], "46");
    assert_eq!(rows[1][column("confidence")], "confirmed");
    assert_eq!(rows[1][column("organisation")], "Example Monitor");
    assert_eq!(rows[1][column("citation_publisher")], "Example Monitor");
}

#[test]
fn the_command_line_exports_the_same_rows_as_the_app() {
    let dataset = data::load::DEFAULT_DATASET_TEXT;
    let path = common::temp_file("export-source.ron", dataset);
    let cli_out = common::temp_file("cli-events.csv", "");
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["export"])
        .arg(&path)
        .arg("--csv")
        .arg(&cli_out)
        .args([
            "--actor",
            "sdf",
            "--confidence",
            "reported",
            "--from",
            "2017",
            "--search",
            "raqqa",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");

    let mut app = FrontlineApp::empty();
    let ctx = egui::Context::default();
    app.open_file(&path, &ctx);
    app.finish_pending_load();
    let filter = common::filter_edited(&app, |filter| {
        filter.actors.insert("sdf".to_owned());
        filter.confidence.insert(data::Confidence::Reported);
        filter.from = "2017".parse().ok();
    });
    app.run_command(filter.into(), &ctx);
    app.set_search("raqqa");
    let app_out = common::temp_file("app-events.csv", "");
    app.export_to(ExportKind::Events, &app_out);
    assert!(app.message().starts_with("Exported"), "{}", app.message());

    let (cli_header, cli_rows) = read_csv(&cli_out);
    let (app_header, app_rows) = read_csv(&app_out);
    assert_eq!(cli_header, app_header);
    assert_eq!(cli_rows, app_rows);
    assert!(
        !cli_rows.is_empty() && cli_rows.len() < 10,
        "{}",
        cli_rows.len()
    );
    assert!(
        stdout.contains(&format!(
            "{} of 50",
            frontline::format::plural(cli_rows.len(), "event")
        )),
        "{stdout}"
    );
}

#[test]
fn an_export_never_touches_the_dataset_nor_leaves_half_a_file() {
    let path = common::temp_file("untouched.ron", SMALL);
    let loaded = data::load_str(SMALL).expect("valid");
    let refused =
        export::write_atomically(&path, Some(&path), |w| export::write_series_csv(&loaded, w));
    assert!(matches!(
        refused,
        Err(export::WriteError::WouldOverwriteDataset(_))
    ));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), SMALL);

    // A folder that does not exist: an error, and nothing left behind.
    let missing = path.with_file_name("no-such-folder").join("out.csv");
    let failed = export::write_atomically(&missing, None, |w| export::write_series_csv(&loaded, w));
    assert!(matches!(failed, Err(export::WriteError::Io(_))));
    // A write that fails half-way leaves the previous file as it was.
    let previous = common::temp_file("previous.csv", "kept\n");
    let failed = export::write_atomically(&previous, None, |w| {
        export::write_series_csv(&loaded, &mut *w)?;
        Err(csv::Error::from(std::io::Error::other("disk full")))
    });
    assert!(failed.is_err());
    assert_eq!(std::fs::read_to_string(&previous).expect("read"), "kept\n");
    let leftovers = std::fs::read_dir(previous.parent().expect("folder"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".previous.csv") && name.ends_with(".part")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_png_export_is_an_image_of_the_right_size() {
    let (width, height) = (64u32, 40u32);
    let rgba: Vec<u8> = (0..width * height)
        .flat_map(|i| [(i % 256) as u8, 20, 200, 255])
        .collect();
    let out = common::temp_file("view.png", "");
    export::write_png(&out, None, (width, height), &rgba).expect("written");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&out).expect("open"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    assert_eq!((info.width, info.height), (width, height));
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    reader.next_frame(&mut pixels).expect("pixels");
    assert_eq!(&pixels[..8], &[0, 20, 200, 255, 1, 20, 200, 255]);
}

#[test]
fn the_command_line_filters_by_kind_and_by_least_deaths() {
    let out = common::temp_file("kind-events.csv", "");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(["export", "tests/data/small.ron", "--csv"])
            .arg(&out)
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0));
        read_csv(&out).1.len()
    };
    assert_eq!(run(&[]), 2);
    assert_eq!(run(&["--kind", "Battles"]), 1);
    assert_eq!(run(&["--min-deaths", "40"]), 1);
    assert_eq!(run(&["--min-deaths", "41"]), 0);
}

#[test]
fn exported_csv_begins_with_a_byte_order_mark_that_readers_skip() {
    let loaded = data::load_str(SMALL).expect("valid");
    let all: Vec<usize> = (0..loaded.dataset.events.len()).collect();
    let mut events = Vec::new();
    export::write_events_csv(&loaded, &all, &mut events).expect("written");
    let mut series = Vec::new();
    export::write_series_csv(&loaded, &mut series).expect("written");
    for bytes in [&events, &series] {
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "spreadsheets need it for UTF-8"
        );
        // The csv crate (as pandas and readr do) skips it: the first column keeps its name.
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let first = reader
            .headers()
            .expect("a header")
            .get(0)
            .map(str::to_owned);
        assert!(
            matches!(first.as_deref(), Some("id" | "series")),
            "{first:?}"
        );
    }
    // Python's csv module reads it with utf-8-sig, as the docs say.
    let path = common::temp_file("bom-events.csv", "");
    std::fs::write(&path, &events).expect("write");
    if let Ok(output) = Command::new("python3")
        .args([
            "-c",
            "import csv,sys; print(next(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))[0])",
        ])
        .arg(&path)
        .output()
    {
        assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "id");
    }
}

#[test]
fn the_command_line_keeps_the_events_in_a_box_as_the_maps_area_filter_does() {
    let dataset = data::load::DEFAULT_DATASET_TEXT;
    let path = common::temp_file("bbox-source.ron", dataset);
    let cli_out = common::temp_file("bbox-events.csv", "");
    // Northern Iraq: Mosul and Tikrit, not Syria. A western corner given
    // second, as a reader may type it.
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["export"])
        .arg(&path)
        .arg("--csv")
        .arg(&cli_out)
        .args(["--bbox", "44.5,37.5,42.0,34.0"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");

    let mut app = FrontlineApp::empty();
    let ctx = egui::Context::default();
    app.open_file(&path, &ctx);
    app.finish_pending_load();
    let filter = common::filter_edited(&app, |filter| {
        filter.area = frontline::data::map::GeoBox::from_corners(42.0, 34.0, 44.5, 37.5);
    });
    app.run_command(filter.into(), &ctx);
    let app_out = common::temp_file("bbox-app-events.csv", "");
    app.export_to(ExportKind::Events, &app_out);
    let (header, cli_rows) = read_csv(&cli_out);
    let (_, app_rows) = read_csv(&app_out);
    assert_eq!(cli_rows, app_rows);
    let title = header
        .iter()
        .position(|h| h == "title")
        .expect("a title column");
    let titles: Vec<&str> = cli_rows.iter().map(|r| r[title].as_str()).collect();
    assert!(
        titles.iter().any(|t| t.contains("Mosul falls")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.contains("Tikrit falls")),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("Raqqa")), "{titles:?}");

    let bad = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["export"])
        .arg(&path)
        .arg("--csv")
        .arg(&cli_out)
        .args(["--bbox", "44.5,97,42.0,34.0"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bad.stdout);
    assert!(
        said.contains("--bbox") && said.contains("latitudes"),
        "{said}"
    );
}

#[test]
fn events_as_parquet_keep_lists_as_lists_and_come_back_as_the_same_rows() {
    let path = common::temp_file("parquet-source.ron", data::load::DEFAULT_DATASET_TEXT);
    let events = common::temp_file("events.parquet", "");
    let figures = common::temp_file("figures.parquet", "");
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["export"])
        .arg(&path)
        .arg("--parquet")
        .arg(&events)
        .arg("--series-parquet")
        .arg(&figures)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("50 events of 50") && stdout.contains("58 figures"),
        "{stdout}"
    );

    // Typed columns, lists as lists, read by the Parquet reader itself.
    let file = std::fs::File::open(&events).expect("written");
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("a Parquet file");
    let schema = reader.schema().clone();
    let type_of = |name: &str| {
        schema
            .field_with_name(name)
            .expect(name)
            .data_type()
            .clone()
    };
    assert!(matches!(type_of("actors"), arrow_schema::DataType::List(_)));
    assert!(matches!(
        type_of("first_day"),
        arrow_schema::DataType::Date32
    ));
    assert!(matches!(
        type_of("latitude"),
        arrow_schema::DataType::Float64
    ));
    match type_of("citations") {
        arrow_schema::DataType::List(item) => {
            assert!(matches!(
                item.data_type(),
                arrow_schema::DataType::Struct(_)
            ));
        }
        other => panic!("citations are {other}"),
    }
    let rows: usize = reader
        .build()
        .expect("reads")
        .map(|b| b.expect("a batch").num_rows())
        .sum();
    assert_eq!(rows, 50);
    let figures_file = std::fs::File::open(&figures).expect("written");
    let figure_rows: usize =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(figures_file)
            .expect("a Parquet file")
            .build()
            .expect("reads")
            .map(|b| b.expect("a batch").num_rows())
            .sum();
    assert_eq!(figure_rows, 58);

    // Opened again (as a slice cut in DuckDB would be), the events export to
    // the same CSV rows as the dataset they came from.
    let imported = frontline::data::import::import_path(&events, None, &|_| true)
        .unwrap_or_else(|f| panic!("{}", f.render("events.parquet")));
    assert_eq!(
        imported.summary.layout,
        frontline::data::import::Layout::Frontline
    );
    assert!(imported.bad_rows.is_empty());
    let back = frontline::data::load_dataset(imported.dataset).expect("valid");
    let original = data::load_str(data::load::DEFAULT_DATASET_TEXT).expect("valid");
    let csv_of = |loaded: &data::LoadedDataset, name: &str| {
        let out = common::temp_file(name, "");
        let all = export::chosen_events(loaded, &Default::default(), None, None);
        export::write_atomically(&out, None, |w| export::write_events_csv(loaded, &all, w))
            .expect("written");
        read_csv(&out)
    };
    assert_eq!(csv_of(&back, "back.csv"), csv_of(&original, "original.csv"));
}
