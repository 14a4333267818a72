//! Publishing into the output folder: leftovers of killed builds, clean-up on failure,
//! symlinked output folders and an undeletable previous build.

mod common;

use common::{build, site_copy, stderr};
use std::fs;
use std::path::Path;
use vacancy::output::publish;
use vacancy::render::Page;

fn page(rel: &str, text: &str) -> Page {
    Page { rel: rel.into(), bytes: text.as_bytes().into() }
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<_> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn folders_left_by_killed_builds_do_not_get_in_the_way() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // What a build killed between its renames, or while writing, leaves behind.
    for leftover in
        [".public.old/index.html", ".public.old-abc123/public/index.html", ".public.staging-xyz/a"]
    {
        let path = tmp.path().join(leftover);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "stale").unwrap();
    }
    let before = names(tmp.path());
    publish(&[page("index.html", "one")], &out).unwrap();
    publish(&[page("index.html", "two")], &out).unwrap();
    assert_eq!(read(&out.join("index.html")), "two");
    // Nothing of ours left behind, nothing of theirs touched.
    let mut expected = before;
    expected.push("public".into());
    expected.sort();
    assert_eq!(names(tmp.path()), expected);
}

#[test]
fn a_leftover_previous_build_does_not_break_vacancy_build() {
    let site = site_copy("minimal");
    let old = site.path().join(".public.old");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("index.html"), "stale").unwrap();
    for _ in 0..2 {
        let o = build(site.path(), &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(site.path().join("public/index.html").exists());
    assert!(
        !names(site.path()).iter().any(|n| n.starts_with(".public.") && n != ".public.old"),
        "{:?}",
        names(site.path())
    );
}

#[test]
fn failed_publishes_leave_no_staging_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    publish(&[page("a.txt", "one")], &out).unwrap();
    // Writing fails.
    assert!(publish(&[page("b.txt", "x"), page("../evil.txt", "x")], &out).is_err());
    assert_eq!(names(tmp.path()), ["public"]);
    assert_eq!(names(&out), ["a.txt"]);
    // The swap fails: the output path is a file.
    let file = tmp.path().join("file");
    fs::write(&file, "keep").unwrap();
    let err = publish(&[page("a.txt", "x")], &file).unwrap_err();
    assert!(format!("{err:#}").contains("not a folder"), "{err:#}");
    assert_eq!(read(&file), "keep");
    assert_eq!(names(tmp.path()), ["file", "public"]);
    // The swap fails: a leftover previous build in the way (the old fixed name).
    let old = tmp.path().join(".public.old");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("x"), "x").unwrap();
    publish(&[page("a.txt", "two")], &out).unwrap();
    assert_eq!(names(tmp.path()), [".public.old", "file", "public"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_keeps_its_link_and_gets_the_new_build() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let www = tmp.path().join("www");
    let target = www.join("site");
    fs::create_dir_all(&target).unwrap();
    fs::write(target.join("stale.txt"), "x").unwrap();
    let site = tmp.path().join("s");
    fs::create_dir_all(&site).unwrap();
    for (link, points_to) in [("abs", target.clone()), ("rel", "../www/site".into())] {
        let out = site.join(link);
        symlink(&points_to, &out).unwrap();
        for text in ["one", "two"] {
            publish(&[page("index.html", &format!("{link} {text}"))], &out).unwrap();
            assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink(), "{link} is still a link");
            assert_eq!(fs::read_link(&out).unwrap(), points_to);
            assert_eq!(read(&target.join("index.html")), format!("{link} {text}"));
            assert_eq!(names(&target), ["index.html"], "the previous build is gone");
            assert_eq!(names(&www), ["site"], "nothing left next to the target");
        }
        assert_eq!(names(&site), [link]);
        fs::remove_file(&out).unwrap();
    }
}

/// Modification time of `path`: equal before and after means the file was not rewritten.
fn mtime(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_rebuild_writes_only_changed_files_and_removes_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let first =
        publish(&[page("same.txt", "1"), page("edit/a.txt", "old"), page("gone/deep/b.txt", "b")], &out)
            .unwrap();
    assert_eq!((first.produced, first.written, first.removed), (3, 3, 0));
    // A temporary file left by a killed build.
    fs::write(out.join(".same.txt.vacancy-new"), "half").unwrap();
    let before = mtime(&out.join("same.txt"));
    std::thread::sleep(std::time::Duration::from_millis(20));

    let second =
        publish(&[page("same.txt", "1"), page("edit/a.txt", "new!"), page("added/c.txt", "c")], &out)
            .unwrap();
    assert_eq!(second.produced, 3);
    assert_eq!(second.written, 2, "the changed and the new file only");
    assert_eq!(second.bytes, 5);
    assert_eq!(second.removed, 2, "the stale page and the leftover temporary file");
    assert_eq!(mtime(&out.join("same.txt")), before, "an unchanged file is not rewritten");
    assert_eq!(read(&out.join("edit/a.txt")), "new!");
    assert_eq!(read(&out.join("added/c.txt")), "c");
    // Folders the removals emptied go too.
    assert_eq!(names(&out), ["added", "edit", "same.txt"]);
    assert_eq!(names(&out.join("edit")), ["a.txt"]);
    assert_eq!(names(tmp.path()), ["public"]);
}

#[test]
fn a_failed_rebuild_leaves_the_output_and_no_temporary_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    publish(&[page("a.txt", "one")], &out).unwrap();
    let r = publish(&[page("a.txt", "two"), page("b.txt", "new"), page("../escape", "x")], &out);
    assert!(r.is_err());
    assert_eq!(read(&out.join("a.txt")), "one");
    assert_eq!(names(&out), ["a.txt"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_or_nowhere_is_refused() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("file"), "keep").unwrap();
    symlink("file", tmp.path().join("to-file")).unwrap();
    symlink("missing", tmp.path().join("dangling")).unwrap();
    let err = publish(&[page("a.txt", "x")], &tmp.path().join("to-file")).unwrap_err();
    assert!(format!("{err:#}").contains("not a folder"), "{err:#}");
    let err = publish(&[page("a.txt", "x")], &tmp.path().join("dangling")).unwrap_err();
    assert!(format!("{err:#}").contains("which does not exist"), "{err:#}");
    assert_eq!(read(&tmp.path().join("file")), "keep");
    assert_eq!(fs::read_link(tmp.path().join("dangling")).unwrap(), Path::new("missing"));
    assert_eq!(names(tmp.path()), ["dangling", "file", "to-file"]);
}

/// Needs a folder the build cannot delete, which permissions alone cannot make for root;
/// `src/output.rs` tests the same through an injected failure.
#[cfg(unix)]
#[test]
fn an_undeletable_previous_build_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let site = site_copy("minimal");
    let public = site.path().join("public");
    let first = build(site.path(), &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let locked = public.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("file"), "x").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(locked.join("probe"), "").is_ok() {
        eprintln!("skipped: running with privileges that ignore folder permissions");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let second = build(site.path(), &[]);
    let err = stderr(&second);
    // Unlock what is left so the temp dir can be cleaned up.
    for entry in walkdir::WalkDir::new(site.path()).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() {
            let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o755));
        }
    }
    assert!(second.status.success(), "{err}");
    assert!(err.contains("warning:") && err.contains("previous"), "{err}");
    assert!(public.join("index.html").exists());
    assert!(err.contains(&locked.join("file").display().to_string()), "names the file: {err}");
}
