//! Tests of the whole reading step: listing inputs, reading files of each kind, standard input.

use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh folder under the system's temporary directory, deleted on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("zhkg-read-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn read_all(path: &Path) -> Vec<Result<Article, String>> {
    read(&Source::File(path.to_owned()), &ReadOptions::default())
        .unwrap()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

fn read_one(path: &Path) -> Result<Article, String> {
    let mut all = read_all(path);
    assert_eq!(all.len(), 1, "one article from {}", path.display());
    all.remove(0)
}

#[test]
fn directories_are_walked_sorted_with_others_passed_over() {
    let s = Scratch::new("walk");
    s.write("b.txt", "乙");
    s.write("a.HTML", "<p>甲</p>");
    s.write("sub/c.jsonl", "{\"text\":\"丙\"}\n");
    s.write("sub/c.gold.tsv", "E\tOrganization\tX\tX\n");
    s.write("x.png", [0x89, b'P', b'N', b'G', 0]);
    s.write(".hidden.txt", "隐藏");
    s.write(".git/e.txt", "隐藏");
    s.write("README.md", "# 说明");
    let got = sources(&[Input::Path(s.0.clone())]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(
        got.sources,
        vec![
            Source::File(s.0.join("a.HTML")),
            Source::File(s.0.join("b.txt")),
            Source::File(s.0.join("sub/c.jsonl")),
        ]
    );
    assert_eq!(
        got.passed_over,
        vec![
            s.0.join("README.md"),
            s.0.join("sub/c.gold.tsv"),
            s.0.join("x.png")
        ]
    );
}

#[test]
fn listing_errors_name_the_path() {
    let s = Scratch::new("errors");
    let empty = s.0.join("empty");
    fs::create_dir_all(&empty).unwrap();
    s.write("only-gold/a.gold.tsv", "");
    let unknown = s.write("notes.csv", "a,b");
    let good = s.write("ok.md", "# 标题\n正文。");
    let missing = s.0.join("missing.txt");
    let got = sources(&[
        Input::Path(missing.clone()),
        Input::Path(unknown.clone()),
        Input::Path(empty.clone()),
        Input::Path(s.0.join("only-gold")),
        Input::Path(good.clone()),
        Input::Stdin,
        Input::Stdin,
    ]);
    assert_eq!(got.sources, vec![Source::File(good), Source::Stdin]);
    let messages: Vec<String> = got.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        vec![
            format!("{}: no such file or directory", missing.display()),
            format!(
                "{}: not an article file (known kinds: .txt, .md, .html, .htm, .jsonl)",
                unknown.display()
            ),
            format!(
                "{}: no article files in this directory (0 other files passed over)",
                empty.display()
            ),
            format!(
                "{}: no article files in this directory (1 other files passed over)",
                s.0.join("only-gold").display()
            ),
        ]
    );
    assert_eq!(got.errors[0].path(), Some(missing.as_path()));
    assert!(messages.iter().all(|m| !m.contains('\n')));
}

#[cfg(unix)]
#[test]
fn symlink_loops_end() {
    let s = Scratch::new("loop");
    s.write("d/a.txt", "甲");
    std::os::unix::fs::symlink(&s.0, s.0.join("d/up")).unwrap();
    std::os::unix::fs::symlink(s.0.join("d"), s.0.join("d/self")).unwrap();
    std::os::unix::fs::symlink(s.0.join("nowhere"), s.0.join("d/broken.txt")).unwrap();
    let got = sources(&[Input::Path(s.0.clone())]);
    assert_eq!(got.sources, vec![Source::File(s.0.join("d/a.txt"))]);
    assert_eq!(got.errors.len(), 1, "{:?}", got.errors);
    assert_eq!(
        got.errors[0].to_string(),
        format!(
            "{}: broken symbolic link",
            s.0.join("d/broken.txt").display()
        )
    );
    // Both links lead back to a directory being walked: loops, said once each, failing nothing.
    let notices: Vec<String> = got.notices.iter().map(|e| e.to_string()).collect();
    let root = fs::canonicalize(&s.0).unwrap();
    assert_eq!(
        notices,
        vec![
            format!("{}: symbolic link loop (back to {}); not followed", s.0.join("d/self").display(), root.join("d").display()),
            format!("{}: symbolic link loop (back to {}); not followed", s.0.join("d/up").display(), root.display()),
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_errors() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("perm");
    let path = s.write("secret.txt", "机密");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&path).is_ok() {
        return; // Running as root: permissions are not enforced.
    }
    let got = sources(&[Input::Path(path.clone())]);
    assert!(got.sources.is_empty());
    assert_eq!(
        got.errors[0].to_string(),
        format!("{}: permission denied", path.display())
    );
}

#[test]
fn text_files_in_each_encoding() {
    let s = Scratch::new("enc");
    let simplified = "标题：杭州机器人公司扩产\n发布日期：2025年4月15日\n\n某机器人公司总部位于浙江省杭州市，成立于2019年。\n";
    let traditional =
        "台灣晶片廠擴產\n2025/3/2\n\n該公司總部設在新竹，由張先生創辦，成立於一九八七年。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(simplified);
    let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(simplified.replace('\n', "\r\n").as_bytes());
    // (file, bytes, encoding, text, title, date)
    type Case<'a> = (&'a str, Vec<u8>, &'a str, &'a str, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            "utf8.txt",
            simplified.as_bytes().to_vec(),
            "UTF-8",
            simplified,
            "杭州机器人公司扩产",
            "2025-04-15",
        ),
        (
            "bom.txt",
            bom,
            "UTF-8",
            simplified,
            "杭州机器人公司扩产",
            "2025-04-15",
        ),
        (
            "gbk.txt",
            gbk.into_owned(),
            "GBK",
            simplified,
            "杭州机器人公司扩产",
            "2025-04-15",
        ),
        (
            "big5.txt",
            big5.into_owned(),
            "Big5",
            traditional,
            "台灣晶片廠擴產",
            "2025-03-02",
        ),
    ];
    for (name, bytes, encoding, text, title, date) in cases {
        let path = s.write(name, bytes);
        let a = read_one(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(a.encoding, encoding, "{name}");
        assert_eq!(a.text, text, "{name}");
        assert_eq!(a.title.as_deref(), Some(title), "{name}");
        assert_eq!(a.published.as_deref(), Some(date), "{name}");
        assert_eq!(a.origin, Origin::File(path), "{name}");
    }
}

