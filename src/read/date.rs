//! Publication dates: finding one in a metadata value or a line of text, and writing it as ISO
//! 8601 (`2025-03-02`, `2025-03` or `2025`). No time zones are converted: the date part is taken
//! as written.

/// How much of a date the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date found in some text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl FoundDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// Normalises a metadata value (a JSON `date`, an HTML `<meta>` content, the value after
/// `发布日期：`) to ISO 8601: the first date in it, as precise as it is written.
pub fn parse_date(value: &str) -> Option<String> {
    find_date(value, true).map(|d| d.iso())
}

/// The first date in `s`. With `loose`, year-only and month-only forms (`2025年`, `2025-03`) and
/// compact `20250302` count too; without it only a full day does.
pub fn find_date(s: &str, loose: bool) -> Option<FoundDate> {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    let mut best_loose: Option<FoundDate> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            if let Some(found) = numeric_at(&chars, i, loose) {
                if found.precision() == Precision::Day {
                    return Some(found);
                }
                if best_loose.is_none() {
                    best_loose = Some(found);
                }
            }
            if let Some(found) = day_month_name_at(&chars, i) {
                return Some(found);
            }
        } else if c.is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_ascii_alphabetic()) {
            if let Some(found) = month_name_day_at(&chars, i) {
                return Some(found);
            }
        }
        i += 1;
    }
    if loose {
        best_loose
    } else {
        None
    }
}

/// Days since 1970-01-01 to a civil date (proleptic Gregorian), for Unix timestamps.
pub fn date_from_unix_days(days: i64) -> FoundDate {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    FoundDate {
        year: y as i32,
        month: Some(m),
        day: Some(d),
    }
}

/// A Unix timestamp (seconds, or milliseconds when it is too large for seconds) to an ISO date.
pub fn date_from_timestamp(ts: i64) -> Option<String> {
    let secs = if ts.abs() >= 100_000_000_000 {
        ts / 1000
    } else {
        ts
    };
    let date = date_from_unix_days(secs.div_euclid(86_400));
    plausible_year(date.year).then(|| date.iso())
}

/// Full-width digits and separators to ASCII, so `２０２５－０３－０２` reads like `2025-03-02`.
fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '－' => '-',
        '／' => '/',
        '．' => '.',
        '，' => ',',
        '\u{3000}' => ' ',
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn make(y: i32, m: Option<u32>, d: Option<u32>) -> Option<FoundDate> {
    if !plausible_year(y) {
        return None;
    }
    let month = match m {
        Some(m) if (1..=12).contains(&m) => Some(m as u8),
        Some(_) => return None,
        None => None,
    };
    let day = match (month, d) {
        (Some(m), Some(d)) if d >= 1 && d <= u32::from(days_in_month(y, m)) => Some(d as u8),
        (_, Some(_)) => return None,
        (_, None) => None,
    };
    Some(FoundDate {
        year: y,
        month,
        day,
    })
}

