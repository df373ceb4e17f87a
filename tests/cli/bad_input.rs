//! The catalogue of bad input (README, "What happens on bad input"): each row's case, as a user
//! meets it. Every bad input is named in a one-line message, the rest of the batch goes in, and
//! the exit status says which (0 everything went in, 1 something failed).

use crate::*;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn articles(z: &Zhkg) -> usize {
    z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }")
}

/// The lines of stderr that name `path`.
fn lines_naming<'a>(stderr: &'a str, path: &Path) -> Vec<&'a str> {
    let name = path.display().to_string();
    stderr.lines().filter(|l| l.contains(&name)).collect()
}

/// Writes `size` bytes of `unit` repeated (cut on a character boundary) with no line break.
fn write_repeated(path: &Path, unit: &str, size: usize) {
    let mut file = std::io::BufWriter::new(fs::File::create(path).unwrap());
    let block = unit.repeat((1 << 20) / unit.len());
    let mut left = size;
    while left >= block.len() {
        file.write_all(block.as_bytes()).unwrap();
        left -= block.len();
    }
    let mut tail = String::new();
    for c in unit.chars().cycle() {
        if tail.len() + c.len_utf8() > left {
            break;
        }
        tail.push(c);
    }
    file.write_all(tail.as_bytes()).unwrap();
    file.flush().unwrap();
}

/// 200 MB on one line, without punctuation or as sentences without line breaks: refused at once
/// by size (never read into memory), while a 1 MB article without any punctuation beside them
/// is extracted in bounded pieces (sentences are cut at 512 characters) and stored.
#[test]
fn a_200_mb_file_on_one_line_is_refused_quickly_and_the_batch_goes_on() {
    let z = Zhkg::new();
    let size = 200 << 20;
    let unpunctuated = z.path("dump-unpunctuated.txt");
    write_repeated(&unpunctuated, "星河智能科技由李明远创立总部位于杭州该公司发布了巡检机器人天鹰", size);
    let sentences = z.path("dump-sentences.txt");
    write_repeated(&sentences, "星河智能科技由李明远于2018年创立，总部位于杭州。该公司发布了巡检机器人“天鹰X2”。", size);
    let within = z.path("long-but-within.txt");
    write_repeated(&within, "云帆机器人由王立新创立总部位于深圳云帆机器人发布了无人机", 1_000_000);
    let good = z.write("good.txt", SIMPLIFIED);

    let run = z.ingest(&[&unpunctuated, &sentences, &within, &good]).expect(1);
    for big in [&unpunctuated, &sentences] {
        let named = lines_naming(&run.stderr, big);
        assert_eq!(named.len(), 1, "{}", run.stderr);
        assert!(named[0].ends_with("200 MiB of text is too large for an article (the limit is 1 MiB; --max-article-size changes it)"), "{}", named[0]);
    }
    assert!(run.stderr.contains("2 stored, 2 failed"), "{}", run.stderr);
    assert_eq!(articles(&z), 2);
    assert!(z.labels_of_class("Person").contains(&String::from("王立新")), "the long article was read");

    // The same 200 MB on standard input: read up to the limit only.
    let mut child = z.command(&["ingest", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let mut file = fs::File::open(unpunctuated).unwrap();
        // zhkg stops reading at the limit and exits: the broken pipe is expected.
        let _ = std::io::copy(&mut file, &mut stdin);
    });
    let run = Run::from(child.wait_with_output().unwrap()).expect(1);
    feeder.join().unwrap();
    assert!(run.stderr.contains("<stdin>: more than 1 MiB of text is too large for an article"), "{}", run.stderr);
}

/// A file of nothing but NUL bytes is binary, named with the offset of the first NUL.
#[test]
fn a_file_of_nul_bytes_is_refused() {
    let z = Zhkg::new();
    let nul = z.write("zeros.txt", vec![0u8; 1 << 20]);
    let good = z.write("good.txt", SIMPLIFIED);
    let run = z.ingest(&[&nul, &good]).expect(1);
    assert_eq!(lines_naming(&run.stderr, &nul), vec![format!("zhkg: {}: binary file (NUL bytes at offset 0)", nul.display())]);
    assert_eq!(articles(&z), 1);
}

