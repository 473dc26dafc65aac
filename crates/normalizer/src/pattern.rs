//! Patterns built from the form definitions (field labels, printed
//! guidance, heading numbers and titles) matched without running the regex
//! engine over the text.
//!
//! Each pattern is searched once or a few times per document. The regex
//! engine's lazy DFA walks a state per character of a match, and with the
//! rest of a document's work in between, those states are out of the CPU
//! caches each time: a prompt of a few hundred characters cost tens of
//! microseconds, a heading several, and a label's Unicode class made the
//! engine check every character of a document. Walking a short list of
//! pattern elements costs a comparison per character.
//!
//! The result is the regex's by construction. The patterns are sequences
//! of single-character classes, greedy `*` and `?` over such a class,
//! alternations, start and line-end assertions and capture marks, and they
//! are matched by backtracking in the regex crate's preference order
//! (alternatives in order, greedy repetition longest first): the first
//! match found that way is the leftmost-first match. Each class is decided
//! by the class the regex parser reads from the pattern with the same
//! flags (case-insensitive), its answers for ASCII read once into a table. The
//! recursion goes one level per pattern element, so its depth is bounded
//! by the definitions, never by the text.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::lazy_regex::LazyRegex;

/// One character class of a case-insensitive pattern: sorted, disjoint
/// ranges, the class as the regex parser reads it (case folding applied).
/// Nothing needs compiling, which was a fifth of a run's fixed cost when
/// each class was a regex.
#[derive(Debug)]
struct CharClass {
    /// The class's answers for the 128 ASCII characters.
    ascii: u128,
    ranges: Vec<(char, char)>,
}

impl CharClass {
    fn new(ranges: Vec<(char, char)>) -> Arc<CharClass> {
        let mut ascii = 0;
        for &(lo, hi) in &ranges {
            for b in u32::from(lo)..=u32::from(hi).min(127) {
                ascii |= 1 << b;
            }
        }
        Arc::new(CharClass { ascii, ranges })
    }

    fn accepts(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii & (1 << u32::from(c)) != 0;
        }
        // Sorted and disjoint: the first range not wholly below `c`.
        let i = self.ranges.partition_point(|&(_, hi)| hi < c);
        self.ranges.get(i).is_some_and(|&(lo, _)| lo <= c)
    }
}

/// Things built from a pattern's source, kept for the next time the same
/// source comes up.
pub(crate) type Built<T> = LazyLock<Mutex<HashMap<String, T>>>;

/// What `cache` holds for `pattern`, else what `build` makes of it (kept).
pub(crate) fn built<T: Clone, E>(
    cache: &Built<T>,
    pattern: &str,
    build: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    if let Some(done) = cache.lock().ok().and_then(|c| c.get(pattern).cloned()) {
        return Ok(done);
    }
    let done = build()?;
    if let Ok(mut c) = cache.lock() {
        c.insert(pattern.to_string(), done.clone());
    }
    Ok(done)
}

/// Labels' first words (escaped), compiled when a label is first searched.
static FIRST_WORDS: Built<LazyRegex> = LazyLock::new(Mutex::default);

/// One element of a pattern.
#[derive(Debug, Clone)]
enum Node {
    /// One character of the class.
    One(Arc<CharClass>),
    /// Greedy `*` over the class.
    Star(Arc<CharClass>),
    /// Greedy `?` over the class.
    Opt(Arc<CharClass>),
    /// Alternatives, the first that leads to a match winning.
    Alt(Vec<Vec<Node>>),
    /// `$` in multi-line mode: before a `\n` or at the end.
    LineEnd,
    /// `^` (not multi-line): the start of the text.
    Start,
    /// Records the position in a capture slot.
    Save(usize),
}

/// What follows the nodes being matched.
struct Cont<'a> {
    nodes: &'a [Node],
    next: Option<&'a Cont<'a>>,
}

/// A match in progress over one text.
struct Run<'t> {
    text: &'t str,
    slots: [usize; 4],
}

