//! A character trie: dictionary look-ups at a position of the folded text, without allocating.

#[derive(Default, Clone)]
struct Node {
    kids: Vec<(char, u32)>,
    val: Option<u32>,
}

/// Maps strings (as chars) to values; finds the longest key starting at a position.
#[derive(Clone)]
pub struct Trie {
    nodes: Vec<Node>,
    max_len: usize,
}

impl Default for Trie {
    fn default() -> Self {
        Trie { nodes: vec![Node::default()], max_len: 0 }
    }
}

impl Trie {
    pub fn new() -> Trie {
        Trie::default()
    }

    /// Inserts `key` with `val`, replacing an earlier value; returns the earlier one.
    pub fn insert(&mut self, key: &[char], val: u32) -> Option<u32> {
        let mut n = 0usize;
        for &c in key {
            n = match self.nodes[n].kids.binary_search_by(|k| k.0.cmp(&c)) {
                Ok(i) => self.nodes[n].kids[i].1 as usize,
                Err(i) => {
                    let id = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    self.nodes[n].kids.insert(i, (c, id));
                    id as usize
                }
            };
        }
        self.max_len = self.max_len.max(key.len());
        self.nodes[n].val.replace(val)
    }

    pub fn get(&self, key: &[char]) -> Option<u32> {
        let mut n = 0usize;
        for &c in key {
            n = self.child(n, c)?;
        }
        self.nodes[n].val
    }

    fn child(&self, n: usize, c: char) -> Option<usize> {
        let kids = &self.nodes[n].kids;
        kids.binary_search_by(|k| k.0.cmp(&c)).ok().map(|i| kids[i].1 as usize)
    }

    /// Every key starting at `text[at..]`, shortest first: calls `f(len, val)`.
    pub fn each_at(&self, text: &[char], at: usize, mut f: impl FnMut(usize, u32)) {
        let mut n = 0usize;
        for (k, &c) in text[at.min(text.len())..].iter().enumerate() {
            match self.child(n, c) {
                Some(next) => n = next,
                None => return,
            }
            if let Some(v) = self.nodes[n].val {
                f(k + 1, v);
            }
        }
    }

    /// The longest key starting at `text[at..]`: `(len, val)`.
    pub fn longest_at(&self, text: &[char], at: usize) -> Option<(usize, u32)> {
        let mut best = None;
        self.each_at(text, at, |len, v| best = Some((len, v)));
        best
    }

    /// The longest key ending exactly at `text[..end]` (scanning back at most `max_len` chars).
    pub fn longest_ending_at(&self, text: &[char], end: usize) -> Option<(usize, u32)> {
        let lo = end.saturating_sub(self.max_len);
        for start in lo..end {
            if let Some(v) = self.get(&text[start..end]) {
                return Some((end - start, v));
            }
        }
        None
    }

    /// Every key ending exactly at `text[..end]`, longest first: `(len, val)`.
    pub fn all_ending_at(&self, text: &[char], end: usize) -> Vec<(usize, u32)> {
        let lo = end.saturating_sub(self.max_len);
        (lo..end).filter_map(|start| self.get(&text[start..end]).map(|v| (end - start, v))).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.max_len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn longest_and_ending() {
        let mut t = Trie::new();
        t.insert(&cs("有限公司"), 1);
        t.insert(&cs("公司"), 2);
        t.insert(&cs("股份有限公司"), 3);
        let text = cs("某某股份有限公司的");
        assert_eq!(t.longest_ending_at(&text, 8), Some((6, 3)));
        assert_eq!(t.longest_at(&text, 4), Some((4, 1)));
        assert_eq!(t.longest_at(&text, 0), None);
        assert_eq!(t.get(&cs("公司")), Some(2));
    }
}