/// `--encoding` forces an encoding the bytes are not in: the file is named with the encoding and
/// the count of undecodable sequences, not read as mojibake.
#[test]
fn a_forced_encoding_that_does_not_fit_is_named() {
    let z = Zhkg::new();
    let gbk = z.write("gbk.txt", encoding_rs::GBK.encode(SIMPLIFIED).0.into_owned());
    let utf8 = z.write("utf8.txt", "纯文本，没有事实。");
    let run = z.run(&["ingest", "--encoding", "utf-8", gbk.to_str().unwrap(), utf8.to_str().unwrap()]).expect(1);
    let named = lines_naming(&run.stderr, &gbk);
    assert_eq!(named.len(), 1, "{}", run.stderr);
    assert!(named[0].starts_with(&format!("zhkg: {}: not valid UTF-8 text (", gbk.display())) && named[0].ends_with(" undecodable byte sequences)"), "{}", named[0]);
    assert_eq!(articles(&z), 1);
}

/// 100,000 nested `<div>`s, closed or not, and a page cut off in the middle of a tag: no stack
/// overflow, no quadratic parse, and the article's text and facts come out.
#[test]
fn deeply_nested_and_unclosed_html_give_their_text() {
    let z = Zhkg::new();
    let n = 100_000;
    let nested = z.write(
        "nested.html",
        format!("<html><head><title>深处</title></head><body>{}<p>星河智能科技由李明远于2018年创立。</p>{}</body></html>", "<div>".repeat(n), "</div>".repeat(n)),
    );
    let unclosed_deep = z.write("unclosed-deep.html", format!("<html><body>{}<p>云帆机器人由王立新创立", "<div><span>".repeat(n)));
    let truncated = z.write("truncated.html", "<html><head><title>标题</title><body><article><p>晨光半導體的創始人是陳嘉怡。<p>晨光半導體總部位於新竹<div class=");
    z.ingest(&[&nested, &unclosed_deep, &truncated]).expect(0);
    let founders = z.column("SELECT ?f WHERE { ?o kg:foundedBy ?p . ?p rdfs:label ?f } ORDER BY ?f");
    assert_eq!(founders, vec!["李明远", "王立新", "陳嘉怡"]);
}

/// A JSON Lines line of 50 MB is refused by its line number without being held in memory; the
/// lines around it go in.
#[test]
fn a_50_mb_jsonl_line_is_refused_and_the_other_lines_go_in() {
    let z = Zhkg::new();
    let path = z.path("wire.jsonl");
    {
        let mut file = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        writeln!(file, "{}", serde_json::json!({"text": SIMPLIFIED, "url": "https://example.com/1"})).unwrap();
        write!(file, "{{\"url\": \"https://example.com/2\", \"text\": \"").unwrap();
        let block = "很长的一行。".repeat(1000);
        for _ in 0..(50 << 20) / block.len() {
            file.write_all(block.as_bytes()).unwrap();
        }
        writeln!(file, "\"}}").unwrap();
        writeln!(file, "{}", serde_json::json!({"text": TRADITIONAL, "url": "https://example.com/3"})).unwrap();
    }
    let run = z.ingest(&[&path]).expect(1);
    let named = lines_naming(&run.stderr, &path);
    assert_eq!(named.len(), 1, "{}", run.stderr);
    assert!(named[0].contains("wire.jsonl:2: 50 MiB of JSON line is too large for an article (the limit is 4 MiB;"), "{}", named[0]);
    assert_eq!(articles(&z), 2);
}

/// UTF-8, UTF-8 with a BOM, GBK, Big5 and UTF-16 side by side in one directory: each detected,
/// each article's facts right, labels in the script the article was written in.
#[test]
fn mixed_encodings_in_one_directory_are_each_decoded() {
    let z = Zhkg::new();
    let gbk = encoding_rs::GBK.encode("云帆机器人由王立新于2019年创立，总部位于深圳。\n").0.into_owned();
    let big5 = encoding_rs::BIG5.encode(TRADITIONAL).0.into_owned();
    let bom = [&b"\xEF\xBB\xBF"[..], "蓝海数据科技由赵明创立，总部位于成都。\n".as_bytes()].concat();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "天擎机器人由周立创立，总部位于南京。\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    z.write("mixed/a-utf8.txt", SIMPLIFIED);
    z.write("mixed/b-gbk.txt", gbk);
    z.write("mixed/c-big5.txt", big5);
    z.write("mixed/d-bom.md", bom);
    z.write("mixed/e-utf16.txt", utf16);
    z.ingest(&[&z.path("mixed")]).expect(0);
    let found = z.rows_in(
        &z.store(),
        "SELECT ?path ?enc ?org ?founder ?place WHERE {
            ?a kg:sourcePath ?path ; kg:encoding ?enc .
            ?e a kg:Evidence ; kg:article ?a ; rdf:predicate kg:foundedBy ; rdf:subject ?o ; rdf:object ?f .
            ?h a kg:Evidence ; kg:article ?a ; rdf:predicate kg:headquarteredIn ; rdf:subject ?o ; rdf:object ?p .
            ?o rdfs:label ?org . ?f rdfs:label ?founder . ?p rdfs:label ?place
        } ORDER BY ?path",
    );
    let found: Vec<Vec<String>> = found
        .into_iter()
        .map(|mut r| {
            r[0] = Path::new(&r[0]).file_name().unwrap().to_string_lossy().into_owned();
            r[1] = r[1].to_ascii_lowercase().replace("gb18030", "gbk");
            r
        })
        .collect();
    let want = [
        ["a-utf8.txt", "utf-8", "星河智能科技", "李明远", "杭州"],
        ["b-gbk.txt", "gbk", "云帆机器人", "王立新", "深圳"],
        ["c-big5.txt", "big5", "晨光半導體", "陳嘉怡", "新竹"],
        ["d-bom.md", "utf-8", "蓝海数据科技", "赵明", "成都"],
        ["e-utf16.txt", "utf-16le", "天擎机器人", "周立", "南京"],
    ];
    assert_eq!(found, want.map(|r| r.map(String::from).to_vec()).to_vec());
}