impl<'t> Run<'t> {
    fn new(text: &'t str) -> Run<'t> {
        Run {
            text,
            slots: [0; 4],
        }
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|rest| rest.chars().next())
    }

    /// End of the first match of `nodes` then `next` from `pos`, in the
    /// regex's preference order.
    fn go(&mut self, pos: usize, nodes: &[Node], next: Option<&Cont<'_>>) -> Option<usize> {
        let Some((node, rest)) = nodes.split_first() else {
            return match next {
                Some(cont) => self.go(pos, cont.nodes, cont.next),
                None => Some(pos),
            };
        };
        match node {
            Node::One(class) => {
                let c = self.char_at(pos).filter(|&c| class.accepts(c))?;
                self.go(pos + c.len_utf8(), rest, next)
            }
            Node::Opt(class) => {
                if let Some(c) = self.char_at(pos).filter(|&c| class.accepts(c)) {
                    if let Some(end) = self.go(pos + c.len_utf8(), rest, next) {
                        return Some(end);
                    }
                }
                self.go(pos, rest, next)
            }
            Node::Star(class) => {
                let mut end = pos;
                while let Some(c) = self.char_at(end).filter(|&c| class.accepts(c)) {
                    end += c.len_utf8();
                }
                loop {
                    if let Some(found) = self.go(end, rest, next) {
                        return Some(found);
                    }
                    if end <= pos {
                        return None;
                    }
                    let back = self.text.get(..end).and_then(|h| h.chars().next_back())?;
                    end -= back.len_utf8();
                }
            }
            Node::Alt(branches) => {
                let cont = Cont { nodes: rest, next };
                branches
                    .iter()
                    .find_map(|branch| self.go(pos, branch, Some(&cont)))
            }
            Node::Start if pos == 0 => self.go(pos, rest, next),
            Node::LineEnd
                if pos == self.text.len() || self.text.as_bytes().get(pos) == Some(&b'\n') =>
            {
                self.go(pos, rest, next)
            }
            Node::Start | Node::LineEnd => None,
            Node::Save(slot) => {
                let old = *self.slots.get(*slot)?;
                if let Some(s) = self.slots.get_mut(*slot) {
                    *s = pos;
                }
                let found = self.go(pos, rest, next);
                if found.is_none() {
                    if let Some(s) = self.slots.get_mut(*slot) {
                        *s = old;
                    }
                }
                found
            }
        }
    }
}

/// The nodes of `pattern` compiled case-insensitively, read from the
/// syntax tree the regex crate builds of it: the nodes are the regex's by
/// construction, and a rule written as regex text (a loose phrase, a
/// printed number, a label) is written once. Accepted: literals, classes,
/// greedy repetition of one class, `^` (not multi-line), `$` (multi-line),
/// alternation and the captures `h` and `t`.
fn compile(pattern: &str) -> Result<Vec<Node>, String> {
    nodes_of(&parse(pattern)?)
}

/// The syntax tree of `pattern` as the regex crate reads it (same
/// defaults), case-insensitively.
fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

