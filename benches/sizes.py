"""Breaks a built site down by what its files are for: bytes and files per kind, and folders.

Usage: sizes.py DIR  ->  one JSON object on stdout:
{"files": N, "folders": N, "bytes": N, "kinds": {"posting pages": {"bytes": N, "files": N}, ...}}

Kinds follow Vacancy's URL layout (README "URL layout"); for Hugo's output only the totals mean
anything (its pages land in "posting pages" and "listings" by the same rules).
"""
import json, os, re, sys

KINDS = [  # (kind, pattern on the output-relative path); the first match wins
    ("social cards", r"^jobs/[^/]+/card\.png$"),
    ("posting pages", r"^jobs/[^/]+/index\.html$"),
    ("embed", r"^embed(/|\.js$)"),
    ("listings", r"(^|/)index\.html$"),
    ("RSS feeds", r"(^|/)(feed|index)\.xml$"),
    ("Atom and JSON Feed", r"(^|/)(atom\.xml|feed\.json)$"),
    ("exports", r"^(jobs(-\d+)?\.json|jobs\.schema\.json|jobs-indeed\.xml)$"),
    ("search index", r"^search/"),
    ("sitemaps", r"^sitemap(-\d+)?\.xml$"),
]


def kind(rel: str) -> str:
    return next((k for k, pat in KINDS if re.search(pat, rel)), "other")


def breakdown(root: str) -> dict:
    kinds, files, folders, total = {}, 0, 0, 0
    for dirpath, dirnames, filenames in os.walk(root):
        folders += len(dirnames)
        for name in filenames:
            path = os.path.join(dirpath, name)
            size = os.lstat(path).st_size
            k = kinds.setdefault(kind(os.path.relpath(path, root).replace(os.sep, "/")), {"bytes": 0, "files": 0})
            k["bytes"] += size
            k["files"] += 1
            files += 1
            total += size
    return {"files": files, "folders": folders, "bytes": total, "kinds": kinds}


if __name__ == "__main__":
    print(json.dumps(breakdown(sys.argv[1])))
