//! One fixture per class of bad input under `tests/fixtures/invalid/<case>/`: each is the
//! shared `_base` site plus one broken thing (`bad-config` replaces the config). The real binary's stderr must match the
//! case's `expected-stderr.txt` exactly (file, line, column, field, message and help), the
//! exit status must be 1 and nothing may be written.

mod common;

use std::path::Path;

fn check(case: &str) {
    let invalid = common::fixtures().join("invalid");
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&invalid.join("_base"), dir.path());
    common::copy_dir(&invalid.join(case), dir.path());
    std::fs::remove_file(dir.path().join("expected-stderr.txt")).unwrap();
    let out = common::build(dir.path(), &[]);
    let expected = std::fs::read_to_string(invalid.join(case).join("expected-stderr.txt")).unwrap();
    assert_eq!(common::stderr(&out), expected, "stderr of case {case}");
    assert_eq!(out.status.code(), Some(1), "exit status of case {case}");
    assert!(!dir.path().join("public").exists(), "case {case} wrote output");
}

macro_rules! cases {
    ($($name:ident => $dir:literal),* $(,)?) => {
        $( #[test] fn $name() { check($dir); } )*

        /// Every fixture folder has a test, so a new case cannot be silently skipped.
        #[test]
        fn every_fixture_has_a_test() {
            let mut dirs: Vec<String> = std::fs::read_dir(common::fixtures().join("invalid"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != "_base")
                .collect();
            dirs.sort();
            let mut listed = vec![$($dir.to_string()),*];
            listed.sort();
            assert_eq!(dirs, listed);
        }
    };
}

cases! {
    rejects_a_file_without_front_matter => "missing-front-matter",
    rejects_unclosed_front_matter => "unclosed-front-matter",
    rejects_a_missing_required_field => "missing-required-field",
    rejects_a_posting_without_location => "no-location",
    rejects_bad_yaml_with_the_file_line => "bad-yaml",
    rejects_a_wrong_type => "wrong-type",
    rejects_an_impossible_date => "impossible-date",
    rejects_closes_before_posted => "closes-before-posted",
    rejects_a_file_that_is_not_utf8 => "not-utf8",
    rejects_salary_min_above_max => "salary-min-above-max",
    rejects_an_unknown_currency => "unknown-currency",
    rejects_an_unknown_country => "unknown-country",
    rejects_an_apply_value_that_is_neither_url_nor_email => "bad-apply",
    rejects_duplicate_slugs_naming_both_files => "duplicate-slug",
    rejects_duplicate_ids_naming_both_files => "duplicate-id",
    rejects_an_unknown_category_with_a_suggestion => "unknown-category",
    rejects_an_unknown_company_with_a_suggestion => "unknown-company",
    rejects_a_page_at_a_path_the_build_owns => "page-reserved-slug",
    rejects_an_unknown_page_field_with_a_suggestion => "page-unknown-field",
    rejects_an_unknown_employment_type_with_a_suggestion => "unknown-employment-type",
    rejects_an_unknown_field_with_a_suggestion => "unknown-field",
    reports_every_problem_of_every_file_in_one_run => "several-errors",
    rejects_a_bad_config_reporting_every_problem => "bad-config",
    rejects_a_posting_without_description => "empty-description",
    rejects_a_file_name_that_gives_an_empty_slug => "empty-slug",
    rejects_an_inline_company_that_clashes_with_a_company_file => "inline-company-clash",
    locates_errors_in_lists_written_at_their_keys_indent => "list-positions",
    reports_an_unknown_company_field_once => "unknown-company-field",
    a_misspelt_key_hides_no_other_error => "misspelt-key-hides-nothing",
    rejects_placeholder_markers_outside_code_in_published_postings => "placeholder-markers",
    locates_a_duplicate_key_at_its_second_occurrence => "duplicate-key",
    locates_a_duplicate_config_key_at_its_second_occurrence => "duplicate-config-key",
    rejects_local_logos_that_are_not_static_files => "missing-logo",
    suggests_the_category_an_abbreviation_stands_for => "unknown-category-abbreviation",
    rejects_apply_links_with_other_schemes => "unsafe-apply-scheme",
    rejects_aliases_that_collide_with_pages_or_each_other => "alias-collision",
    rejects_malformed_aliases_and_updated_before_posted => "bad-alias-and-updated",
}

#[test]
fn expected_texts_name_the_file_and_line() {
    // Guards the fixtures themselves: every expected error names a file:line:column.
    for entry in std::fs::read_dir(common::fixtures().join("invalid")).unwrap() {
        let path = entry.unwrap().path().join("expected-stderr.txt");
        if !Path::new(&path).exists() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| l.starts_with("error: ")) {
            let loc = line.trim_start_matches("error: ").split(": ").next().unwrap();
            assert_eq!(loc.matches(':').count(), 2, "{} lacks file:line:col: {line}", path.display());
        }
    }
}