/// Reads a run of 1..=max ASCII digits at `i`; returns the value and the index after it. Fails
/// when the run is longer than `max`.
fn digits(chars: &[char], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while j < chars.len() && chars[j].is_ascii_digit() {
        if j - i == max {
            return None;
        }
        v = v * 10 + chars[j].to_digit(10)?;
        j += 1;
    }
    (j > i).then_some((v, j))
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

/// `2025-03-02`, `2025/3/2`, `2025.3.2`, `2025年3月2日`, `2025-03-02T10:00:00+08:00`, and with
/// `loose` also `2025年3月`, `2025-03`, `2025年`, `2025`, `20250302`.
fn numeric_at(chars: &[char], i: usize, loose: bool) -> Option<FoundDate> {
    // Compact 20250302 (exactly eight digits).
    let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if run == 8 {
        if !loose {
            return None;
        }
        let s: String = chars[i..i + 8].iter().collect();
        let y: i32 = s[..4].parse().ok()?;
        let m: u32 = s[4..6].parse().ok()?;
        let d: u32 = s[6..].parse().ok()?;
        return make(y, Some(m), Some(d));
    }
    if run != 4 {
        return None;
    }
    let (y, j) = digits(chars, i, 4)?;
    let y = y as i32;
    let j2 = skip_spaces(chars, j);
    let sep = chars.get(j2).copied();
    match sep {
        Some('年') => {
            let k = skip_spaces(chars, j2 + 1);
            let Some((m, k2)) = digits(chars, k, 2) else {
                return if loose { make(y, None, None) } else { None };
            };
            let k3 = skip_spaces(chars, k2);
            if chars.get(k3) != Some(&'月') {
                return if loose { make(y, None, None) } else { None };
            }
            let k4 = skip_spaces(chars, k3 + 1);
            if let Some((d, k5)) = digits(chars, k4, 2) {
                let k6 = skip_spaces(chars, k5);
                if matches!(chars.get(k6), Some('日') | Some('号') | Some('號')) {
                    return make(y, Some(m), Some(d));
                }
            }
            if loose {
                make(y, Some(m), None)
            } else {
                None
            }
        }
        Some(s @ ('-' | '/' | '.')) if j2 == j => {
            let (m, k) = digits(chars, j + 1, 2)?;
            if chars.get(k) == Some(&s) {
                if let Some((d, k2)) = digits(chars, k + 1, 2) {
                    // Not a version number or an IP-like run: `2025.3.2.1`.
                    let next = chars.get(k2).copied();
                    if !(next == Some(s) && chars.get(k2 + 1).is_some_and(|c| c.is_ascii_digit())) {
                        return make(y, Some(m), Some(d));
                    }
                }
                return None;
            }
            if loose && s == '-' && !chars.get(k).is_some_and(|c| c.is_ascii_digit()) {
                return make(y, Some(m), None);
            }
            None
        }
        _ => {
            if loose && chars.len() - i <= 6 && chars[j..].iter().all(|c| !c.is_alphanumeric()) {
                // A bare year as the whole value.
                make(y, None, None)
            } else {
                None
            }
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_name(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_alphabetic() {
        j += 1;
    }
    let word: String = chars[i..j].iter().collect::<String>().to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let m = MONTHS.iter().position(|name| {
        *name == word
            || (word.len() == 3 && name.starts_with(&word))
            || (word == "sept" && *name == "september")
    })?;
    let mut k = j;
    if chars.get(k) == Some(&'.') {
        k += 1;
    }
    Some((m as u32 + 1, k))
}

/// `March 2, 2025`, `Mar 2 2025`.
fn month_name_day_at(chars: &[char], i: usize) -> Option<FoundDate> {
    let (m, j) = month_name(chars, i)?;
    let j = skip_spaces(chars, j);
    let (d, k) = digits(chars, j, 2)?;
    let mut k = k;
    for suffix in ["st", "nd", "rd", "th"] {
        let s: Vec<char> = suffix.chars().collect();
        if chars.get(k..k + 2) == Some(&s[..]) {
            k += 2;
        }
    }
    if chars.get(k) == Some(&',') {
        k += 1;
    }
    let k = skip_spaces(chars, k);
    let (y, end) = digits(chars, k, 4)?;
    if end - k != 4 {
        return None;
    }
    make(y as i32, Some(m), Some(d))
}

/// `2 March 2025`, `02 Mar 2025` (as in RFC 2822 dates).
fn day_month_name_at(chars: &[char], i: usize) -> Option<FoundDate> {
    let (d, j) = digits(chars, i, 2)?;
    let j = skip_spaces(chars, j);
    let (m, k) = month_name(chars, j)?;
    let k = skip_spaces(chars, k);
    let k = if chars.get(k) == Some(&',') {
        skip_spaces(chars, k + 1)
    } else {
        k
    };
    let (y, end) = digits(chars, k, 4)?;
    if end - k != 4 {
        return None;
    }
    make(y as i32, Some(m), Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_values() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2025-03-02", Some("2025-03-02")),
            ("2025/3/2", Some("2025-03-02")),
            ("2025.03.02", Some("2025-03-02")),
            ("2025年4月15日", Some("2025-04-15")),
            ("2025 年 4 月 15 日", Some("2025-04-15")),
            ("2025年4月15号", Some("2025-04-15")),
            ("２０２５年４月１５日", Some("2025-04-15")),
            ("2025-03-02T10:30:00+08:00", Some("2025-03-02")),
            ("2025-03-02 10:30", Some("2025-03-02")),
            ("20250302", Some("2025-03-02")),
            ("2025年4月", Some("2025-04")),
            ("2025-04", Some("2025-04")),
            ("2025年", Some("2025")),
            ("2025", Some("2025")),
            ("March 2, 2025", Some("2025-03-02")),
            ("Sun, 02 Mar 2025 10:00:00 +0800", Some("2025-03-02")),
            ("2 September 2024", Some("2024-09-02")),
            ("2025-02-29", None),
            ("2024-02-29", Some("2024-02-29")),
            ("2025-13-01", None),
            ("1850-01-01", None),
            ("yesterday", None),
            ("", None),
            ("v2.1.3", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn strict_search_needs_a_day() {
        let cases: &[(&str, Option<&str>)] = &[
            ("发布日期：2025-03-02", Some("2025-03-02")),
            ("该公司成立于2019年", None),
            ("2025年3月", None),
            ("记者 张三 2025年3月2日 北京报道", Some("2025-03-02")),
            ("订单号 120250302 已发货", None),
            ("1.2.3.4", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                find_date(input, false).map(|d| d.iso()).as_deref(),
                *want,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(date_from_timestamp(0).as_deref(), Some("1970-01-01"));
        assert_eq!(
            date_from_timestamp(1_740_873_600).as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(
            date_from_timestamp(1_740_873_600_000).as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(date_from_unix_days(19_782).iso(), "2024-02-29");
    }
}
