//! Bytes → the reading path ingest takes (`read::read_stream`: detection or a forced encoding,
//! text, HTML or JSON Lines) → extraction (fold, sentences, jieba, recognition, rules,
//! resolution). The first byte chooses the kind of input and the encoding; the rest is the
//! input. Beyond "no panic", each extraction's offsets and indices must hold together.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::OnceLock;
use zhkg::extract::Extractor;
use zhkg::model::{Article, Extraction, Object};
use zhkg::read::{read_stream, Kind, ReadOptions};

/// Loaded once: the rules and jieba's dictionary take a few hundred milliseconds.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new().expect("the bundled rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let (kind, path) = match choice % 4 {
        0 => (None, None), // standard input: the kind is sniffed
        1 => (Some(Kind::Text), Some("in.txt")),
        2 => (Some(Kind::Html), Some("in.html")),
        _ => (Some(Kind::JsonLines), Some("in.jsonl")),
    };
    let encoding = match (choice / 4) % 5 {
        1 => Some(encoding_rs::GBK),
        2 => Some(encoding_rs::BIG5),
        3 => Some(encoding_rs::UTF_8),
        4 => Some(encoding_rs::UTF_16LE),
        _ => None,
    };
    // A small limit, so the limit's refusals are exercised too.
    let options = ReadOptions { encoding, max_article_bytes: 32 << 10 };
    let articles = read_stream(Cursor::new(bytes.to_vec()), kind, path.map(PathBuf::from), &options)
        .expect("reading memory does not fail");
    for article in articles {
        match article {
            Ok(article) => check(&article, &extractor().extract(&article)),
            Err(error) => {
                let message = error.to_string();
                assert!(!message.contains('\n'), "a one-line message: {message:?}");
            }
        }
    }
});

fn check(article: &Article, x: &Extraction) {
    assert!(!article.text.trim().is_empty(), "an empty article is an error, not an article");
    assert!(!article.text.contains('\r'), "line breaks are normalised");
    let chars = article.text.chars().count();
    for s in &x.sentences {
        assert!(s.start < s.end && s.end <= chars, "sentence {s:?} in {chars} chars");
    }
    for e in &x.entities {
        assert!(!e.label.text.is_empty() && !e.key.is_empty(), "entity {e:?}");
    }
    for f in &x.facts {
        assert!(f.subject < x.entities.len(), "fact subject {f:?}");
        if let Object::Entity(o) = f.object {
            assert!(o < x.entities.len() && o != f.subject, "fact object {f:?}");
        }
        let ev = &f.evidence;
        assert!(ev.sentence < x.sentences.len(), "evidence sentence {f:?}");
        assert!(ev.start <= ev.end && ev.end <= chars, "evidence span {f:?} in {chars} chars");
        assert!((0.0..=1.0).contains(&ev.confidence), "confidence {f:?}");
    }
}
