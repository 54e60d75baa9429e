//! YAML into typed structs, with located errors.
//!
//! Every YAML document of a site (`site.yaml`, front matter, questionnaires)
//! goes through [`parse`], so that every YAML mistake is reported the same
//! way: file, line and column in the file as the author sees it, and for an
//! unknown key a "did you mean" suggestion.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error as YamlError, MessageFormatter, Options};

use crate::error::{Diagnostic, Location, Problem};

/// Parses `yaml`, which starts on line `first_line` (counting from 1) of
/// `file`, whose full text is `file_text`.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    file_text: &str,
    yaml: &str,
    first_line: usize,
) -> Result<T, Box<Diagnostic>> {
    let mut options = Options::default();
    options.with_snippet = false;
    serde_saphyr::from_str_with_options(yaml, options)
        .map_err(|e| Box::new(diagnostic(file, file_text, first_line, &e)))
}

/// The location of a value deserialized as [`serde_saphyr::Spanned`].
pub fn span_location(
    file: &Path,
    file_text: &str,
    first_line: usize,
    at: &serde_saphyr::Location,
) -> Location {
    Location::at_line(
        file,
        file_text,
        at.line() as usize + first_line - 1,
        at.column() as usize,
    )
}

fn diagnostic(file: &Path, file_text: &str, first_line: usize, error: &YamlError) -> Diagnostic {
    let error = error.without_snippet();
    let location = match error.location() {
        Some(at) if at.line() > 0 => span_location(file, file_text, first_line, &at),
        _ => Location::at_line(file, file_text, first_line, 1),
    };
    let problem = match error {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownKey {
            suggestion: closest(field, expected),
            key: field.clone(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        },
        YamlError::SerdeMissingField { field, .. } => Problem::MissingKey {
            key: field.to_string(),
        },
        other => Problem::Yaml {
            message: DefaultMessageFormatter.format_message(other).into_owned(),
        },
    };
    Diagnostic::new(location, problem)
}

/// The expected key most like `key`, if one is close enough to be a typo.
fn closest(key: &str, expected: &[&str]) -> Option<String> {
    expected
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Demo {
        title: String,
        weight: Option<i64>,
    }

    fn parse_demo(yaml: &str) -> Result<Demo, Box<Diagnostic>> {
        let text = format!("---\n{yaml}---\nbody\n");
        parse(Path::new("p.md"), &text, yaml, 2)
    }

    #[test]
    fn unknown_key_suggests_the_nearest_key() {
        let err = parse_demo("title: x\ntitel: y\n").unwrap_err();
        assert_eq!(err.location.line, 3);
        assert_eq!(err.location.source_line, "titel: y");
        match err.problem {
            Problem::UnknownKey {
                key, suggestion, ..
            } => {
                assert_eq!(key, "titel");
                assert_eq!(suggestion.as_deref(), Some("title"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn wrong_type_is_located_on_its_line() {
        let err = parse_demo("title: x\nweight: zwaar\n").unwrap_err();
        assert_eq!(err.location.line, 3);
        assert!(matches!(err.problem, Problem::Yaml { .. }), "{err}");
    }

    #[test]
    fn missing_required_key_is_named() {
        let err = parse_demo("weight: 3\n").unwrap_err();
        assert_eq!(
            err.problem,
            Problem::MissingKey {
                key: "title".into()
            }
        );
    }
}
