//! Per-form section definitions, read from `forms/sections/*.toml`: which
//! headings a form prints, in which order, with their printed guidance.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;

use super::cleanup::loose_pattern;
use crate::forms::SECTION_SOURCES as SOURCES;
use crate::lazy_regex::ci;
use crate::pattern::{HeadingPattern, LoosePhrase};

#[derive(Debug, Deserialize)]
struct RawHeading {
    number: Option<String>,
    mark: Option<String>,
    title: Option<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    prompts: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    parent: Option<String>,
    #[serde(default)]
    fields: bool,
}

/// One heading a form prints.
#[derive(Debug, Deserialize)]
#[serde(try_from = "RawHeading")]
pub(crate) struct HeadingDef {
    /// Number as stored ("1.1", "A", "4.2.E"), `None` for a titled block.
    pub number: Option<String>,
    /// Pattern of the printed number ("1\.\s?1\.?", "Delmål\s+A"), if any.
    pub mark: Option<String>,
    /// Patterns of the printed title variants.
    pub titles: Vec<String>,
    /// A title that is not printed after the mark ("Delmål A").
    pub fixed_title: Option<String>,
    /// The printed guidance variants, each matched as its loose pattern
    /// (see `pattern`).
    pub prompt_phrases: Vec<LoosePhrase>,
    /// For each variant, its longest word lower-cased: text without it cannot
    /// hold the variant, and checking that is cheaper than matching it.
    pub prompt_keys: Vec<Option<String>>,
    /// Further printed guidance left out of the answer.
    pub skip: Vec<Regex>,
    /// Number of the enclosing section.
    pub parent: Option<String>,
    /// The section holds label: value fields or a table, mapped elsewhere;
    /// it has no narrative text.
    pub fields: bool,
    /// The bullet the printed guidance starts with, if any.
    pub bullet: Option<char>,
    /// The heading as a positioned document prints it (the positioned
    /// heading regex, matched without the regex engine); `None` without
    /// mark and titles.
    pub positioned: Option<HeadingPattern>,
    /// The heading's regexes, built on first use and kept for the process
    /// (see `headings::heading_regex`): the full heading in running text
    /// (positioned lines use `positioned`), then number-only for running
    /// text and for positioned lines.
    pub regexes: [std::sync::OnceLock<Option<Regex>>; 3],
}

/// What the engine knows about one form's sections.
#[derive(Debug, Deserialize)]
pub(crate) struct SectionSpec {
    /// The form's template name.
    pub template: String,
    /// Free-form chapters (final reports) rather than a fixed heading list.
    #[serde(default)]
    pub free: bool,
    /// Fixed headings in print order.
    #[serde(default, rename = "heading")]
    pub headings: Vec<HeadingDef>,
    /// Unnumbered headings that open a section in a free-form document.
    #[serde(default)]
    pub titled: Vec<String>,
    /// Their regexes (group `h`), in the same order.
    #[serde(skip)]
    pub titled_regexes: Vec<Option<Regex>>,
    /// Titles of a table of contents.
    #[serde(default)]
    pub toc_titles: Vec<String>,
    /// Printed lines that belong to no section text.
    #[serde(default, deserialize_with = "regexes")]
    pub drop_lines: Vec<Regex>,
}

fn regexes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Regex>, D::Error> {
    let patterns = Vec::<String>::deserialize(d)?;
    patterns
        .iter()
        .map(|p| ci(p).map_err(serde::de::Error::custom))
        .collect()
}

/// The pattern of a printed number: "A.1" also matches "A.1." and "A. 1";
/// a mark with a space ("Delmål A") matches any spacing.
pub(crate) fn mark_pattern(mark: &str) -> String {
    let mark = mark.trim().trim_end_matches('.');
    if mark.contains(' ') {
        return loose_pattern(mark);
    }
    let parts: Vec<String> = mark.split('.').map(regex::escape).collect();
    format!("{}\\.?", parts.join("\\.\\s?"))
}

impl TryFrom<RawHeading> for HeadingDef {
    type Error = String;

