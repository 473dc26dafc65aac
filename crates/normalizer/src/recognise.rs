//! Form recognition: scores every form definition's phrases against the
//! document and picks the best one above its threshold.

use skjema_model::Template;

use crate::forms::{squeeze_into, FormDefinition};

/// The recogniser's verdict.
#[derive(Debug)]
pub struct Recognition<'f> {
    /// The chosen form, `None` when no form reached its threshold.
    pub form: Option<&'f FormDefinition>,
    /// The template (unknown when no form was chosen).
    pub template: Template,
    /// 0..1: share of the form's phrases found, lowered when a rival scores close.
    pub confidence: f64,
}

/// Scores each form on the document text (and text set vertically on the
/// pages, which on covers often carries the title), given in parts.
pub fn recognise<'f>(forms: &'f [FormDefinition], parts: &[&str]) -> Recognition<'f> {
    let mut squeezed = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        squeeze_into(&mut squeezed, part);
    }
    let score = |form: &FormDefinition| -> f64 {
        let found = form
            .recognise
            .iter()
            .filter(|p| squeezed.contains(&p.squeezed));
        found.map(|p| p.weight).sum()
    };
    let candidates = forms.iter().filter(|form| !form.fallback);
    let mut scored: Vec<(f64, &FormDefinition)> = candidates.map(|f| (score(f), f)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best_score, best) = match scored.first() {
        Some(&(score, form)) if score >= form.min_score => (score, form),
        _ => {
            return Recognition {
                form: None,
                template: Template::Unknown,
                confidence: 0.0,
            }
        }
    };
    let second = scored.get(1).map_or(0.0, |s| s.0);
    let coverage = best_score / best.max_score().max(f64::EPSILON);
    let margin = (best_score - second) / best_score.max(f64::EPSILON);
    let confidence = (coverage * (0.5 + 0.5 * margin)).clamp(0.0, 1.0);
    Recognition {
        form: Some(best),
        template: best.template,
        confidence: (confidence * 100.0).round() / 100.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::builtin;

    #[test]
    fn annual_form_wins_on_its_cover_and_sections() {
        let forms = builtin().expect("forms");
        let text = "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM ÅRSRAPPORT 2012 \
                    Generell programinformasjon 1. Rapportering på hovedmål \
                    1.1 Anskaffe og beholde bolig";
        let r = recognise(forms, &[text]);
        assert_eq!(r.template, Template::Arsrapport2012);
        assert!(r.confidence > 0.5, "{}", r.confidence);
    }

    #[test]
    fn letter_spaced_title_still_counts() {
        let forms = builtin().expect("forms");
        let text = "ÅRS - OG HAL VÅ RSRAPPORTERING Skjema for års- og halvårsrapportering \
                    2. Rapportering på programplanen";
        assert_eq!(recognise(forms, &[text]).template, Template::ArsHalvar2011);
    }

    #[test]
    fn unrelated_text_is_unknown() {
        let forms = builtin().expect("forms");
        let r = recognise(forms, &["Invoice 2013 for office chairs, total NOK 12 000"]);
        assert_eq!(r.template, Template::Unknown);
        assert_eq!(r.confidence, 0.0);
    }
}