/// A symbolic link back to a directory being walked: said once, not followed; the walk ends,
/// everything else goes in, and since no input failed the exit status is 0. A broken link is an
/// input that failed.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_named_and_the_walk_ends() {
    let z = Zhkg::new();
    z.write("news/a.txt", SIMPLIFIED);
    z.write("news/sub/b.txt", TRADITIONAL);
    let root = z.path("news");
    let link = z.path("news/sub/loop");
    std::os::unix::fs::symlink(&root, &link).unwrap();
    let run = z.ingest(&[&root]).expect(0);
    let named = lines_naming(&run.stderr, &link);
    assert_eq!(named.len(), 1, "{}", run.stderr);
    assert!(named[0].contains("symbolic link loop (back to") && named[0].ends_with("not followed"), "{}", named[0]);
    assert_eq!(articles(&z), 2);

    let broken = z.path("news/sub/gone.txt");
    std::os::unix::fs::symlink(z.path("nowhere.txt"), &broken).unwrap();
    let run = z.run(&["ingest", "--force", root.to_str().unwrap()]).expect(1);
    assert_eq!(lines_naming(&run.stderr, &broken), vec![format!("zhkg: {}: broken symbolic link", broken.display())]);
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A file and a directory the user may not read: each named, the rest stored, exit status 1.
/// Root reads everything, so as root (CI) zhkg runs as the unprivileged user 65534 (nobody).
#[cfg(unix)]
#[test]
fn paths_without_permission_are_named_and_the_rest_goes_in() {
    use std::os::unix::fs::PermissionsExt;
    let z = Zhkg::new();
    let good = z.write("in/good.txt", SIMPLIFIED);
    z.write("in/open/other.txt", TRADITIONAL);
    let secret = z.write("in/secret.txt", "机密");
    let closed = z.path("in/closed");
    z.write("in/closed/hidden.txt", "机密");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).unwrap();
    let input = z.path("in");
    let run = if is_root() {
        // The workspace must be reachable, and the store writable, by that user.
        fs::set_permissions(z.path(""), fs::Permissions::from_mode(0o755)).unwrap();
        fs::create_dir_all(z.store()).unwrap();
        std::os::unix::fs::chown(z.store(), Some(65534), Some(65534)).unwrap();
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--", env!("CARGO_BIN_EXE_zhkg"), "ingest"])
            .arg(&input)
            .env("ZHKG_STORE", z.store())
            .current_dir(z.path(""));
        Run::from(command.stdin(Stdio::null()).output().expect("setpriv runs"))
    } else {
        z.ingest(&[&input])
    };
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o755)).unwrap();
    let run = run.expect(1);
    assert_eq!(lines_naming(&run.stderr, &secret), vec![format!("zhkg: {}: permission denied", secret.display())]);
    assert_eq!(lines_naming(&run.stderr, &closed), vec![format!("zhkg: {}: permission denied", closed.display())]);
    assert!(run.stderr.contains("2 stored, 2 failed"), "{}", run.stderr);
    assert_eq!(articles(&z), 2);
    assert!(lines_naming(&run.stderr, &good).is_empty());
}

