"""Summarises benches/run.sh's raw timings: medians, every ratio, results.json and an SVG chart.

Usage: report.py RAW_TSV SIZES_TSV OUT_JSON OUT_SVG VACANCY_VERSION HUGO_VERSION [MAX_RATIO]
Exit status 1 when MAX_RATIO is given and a cold build's vacancy/Hugo wall ratio exceeds it.
"""
import datetime, json, os, statistics, sys

raw, sizes_tsv, out_json, out_svg, vver, hver = sys.argv[1:7]
max_ratio = float(sys.argv[7]) if len(sys.argv) > 7 and sys.argv[7] else None

cells, written = {}, {}
for line in open(raw):
    mode, tool, n, run, wall, rss, extra = line.rstrip("\n").split("\t")
    cells.setdefault((mode, int(n), tool), []).append((float(wall), int(rss) / 1024))
    if extra:
        written[(mode, int(n))] = [int(x.replace(",", "")) for x in extra.split(":")]
med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v)) for k, v in cells.items()}

print(f"\n{'mode':<6} {'postings':>8} {'what':<16} {'wall s':>7} {'RSS MiB':>8}   vs Hugo cold: wall  RSS")
ratios = []
for (mode, n, tool), (w, m) in sorted(med.items()):
    h = med.get((mode, n, "hugo"))
    r = ""
    if h and tool != "hugo":
        ratios.append({"mode": mode, "postings": n, "what": tool, "wall": round(w / h[0], 4),
                       "peak_rss": round(m / h[1], 4)})
        r = f"{w / h[0]:>18.3f} {m / h[1]:>5.3f}"
    note = ""
    if tool == "vacancy-rebuild" and (mode, n) in written:
        f, b, rm = written[mode, n]
        note = f"   wrote {f} files, {b:,} bytes; removed {rm}"
    print(f"{mode:<6} {n:>8} {tool:<16} {w:>7.2f} {m:>8.0f}   {r}{note}")

# --- output: bytes by kind (benches/sizes.py), against Hugo's whole output --------------
PAGES = ("posting pages", "listings", "RSS feeds", "Atom and JSON Feed")
sizes = []
for line in open(sizes_tsv):
    mode, n, v, h = line.rstrip("\n").split("\t")
    sizes.append({"mode": mode, "postings": int(n), "vacancy": json.loads(v), "hugo": json.loads(h) or None})
for s in sizes:
    v, h, n = s["vacancy"], s["hugo"], s["postings"]
    kinds = v["kinds"]
    print(f"\n{s['mode']}, {n:,} postings: Vacancy wrote {v['bytes'] / 1e6:,.1f} MB in {v['files']:,} files and "
          f"{v['folders']:,} folders" + (f"; Hugo {h['bytes'] / 1e6:,.1f} MB in {h['files']:,} files and "
                                          f"{h['folders']:,} folders" if h else ""))
    for k, c in sorted(kinds.items(), key=lambda kv: -kv[1]["bytes"]):
        print(f"  {k:<20} {c['bytes'] / 1e6:>9,.1f} MB {c['files']:>8,} files  {c['bytes'] / v['bytes']:>6.1%}")
    if s["mode"] == "cards":
        c = kinds.get("social cards", {"bytes": 0, "files": 0})
        print(f"  social cards: {c['bytes'] / max(c['files'], 1) / 1e3:,.1f} KB per card")
        continue
    rss = kinds.get("RSS feeds", {"bytes": 0})["bytes"]
    print(f"  RSS feeds: {rss / v['bytes']:.1%} of the output")
    if h:
        core = sum(kinds.get(k, {"bytes": 0})["bytes"] for k in PAGES)
        s["pages_listings_feeds_over_hugo"] = round(core / h["bytes"], 3)
        print(f"  pages, listings and feeds / Hugo's whole output: {core / h['bytes']:.2f}x; "
              f"all output: {v['bytes'] / h['bytes']:.2f}x; files {v['files'] / h['files']:.2f}x")

# --- scaling: the largest size against the one below it, per mode ------------------------
for mode in sorted({m for m, _, _ in med}):
    ns = sorted({n for m, n, t in med if m == mode and t == "vacancy"})
    for lo, hi in zip(ns, ns[1:]):
        (wl, ml), (wh, mh) = med[(mode, lo, "vacancy")], med[(mode, hi, "vacancy")]
        print(f"\n{mode}: Vacancy at {hi:,} postings vs {lo:,}: time {wh / wl:.2f}x, peak memory {mh / ml:.2f}x "
              f"(postings {hi / lo:.0f}x)")