    fn try_from(h: RawHeading) -> Result<HeadingDef, String> {
        let raw_mark = h.mark.as_deref().or(h.number.as_deref());
        let mark = raw_mark.map(mark_pattern);
        let prompt_phrases = h.prompts.iter().map(|p| LoosePhrase::new(p));
        let prompt_phrases = prompt_phrases.collect::<Result<Vec<_>, _>>()?;
        let skip = h.skip.iter().map(|p| ci(&loose_pattern(p)));
        let skip = skip.collect::<Result<Vec<_>, _>>()?;
        let titles: Vec<String> = h.titles.iter().map(|t| loose_pattern(t)).collect();
        let positioned = HeadingPattern::new(mark.as_deref(), &titles)?;
        // A prompt's key: its longest word, lower-cased.
        let key = |p: &String| {
            let words = p.split_whitespace().filter(|w| *w != "{year}");
            let words = words.map(|w| w.trim_start_matches(['*', '•']));
            let longest = words.max_by_key(|w| w.chars().count());
            longest.filter(|w| !w.is_empty()).map(str::to_lowercase)
        };
        let prompt_keys = h.prompts.iter().map(key).collect();
        let first = h
            .prompts
            .first()
            .and_then(|p| p.trim_start().chars().next());
        Ok(HeadingDef {
            number: h.number,
            prompt_keys,
            mark,
            titles,
            fixed_title: h.title,
            prompt_phrases,
            skip,
            parent: h.parent,
            fields: h.fields,
            bullet: first.filter(|c| matches!(c, '*' | '•')),
            positioned,
            regexes: Default::default(),
        })
    }
}

/// Each built-in form's section definition, read when a report on that
/// form first asks for it: compiling a definition's heading patterns is
/// most of a run's start-up, and a batch on one form needs one.
static SPECS: LazyLock<Vec<OnceLock<Result<SectionSpec, String>>>> =
    LazyLock::new(|| SOURCES.iter().map(|_| OnceLock::new()).collect());

fn load(name: &str, text: &str) -> Result<SectionSpec, String> {
    let mut spec: SectionSpec =
        toml::from_str(text).map_err(|e| format!("forms/sections/{name}.toml: {e}"))?;
    spec.titled_regexes = spec
        .titled
        .iter()
        .map(|t| Regex::new(&format!(r"(?:^|\s)(?P<h>{})(?:\s|$)", regex::escape(t))).ok())
        .collect();
    Ok(spec)
}

/// The section definition of a template, or why it could not be loaded;
/// `Ok(None)` when the template has none. A definition is named after its
/// form (`forms/sections/<template>.toml`).
pub(crate) fn spec_for(template: &str) -> Result<Option<&'static SectionSpec>, String> {
    let Some(i) = SOURCES.iter().position(|(name, _)| *name == template) else {
        return Ok(None);
    };
    let (Some((name, text)), Some(cell)) = (SOURCES.get(i), SPECS.get(i)) else {
        return Ok(None);
    };
    match cell.get_or_init(|| load(name, text)) {
        Ok(s) if s.template == template => Ok(Some(s)),
        Ok(_) => Ok(None),
        Err(e) => Err(e.clone()),
    }
}

/// A heading as written in a definition: its printed mark (or number) and titles.
#[cfg(test)]
pub(super) type WrittenHeading = (Option<String>, Vec<String>);

/// Each form's headings as written in its definition, by template.
#[cfg(test)]
pub(super) fn written_headings() -> Vec<(String, Vec<WrittenHeading>)> {
    SOURCES
        .iter()
        .filter_map(|(_, text)| {
            #[derive(Deserialize)]
            struct Written {
                template: String,
                heading: Vec<RawHeading>,
            }
            toml::from_str::<Written>(text).ok()
        })
        .map(|raw| {
            let headings = raw
                .heading
                .into_iter()
                .map(|h| (h.mark.or(h.number), h.titles))
                .collect();
            (raw.template, headings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_definition_loads() {
        for (name, _) in SOURCES {
            let spec = spec_for(name).expect("loads").expect("present");
            assert_eq!(spec.template, *name);
        }
    }

    #[test]
    fn marks_accept_printed_variants() {
        let re = Regex::new(&format!("^{}$", mark_pattern("A.1"))).expect("regex");
        assert!(re.is_match("A.1"));
        assert!(re.is_match("A.1."));
        assert!(re.is_match("A. 1"));
        let re = Regex::new(&format!("^{}$", mark_pattern("Delmål A"))).expect("regex");
        assert!(re.is_match("Delmål  A"));
    }
}