fn nodes_of(hir: &Hir) -> Result<Vec<Node>, String> {
    let mut nodes = Vec::new();
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Literal(lit) => {
            for c in std::str::from_utf8(&lit.0)
                .map_err(|e| e.to_string())?
                .chars()
            {
                nodes.push(Node::One(CharClass::new(vec![(c, c)])));
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges().iter().map(|r| (r.start(), r.end()));
            nodes.push(Node::One(CharClass::new(ranges.collect())));
        }
        HirKind::Look(Look::Start) => nodes.push(Node::Start),
        HirKind::Look(Look::EndLF) => nodes.push(Node::LineEnd),
        HirKind::Repetition(rep) => {
            let sub = nodes_of(&rep.sub)?;
            let ([Node::One(one)], true) = (sub.as_slice(), rep.greedy) else {
                return Err(format!("not a greedy repetition of one class: {hir}"));
            };
            for _ in 0..rep.min {
                nodes.push(Node::One(Arc::clone(one)));
            }
            match rep.max {
                None => nodes.push(Node::Star(Arc::clone(one))),
                Some(max) => (rep.min..max).for_each(|_| nodes.push(Node::Opt(Arc::clone(one)))),
            }
        }
        HirKind::Capture(cap) => {
            let slot = match cap.name.as_deref() {
                Some("h") => H_START,
                Some("t") => T_START,
                _ => return Err(format!("a capture other than h and t: {hir}")),
            };
            nodes.push(Node::Save(slot));
            nodes.extend(nodes_of(&cap.sub)?);
            nodes.push(Node::Save(slot + 1));
        }
        HirKind::Concat(subs) => {
            for sub in subs {
                nodes.extend(nodes_of(sub)?);
            }
        }
        HirKind::Alternation(subs) => {
            nodes.push(Node::Alt(
                subs.iter().map(nodes_of).collect::<Result<_, _>>()?,
            ));
        }
        HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => {
            return Err(format!("not a pattern the matcher runs: {hir}"))
        }
    }
    Ok(nodes)
}

/// A printed phrase, matched as its loose pattern compiled
/// case-insensitively.
#[derive(Debug)]
pub(crate) struct LoosePhrase {
    nodes: Vec<Node>,
}

impl LoosePhrase {
    pub(crate) fn new(phrase: &str) -> Result<LoosePhrase, String> {
        Ok(LoosePhrase {
            nodes: compile(&crate::sections::loose_pattern(phrase))?,
        })
    }

    /// Byte range of the leftmost match in `text`, as `Regex::find` gives it.
    pub(crate) fn find(&self, text: &str) -> Option<(usize, usize)> {
        let mut run = Run::new(text);
        text.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .find_map(|start| run.go(start, &self.nodes, None).map(|end| (start, end)))
    }
}

/// The pattern of the words of `text` joined by `\s+`.
pub(crate) fn spaced_words(text: &str) -> String {
    let words: Vec<String> = text.split_whitespace().map(regex::escape).collect();
    words.join(r"\s+")
}

/// Where a field label may start: at the text's start or after a
/// character neither letter nor digit.
const LABEL_OPENING: &str = r"(?:^|[^\p{L}\p{N}])";

/// [`LABEL_OPENING`]'s nodes, compiled once: case-folding its Unicode
/// class is most of the cost of compiling a label.
static OPENING_NODES: LazyLock<Result<Vec<Node>, String>> =
    LazyLock::new(|| compile(LABEL_OPENING));

/// A field label's pattern without its closing `\b`: its opening, then its
/// words joined by `\s+`.
pub(crate) fn label_pattern(label: &str) -> String {
    format!("{LABEL_OPENING}{}", spaced_words(label))
}

/// Byte range of the first place `text` holds the words of `needle`, in
/// any case and with any run of whitespace between them; None for a
/// needle without words. No regex is compiled: this runs once per mapped
/// value, and compiling a pattern each time was a large share of the run.
pub(crate) fn find_words(text: &str, needle: &str) -> Option<(usize, usize)> {
    let nodes = compile(&spaced_words(needle))
        .ok()
        .filter(|n| !n.is_empty())?;
    let mut run = Run::new(text);
    crate::deadline::within_budget(text.char_indices())
        .find_map(|(start, _)| run.go(start, &nodes, None).map(|end| (start, end)))
}

/// A field label, as its [`label_pattern`] compiled case-insensitively.
#[derive(Debug)]
pub(crate) struct LabelPattern {
    /// The first word alone: a regex of a short literal, which the regex
    /// crate finds fast, unlike the whole label with its Unicode class.
    first: LazyRegex,
    nodes: Vec<Node>,
}