meminfo = open("/proc/meminfo").readline().split()[1]
doc = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
       "machine": {"nproc": os.cpu_count(), "mem_gib": round(int(meminfo) / 2**20, 1),
                   "kernel": os.uname().release, "loadavg": open("/proc/loadavg").read().split()[:3]},
       "versions": {"vacancy": vver, "hugo": hver},
       "medians": [{"mode": k[0], "postings": k[1], "what": k[2], "wall_s": v[0], "peak_rss_mib": round(v[1], 1),
                    "runs_wall_s": [w for w, _ in cells[k]]} for k, v in sorted(med.items())],
       "ratios_over_hugo_cold_build": ratios, "output_sizes": sizes,
       "rebuild_written_files_bytes_removed": {f"{m}/{n}": v for (m, n), v in written.items()}}
json.dump(doc, open(out_json, "w"), indent=2)
print(f"\nwrote {out_json}")

# --- chart: cold build wall time against postings, log-log ---------------------------------
series = {}
for (mode, n, tool), (w, _) in med.items():
    if tool in ("vacancy", "hugo"):
        series.setdefault(f"{tool} ({mode})", []).append((n, w))
if series:
    import math
    W, H, L, R, T, B = 640, 400, 60, 170, 30, 50
    ns = sorted({n for pts in series.values() for n, _ in pts})
    ws = [w for pts in series.values() for _, w in pts]
    x0, x1 = math.log10(min(ns)) - 0.1, math.log10(max(ns)) + 0.1
    y0, y1 = math.log10(max(min(ws), 0.01)) - 0.2, math.log10(max(ws)) + 0.2
    x = lambda n: L + (math.log10(n) - x0) / (x1 - x0) * (W - L - R)
    y = lambda w: H - B - (math.log10(max(w, 0.01)) - y0) / (y1 - y0) * (H - T - B)
    colors = {"vacancy (disk)": "#1f6feb", "vacancy (tmpfs)": "#79b8ff", "hugo (disk)": "#d1242f",
              "hugo (tmpfs)": "#ff8182"}
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" '
           f'font-size="12"><rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{L}" y="18" font-size="14">Cold build wall time (median, log scales), {doc["date"][:10]}</text>',
           f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
           f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
           f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">postings</text>']
    for n in ns:
        svg.append(f'<text x="{x(n):.1f}" y="{H - B + 16}" text-anchor="middle">{n:,}</text>')
    for e in range(math.floor(y0), math.ceil(y1) + 1):
        for m in (1, 2, 5):
            w = m * 10**e
            if y0 <= math.log10(w) <= y1:
                svg.append(f'<line x1="{L}" y1="{y(w):.1f}" x2="{W - R}" y2="{y(w):.1f}" stroke="#ddd"/>'
                           f'<text x="{L - 6}" y="{y(w) + 4:.1f}" text-anchor="end">{w:g} s</text>')
    for i, (name, pts) in enumerate(sorted(series.items())):
        pts.sort()
        c = colors.get(name, "#555")
        dash = ' stroke-dasharray="6 4"' if "tmpfs" in name else ""
        svg.append(f'<polyline fill="none" stroke="{c}" stroke-width="2"{dash} points="'
                   + " ".join(f"{x(n):.1f},{y(w):.1f}" for n, w in pts) + '"/>')
        svg += [f'<circle cx="{x(n):.1f}" cy="{y(w):.1f}" r="3" fill="{c}"/>' for n, w in pts]
        ly = T + 20 + 22 * i
        svg.append(f'<line x1="{W - R + 12}" y1="{ly}" x2="{W - R + 40}" y2="{ly}" stroke="{c}" stroke-width="2"{dash}/>'
                   f'<text x="{W - R + 46}" y="{ly + 4}">{name}</text>')
    svg.append("</svg>")
    open(out_svg, "w").write("\n".join(svg) + "\n")
    print(f"wrote {out_svg}")

if max_ratio is not None:
    bad = [r for r in ratios if r["what"] == "vacancy" and r["wall"] > max_ratio]
    for r in bad:
        print(f"FAIL: {r['mode']} {r['postings']}: vacancy took {r['wall']:.2f}x Hugo's time (max {max_ratio})")
    if bad:
        sys.exit(1)
    print(f"ratio check passed: every cold build at most {max_ratio}x Hugo's wall time")
