//! HTML to article text and metadata. The article is the longest `<article>`, else `<main>`, else
//! `<body>`; page furniture (scripts, navigation, headers, footers, asides, forms, elements whose
//! class or id says nav/menu/footer/sidebar/comment/share/ad) is dropped; block elements and `<br>`
//! become separate lines.

use super::date::{find_date, parse_date};
use super::plain::date_in_line;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};
use std::borrow::Cow;

/// What an HTML page yields: the article text (lines joined with `\n`) and its metadata.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "svg",
    "canvas", "button", "select", "textarea", "input", "head", "object", "embed", "audio", "video",
    "map", "dialog", "menu", "title", "math",
];

/// Elements that start and end a line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Parts of a class or id (split at `-` and `_`) that mark page furniture.
const FURNITURE_PARTS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "sidenav",
    "topnav",
    "subnav",
    "menu",
    "menubar",
    "footer",
    "sidebar",
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adsbygoogle",
    "breadcrumb",
    "breadcrumbs",
];

/// Whole classes or ids that mark a site header.
const FURNITURE_WHOLE: &[&str] = &[
    "header",
    "site-header",
    "page-header",
    "masthead",
    "topbar",
    "toolbar",
];

const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
];

/// `<meta>` names that give the publication date, best first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "date",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("a valid built-in selector")
}

/// Extracts the article and its metadata from a decoded HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let doc = Html::parse_document(&limit_depth(html));
    let metas = collect_metas(&doc);
    let meta = |key: &str| {
        metas
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };

    let root = choose_root(&doc);
    let root_is_content = matches!(root.value().name(), "article" | "main");
    let (mut text, h1s) = article_text(root, root_is_content);

    // Title: an <h1> of the article, else a clean <h1> elsewhere (kept at the top of the text),
    // else <title>, else og:title.
    let site_name = meta("og:site_name")
        .or_else(|| meta("application-name"))
        .map(collapse);
    let mut title = h1s.into_iter().find(|t| !t.is_empty());
    if title.is_none() {
        title = clean_h1_outside(&doc, root);
        if let Some(t) = &title {
            if !text.starts_with(t.as_str()) {
                text = if text.is_empty() {
                    t.clone()
                } else {
                    format!("{t}\n{text}")
                };
            }
        }
    }
    if title.is_none() {
        title = doc
            .select(&selector("title"))
            .next()
            .map(|t| {
                strip_site_suffix(
                    &collapse(&t.text().collect::<String>()),
                    site_name.as_deref(),
                )
            })
            .filter(|t| !t.is_empty());
    }
    if title.is_none() {
        title = meta("og:title")
            .or_else(|| meta("twitter:title"))
            .map(collapse)
            .filter(|t| !t.is_empty());
    }

    let published = DATE_METAS
        .iter()
        .find_map(|k| meta(k).and_then(parse_date))
        .or_else(|| json_ld_date(&doc))
        .or_else(|| time_element_date(root).or_else(|| time_element_date(doc.root_element())))
        .or_else(|| text.lines().take(8).find_map(date_in_line))
        .or_else(|| dated_element(&doc));

    let url = doc
        .select(&selector("link[rel][href]"))
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| absolute_url(l.value().attr("href")?))
        .or_else(|| meta("og:url").and_then(absolute_url))
        .or_else(|| meta("twitter:url").and_then(absolute_url));

    HtmlArticle {
        text,
        title,
        published,
        url,
        source: site_name.filter(|s| !s.is_empty()),
    }
}

/// Elements nested deeper than this are flattened before parsing (see [`limit_depth`]).
pub const MAX_DEPTH: usize = 256;

/// A tag with more attributes than this keeps none (see [`limit_depth`]).
pub const MAX_ATTRIBUTES: usize = 256;

/// Elements whose content is raw text (no tags inside).
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Elements that have no end tag.
const VOID_TAGS: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound"];

