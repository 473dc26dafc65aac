//! Flattened text as tokens: words and numbers with their byte ranges in the
//! reading flow, the amounts a run of numbers stands for (only when the run
//! can be read one way), and a view of the words alone, so a label that
//! wraps around its numbers ("Tilsagn om 1 000 000 … kompetansetilskudd")
//! still matches.

use std::ops::Range;

use crate::deadline::within_budget;
use crate::values::find_dates;
use crate::values::year_of;

/// Bytes of text after a word within which a label pattern must match.
const LABEL_WINDOW: usize = 240;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Anything that is not a number, including dates ("Januar 2012").
    Word,
    /// A number as written: "68", "1.200.000", "Kr.1.000.000", "10?", "30%".
    Number,
    /// "Kr." or "kr" on its own before an amount.
    Currency,
    /// A "%" on its own after a number.
    PercentSign,
}

/// One whitespace-separated token.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the flow text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// Whether the token is part of a number (a currency or percent sign counts).
    pub fn numeric(&self) -> bool {
        self.kind != TokenKind::Word
    }

    /// The year a number token stands for ("2012", "2012:"), not an amount.
    pub fn year(&self, text: &str) -> Option<i32> {
        if self.kind != TokenKind::Number {
            return None;
        }
        year_of(text.get(self.start..self.end)?)
    }
}

static_regex! {
    NUMBER = r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\??%?$";
    CURRENCY_GLUED = r"(?i)^(?:kr|nok)\.?(\d.*)$";
}

/// The core of a token: without an opening parenthesis, a trailing ",-" and
/// trailing punctuation.
fn core(word: &str) -> &str {
    let w = word.trim_start_matches('(');
    let w = w.strip_suffix(",-").unwrap_or(w);
    w.trim_end_matches(['.', ',', ';', ':', ')'])
}

fn kind_of(word: &str) -> TokenKind {
    if word == "%" {
        return TokenKind::PercentSign;
    }
    let c = core(word);
    let lower = c.to_lowercase();
    if lower == "kr" || lower == "nok" {
        return TokenKind::Currency;
    }
    let glued = CURRENCY_GLUED.captures(c).and_then(|caps| caps.get(1));
    let digits = glued.map_or(c, |m| m.as_str());
    if NUMBER.is_match(digits) {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

/// The byte ranges of the whitespace-separated words of `text`.
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    // Each word is a slice of `text`: its offset is where it starts.
    let offset = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let words = text.split_whitespace();
    words.map(|w| offset(w)..offset(w) + w.len()).collect()
}

/// The tokens of `text[range]`, with offsets into `text`. Digits that are part
/// of a date ("Januar 2012", "30.06.2012") are words, not numbers.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let dates = find_dates(slice, None);
    let mut out = Vec::new();
    for word in within_budget(word_ranges(slice)) {
        let (start, end) = (range.start + word.start, range.start + word.end);
        let in_date = dates
            .iter()
            .any(|(_, d)| d.start < word.end && word.start < d.end);
        let kind = if in_date {
            TokenKind::Word
        } else {
            kind_of(slice.get(word).unwrap_or(""))
        };
        out.push(Token { start, end, kind });
    }
    out
}

/// The tokens of `toks` inside `range` and inside none of the `skip`
/// stretches (a header among a table's rows, a page's running text).
pub fn inside<'t>(
    toks: &'t [Token],
    range: Range<usize>,
    skip: &'t [Range<usize>],
) -> impl Iterator<Item = &'t Token> {
    let within = |t: &Token, r: &Range<usize>| t.start >= r.start && t.end <= r.end;
    let kept = move |t: &&Token| within(t, &range) && !skip.iter().any(|s| within(t, s));
    toks.iter().filter(kept)
}

/// One number as the text shows it.
#[derive(Debug, Clone)]
pub struct Amount {
    /// Byte range in the flow text (with its currency or percent sign).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Written with a currency sign or in thousands groups ("Kr. 800.000", "1.200.000").
    pub money_like: bool,
}

impl Amount {
    /// The text as written.
    pub fn raw<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("").trim()
    }

    /// A bare four-digit year (1990–2100), not marked as money.
    pub fn is_year(&self, text: &str) -> bool {
        !self.money_like && year_of(core(self.raw(text))).is_some()
    }
}

/// The amounts a run of numbers shows, or the raw text of a run of digit
/// groups that can be split into numbers in more than one way ("310 662
/// 360 000": one amount, or 310 662 and 360 000?).
pub type Found = Result<Vec<Amount>, String>;

/// Digits and nothing else: a number written bare, no group, sign or mark.
pub fn plain_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// Reads consecutive numeric tokens as amounts. Numbers written with spaces
/// between thousands ("1 000 000") run into their neighbours in flattened
/// text; a three-digit group after a short group is read as part of it only
/// when it cannot start a number of its own ("000"); otherwise the run has
/// more than one reading and is returned as ambiguous.
pub fn amounts(text: &str, run: &[Token]) -> Found {
    let mut out: Vec<Amount> = Vec::new();
    // Whether the last amount so far is bare digit groups that a following
    // three-digit group could continue.
    let mut open_group = false;
    let mut currency_at: Option<usize> = None;
    for token in run {
        let word = text.get(token.start..token.end).unwrap_or("");
        match token.kind {
            TokenKind::Word => {
                open_group = false;
                currency_at = None;
            }
            TokenKind::Currency => {
                open_group = false;
                currency_at = Some(token.start);
            }
            TokenKind::PercentSign => {
                if let Some(last) = out.last_mut() {
                    last.end = token.end;
                }
                open_group = false;
            }
            TokenKind::Number => {
                let c = core(word);
                let three = c.len() == 3 && plain_digits(c);
                if open_group && three {
                    if c.starts_with('0') {
                        if let Some(last) = out.last_mut() {
                            last.end = token.end;
                        }
                        continue;
                    }
                    let start = run.first().map_or(token.start, |t| t.start);
                    let end = run.last().map_or(token.end, |t| t.end);
                    return Err(text.get(start..end).unwrap_or("").to_string());
                }
                let glued_currency = CURRENCY_GLUED.is_match(c);
                out.push(Amount {
                    start: currency_at.take().unwrap_or(token.start),
                    end: token.end,
                    money_like: glued_currency || c.contains('.'),
                });
                if let Some(last) = out.last_mut() {
                    last.money_like |= last.start < token.start;
                }
                open_group = plain_digits(c) && c.len() <= 3 && word == c;
            }
        }
    }
    for amount in &mut out {
        let raw = text.get(amount.start..amount.end).unwrap_or("");
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        amount.money_like |= raw.contains(' ') && digits > 3;
    }
    Ok(out)
}

