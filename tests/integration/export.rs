//! Exports: tagged PDF case cards and briefs checked with poppler and qpdf, Markdown, HTML,
//! JSON, and lists as CSV and XLSX that the import reads back.

use std::process::Command;

use crate::util::{TestLibrary, full_entry_json};

const SODERTALJE: &str = "sodertalje-hallbar-livsmedelsforsorjning";

fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (make test installs it): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn out_path(t: &TestLibrary, name: &str) -> String {
    t.dir()
        .parent()
        .unwrap()
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_case_card_is_a_tagged_pdf_with_the_text_intact() {
    let t = TestLibrary::starter();
    let pdf = out_path(&t, "kort.pdf");
    t.cli(&["export", SODERTALJE, "--format", "pdf", "--out", &pdf])
        .ok();
    let info = tool("pdfinfo", &[&pdf]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Södertälje"), "{info}");
    tool("qpdf", &["--check", &pdf]);
    let text = tool("pdftotext", &["-layout", &pdf, "-"]);
    let entry = t.open().get(SODERTALJE).unwrap();
    // Words of the title, the summary and a section, with å/ä/ö intact (hyphenation may
    // split a long word at a line end, so whole words are compared one by one).
    for word in [
        "Södertälje",
        "måltider",
        "Fokusområden",
        "Lösning",
        "genomförande",
        "Källor",
    ] {
        assert!(text.contains(word), "{word} missing in:\n{text}");
    }
    // Its spread, in one line under the facts.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Spridning Tagits upp av 16 kommuner och 2 regioner"),
        "the spread summary is missing:\n{text}"
    );
    // Its map, with the text alternative in the structure tree (PDF/UA still holds).
    assert!(
        flat.contains("Kartdata: okfse/sweden-geojson"),
        "no map:\n{text}"
    );
    let expanded = out_path(&t, "kort-qdf.pdf");
    tool(
        "qpdf",
        &["--qdf", "--object-streams=disable", &pdf, &expanded],
    );
    let raw = std::fs::read(&expanded).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let alts: Vec<String> = raw
        .split("/Alt <")
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .map(|hex| {
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                .collect();
            let units: Vec<u16> = bytes
                .chunks(2)
                .skip(1) // the byte-order mark
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        })
        .collect();
    assert!(
        alts.iter()
            .any(|a| a.starts_with("Karta över Sveriges län.")
                && a.contains("Södertälje (Stockholms län)")
                && a.contains("16 kommuner och 2 regioner utan angiven ort")),
        "the map's text alternative: {alts:?}"
    );
    let first_words: Vec<&str> = entry.sections.solution.split_whitespace().take(4).collect();
    assert!(
        text.contains(&first_words.join(" ")),
        "section text missing:\n{text}"
    );
    assert!(text.contains("Exporterad"), "the date it came from");
    assert!(
        text.contains(&t.open().id().unwrap()),
        "the library it came from"
    );
    let fonts = tool("pdffonts", &[&pdf]);
    assert!(
        fonts.contains("SourceSans3") && fonts.contains("yes"),
        "embedded: {fonts}"
    );
}

#[test]
fn contacts_can_be_left_out_of_every_format() {
    let t = TestLibrary::empty();
    let mut entry: serde_json::Value = serde_json::from_str(&full_entry_json()).unwrap();
    entry["contacts"] = serde_json::json!([{"name": "Vera Exempelsson", "role": "projektledare"}]);
    t.cli_with_stdin(&["add", "-"], Some(&entry.to_string()))
        .ok();
    let id = "aldreomsorgens-digitala-nattillsyn-i-testby";
    for format in ["pdf", "md", "html", "json", "csv", "xlsx"] {
        let with = out_path(&t, &format!("med.{format}"));
        let without = out_path(&t, &format!("utan.{format}"));
        let columns = "title,contacts";
        let mut args = vec!["export", id, "--format", format, "--out", &with];
        if format == "csv" || format == "xlsx" {
            args.extend(["--columns", columns]);
        }
        t.cli(&args).ok();
        args[5] = &without;
        args.push("--no-contacts");
        t.cli(&args).ok();
        let text = |path: &str| match format {
            "pdf" => tool("pdftotext", &[path, "-"]),
            "xlsx" => {
                let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
                use calamine::Reader;
                let range = book.worksheet_range_at(0).unwrap().unwrap();
                range
                    .rows()
                    .flat_map(|r| r.iter().map(|c| c.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => std::fs::read_to_string(path).unwrap(),
        };
        assert!(
            text(&with).contains("Exempelsson"),
            "{format} with contacts"
        );
        assert!(
            !text(&without).contains("Exempelsson"),
            "{format} without contacts"
        );
    }
}

#[test]
fn a_brief_of_a_hundred_entries_builds_with_a_cover_and_contents() {
    let t = TestLibrary::empty();
    let entries: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            serde_json::json!({
                "kind": "exempel",
                "title": format!("Syntetiskt exempel nummer {i} om äldreomsorg"),
                "summary": "Syntetisk testdata: en kommun prövar ett nytt arbetssätt i hemtjänsten.",
                "sections": {"results": "Färre resor och nöjdare brukare.\n\n- första lärdomen\n- andra lärdomen"},
                "status": "publicerad"
            })
        })
        .collect();
    t.cli_with_stdin(
        &["add", "-"],
        Some(&serde_json::Value::Array(entries).to_string()),
    )
    .ok();
    let ids: Vec<String> = t
        .open()
        .list(None)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    let pdf = out_path(&t, "sammanstallning.pdf");
    let mut args = vec!["export".to_owned()];
    args.extend(ids);
    args.extend(
        [
            "--format",
            "pdf",
            "--out",
            &pdf,
            "--title",
            "Hundra exempel",
        ]
        .map(String::from),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    t.cli(&args).ok();
    let info = tool("pdfinfo", &[&pdf]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        pages >= 102,
        "cover, contents and a page per entry: {pages}"
    );
    tool("qpdf", &["--check", &pdf]);
    let text = tool("pdftotext", &["-f", "1", "-l", "3", &pdf, "-"]);
    assert!(
        text.contains("Hundra exempel") && text.contains("Innehåll"),
        "{text}"
    );
}

#[test]
fn markdown_and_html_say_the_same_and_html_is_self_contained_and_safe() {
    let t = TestLibrary::empty();
    let mut entry: serde_json::Value = serde_json::from_str(&full_entry_json()).unwrap();
    entry["sections"]["lessons"] =
        "Börja smått. <script>alert(1)</script> [farlig](javascript:alert(1))".into();
    t.cli_with_stdin(&["add", "-"], Some(&entry.to_string()))
        .ok();
    let id = "aldreomsorgens-digitala-nattillsyn-i-testby";
    let md = out_path(&t, "kort.md");
    let html = out_path(&t, "kort.html");
    t.cli(&["export", id, "--format", "md", "--out", &md]).ok();
    t.cli(&["export", id, "--format", "html", "--out", &html])
        .ok();
    let md = std::fs::read_to_string(md).unwrap();
    let html = std::fs::read_to_string(html).unwrap();
    for text in [&md, &html] {
        for part in [
            "Äldreomsorgens digitala nattillsyn",
            "Utmaning och behov",
            "Testrapport",
            "Exporterad",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
    assert!(html.starts_with("<!doctype html>") && html.contains("lang=\"sv\""));
    assert!(
        !html.contains("<script>") && html.contains("&lt;script&gt;"),
        "raw HTML is text"
    );
    assert!(!html.contains("javascript:"));
    assert!(
        !html.contains("src=\"http") && !html.contains("<link"),
        "no remote content"
    );
}

#[test]
fn an_exported_list_imports_back_into_an_empty_library() {
    let source = TestLibrary::starter();
    // A made-up entry taken up by a municipality, a region and a named network, besides the
    // starter library's counted uptakes.
    source
        .cli_with_stdin(
            &["add", "-"],
            Some(
                &serde_json::json!({"kind": "exempel", "title": "Syntetiskt: spridd e-tjänst",
                    "status": "publicerad", "uptakes": [
                        {"code": "0380", "stage": "infort", "date": "2023-04", "source": "Testkälla",
                         "note": "Med egen | avgränsning"},
                        {"code": "25", "stage": "planerar", "source": "Testkälla"},
                        {"organisation": "Testnätverket", "type": "ideell", "stage": "intresserad",
                         "date": "2021", "source": "https://example.org"}]})
                .to_string(),
            ),
        )
        .ok();
    let ids: Vec<String> = source
        .open()
        .list(None)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    for format in ["csv", "xlsx"] {
        let file = out_path(&source, &format!("lista.{format}"));
        let mut args: Vec<String> = vec!["export".into()];
        args.extend(ids.iter().cloned());
        args.extend(["--format", format, "--out", &file].map(String::from));
        args.extend(["--columns".into(), "id,title,kind,status,summary,focus_areas,municipalities,lan,stage,start,end,goals,tags,uptakes".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        source.cli(&args).ok();

        let target = TestLibrary::empty();
        target.cli(&["import", &file]).ok();
        let (a, b) = (source.open(), target.open());
        for id in &ids {
            let (x, y) = (a.get(id).unwrap(), b.get(id).unwrap());
            assert_eq!(x.title, y.title, "{format} {id}");
            assert_eq!(x.summary, y.summary, "{format} {id}");
            assert_eq!(x.kind, y.kind, "{format} {id}");
            assert_eq!(x.status, y.status, "{format} {id}");
            assert_eq!(x.focus_areas, y.focus_areas, "{format} {id}");
            assert_eq!(x.places, y.places, "{format} {id}");
            assert_eq!(x.period, y.period, "{format} {id}");
            assert_eq!(x.goals, y.goals, "{format} {id}");
            assert_eq!(x.tags, y.tags, "{format} {id}");
            assert_eq!(x.uptakes, y.uptakes, "{format} {id}");
        }
    }
}

#[test]
fn unknown_ids_columns_and_formats_are_refused_and_nothing_is_written() {
    let t = TestLibrary::starter();
    let out = out_path(&t, "x.pdf");
    let missing = t.cli(&["export", "finns-inte", "--format", "pdf", "--out", &out]);
    assert_eq!(missing.code(), 1);
    assert!(
        missing.stderr().contains("finns-inte"),
        "{}",
        missing.stderr()
    );
    assert!(!std::path::Path::new(&out).exists());
    let column = t.cli(&[
        "export",
        SODERTALJE,
        "--format",
        "csv",
        "--out",
        &out,
        "--columns",
        "title,budget",
    ]);
    assert_eq!(column.code(), 1);
    assert!(
        column.stderr().contains("okänd kolumn \"budget\""),
        "{}",
        column.stderr()
    );
    let format = t.cli(&["export", SODERTALJE, "--format", "docx", "--out", &out]);
    assert_eq!(format.code(), 2);
    assert!(
        format.stderr().contains("okänt format"),
        "{}",
        format.stderr()
    );
}

/// An English case in a Swedish document: its own text is marked `en` in the HTML and in the
/// PDF's structure tree, the labels around it stay Swedish.
#[test]
fn an_english_entry_is_marked_english_in_html_and_pdf() {
    let t = TestLibrary::empty();
    let json = r#"{"kind":"exempel","title":"Automated decisions in social services (synthetic)",
        "summary":"Caseworkers review every decision the system proposes.",
        "sections":{"solution":"The service was designed together with residents."},
        "language":"en","places":[{"country_code":"FI"}]}"#;
    let file = t.file("english.json", json);
    t.cli(&["add", &file]).ok();
    let id = "automated-decisions-in-social-services-synthetic";
    let html = out_path(&t, "en.html");
    t.cli(&["export", id, "--format", "html", "--out", &html])
        .ok();
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains("<html lang=\"sv\">"), "{html}");
    assert!(
        html.contains("<p class=\"summary\" lang=\"en\">Caseworkers"),
        "{html}"
    );
    assert!(html.contains("<div lang=\"en\"><p>The service"), "{html}");
    assert!(
        html.contains("<dd>Finland</dd>"),
        "the country is a place: {html}"
    );

    let pdf = out_path(&t, "en.pdf");
    t.cli(&["export", id, "--format", "pdf", "--out", &pdf])
        .ok();
    let expanded = out_path(&t, "en-qdf.pdf");
    tool(
        "qpdf",
        &["--qdf", "--object-streams=disable", &pdf, &expanded],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&expanded).unwrap()).into_owned();
    assert!(
        raw.contains("/Lang (sv)") || raw.contains("/Lang (sv-SE)"),
        "the document is Swedish"
    );
    assert!(
        raw.contains("/Lang (en)"),
        "the entry's text is marked English in the structure tree"
    );
}
