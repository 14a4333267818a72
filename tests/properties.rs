//! Property tests (proptest) for the hardening guarantees, on generated hostile input:
//! JSON-LD round-trips any posting that parses, and sanitised bodies never carry script.

use proptest::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use vacancy::config::Config;
use vacancy::content::posting;
use vacancy::markdown;
use vacancy::sanitize::RawHtml;

fn config() -> Config {
    let text = "title: Jobs\nbase_url: https://jobs.example/\norganization: {name: Acme, url: https://acme.example}\n";
    vacancy::config::parse(Path::new("config.yaml"), text, None).unwrap()
}

/// Strings a stranger might paste: anything, or a mix of the characters that break
/// escaping (`</script>`, `<!--`, `]]>`, quotes, U+2028, RTL override, NUL, emoji).
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("]]>".to_string()),
        Just("\"'`".to_string()),
        Just("\u{2028}\u{2029}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\0".to_string()),
        Just("👩‍💻".to_string()),
        Just("&amp;<b>".to_string()),
        "[a-zA-Z ]{1,8}",
    ];
    prop_oneof![any::<String>(), prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())]
}

/// Dangerous HTML constructs, mixed with Markdown and arbitrary text into bodies.
fn hostile_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>window.__pwned=1</script>"),
        Just("<SCRIPT SRC=//x.example/a.js></SCRIPT>"),
        Just("<img src=x onerror=\"window.__pwned=1\">"),
        Just("<a href=\"javascript:window.__pwned=1\">a</a>"),
        Just("<a href=\" JaVaScRiPt:alert(1)\">b</a>"),
        Just("<a href=\"java&#x09;script:alert(1)\">c</a>"),
        Just("<a href=\"data:text/html,<script>alert(1)</script>\">d</a>"),
        Just("<a href=\"vbscript:msgbox(1)\">e</a>"),
        Just("<iframe src=\"https://x.example\"></iframe>"),
        Just("<svg><script>alert(1)</script></svg>"),
        Just("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
        Just("<style>body{display:none}</style>"),
        Just("<form action=/x><input name=a></form>"),
        Just("<details open ontoggle=alert(1)><summary>s</summary>x</details>"),
        Just("<div style=\"background:url(javascript:alert(1))\">d</div>"),
        Just("<object data=x></object><embed src=x>"),
        Just("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"),
        Just("<!--"),
        Just("-->"),
        Just("<b>"),
        Just("</td>"),
        Just("<table><tr><td>1</td></tr></table>"),
        Just("\n\n"),
        Just("[x](javascript:alert(1))"),
        Just("![i](data:image/svg+xml,<svg onload=alert(1)>)"),
        Just("```\n<script>\n```\n"),
        Just("`<script>`"),
        Just("# h\n"),
        Just("* item\n"),
        Just("> quote\n"),
    ];
    let part = prop_oneof![piece.prop_map(str::to_string), "[ -~\n]{0,20}"];
    prop::collection::vec(part, 0..16).prop_map(|v| v.concat())
}

/// True when `url` (an attribute value as the browser sees it) has a script-capable scheme.
fn is_script_url(url: &str) -> bool {
    let squeezed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = squeezed.to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"].iter().any(|s| lower.starts_with(s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_posting_that_parses_round_trips_through_json_ld(
        title in hostile_text(),
        company in hostile_text(),
        city in hostile_text(),
        tag in hostile_text(),
        body in hostile_text(),
    ) {
        let config = config();
        let yaml = |s: &str| serde_json::to_string(s).unwrap(); // JSON strings are YAML
        let text = format!(
            "---\ntitle: {}\ncompany: {{name: {}, url: https://c.example}}\ncategory: eng\nemployment_type: full-time\nlocation: {{places: [{{city: {}, country: DE}}]}}\nposted: 2026-03-01\napply: https://c.example/apply\ntags: [{}]\n---\nWords here. {}\n",
            yaml(&title), yaml(&company), yaml(&city), yaml(&tag), body
        );
        let companies = HashMap::new();
        let cx = posting::Context { config: &config, companies: &companies };
        let (parsed, _) = posting::parse(Path::new("content/jobs/p.md"), text.as_bytes(), &cx);
        let Some(p) = parsed else { return Ok(()) };
        let script = vacancy::render::jsonld::job_posting(&p, &config);
        // It is embedded in <script>: nothing in it may end or comment out the element.
        // Only `</script` (the end tag, any case) and `<!` (`<!--`) are special there.
        prop_assert!(!script.to_ascii_lowercase().contains("</script") && !script.contains("<!"), "{}", script);
        let jp: serde_json::Value = serde_json::from_str(&script).unwrap();
        prop_assert_eq!(jp["title"].as_str(), Some(p.title.as_str()));
        let html = p.body.html();
        // One paragraph: the description is it without the line break after `</p>`.
        prop_assert_eq!(jp["description"].as_str(), Some(html.trim_end_matches('\n')));
        prop_assert_eq!(jp["hiringOrganization"]["name"].as_str(), Some(p.company.name.as_str()));
        prop_assert_eq!(
            jp["jobLocation"][0]["address"]["addressLocality"].as_str(),
            p.location.places[0].city.as_deref()
        );
        prop_assert_eq!(jp["datePosted"].as_str(), Some("2026-03-01"));
    }

    #[test]
    fn sanitised_bodies_are_well_formed_and_carry_no_script(body in hostile_body()) {
        let html = markdown::render(&body, RawHtml::Sanitize).html;
        let doc = scraper::Html::parse_fragment(&html);
        prop_assert!(doc.errors.is_empty(), "parse errors {:?} in {}", doc.errors, html);
        for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
            let name = el.value().name();
            prop_assert!(
                !["script", "style", "iframe", "object", "embed", "form", "input", "svg", "math", "noscript"].contains(&name),
                "<{}> in {}", name, html
            );
            for (attr, value) in el.value().attrs() {
                prop_assert!(!attr.starts_with("on"), "event handler {} in {}", attr, html);
                prop_assert!(attr != "style" || value.starts_with("text-align"), "style {} in {}", value, html);
                if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr) {
                    prop_assert!(!is_script_url(value), "{}={} in {}", attr, value, html);
                }
            }
        }
    }
}

/// The oracles above can fail: they see parse errors, handlers and disguised schemes.
#[test]
fn the_property_oracles_catch_what_they_look_for() {
    assert!(!scraper::Html::parse_fragment("<p><b>x</p></i>").errors.is_empty());
    assert!(is_script_url(" Java\tScript:alert(1)") && is_script_url("DATA:text/html,x"));
    assert!(!is_script_url("/jobs/") && !is_script_url("https://x.example/javascript:"));
    let html = markdown::render("<b onclick=x>b</b>", RawHtml::Trust).html;
    assert!(html.contains("onclick"), "trust mode is what the property would catch: {html}");
}