#[test]
fn forced_encoding() {
    let s = Scratch::new("forced");
    let text = "小米公司的创始人是雷军，总部位于北京。";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let path = s.write("gbk.txt", &gbk);
    let gbk_opts = ReadOptions {
        encoding: Some(encoding_rs::GBK),
        ..ReadOptions::default()
    };
    let a = read(&Source::File(path.clone()), &gbk_opts)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(a.text, text);
    let utf8_opts = ReadOptions {
        encoding: Some(encoding_rs::UTF_8),
        ..ReadOptions::default()
    };
    let err = read(&Source::File(path.clone()), &utf8_opts)
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: not valid UTF-8 text", path.display())),
        "{err}"
    );
}

#[test]
fn binary_empty_and_unreadable_content() {
    let s = Scratch::new("bad");
    let mut bin = vec![b'a'; 120];
    bin.extend_from_slice(&[0, 1, 2, 3]);
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "d1.txt",
            bin,
            "binary file (NUL bytes at offset 120)".into(),
        ),
        ("empty.txt", Vec::new(), "empty article".into()),
        (
            "blank.md",
            b" \r\n\t\n\xE3\x80\x80\n".to_vec(),
            "empty article".into(),
        ),
        (
            "bom-only.txt",
            b"\xEF\xBB\xBF".to_vec(),
            "empty article".into(),
        ),
        (
            "nav-only.html",
            b"<html><body><nav>menu</nav><script>x()</script></body></html>".to_vec(),
            "empty article".into(),
        ),
        (
            "junk.txt",
            [0xFF, 0x80].repeat(300),
            "not text in any known encoding".into(),
        ),
    ];
    for (name, bytes, want) in cases {
        let path = s.write(name, bytes);
        let err = read_one(&path).unwrap_err();
        assert_eq!(err, format!("{}: {want}", path.display()), "{name}");
    }
    // A source that vanished between listing and reading: the outer error.
    let gone = s.0.join("gone.txt");
    let err = read(&Source::File(gone.clone()), &ReadOptions::default())
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or directory", gone.display())
    );
}

#[test]
fn html_files_honour_meta_charset() {
    let s = Scratch::new("html");
    let page = "<html><head><meta charset=\"gbk\"><title>标题</title>\
        <meta property=\"article:published_time\" content=\"2025-01-20\">\
        <link rel=\"canonical\" href=\"https://example.cn/n/1\"></head><body>\
        <nav>阿里巴巴</nav><article><h1>北京模型公司融资</h1><p>该公司总部设在北京市海淀区。</p></article>\
        <footer>腾讯</footer></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let path = s.write("page.htm", &gbk);
    let a = read_one(&path).unwrap();
    assert_eq!(a.encoding, "GBK");
    assert_eq!(a.text, "北京模型公司融资\n该公司总部设在北京市海淀区。");
    assert_eq!(a.title.as_deref(), Some("北京模型公司融资"));
    assert_eq!(a.published.as_deref(), Some("2025-01-20"));
    assert_eq!(a.url.as_deref(), Some("https://example.cn/n/1"));
}