/// A tmpfs mounted for the test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(dir).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status();
        status.is_ok_and(|s| s.success()).then(|| Mount(dir.to_owned()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Articles numbered 0..n, each in a graph of its own (by URL), a few facts each.
fn numbered_articles(range: std::ops::Range<usize>) -> String {
    const A: &[char] = &['星', '云', '天', '海', '山', '川', '光', '明', '华', '宇', '晨', '曦', '远', '航', '瑞', '丰', '泰', '和', '嘉', '禾'];
    let mut out = String::new();
    for i in range {
        let name: String = [A[i % 20], A[i / 20 % 20], A[i / 400 % 20]].iter().collect();
        let text = format!("{name}科技由李明远于2018年创立，总部位于杭州。该公司今日发布了巡检机器人“天鹰X{i}”。");
        out.push_str(&serde_json::json!({"text": text, "url": format!("https://example.com/{i}")}).to_string());
        out.push('\n');
    }
    out
}

/// Quads per article graph.
fn graph_sizes(z: &Zhkg, store: &Path) -> std::collections::BTreeMap<String, String> {
    z.rows_in(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } ?g a kg:Article } GROUP BY ?g")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// The store's disk fills up mid-ingest: a clear message and exit status 1; the store still
/// opens, every article in it is whole (the same quads as a clean run's) and the others absent;
/// once there is room, a rerun completes the batch.
///
/// The disk is a 26 MiB tmpfs (root and mount(8) needed: CI and this project's machine run as
/// root): 1,000 articles fit (12 MB stored, some 20 MB while the bulk loader writes), 1,500 do
/// not. Without mount, a file size limit stands in for the full disk (RLIMIT_FSIZE of 2 MB with
/// SIGXFSZ ignored, so that a write past it fails with EFBIG as one on a full disk fails with
/// ENOSPC); `ZHKG_TEST_NO_MOUNT=1` takes that path on purpose.
#[test]
fn a_full_disk_stops_ingest_clearly_and_the_store_keeps_whole_articles() {
    let z = Zhkg::new();
    let n = 1500;
    let first = z.write("first.jsonl", numbered_articles(0..1000));
    let all = z.write("all.jsonl", numbered_articles(0..n));
    let reference = z.path("reference-store");
    z.run(&["ingest", "--store", reference.to_str().unwrap(), all.to_str().unwrap()]).expect(0);
    let whole = graph_sizes(&z, &reference);
    assert_eq!(whole.len(), n);

    let disk = z.path("disk");
    fs::create_dir_all(&disk).unwrap();
    let store = disk.join("store");
    let ingest = |file: &Path| z.run(&["ingest", "--store", store.to_str().unwrap(), file.to_str().unwrap()]);
    let mount = if std::env::var_os("ZHKG_TEST_NO_MOUNT").is_some() { None } else { Mount::tmpfs(&disk, "26m") };
    let run = if mount.is_some() {
        ingest(&first).expect(0);
        ingest(&all)
    } else {
        eprintln!("mount is not allowed here: a file size limit stands in for the full disk");
        let mut command = Command::new("sh");
        command
            .args(["-c", "trap '' XFSZ; exec prlimit --fsize=2000000 -- \"$0\" \"$@\"", env!("CARGO_BIN_EXE_zhkg"), "ingest", "--store"])
            .arg(&store)
            .arg(&all)
            .current_dir(z.path(""));
        Run::from(command.stdin(Stdio::null()).output().expect("sh runs"))
    };
    let run = run.expect(1);
    let last = run.stderr.lines().last().unwrap_or("");
    let cause = if mount.is_some() { "no space left on the device holding" } else { "a file grew past the file size limit (ulimit -f) in" };
    assert!(
        last.starts_with(&format!("zhkg: error: writing to the store failed: {cause} {}", store.display()))
            && last.ends_with("; articles stored before this point are kept: free some space and rerun to add the rest"),
        "{}",
        run.stderr
    );

    // The store opens (read-only, as queries do) and holds whole articles only.
    let stored = graph_sizes(&z, &store);
    assert!(stored.len() < n, "{} of {n} stored", stored.len());
    if mount.is_some() {
        assert_eq!(stored.len(), 1000, "the first ingest's articles are kept");
    }
    for (graph, quads) in &stored {
        assert_eq!(Some(quads), whole.get(graph), "{graph} is not whole");
    }

    // Room again: the rerun completes the batch.
    if let Some(mount) = &mount {
        let status = Command::new("mount").args(["-o", "remount,size=128m"]).arg(&mount.0).status().unwrap();
        assert!(status.success());
    }
    ingest(&all).expect(0);
    assert_eq!(graph_sizes(&z, &store), whole);
    drop(mount);
}
