//! HTML reading: any bytes as a page, through the decoder and reader ingest uses for `.html`
//! files, and any string straight into `read::html::extract`. No panic, no stack overflow, no
//! quadratic blow-up (libFuzzer reports slow units), and the text is lines without blanks around.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use std::path::PathBuf;
use zhkg::read::{html, read_stream, Kind, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let page = html::extract(&String::from_utf8_lossy(data));
    assert!(!page.text.contains('\r'), "{:?}", page.text);
    for line in page.text.lines() {
        assert!(!line.trim().is_empty() && line.trim() == line, "line {line:?}");
    }
    if let Some(title) = &page.title {
        assert!(!title.contains('\n') && !title.trim().is_empty(), "title {title:?}");
    }
    let options = ReadOptions::default();
    let items = read_stream(Cursor::new(data.to_vec()), Some(Kind::Html), Some(PathBuf::from("page.html")), &options)
        .expect("reading memory does not fail");
    for item in items {
        match item {
            Ok(article) => assert!(!article.text.trim().is_empty()),
            Err(error) => assert!(!error.to_string().contains('\n'), "{error}"),
        }
    }
});