impl LabelPattern {
    /// `None` for a label without words.
    pub(crate) fn new(label: &str) -> Result<Option<LabelPattern>, String> {
        let Some(first) = label.split_whitespace().next() else {
            return Ok(None);
        };
        let first = built(&FIRST_WORDS, first, || {
            Ok::<_, String>(LazyRegex::new(&regex::escape(first)))
        })?;
        // The nodes of `label_pattern(label)`: a concatenation's are its
        // parts' nodes in turn.
        let mut nodes = OPENING_NODES.clone()?;
        nodes.extend(compile(&spaced_words(label))?);
        Ok(Some(LabelPattern { first, nodes }))
    }

    /// The leftmost match starting at or after `from`, as the label regex's
    /// `find_at` gives it. A match starts at the text's start with the first
    /// word, or one character before an occurrence of the first word; those
    /// places are tried in order.
    pub(crate) fn find_at(&self, haystack: &str, from: usize) -> Option<(usize, usize)> {
        let mut run = Run::new(haystack);
        let mut at = from;
        let mut tried = None;
        while let Some(word) = self.first.find_at(haystack, at) {
            let p = word.start();
            let start = match haystack.get(..p).and_then(|h| h.chars().next_back()) {
                Some(before) => p - before.len_utf8(),
                None => p,
            };
            if start >= from && tried != Some(start) {
                if let Some(end) = run.go(start, &self.nodes, None) {
                    return Some((start, end));
                }
                tried = Some(start);
            }
            let width = haystack
                .get(p..)
                .and_then(|h| h.chars().next())
                .map_or(1, char::len_utf8);
            at = p + width;
        }
        None
    }
}

/// The capture slots of the groups `h` and `t`: start, then end.
const H_START: usize = 0;
const T_START: usize = 2;

/// The regex of a heading as a positioned document prints it, without the
/// `^` it is matched after (group `h` the heading, `t` its title), of the
/// printed number's pattern (`sections::mark_pattern`) and the titles'
/// loose patterns; `None` without either.
pub(crate) fn positioned_pattern(mark: Option<&str>, titles: &[String]) -> Option<String> {
    let titles = titles.join("|");
    let body = match (mark, titles.is_empty()) {
        (Some(mark), false) => format!(r"(?P<h>{mark}\s*(?P<t>(?:{titles})[^\n]*))"),
        // A mark or a title alone ends its line, maybe with a colon.
        (Some(mark), true) => format!(r"(?P<h>{mark})[ \t]*:?[ \t]*$"),
        (None, false) => format!(r"(?P<h>(?P<t>{titles}))[ \t]*:?[ \t]*$"),
        (None, true) => return None,
    };
    Some(format!(r"(?m)[ \t]*{body}"))
}

/// A heading as printed in a positioned document: its
/// [`positioned_pattern`], matched at one line start at a time.
#[derive(Debug)]
pub(crate) struct HeadingPattern {
    nodes: Vec<Node>,
    /// The title is captured.
    titled: bool,
}

/// Where a heading pattern matched: the whole heading (group `h`) and
/// its title (group `t`), as byte ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeadingMatch {
    pub h: (usize, usize),
    pub t: Option<(usize, usize)>,
}

impl HeadingPattern {
    /// The positioned heading of a definition with the printed number's
    /// pattern `mark` and the titles' loose patterns `titles`; `None` when
    /// the definition has neither.
    pub(crate) fn new(
        mark: Option<&str>,
        titles: &[String],
    ) -> Result<Option<HeadingPattern>, String> {
        let Some(pattern) = positioned_pattern(mark, titles) else {
            return Ok(None);
        };
        Ok(Some(HeadingPattern {
            nodes: compile(&pattern)?,
            titled: !titles.join("|").is_empty(),
        }))
    }

    /// The match starting at line start `start`, if there is one.
    pub(crate) fn match_at(&self, text: &str, start: usize) -> Option<HeadingMatch> {
        let mut run = Run::new(text);
        run.go(start, &self.nodes, None)?;
        let [hs, he, ts, te] = run.slots;
        Some(HeadingMatch {
            h: (hs, he),
            t: self.titled.then_some((ts, te)),
        })
    }