/// The runs of numeric tokens among `tokens`, each read as amounts (a
/// lone currency or percent sign is no number).
pub fn number_runs(text: &str, tokens: &[Token]) -> Vec<Found> {
    let runs = within_budget(tokens.split(|t| !t.numeric()));
    let runs = runs.filter(|run| run.iter().any(|t| t.kind == TokenKind::Number));
    runs.map(|run| amounts(text, run)).collect()
}

/// The words of a stretch of text joined without its numbers, so patterns
/// written for a table cell can be matched where a label begins.
#[derive(Debug, Default)]
pub struct WordView {
    text: String,
    /// (start in `text`, start in the flow text, length) of every word.
    words: Vec<(usize, usize, usize)>,
}

/// A label pattern matched in the flow text.
#[derive(Debug, Clone)]
pub struct Hit<'d, T> {
    /// Byte range in the flow text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// What matched.
    pub item: &'d T,
}

impl WordView {
    /// The view of the word tokens of `flow_text`.
    pub fn new(flow_text: &str, tokens: &[Token]) -> WordView {
        let mut view = WordView::default();
        for token in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let word = flow_text.get(token.start..token.end).unwrap_or("");
            if !view.text.is_empty() {
                view.text.push(' ');
            }
            view.words.push((view.text.len(), token.start, word.len()));
            view.text.push_str(word);
        }
        view
    }

    /// The flow position of a position in the view: in the last word that
    /// starts before it.
    fn to_flow(&self, view_end: usize) -> usize {
        let before = self.words.iter().take_while(|w| w.0 < view_end);
        before
            .last()
            .map_or(0, |&(vs, fs, len)| fs + (view_end - vs).min(len))
    }

    fn window(&self, start: usize) -> &str {
        let end = crate::values::floor_boundary(&self.text, start + LABEL_WINDOW);
        self.text.get(start..end).unwrap_or("")
    }

    /// Where one of `items` matches at the start of a word (the first item
    /// in order wins there); a hit inside an earlier hit is dropped.
    pub fn hits<'d, T>(
        &self,
        items: &'d [T],
        patterns: impl Fn(&T) -> &[crate::lazy_regex::LazyRegex],
    ) -> Vec<Hit<'d, T>> {
        let mut out: Vec<Hit<'d, T>> = Vec::new();
        let mut covered_until = 0;
        for &(vs, fs, _) in &self.words {
            if fs < covered_until {
                continue;
            }
            let window = self.window(vs);
            let found = items.iter().find_map(|item| {
                patterns(item)
                    .iter()
                    .filter_map(|re| re.find(window))
                    .find(|m| m.start() == 0 && m.end() > 0)
                    .map(|m| (item, m.end()))
            });
            if let Some((item, len)) = found {
                let end = self.to_flow(vs + len);
                covered_until = end;
                out.push(Hit {
                    start: fs,
                    end,
                    item,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Result<Vec<String>, String>> {
        let toks = tokens(text, 0..text.len());
        number_runs(text, &toks)
            .into_iter()
            .map(|r| match r {
                Ok(a) => Ok(a.iter().map(|a| a.raw(text).to_string()).collect()),
                Err(raw) => Err(raw),
            })
            .collect()
    }

    #[test]
    fn runs_split_only_when_the_grouping_is_certain() {
        assert_eq!(read("fastrente 68 Etter"), vec![Ok(vec!["68".to_string()])]);
        assert_eq!(
            read("Utbetalt beløp 1 000 000 0 Kommunal"),
            vec![Ok(vec!["1 000 000".to_string(), "0".to_string()])]
        );
        assert_eq!(
            read("Kommunal 310 662 360 000 egen"),
            vec![Err("310 662 360 000".to_string())]
        );
        assert_eq!(
            read("Kr. 800.000 Kr. 700.000 Kr.1.000.000"),
            vec![Ok(vec![
                "Kr. 800.000".to_string(),
                "Kr. 700.000".to_string(),
                "Kr.1.000.000".to_string()
            ])]
        );
        assert_eq!(
            read("10 10? 180 Antakelser"),
            vec![Ok(vec!["10".into(), "10?".into(), "180".into()])]
        );
        assert_eq!(read("20 % gjennomført"), vec![Ok(vec!["20 %".to_string()])]);
    }

    #[test]
    fn dates_are_words() {
        assert!(read("Antall bostøttemottakere Januar 2012 1213")
            .iter()
            .all(|r| r == &Ok(vec!["1213".to_string()])));
        assert!(read("innen 30.06.2012.").is_empty());
    }
}