/// Elements whose end tag is optional: a second one opening right after the first is its sibling.
const SIBLING_TAGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc"];

/// An end tag closes the nearest open element of its name among this many at the top.
const END_TAG_REACH: usize = 32;

/// The page with elements nested deeper than [`MAX_DEPTH`] flattened: such a start tag is
/// dropped (a block element's becomes `<br>`, so its lines stay apart) and so is its end tag.
///
/// Why: html5ever checks scopes by walking its stack of open elements once per start tag, so a
/// page nested N deep costs N² (100,000 nested `<div>`s: minutes). Browsers cap the depth too
/// (Chromium at 512). The scan is a light tokenizer: comments, doctypes, raw-text elements
/// (`<script>`, `<style>`…) and quoted attribute values are passed whole; open elements are
/// tracked approximately (optional end tags, end tags closing the nearest match), which only
/// errs towards flattening a little more on pathological pages. A tag with more than
/// [`MAX_ATTRIBUTES`] attributes loses them (html5ever checks each against those before it).
fn limit_depth(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let find = |from: usize, needle: &[u8]| -> Option<usize> {
        b.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
    };
    let name_end = |from: usize| -> usize {
        let mut j = from;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b':' | b'_')) {
            j += 1;
        }
        j
    };
    // (name, kept) of each open element; edits: (start, end, replacement).
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut edits: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut i = 0;
    while let Some(p) = b[i..].iter().position(|&c| c == b'<') {
        i += p;
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if b[i..].starts_with(b"<!--") {
            i = find(i + 4, b"-->").map_or(b.len(), |e| e + 3);
        } else if next == b'!' || next == b'?' {
            i = find(i + 2, b">").map_or(b.len(), |e| e + 1);
        } else if next == b'/' {
            let end = name_end(i + 2);
            let name = &html[i + 2..end];
            let close = find(end, b">").map_or(b.len(), |e| e + 1);
            if !name.is_empty() {
                let reach = open.len().saturating_sub(END_TAG_REACH);
                if let Some(k) = (reach..open.len()).rev().find(|&k| open[k].0.eq_ignore_ascii_case(name)) {
                    if !open[k].1 {
                        edits.push((i, close, ""));
                    }
                    open.truncate(k);
                }
            }
            i = close;
        } else if next.is_ascii_alphabetic() {
            let start = i;
            let end = name_end(i + 1);
            let name = &html[i + 1..end];
            // The tag ends at the first '>' outside a quoted attribute value; an attribute
            // starts where something follows a blank outside quotes.
            let mut j = end;
            let mut quote = None;
            let mut attributes = 0;
            while j < b.len() {
                match (quote, b[j]) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (None, b'>') => break,
                    (None, c) if !c.is_ascii_whitespace() && c != b'/' && b[j - 1].is_ascii_whitespace() => attributes += 1,
                    _ => {}
                }
                j += 1;
            }
            let close = (j + 1).min(b.len());
            let is = |set: &[&str]| set.iter().any(|t| t.eq_ignore_ascii_case(name));
            i = close;
            if attributes > MAX_ATTRIBUTES {
                // html5ever compares each attribute with those before it: quadratic.
                edits.push((end, j, ""));
            }
            if is(VOID_TAGS) || b[..close].ends_with(b"/>") {
                continue;
            }
            if name.eq_ignore_ascii_case("plaintext") {
                break;
            }
            if is(RAW_TEXT_TAGS) {
                // Never dropped (their text would leak into the article); nothing nests inside.
                let mut end_tag = String::from("</");
                end_tag.push_str(name);
                i = find(close, end_tag.as_bytes()).unwrap_or(b.len());
                open.push((name, true));
                continue;
            }
            if is(SIBLING_TAGS) && open.last().is_some_and(|t| t.0.eq_ignore_ascii_case(name)) {
                open.pop();
            }
            let kept = open.len() < MAX_DEPTH;
            if !kept {
                if attributes > MAX_ATTRIBUTES {
                    edits.pop();
                }
                edits.push((start, close, if is(BLOCK_TAGS) { "<br>" } else { "" }));
            }
            open.push((name, kept));
        } else {
            i += 1;
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end, with) in edits {
        out.push_str(&html[at..start]);
        out.push_str(with);
        at = end;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// `(name, content)` of every `<meta>`, the name from `property`, `name` or `itemprop`,
/// lower-cased.
fn collect_metas(doc: &Html) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in doc.select(&selector("meta")) {
        let e = m.value();
        let content = e
            .attr("content")
            .or_else(|| e.attr("datetime"))
            .unwrap_or("")
            .trim();
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = e.attr(key) {
                out.push((k.trim().to_ascii_lowercase(), content.to_owned()));
            }
        }
    }
    out
}

