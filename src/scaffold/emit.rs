//! YAML written into the files `init` and `new` create. Values that came from the user go
//! through serde, so a title such as `Engineer: Platform #2` stays one string instead of
//! becoming a map or losing its end to a comment.

use serde_yaml::Value;

/// A YAML scalar for `s`, quoted only when YAML needs it (`: `, `#`, a leading `-`…).
pub fn scalar(s: &str) -> String {
    serde_yaml::to_string(s).map(|y| y.trim_end().to_string()).unwrap_or_else(|_| format!("{s:?}"))
}

/// `key: value` as YAML lines ending in a newline: one line for a scalar, an indented
/// block for a map or a list.
pub fn field(key: &str, value: Value) -> String {
    let mut map = serde_yaml::Mapping::new();
    map.insert(Value::String(key.to_string()), value);
    serde_yaml::to_string(&map).unwrap_or_default()
}

/// A line with its comment lined up with the others in the template.
pub fn commented(out: &mut String, field: &str, comment: &str) {
    if comment.is_empty() {
        out.push_str(field);
    } else {
        out.push_str(&format!("{field:<32} # {comment}"));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_scalars_only_when_yaml_needs_it() {
        assert_eq!(scalar("Senior Rust Engineer"), "Senior Rust Engineer");
        assert_ne!(scalar("Engineer: Platform #2"), "Engineer: Platform #2");
        let back: String = serde_yaml::from_str(&scalar("Engineer: Platform #2")).unwrap();
        assert_eq!(back, "Engineer: Platform #2");
    }

    #[test]
    fn fields_round_trip_through_yaml() {
        let value: Value = serde_yaml::from_str(
            "{remote: true, countries: [US, 'no'], places: [{city: 'A: B', country: DE}]}",
        )
        .unwrap();
        let text = field("location", value.clone());
        assert!(text.starts_with("location:\n"), "{text}");
        let back: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back["location"], value);
        assert_eq!(field("title", Value::String("#1 job".into())), "title: '#1 job'\n");
    }
}
