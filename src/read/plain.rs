//! Plain text (`.txt`, `.md`): the whole text is the article; title, date and source come from
//! its first lines. The text itself is never changed here.

use super::date::{find_date, parse_date};

/// Metadata read from the top of a text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TopMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
}

/// How many non-blank lines at the top may hold metadata.
const TOP_LINES: usize = 6;

/// A line of at most this many characters, ending without sentence punctuation, may be a title.
const MAX_TITLE_CHARS: usize = 64;

const TITLE_LABELS: &[&str] = &["标题", "標題", "题目", "題目", "title"];
const DATE_LABELS: &[&str] = &[
    "发布日期",
    "發布日期",
    "發佈日期",
    "发布时间",
    "發布時間",
    "發佈時間",
    "出版日期",
    "更新时间",
    "更新時間",
    "日期",
    "时间",
    "時間",
    "date",
    "published",
    "pubdate",
];
const SOURCE_LABELS: &[&str] = &["来源", "來源", "source"];

/// Reads title, date and source from the first lines of `text`.
pub fn top_meta(text: &str) -> TopMeta {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(TOP_LINES + 1)
        .collect();
    let mut meta = TopMeta::default();
    let Some(first) = lines.first() else {
        return meta;
    };

    let first_unmarked = strip_markdown_heading(first);
    if let Some(value) = labelled(first_unmarked, TITLE_LABELS) {
        meta.title = non_empty(value);
    } else if lines.len() > 1 && looks_like_title(first_unmarked) {
        meta.title = Some(first_unmarked.to_owned());
    }

    for line in lines.iter().take(TOP_LINES) {
        if meta.published.is_none() {
            meta.published = date_in_line(line);
        }
        if meta.source.is_none() {
            meta.source = source_in_line(line);
        }
    }
    meta
}

/// A date named by a label (`发布日期：…`, `Date: …`, anywhere in the line), or a short line
/// holding a full date (`2025年4月15日 北京`).
pub fn date_in_line(line: &str) -> Option<String> {
    for label in DATE_LABELS {
        if let Some(value) = after_label_anywhere(line, label) {
            if let Some(date) = parse_date(value) {
                return Some(date);
            }
        }
    }
    if line.chars().count() <= 40 && !ends_sentence(line) {
        return find_date(line, false).map(|d| d.iso());
    }
    None
}

fn source_in_line(line: &str) -> Option<String> {
    for label in SOURCE_LABELS {
        if let Some(value) = after_label_anywhere(line, label) {
            // The value runs to the next wide gap or label.
            let value = value
                .split(['\u{3000}', '\t', '|', '丨'])
                .next()
                .unwrap_or("")
                .split("  ")
                .next()
                .unwrap_or("")
                .trim();
            let value = value.split(' ').next().unwrap_or("").trim();
            if !value.is_empty() && value.chars().count() <= 30 {
                return Some(value.to_owned());
            }
        }
    }
    None
}

fn is_meta_line(line: &str) -> bool {
    DATE_LABELS
        .iter()
        .chain(SOURCE_LABELS)
        .any(|l| after_label_anywhere(line, l).is_some())
        || find_date(line, false).is_some_and(|_| line.chars().count() <= 24)
}

fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    (2..=MAX_TITLE_CHARS).contains(&n) && !ends_sentence(line) && !is_meta_line(line)
}

fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '"', '’', '\'', '」', '』', ')', '）']);
    trimmed.ends_with([
        '。', '！', '？', '!', '?', '.', '；', ';', '…', '：', ':', '，', ',',
    ])
}

fn strip_markdown_heading(line: &str) -> &str {
    let stripped = line.trim_start_matches('#');
    if stripped.len() != line.len() && stripped.starts_with(' ') {
        stripped.trim()
    } else {
        line
    }
}

/// The value after `label` + `：`/`:` at the start of `line` (case-insensitive for ASCII).
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels.iter().find_map(|label| {
        let head = line.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = line[label.len()..].trim_start();
        rest.strip_prefix('：')
            .or_else(|| rest.strip_prefix(':'))
            .map(str::trim)
    })
}

/// The value after `label` + `：`/`:` anywhere in `line`, where the label starts the line or
/// follows a space or punctuation (so `更新日期` does not match `日期`… unless it is listed).
fn after_label_anywhere<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let lower = line.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(label) {
        let start = from + pos;
        let end = start + label.len();
        let boundary = line[..start].chars().next_back().is_none_or(|c| {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && c != '_')
                || "【[（(|丨，,".contains(c)
        });
        if boundary {
            let rest = line[end..].trim_start();
            if let Some(value) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                return Some(value.trim());
            }
        }
        from = end;
    }
    None
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "标题：杭州机器人企业扩产\n正文第一段。",
                Some("杭州机器人企业扩产"),
            ),
            ("標題：台灣晶片廠擴產\n內文。", Some("台灣晶片廠擴產")),
            (
                "Title: Robots in Hangzhou\nBody.",
                Some("Robots in Hangzhou"),
            ),
            (
                "杭州机器人企业扩产\n\n正文第一段。",
                Some("杭州机器人企业扩产"),
            ),
            (
                "# 杭州机器人企业扩产\n正文第一段。",
                Some("杭州机器人企业扩产"),
            ),
            // A sentence is not a title.
            ("宇树科技今天发布了新款机器人。\n第二段。", None),
            // A lone line is the article, not its title.
            ("杭州机器人企业扩产", None),
            // A date line is not a title.
            ("2025年4月15日\n正文。", None),
            ("发布日期：2025-03-02\n正文。", None),
        ];
        for (text, want) in cases {
            assert_eq!(top_meta(text).title.as_deref(), *want, "text {text:?}");
        }
    }

    #[test]
    fn dates_near_the_top() {
        let cases: &[(&str, Option<&str>)] = &[
            ("标题：某事\n发布日期：2025-03-02\n正文。", Some("2025-03-02")),
            ("某事\n2025/3/2\n正文。", Some("2025-03-02")),
            ("某事\n2025年4月15日 北京\n正文。", Some("2025-04-15")),
            ("某事\n日期：2025年4月\n正文。", Some("2025-04")),
            ("某事\n發布時間：2024年12月1日 10:00\n內文。", Some("2024-12-01")),
            ("Title: X\nDate: March 2, 2025\nBody.", Some("2025-03-02")),
            ("某事\n来源：新华社　发布时间：2025-03-02 09:00\n正文。", Some("2025-03-02")),
            // A date inside a long sentence is not the publication date.
            ("某事\n宇树科技于2025年3月2日在杭州发布了新款人形机器人，引发市场广泛关注和讨论。\n", None),
            ("某事\n公司成立于2019年。\n", None),
        ];
        for (text, want) in cases {
            assert_eq!(top_meta(text).published.as_deref(), *want, "text {text:?}");
        }
    }

    #[test]
    fn source_line() {
        let meta = top_meta("某事\n来源：新华社　发布时间：2025-03-02\n正文。");
        assert_eq!(meta.source.as_deref(), Some("新华社"));
        assert_eq!(top_meta("某事\n正文。").source, None);
    }
}