fn choose_root(doc: &Html) -> ElementRef<'_> {
    let best_article = doc
        .select(&selector("article"))
        .max_by_key(|a| text_len(*a));
    if let Some(a) = best_article.filter(|a| text_len(*a) > 0) {
        return a;
    }
    if let Some(m) = doc
        .select(&selector("main, [role=main]"))
        .find(|m| text_len(*m) > 0)
    {
        return m;
    }
    doc.select(&selector("body"))
        .next()
        .unwrap_or_else(|| doc.root_element())
}

/// Characters other than whitespace in the subtree.
fn text_len(el: ElementRef<'_>) -> usize {
    el.text()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

fn is_furniture(e: &Element) -> bool {
    if let Some(role) = e.attr("role") {
        if FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    e.classes().chain(e.id()).any(|token| {
        let token = token.to_ascii_lowercase();
        FURNITURE_WHOLE.contains(&token.as_str())
            || token
                .split(['-', '_'])
                .any(|part| FURNITURE_PARTS.contains(&part))
    })
}

fn is_hidden(e: &Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || e.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

struct Frame<I> {
    children: I,
    block: bool,
    pre: bool,
    /// Inside a `<header>` of the article: only its headings are text.
    headings_only: bool,
}

/// The text of `root` as lines, and the texts of the `<h1>`s kept in it. Walks with an explicit
/// stack, so deeply nested pages cannot overflow the call stack.
fn article_text(root: ElementRef<'_>, root_is_content: bool) -> (String, Vec<String>) {
    let root_len = text_len(root);
    let mut out = Lines::default();
    let mut h1s = Vec::new();
    let mut stack = vec![Frame {
        children: root.children(),
        block: true,
        pre: false,
        headings_only: false,
    }];
    while let Some(top) = stack.last_mut() {
        let Some(child) = top.children.next() else {
            if stack.pop().is_some_and(|f| f.block) {
                out.break_line();
            }
            continue;
        };
        let (pre, headings_only) = (top.pre, top.headings_only);
        match child.value() {
            Node::Text(t) if !headings_only => out.push_text(t, pre),
            Node::Element(e) => {
                let name = e.name();
                if name == "br" || name == "hr" {
                    if !headings_only {
                        out.break_line();
                    }
                    continue;
                }
                if SKIP_TAGS.contains(&name) || is_hidden(e) {
                    continue;
                }
                let Some(el) = ElementRef::wrap(child) else {
                    continue;
                };
                let mut child_headings_only = headings_only;
                if name == "header" {
                    if !root_is_content {
                        continue;
                    }
                    child_headings_only = true;
                }
                // Furniture by class, id or role, unless it holds most of the article.
                if is_furniture(e) && text_len(el) * 2 <= root_len {
                    continue;
                }
                if is_heading(name) {
                    child_headings_only = false;
                }
                if name == "h1" && !child_headings_only {
                    h1s.push(collapse(&el.text().collect::<String>()));
                }
                let block = BLOCK_TAGS.contains(&name);
                if block {
                    out.break_line();
                }
                stack.push(Frame {
                    children: child.children(),
                    block,
                    pre: pre || name == "pre",
                    headings_only: child_headings_only,
                });
            }
            _ => {}
        }
    }
    out.break_line();
    (out.lines.join("\n"), h1s)
}

/// The first `<h1>` outside `root` that is not inside page furniture.
fn clean_h1_outside(doc: &Html, root: ElementRef<'_>) -> Option<String> {
    doc.select(&selector("h1"))
        .filter(|h| !h.ancestors().any(|a| a.id() == root.id()))
        .find(|h| {
            !h.ancestors().filter_map(ElementRef::wrap).any(|a| {
                let e = a.value();
                SKIP_TAGS.contains(&e.name())
                    || e.name() == "header"
                    || is_furniture(e)
                    || is_hidden(e)
            })
        })
        .map(|h| collapse(&h.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

fn json_ld_date(doc: &Html) -> Option<String> {
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(map) => map
                .get("datePublished")
                .and_then(|d| d.as_str())
                .and_then(parse_date)
                .or_else(|| map.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    doc.select(&selector("script[type]"))
        .filter(|s| {
            s.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .find_map(|s| {
            serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>())
                .ok()
                .as_ref()
                .and_then(find)
        })
}

fn time_element_date(scope: ElementRef<'_>) -> Option<String> {
    scope.select(&selector("time")).find_map(|t| {
        t.value()
            .attr("datetime")
            .and_then(parse_date)
            .or_else(|| find_date(&t.text().collect::<String>(), false).map(|d| d.iso()))
    })
}

/// A full date in an element whose class or id speaks of a date or time (`pub-date`, `time`).
fn dated_element(doc: &Html) -> Option<String> {
    doc.select(&selector("[class], [id]")).find_map(|el| {
        let e = el.value();
        let dated = e.classes().chain(e.id()).any(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("date") || t.contains("time")
        });
        if !dated || text_len(el) > 80 {
            return None;
        }
        find_date(&el.text().collect::<String>(), false).map(|d| d.iso())
    })
}

fn absolute_url(href: &str) -> Option<String> {
    let href = href.trim();
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let scheme_ok = href.split_once("://").is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
    });
    scheme_ok.then(|| href.to_owned())
}

/// `标题 - 站名`, `标题 | 站名`, `标题_站名` → `标题` when the suffix is the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        for sep in [" - ", " | ", " – ", " — ", "_", "|", "-"] {
            if let Some(head) = title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
                let head = head.trim();
                if !head.is_empty() {
                    return head.to_owned();
                }
            }
        }
    }
    title.to_owned()
}

/// Whitespace runs to one space, trimmed (spaces from line breaks between CJK characters vanish).
fn collapse(s: &str) -> String {
    let mut lines = Lines::default();
    lines.push_text(s, false);
    lines.cur.trim().to_owned()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Gap {
    #[default]
    None,
    Space,
    Newline,
}

/// Lines of text being assembled, with HTML whitespace collapsing.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    cur: String,
    gap: Gap,
}

impl Lines {
    fn push_text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if pre && c == '\n' {
                self.break_line();
                continue;
            }
            if c.is_whitespace() {
                if !self.cur.is_empty() {
                    let gap = if c == '\n' || c == '\r' {
                        Gap::Newline
                    } else {
                        Gap::Space
                    };
                    if self.gap != Gap::Newline {
                        self.gap = gap;
                    }
                }
                continue;
            }
            if self.gap != Gap::None {
                let between_cjk = self.cur.chars().next_back().is_some_and(is_cjk) && is_cjk(c);
                if !(self.gap == Gap::Newline && between_cjk) {
                    self.cur.push(' ');
                }
                self.gap = Gap::None;
            }
            self.cur.push(c);
        }
    }

    fn break_line(&mut self) {
        let line = self.cur.trim();
        if !line.is_empty() {
            self.lines.push(line.to_owned());
        }
        self.cur.clear();
        self.gap = Gap::None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="utf-8">
<title>芯片公司发布新品 - 示例科技网</title>
<meta property="og:site_name" content="示例科技网">
<meta property="article:published_time" content="2025-04-15T09:30:00+08:00">
<link rel="canonical" href="https://news.example.com/2025/04/chip.html">
<script>var hot = "阿里巴巴";</script>
<style>.x { color: red }</style>
</head><body>
<header class="site-header"><a href="/">示例科技网</a></header>
<nav><ul><li><a href="/alibaba">阿里巴巴</a></li><li><a href="/jd">京东</a></li></ul></nav>
<div class="breadcrumb">首页 &gt; 科技</div>
<article>
  <header><h1>芯片公司发布
  新品</h1><p class="byline">记者 某某</p></header>
  <p>　　上海某芯片公司今日发布新款处理器。</p>
  <p>该公司总部位于上海市<b>浦东新区</b>，<br>成立于2019年。</p>
  <div class="share-bar">分享到微博 百度</div>
  <ul><li>第一点</li><li>第二点</li></ul>
  <script>track("字节跳动")</script>
</article>
<aside>相关阅读：小米</aside>
<div id="comments">网友评论：拼多多</div>
<footer>版权所有 腾讯</footer>
</body></html>"#;

    #[test]
    fn article_text_and_metadata() {
        let a = extract(PAGE);
        assert_eq!(
            a.text,
            "芯片公司发布新品\n上海某芯片公司今日发布新款处理器。\n该公司总部位于上海市浦东新区，\n成立于2019年。\n第一点\n第二点"
        );
        for absent in [
            "阿里巴巴",
            "京东",
            "腾讯",
            "字节跳动",
            "小米",
            "拼多多",
            "分享",
            "首页",
            "记者",
            "color",
        ] {
            assert!(
                !a.text.contains(absent),
                "{absent} leaked into {:?}",
                a.text
            );
        }
        assert_eq!(a.title.as_deref(), Some("芯片公司发布新品"));
        assert_eq!(a.published.as_deref(), Some("2025-04-15"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.com/2025/04/chip.html")
        );
        assert_eq!(a.source.as_deref(), Some("示例科技网"));
    }

    #[test]
    fn fallbacks_without_article_or_meta() {
        let page = r#"<html><head><title>新闻标题_示例网</title>
            <meta property="og:site_name" content="示例网">
            <meta property="og:url" content="https://example.cn/a/1"></head>
            <body><div class="nav-menu">腾讯 阿里巴巴</div>
            <div class="content"><p>2025年3月2日 来源：示例网</p><p>正文第一段。</p>
            <p>正文第二段。</p></div>
            <div class="footer">页脚</div></body></html>"#;
        let a = extract(page);
        assert_eq!(
            a.text,
            "2025年3月2日 来源：示例网\n正文第一段。\n正文第二段。"
        );
        assert_eq!(a.title.as_deref(), Some("新闻标题"));
        assert_eq!(a.published.as_deref(), Some("2025-03-02"));
        assert_eq!(a.url.as_deref(), Some("https://example.cn/a/1"));
    }

    #[test]
    fn h1_outside_the_article_stays_on_top() {
        let page = r#"<body><header><h1 class="logo">站点</h1></header>
            <h1>真正的标题</h1><time datetime="2024-12-01">昨天</time>
            <article><p>正文。</p></article></body>"#;
        let a = extract(page);
        assert_eq!(a.title.as_deref(), Some("真正的标题"));
        assert_eq!(a.text, "真正的标题\n正文。");
        assert_eq!(a.published.as_deref(), Some("2024-12-01"));
        assert_eq!(a.url, None);
    }

    #[test]
    fn furniture_class_on_the_main_wrapper_is_not_dropped() {
        let page = r#"<body><div class="content-with-sidebar"><p>很长的正文内容在这里，足够长。</p></div>
            <div class="sidebar">短</div></body>"#;
        let a = extract(page);
        assert_eq!(a.text, "很长的正文内容在这里，足够长。");
    }

    #[test]
    fn json_ld_and_relative_urls() {
        let page = r#"<html><head><link rel="canonical" href="/relative/path">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-07-08T00:00:00Z"}]}</script>
            </head><body><main><p>内容</p></main></body></html>"#;
        let a = extract(page);
        assert_eq!(a.published.as_deref(), Some("2023-07-08"));
        assert_eq!(a.url, None);
        assert_eq!(a.text, "内容");
        assert_eq!(a.title, None);
    }

    #[test]
    fn deep_nesting_is_flattened_in_linear_time() {
        // 100,000 nested blocks, closed and unclosed, with inline elements and furniture between:
        // html5ever alone takes minutes on these (its scope checks walk the open elements).
        let n = 100_000;
        let cases = [
            format!("<html><body>{}深处的正文。{}</body></html>", "<div>".repeat(n), "</div>".repeat(n)),
            format!("<html><body>{}深处的正文。", "<div><span>".repeat(n)),
            format!("<body>{}<p>深处的正文。</p>{}", "<div class=\"nav\"><section>".repeat(n / 2), "</section></div>".repeat(n / 2)),
            format!("<body>{}深处的正文。", "<li><ul>".repeat(n)),
            format!("<body><p {}>深处的正文。", (0..n).map(|i| format!("a{i}=\"x>\"")).collect::<Vec<_>>().join(" ")),
        ];
        for page in &cases {
            let started = std::time::Instant::now();
            let a = extract(page);
            assert!(a.text.contains("深处的正文。"), "{:?}", &a.text[..a.text.len().min(200)]);
            assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
        }
    }

    #[test]
    fn flattening_keeps_lines_scripts_and_shallow_pages() {
        // Shallow pages are passed as they are.
        assert!(matches!(limit_depth(PAGE), Cow::Borrowed(_)));
        assert!(matches!(limit_depth("<p a=1 b='2' c>x</p><img\nsrc=\"data:x\"/>"), Cow::Borrowed(_)));
        let many_paragraphs = "<p>一段。".repeat(2 * MAX_DEPTH);
        assert!(matches!(limit_depth(&many_paragraphs), Cow::Borrowed(_)), "unclosed siblings are not nesting");
        // Beyond the limit: block tags become line breaks, scripts stay scripts, attribute values
        // with '>' and comments with tags are skipped whole.
        let deep = format!(
            "<body>{}<div title=\"a>b\"><!-- <div> --><p>第一行</p><script>var x = \"<div>泄露\";</script><p>第二行</p></div>{}</body>",
            "<div>".repeat(MAX_DEPTH + 10),
            "</div>".repeat(MAX_DEPTH + 10)
        );
        let flat = limit_depth(&deep);
        assert!(matches!(flat, Cow::Owned(_)));
        assert!(flat.contains("<script>var x = \"<div>泄露\";</script>"), "{flat}");
        let a = extract(&deep);
        assert_eq!(a.text, "第一行\n第二行");
    }

    #[test]
    fn unclosed_and_truncated_html_still_gives_text() {
        let cases = [
            ("<html><head><title>标题</title><body><article><p>第一段。<p>第二段<div", "第一段。\n第二段"),
            ("<p>正文<b>加粗<i>斜体", "正文加粗斜体"),
            ("<div><p>正文</div></div></div></p>", "正文"),
            ("<p title=\"未闭合>正文", ""),
            ("<script>未闭合的脚本", ""),
            ("<!-- 未闭合的注释 <p>正文", ""),
        ];
        for (page, want) in cases {
            assert_eq!(extract(page).text, want, "{page}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!("{}深处{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert_eq!(extract(&page).text, "深处");
    }
}
