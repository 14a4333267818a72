//! Reading front-matter fields one at a time, so that one bad or missing field never
//! hides the problems of another, and accepting a single value wherever a list is.

use crate::diagnostic::Diagnostic;
use crate::yaml::YamlDoc;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

/// Removes `key` from `map` and converts it. Absent and `null` give `None`; a value of the
/// wrong type is reported at its field (a full path from `prefix`) and also gives `None`.
pub fn take<T: DeserializeOwned>(
    doc: &YamlDoc,
    map: &mut Mapping,
    prefix: &str,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    let value = map.remove(key).filter(|v| !v.is_null())?;
    doc.deserialize_at(value, &format!("{prefix}{key}")).map_err(|d| out.push(d)).ok()
}

/// Like [`take`] for a list: a single value is read as a list of one (`tags: rust`).
pub fn take_list<T: DeserializeOwned>(
    doc: &YamlDoc,
    map: &mut Mapping,
    prefix: &str,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<T> {
    if let Some(v) = map.get_mut(key) {
        *v = one_or_many(std::mem::take(v));
    }
    take(doc, map, prefix, key, out).unwrap_or_default()
}

/// `countries: worldwide` reads as `countries: [worldwide]`; a list or `null` is kept.
pub fn one_or_many(value: Value) -> Value {
    match value {
        Value::Sequence(_) | Value::Null => value,
        single => Value::Sequence(vec![single]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn map(text: &str) -> Mapping {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn a_single_value_is_a_list_of_one() {
        let doc = YamlDoc::new(Path::new("a.md"), "tags: rust\n", 1);
        let (mut m, mut out) = (map("tags: rust\n"), vec![]);
        assert_eq!(take_list::<String>(&doc, &mut m, "", "tags", &mut out), ["rust"]);
        let mut m = map("tags: [a, b]\n");
        assert_eq!(take_list::<String>(&doc, &mut m, "", "tags", &mut out), ["a", "b"]);
        assert!(out.is_empty());
    }

    #[test]
    fn a_wrong_type_is_reported_at_its_field_and_the_rest_stays_readable() {
        let text = "title: [a]\nslug: ok\n";
        let doc = YamlDoc::new(Path::new("a.md"), text, 1);
        let (mut m, mut out) = (map(text), vec![]);
        assert_eq!(take::<String>(&doc, &mut m, "", "title", &mut out), None);
        assert_eq!(take::<String>(&doc, &mut m, "", "slug", &mut out).as_deref(), Some("ok"));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].location(), "a.md:2:8");
        assert_eq!(out[0].field.as_deref(), Some("title"));
    }
}