    /// The first match at a line start at or after `pos` (the regex with
    /// `captures_at`): `(?m)^` holds at 0 and after every `\n`.
    pub(crate) fn find_from(&self, text: &str, pos: usize) -> Option<HeadingMatch> {
        let at_line_start = pos == 0 || text.as_bytes().get(pos.wrapping_sub(1)) == Some(&b'\n');
        let newlines = text
            .get(pos..)
            .into_iter()
            .flat_map(|rest| rest.match_indices('\n'))
            .map(|(i, _)| pos + i + 1);
        at_line_start
            .then_some(pos)
            .into_iter()
            .chain(newlines)
            .find_map(|start| self.match_at(text, start))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use regex::{Regex, RegexBuilder};

    #[test]
    fn words_are_found_in_any_case_and_spacing() {
        let text = "Kontakt:  Ola NORDMANN\n  og  Kari";
        assert_eq!(find_words(text, "ola nordmann"), Some((10, 22)));
        assert_eq!(find_words(text, "Nordmann og kari"), Some((14, 33)));
        assert_eq!(find_words("Ærlig   Øya", "ærlig øya"), Some((0, 13)));
        assert_eq!(find_words(text, "olanordmann"), None);
        assert_eq!(find_words(text, "Kari Nordmann"), None);
        assert_eq!(find_words(text, "  "), None);
    }

    #[test]
    fn classes_accept_what_a_one_character_regex_accepts() {
        let patterns = [
            r"\s",
            r"[^\p{L}\p{N}]",
            r"\d",
            r"[*•\-–]",
            r"[ \t]",
            r"[^\n]",
            "ø",
            "å",
            r"\.",
            "k",
            "s",
            "ß",
            "ǅ",
            "",
            "ab",
            r"a|b",
            r"\w",
        ];
        let chars = [
            'a',
            'A',
            'k',
            'K',
            '\u{212a}',
            's',
            'S',
            '\u{17f}',
            'ø',
            'Ø',
            'å',
            'Å',
            'æ',
            'ß',
            '\u{1e9e}',
            'ǅ',
            'ǆ',
            'Ǆ',
            'é',
            '\u{a0}',
            '\u{2003}',
            '\n',
            '\t',
            ' ',
            '–',
            '•',
            '*',
            '-',
            '.',
            '٣',
            '5',
            '_',
            '\u{10ffff}',
        ];
        for pattern in patterns {
            let nodes = compile(pattern).expect("compiles");
            let re = ci(&format!(r"\A(?:{pattern})\z"));
            for c in chars {
                let text = c.to_string();
                let whole = Run::new(&text).go(0, &nodes, None) == Some(text.len());
                assert_eq!(whole, re.is_match(&text), "{pattern:?} {c:?}");
            }
        }
    }
    use crate::sections::{loose_pattern, mark_pattern};

    fn ci(pattern: &str) -> Regex {
        RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .expect("regex")
    }

    #[test]
    fn phrases_agree_with_the_regex() {
        let cases = [
            ("Beskriv innsats", "Tekst. BESKRIV\n innsats og mer"),
            ("Beskriv innsats", "beskrivinnsats"),
            ("Beskriv innsats", "beskriv  innsat"),
            (
                "Fortell et par case i {year} her.",
                "x fortell  et\npar case i 2011 her.",
            ),
            (
                "Fortell et par case i {year} her.",
                "fortell et par case i 201 her.",
            ),
            ("* Økt bolig *Bedre", "- Økt bolig * Bedre"),
            ("* Økt bolig *Bedre", "–økt BOLIG•bedre"),
            ("*", "a * \n b"),
            ("Kunnskap", "\u{212A}unnskap"),
            ("saker", "\u{17F}aker"),
            ("Årsrapport", "\u{212B}rsrapport ÅRSRAPPORT"),
            ("Straße", "STRASSE strasse STRAẞE"),
            ("år {year}", "år \u{0664}\u{0665}\u{0666}\u{0667}"),
            ("a b", "a\u{00A0}\u{2003}b"),
            ("", "tekst"),
            ("ord", ""),
            ("ord", "ordord"),
        ];
        for (phrase, text) in cases {
            let re = ci(&loose_pattern(phrase));
            let phrase_match = LoosePhrase::new(phrase).expect("phrase");
            assert_eq!(
                phrase_match.find(text),
                re.find(text).map(|m| (m.start(), m.end())),
                "{phrase:?} in {text:?}"
            );
        }
    }

    #[test]
    fn repetitions_agree_with_the_regex_and_the_rest_is_refused() {
        for pattern in [r"a{2,4}b", r"x+y?\d{2}", r"(?:^|-)k"] {
            let nodes = compile(pattern).expect("compiles");
            for text in ["aab aaaaab ab", "xx1 xxxy12", "k-K \u{212A}", "-k"] {
                let mut run = Run::new(text);
                let got = (0..=text.len())
                    .filter(|&p| text.is_char_boundary(p))
                    .find_map(|start| run.go(start, &nodes, None).map(|end| (start, end)));
                let want = ci(pattern).find(text).map(|m| (m.start(), m.end()));
                assert_eq!(got, want, "{pattern:?} in {text:?}");
            }
        }
        for pattern in [r"a*?", r"(?:ab)*", r"\bord", r"(?P<x>a)", r"\z"] {
            assert!(compile(pattern).is_err(), "{pattern:?}");
        }
    }

    /// The regex a positioned heading pattern stands for, of the printed
    /// `mark` (as written in the definition) and the titles' loose patterns.
    pub(crate) fn heading_regex(mark: Option<&str>, titles: &[String]) -> Option<Regex> {
        let mark = mark.map(mark_pattern);
        positioned_pattern(mark.as_deref(), titles).map(|p| ci(&format!("(?m)^{p}")))
    }

    #[test]
    fn headings_agree_with_the_regex() {
        let defs: [(Option<&str>, &[&str]); 6] = [
            (Some("1.1"), &["Anskaffe og beholde bolig"]),
            (
                Some("A.2"),
                &[
                    "Kunnskap om virkemidler",
                    "Kunnskap om bruk av boligsosiale virkemidler",
                ],
            ),
            (Some("Delmål A"), &[]),
            (None, &["Generell programinformasjon", "Generell"]),
            (Some("4.2.E"), &["Tiltak", "Tiltak og virkemidler"]),
            (Some("2."), &[".Punkt", "Rapportering på {year}"]),
        ];
        let texts = [
            "Innhold\n1.1 Anskaffe og beholde bolig\nTekst",
            "  1. 1.   ANSKAFFE OG\nbeholde  bolig mer tekst\nneste",
            "1.1Anskaffe og beholde boligen\n",
            "A.2 Kunnskap om bruk av boligsosiale virkemidler\nA.2. kunnskap om virkemidler:",
            "tekst\n\tDelmål  A :\t\nTekst\nDelmål A\n",
            "Generell programinformasjon:\nGenerell programinformasjon x\nGenerell\n",
            "4.2.E Tiltak og virkemidler\n4. 2. E. tiltak",
            "2..Punkt\n2. Rapportering på 2012 og 2013\n2 .Punkt",
            "",
            "\n\n",
        ];
        for (mark, titles) in defs {
            let titles: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
            let patterns: Vec<String> = titles.iter().map(|t| loose_pattern(t)).collect();
            let re = heading_regex(mark, &patterns).expect("regex");
            let pattern = HeadingPattern::new(mark.map(mark_pattern).as_deref(), &patterns)
                .expect("builds")
                .expect("pattern");
            for text in texts {
                for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                    let want = re.captures_at(text, pos).map(|c| HeadingMatch {
                        h: c.name("h")
                            .map(|m| (m.start(), m.end()))
                            .unwrap_or_default(),
                        t: c.name("t").map(|m| (m.start(), m.end())),
                    });
                    assert_eq!(
                        pattern.find_from(text, pos),
                        want,
                        "{mark:?} {titles:?} in {text:?} from {pos}"
                    );
                }
            }
        }
    }
}