#[test]
fn jsonl_files_name_the_line() {
    let s = Scratch::new("jsonl");
    let path = s.write(
        "data.jsonl",
        "{\"text\":\"甲\"}\n\n{oops}\n{\"text\":\"乙\",\"date\":\"2024/5/6\"}\n",
    );
    let got = read_all(&path);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].as_ref().unwrap().origin,
        Origin::JsonLine {
            path: Some(path.clone()),
            line: 1
        }
    );
    assert_eq!(
        got[1].as_ref().unwrap_err(),
        &format!(
            "{}:3: invalid JSON: key must be a string at column 2",
            path.display()
        )
    );
    let second = got[2].as_ref().unwrap();
    assert_eq!(second.text, "乙");
    assert_eq!(second.published.as_deref(), Some("2024-05-06"));
    assert_eq!(
        second.origin,
        Origin::JsonLine {
            path: Some(path.clone()),
            line: 4
        }
    );

    // UTF-16 JSON Lines are transcoded before splitting.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "{\"text\":\"丙\"}\n{\"text\":\"丁\"}\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let path16 = s.write("wide.jsonl", utf16);
    let texts: Vec<String> = read_all(&path16)
        .into_iter()
        .map(|r| r.unwrap().text)
        .collect();
    assert_eq!(texts, ["丙", "丁"]);
}

#[test]
fn stdin_is_sniffed() {
    let opts = ReadOptions::default();
    let jsonl: Vec<_> = read_stdin_bytes(b"\n  {\"text\":\"a\"}\nnope\n".to_vec(), &opts).collect();
    assert_eq!(
        jsonl[0].as_ref().unwrap().origin,
        Origin::JsonLine {
            path: None,
            line: 2
        }
    );
    assert_eq!(
        jsonl[1].as_ref().unwrap_err().to_string(),
        "<stdin>:3: invalid JSON: expected ident at column 2"
    );

    let html: Vec<_> = read_stdin_bytes(
        b"<!doctype html><nav>x</nav><p>\xE6\xAD\xA3\xE6\x96\x87</p>".to_vec(),
        &opts,
    )
    .collect();
    let a = html[0].as_ref().unwrap();
    assert_eq!((a.text.as_str(), &a.origin), ("正文", &Origin::Stdin));

    let text: Vec<_> = read_stdin_bytes(
        "标题：新闻\n<b>不是网页</b>正文。".as_bytes().to_vec(),
        &opts,
    )
    .collect();
    let a = text[0].as_ref().unwrap();
    assert_eq!(a.text, "标题：新闻\n<b>不是网页</b>正文。");
    assert_eq!(a.title.as_deref(), Some("新闻"));

    let empty: Vec<_> = read_stdin_bytes(Vec::new(), &opts).collect();
    assert_eq!(
        empty[0].as_ref().unwrap_err().to_string(),
        "<stdin>: empty article"
    );
}

