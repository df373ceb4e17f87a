//! The generated corpus the benchmarks share: deterministic news-like articles about fictional
//! companies (names drawn from syllables, so that no dictionary knows them). Included by
//! `benches/ingest.rs`, `benches/serve.rs` and `benches/export.rs` (its generator) with `#[path = "support/corpus.rs"] mod corpus;`
//! (it lives below `benches/` so that cargo does not take it for a benchmark of its own).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (SplitMix64), so every run sees the same corpus.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Uniform in 0..n, as an index.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
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

pub fn article(rng: &mut Rng, n: usize) -> String {
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

/// Sentences of the kind most of a real news article is made of: context, figures, quotes, with
/// few facts between named entities. `{city}` and `{n}` are filled in.
const FILLER: &[&str] = &[
    "分析人士指出，今年以来，{city}的人工智能产业保持快速增长，多家企业相继发布新产品。",
    "业内人士表示，随着算力成本持续下降，更多中小企业开始尝试在生产环节部署大模型。",
    "数据显示，该行业一季度营收同比增长{n}%，增速高于市场此前的普遍预期。",
    "多位投资人认为，未来三年将是相关技术从实验室走向规模化落地的关键窗口期。",
    "在当天的发布会现场，来自各地的合作伙伴展示了多个行业应用案例，吸引了大量观众驻足。",
    "据了解，相关产品已在物流、制造和零售等场景开展试点，部分客户已进入批量采购阶段。",
    "市场研究机构预计，到2027年，国内相关市场规模有望突破{n}亿元，年均复合增长率超过两成。",
    "也有专家提醒，行业仍面临数据安全、高端人才短缺和商业模式尚不清晰等多重挑战。",
    "资本市场对此反应积极，相关概念股盘中一度上涨{n}%，成交额较前一交易日明显放大。",
    "该人士还透露，公司正在筹备新一轮融资，投后估值较上一轮有明显提升，具体细节尚未披露。",
    "{city}市有关部门负责人表示，将继续加大对重点产业链的支持力度，优化营商环境。",
    "记者在走访中发现，不少园区企业已将智能化改造列为今年的重点工作之一。",
];

/// An article as `article` writes it, followed by `paragraphs` paragraphs of four filler sentences:
/// about the length of a real news report (2–3 KB with 12 paragraphs), where extraction, not
/// storing, takes most of the time.
pub fn long_article(rng: &mut Rng, n: usize, paragraphs: usize) -> String {
    let mut text = article(rng, n);
    for _ in 0..paragraphs {
        for _ in 0..4 {
            let sentence = rng.pick(FILLER).replace("{city}", rng.pick(CITIES)).replace("{n}", &(5 + rng.below(300)).to_string());
            text.push_str(&sentence);
        }
        text.push('\n');
    }
    text
}

/// Writes `count` long articles (see `long_article`) as `DIR/000000.txt`… and returns their texts.
pub fn write_long(dir: &Path, count: usize, paragraphs: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).expect("the corpus directory");
    let mut rng = Rng(2026);
    let mut texts = Vec::with_capacity(count);
    for n in 0..count {
        let text = long_article(&mut rng, n, paragraphs);
        std::fs::write(dir.join(format!("{n:06}.txt")), &text).expect("a corpus file");
        texts.push(text);
    }
    texts
}

/// Writes `count` articles as `DIR/000000.txt`… and returns their texts.
pub fn write(dir: &Path, count: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).expect("the corpus directory");
    let mut rng = Rng(2025);
    let mut texts = Vec::with_capacity(count);
    for n in 0..count {
        let text = article(&mut rng, n);
        std::fs::write(dir.join(format!("{n:06}.txt")), &text).expect("a corpus file");
        texts.push(text);
    }
    texts
}
