//! The ingest benchmark: `cargo bench --bench ingest [-- ARTICLES]`.
//!
//! Generates a deterministic corpus of news-like articles about fictional companies (default
//! 1,000; names drawn from syllables so that no dictionary knows them), ingests it with the
//! release binary into a fresh store, and prints MB/s and articles/s beside the ceiling any
//! extractor built on jieba has: bare `Jieba::tag` over the same text. Figures, not assertions:
//! the machine's noise must not fail a build.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// A small deterministic generator (SplitMix64), so every run sees the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SYLLABLES: &[&str] = &[
    "星", "云", "澜", "启", "明", "芯", "极", "元", "灵", "曜", "睿", "智", "光", "深", "远", "融", "拓", "峰", "恒", "宇",
];
const SUFFIXES: &[&str] = &["科技", "智能", "机器人", "数据", "半导体", "动力"];
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const GIVEN: &[&str] = &["伟", "芳", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "秀", "霞", "平", "刚"];
const CITIES: &[&str] = &["北京", "上海", "深圳", "杭州", "苏州", "成都", "武汉", "南京", "合肥", "西安"];
const PRODUCT_NOUNS: &[&str] = &["大模型", "芯片", "机器人", "应用"];

fn company(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(SYLLABLES), rng.pick(SYLLABLES), rng.pick(SUFFIXES))
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(SURNAMES), rng.pick(GIVEN), rng.pick(GIVEN))
}

fn article(rng: &mut Rng, n: usize) -> String {
    let (org, parent, founder, ceo) = (company(rng), company(rng), person(rng), person(rng));
    let city = rng.pick(CITIES);
    let product = format!("{}{}-{}", rng.pick(SYLLABLES), rng.pick(SYLLABLES), rng.below(100));
    let noun = rng.pick(PRODUCT_NOUNS);
    let year = 2000 + rng.below(25);
    let mut text = String::new();
    let _ = writeln!(text, "{org}发布新一代{noun}（第{n}期）");
    let _ = writeln!(text, "发布日期：2025-{:02}-{:02}\n", 1 + rng.below(12), 1 + rng.below(28));
    let _ = write!(text, "{org}由{founder}于{year}年创立，总部位于{city}。");
    let _ = write!(text, "该公司今日推出了{noun}“{product}”，面向工业与消费市场。");
    let _ = write!(text, "{org}的首席执行官{ceo}表示，公司将继续加大研发投入。");
    let _ = writeln!(text, "{org}是{parent}的子公司，{parent}总部设在{}。", rng.pick(CITIES));
    let _ = writeln!(
        text,
        "分析人士指出，今年以来，{city}的人工智能产业保持快速增长，多家企业相继发布新产品，资本市场也给予了积极回应。"
    );
    text
}

fn directory_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => directory_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    let work = tempfile::tempdir().expect("a temporary directory");
    let corpus = work.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut rng = Rng(2025);
    let mut texts = Vec::with_capacity(count);
    for n in 0..count {
        let text = article(&mut rng, n);
        std::fs::write(corpus.join(format!("{n:06}.txt")), &text).unwrap();
        texts.push(text);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;

    let store = work.path().join("store");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_zhkg"))
        .args(["ingest", "--quiet", "--store"])
        .arg(&store)
        .arg(&corpus)
        .output()
        .expect("zhkg runs");
    let ingest = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "ingest failed: {}", String::from_utf8_lossy(&output.stderr));

    let jieba = jieba_rs::Jieba::new();
    let started = Instant::now();
    let mut tags = 0;
    for text in &texts {
        tags += jieba.tag(text, true).len();
    }
    let tag = started.elapsed().as_secs_f64();

    println!("corpus         {count} articles, {megabytes:.2} MB (generated, fictional names)");
    println!(
        "zhkg ingest    {ingest:.2} s   {:.3} MB/s   {:.0} articles/s   (end to end: process start, dictionary, extraction, store)",
        megabytes / ingest,
        count as f64 / ingest
    );
    println!(
        "Jieba::tag     {tag:.2} s   {:.3} MB/s   {:.0} articles/s   ({tags} tokens; the ceiling for a jieba-based extractor)",
        megabytes / tag,
        count as f64 / tag
    );
    println!("ratio          ingest / bare tagging throughput = {:.2}", tag / ingest);
    println!("store size     {:.1} MB", directory_size(&store) as f64 / 1e6);
}