#[test]
fn inputs_from_arguments() {
    assert_eq!(Input::from_arg("-"), Input::Stdin);
    assert_eq!(
        Input::from_arg("a.txt"),
        Input::Path(PathBuf::from("a.txt"))
    );
    let kinds: &[(&str, Option<Kind>)] = &[
        ("a.TXT", Some(Kind::Text)),
        ("a.md", Some(Kind::Text)),
        ("a.Htm", Some(Kind::Html)),
        ("a.html", Some(Kind::Html)),
        ("a.jsonl", Some(Kind::JsonLines)),
        ("a.gold.tsv", None),
        ("a.json", None),
        ("README", None),
    ];
    for (name, want) in kinds {
        assert_eq!(kind_of(Path::new(name)), *want, "{name}");
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    // Fragments that exercise the date scanner, the HTML walker and the decoders, glued at random.
    let pieces: &[&[u8]] = &[
        "2025".as_bytes(),
        "年".as_bytes(),
        "3月".as_bytes(),
        "2日".as_bytes(),
        b"-",
        b"/",
        b".",
        b"12",
        b"<p>",
        b"</p>",
        b"<br>",
        b"<article>",
        b"<header><h1>",
        b"</h1>",
        b"<script>",
        b"<nav>",
        "标题：".as_bytes(),
        "發布日期：".as_bytes(),
        b"Date: ",
        b"March ",
        b"\n",
        b"\r",
        b" ",
        b"{",
        b"\"text\":",
        b"\xFF",
        b"\x80",
        b"\xA4\x40",
        b"\xEF\xBB\xBF",
        b"\x01",
        "，".as_bytes(),
        "字".as_bytes(),
        b"<meta charset=gbk>",
        b"#",
        b"<time datetime=\"2025-02-30\">",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let opts = ReadOptions::default();
    let gbk = ReadOptions {
        encoding: Some(encoding_rs::GBK),
        ..ReadOptions::default()
    };
    for round in 0..3000 {
        let len = (next() % 40) as usize;
        let mut bytes = Vec::new();
        for _ in 0..len {
            bytes.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
        let options = if round % 5 == 0 { &gbk } else { &opts };
        for kind in [Kind::Text, Kind::Html] {
            match from_bytes(&bytes, kind, Origin::Stdin, options) {
                Ok(a) => {
                    assert!(!a.text.trim().is_empty(), "{bytes:?}");
                    assert!(!a.text.contains('\r'), "{bytes:?}");
                    if let Some(d) = &a.published {
                        assert!(d.len() == 4 || d.len() == 7 || d.len() == 10, "{d}");
                    }
                }
                Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
            }
        }
        for r in read_stdin_bytes(bytes.clone(), options) {
            if let Err(e) = r {
                assert!(!e.to_string().contains('\n'), "{e}");
            }
        }
    }
}

#[test]
fn articles_over_the_limit_are_refused_without_reading_them_whole() {
    let s = Scratch::new("limits");
    let small = ReadOptions { max_article_bytes: 1000, ..ReadOptions::default() };
    let sentence = "星河智能科技总部位于杭州。";
    let fits = s.write("fits.txt", sentence.repeat(20));
    let big = s.write("big.txt", sentence.repeat(30));
    assert!(read_one_with(&fits, &small).is_ok());
    assert_eq!(
        read_one_with(&big, &small).unwrap_err(),
        format!("{}: 1.1 KiB of text is too large for an article (the limit is 1000 bytes; --max-article-size changes it)", big.display())
    );
    // GBK within the byte limit that decodes to more UTF-8 than the limit.
    let repeated = sentence.repeat(30);
    let (gbk, _, _) = encoding_rs::GBK.encode(&repeated);
    assert!(gbk.len() <= 1000);
    let gbk = s.write("gbk.txt", &gbk);
    let err = read_one_with(&gbk, &small).unwrap_err();
    assert!(err.contains("1.1 KiB of text is too large"), "{err}");
    // HTML may carry eight times the limit in markup, as long as its text fits.
    let page = format!("<html><head><style>{}</style></head><body><p>{sentence}</p></body></html>", "x".repeat(7000));
    let page = s.write("page.html", page);
    assert_eq!(read_one_with(&page, &small).unwrap().text, sentence);
    let huge = s.write("huge.html", "<p>x</p>".repeat(1001));
    let err = read_one_with(&huge, &small).unwrap_err();
    assert!(err.ends_with("7.8 KiB of HTML is too large for an article (the limit is 7.8 KiB; --max-article-size changes it)"), "{err}");
    // JSON Lines: a long line is named by number and passed over; the next line still counts.
    let long = format!("{{\"text\":\"{}\"}}", "长".repeat(2000));
    let long_text = format!("{{\"text\":\"{}\"}}", "长".repeat(500));
    let lines = s.write("wire.jsonl", format!("{long}\n{long_text}\n{{\"text\":\"{sentence}\"}}\n"));
    let got: Vec<Result<Article, String>> = read(&Source::File(lines.clone()), &small).unwrap().map(|r| r.map_err(|e| e.to_string())).collect();
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].as_ref().unwrap_err(), &format!("{}:1: 5.9 KiB of JSON line is too large for an article (the limit is 3.9 KiB; --max-article-size changes it)", lines.display()));
    assert!(got[1].as_ref().unwrap_err().contains(":2: 1.5 KiB of text is too large"), "{:?}", got[1]);
    assert_eq!(got[2].as_ref().unwrap().text, sentence);
    // Standard input: the same limits.
    let stdin: Vec<_> = read_stdin_bytes(sentence.repeat(30).into_bytes(), &small).collect();
    assert!(stdin[0].as_ref().is_err_and(|e| e.to_string() == "<stdin>: more than 1000 bytes of text is too large for an article (the limit is 1000 bytes; --max-article-size changes it)"), "{:?}", stdin[0]);
}

fn read_one_with(path: &Path, options: &ReadOptions) -> Result<Article, String> {
    let mut items = read(&Source::File(path.to_owned()), options).map_err(|e| e.to_string())?;
    items.next().unwrap().map_err(|e| e.to_string())
}

#[test]
fn sizes_for_people() {
    assert_eq!(human_size(512), "512 bytes");
    assert_eq!(human_size(64 << 10), "64 KiB");
    assert_eq!(human_size(3 << 19), "1.5 MiB");
    assert_eq!(human_size(200 << 20), "200 MiB");
    assert_eq!(human_size((200 << 20) + 12345), "200 MiB");
    assert_eq!(human_size((50 << 20) - 4000), "50 MiB");
}
