#!/usr/bin/env bash
# File: scripts/bench-compare.sh
# Runs nercore and the peer programs of ../shared/bench on the same generated corpus and the same
# name lists, in one run, and prints one table of whole-process throughput (MB/s of input, median of
# several runs) with the ratio of nercore's end-to-end figure to each peer; then the per-stage figures
# of the Google Benchmark (nercore_stages_bench), the gazetteer build time and memory at 1k, 100k and
# 1M entries, a check that the output is identical on 1 and 2 threads, and the thread scaling again
# from interleaved rounds (1 thread, then 2, then two one-thread processes at once: the machine's
# ceiling for two threads), which the VM's drift over minutes affects less.
#
# Usage: scripts/bench-compare.sh [--bytes N] [--runs R] [--no-peers] [--no-stages] [--no-1m]
#   --bytes N   corpus size for gen.py (100000000, the size of the peers' published figures)
#   --runs R    runs per measurement; the median is reported (3)
#   --no-peers  skip the peer programs; --no-stages skip the Google Benchmark; --no-1m skip the
#               1M-name runs (they load a 1M-entry gazetteer)
# Environment: BUILD (build/bench), NERCORE_BENCH_DATA (BUILD/bench-data), SHARED_BENCH
#   (../shared/bench). Needs the bench preset built (`make bench` builds it, then runs this script),
#   python3, and for the peers libhyperscan-dev, ripgrep and hyperfine (scripts/install-deps.sh --bench).
# Output: the table on stdout, and BUILD/bench-results/ (raw logs, results.tsv, table.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BYTES=100000000
RUNS=3
PEERS=1
STAGES=1
ONE_M=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bytes) BYTES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    --no-stages) STAGES=0; shift ;;
    --no-1m) ONE_M=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "bench-compare: unknown option $1" >&2; exit 2 ;;
  esac
done

BUILD=${BUILD:-$ROOT/build/bench}
DATA=${NERCORE_BENCH_DATA:-$BUILD/bench-data}
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
OUT=$BUILD/bench-results
RUNNER=$BUILD/benchmarks/nercore-bench-run
GAZBENCH=$BUILD/benchmarks/nercore-bench-gazetteer
STAGEBENCH=$BUILD/benchmarks/nercore_stages_bench
GAZ=$ROOT/gazetteers/fr
export NERCORE_BENCH_DATA=$DATA

for b in "$RUNNER" "$GAZBENCH" "$STAGEBENCH"; do
  [[ -x $b ]] || { echo "bench-compare: $b not built: run 'make bench' (or cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }
done
[[ -f $SHARED_BENCH/gen.py ]] || { echo "bench-compare: $SHARED_BENCH/gen.py not found (set SHARED_BENCH)" >&2; exit 2; }
# a run's results only: no figure of an earlier run (with other options) is printed as this one's
rm -rf "$OUT"
mkdir -p "$DATA" "$OUT"
: > "$OUT/results.tsv"

# ---- Data: the corpus and the three name lists of gen.py (deterministic), made once per size.
if [[ ! -f $DATA/corpus.txt || $(cat "$DATA/.bytes" 2>/dev/null || echo 0) != "$BYTES" ]]; then
  echo "bench-compare: generating a $BYTES-byte corpus in $DATA" >&2
  rm -rf "$DATA/gazetteers"
  (cd "$DATA" && python3 "$SHARED_BENCH/gen.py" "$BYTES" >&2)
  echo "$BYTES" > "$DATA/.bytes"
fi
CORPUS=$DATA/corpus.txt
MB=$(python3 -c "import os; print(os.path.getsize('$CORPUS') / 1e6)")

HAVE_HYPERFINE=0
command -v hyperfine >/dev/null 2>&1 && HAVE_HYPERFINE=1

seconds_of() {  # LOG COMMAND...: wall seconds of COMMAND, its output to LOG
  local log=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  "$@" >"$log" 2>&1 || return 1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

# median_seconds NAME CMD...: runs CMD $RUNS times (after one warm-up), whole process, output to
# $OUT/NAME.log; prints the median wall time in seconds, or "NA" if the command failed.
median_seconds() {
  local name=$1; shift
  local log=$OUT/$name.log
  if [[ $HAVE_HYPERFINE == 1 ]]; then
    local cmd
    cmd=$(printf '%q ' "$@")
    if hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/$name.json" --output "$log" \
         --style none "$cmd" >"$OUT/$name.hyperfine" 2>&1; then
      python3 -c "import json; r = json.load(open('$OUT/$name.json'))['results'][0]; print(r['median']); open('$OUT/$name.cpu', 'w').write(str(r['user'] + r['system']))"
    else
      echo NA
    fi
  else
    local times=() t
    "$@" >"$log" 2>&1 || { echo NA; return; }
    for ((i = 0; i < RUNS; i++)); do
      t=$(seconds_of "$log" "$@") || { echo NA; return; }
      times+=("$t")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
  fi
}

# record GROUP TOOL MODE NAMES SECONDS [NOTE]; the CPU time (user + system, mean) of the last
# measurement is added when hyperfine gave it.
LAST_CPU=NA
record() {
  local rate=NA cpu=NA
  [[ $5 != NA ]] && rate=$(python3 -c "print(f'{$MB / $5:.1f}')")
  local last
  last=$(ls -t "$OUT"/*.cpu 2>/dev/null | head -1 || true)
  if [[ -n $last && $last != "$LAST_CPU" ]]; then
    cpu=$(python3 -c "print(f'{$MB / float(open(\"$last\").read()):.1f}')")
    LAST_CPU=$last
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$rate" "${6:-}" "$cpu" >> "$OUT/results.tsv"
  printf '  %-10s %-28s %-22s %-8s %8s s  %8s MB/s %s\n' "$1" "$2" "$3" "$4" "$5" "$rate" "${6:-}" >&2
}

echo "bench-compare: ${MB} MB corpus, $RUNS runs per figure (median), $(nproc) cores" >&2

# ---- nercore end to end: load gazetteers, annotate every article, write JSON Lines.
e2e() {  # NAME JOBS [EXTRA ARGS...]
  local name=$1 jobs=$2; shift 2
  median_seconds "$name" "$RUNNER" --gazetteers "$GAZ" --jobs "$jobs" -o "$OUT/$name.jsonl" "$@" "$CORPUS"
}
s=$(e2e nercore_bundled_j1 1); record nercore "nercore end to end" "1 thread" bundled "$s" "entities+relations+JSON Lines"
s=$(e2e nercore_bundled_j2 2); record nercore "nercore end to end" "2 threads" bundled "$s"
if cmp -s "$OUT/nercore_bundled_j1.jsonl" "$OUT/nercore_bundled_j2.jsonl"; then
  SAME_OUTPUT="identical"
else
  SAME_OUTPUT="DIFFERENT"
fi
# Thread scaling again from interleaved rounds ($RUNS times: 1 thread, then 2 threads, then two
# one-thread processes at once): the VM's speed drifts over minutes, so the ratio of two medians
# taken minutes apart can mislead; a round runs within one. The two processes at once do twice the
# work of one with nothing shared but the machine: 2 x (1 thread) / (both) is what this machine
# gives two cores' worth of independent work, the ceiling for two threads.
: > "$OUT/thread_pairs.txt"
two_at_once() {  # COMMAND...: runs two copies at once; fails if either does
  local a b ra=0 rb=0
  "$@" & a=$!
  "$@" & b=$!
  wait "$a" || ra=$?
  wait "$b" || rb=$?
  ((ra == 0 && rb == 0))
}
for ((i = 0; i < RUNS; i++)); do
  t1=$(seconds_of "$OUT/pair_j1.log" "$RUNNER" --gazetteers "$GAZ" --jobs 1 -o "$OUT/pair_j1.jsonl" "$CORPUS") || break
  t2=$(seconds_of "$OUT/pair_j2.log" "$RUNNER" --gazetteers "$GAZ" --jobs 2 -o "$OUT/pair_j2.jsonl" "$CORPUS") || break
  tp=$(seconds_of "$OUT/pair_procs.log" two_at_once "$RUNNER" --gazetteers "$GAZ" --jobs 1 -o /dev/null "$CORPUS") || break
  echo "$t1 $t2 $tp" >> "$OUT/thread_pairs.txt"
done
rm -f "$OUT/pair_j1.jsonl" "$OUT/pair_j2.jsonl"
s=$(e2e nercore_10k_j1 1 --names "$DATA/gaz10k.txt" --limit 10000); record nercore "nercore end to end" "1 thread" "+10k" "$s"
if [[ $ONE_M == 1 ]]; then
  s=$(e2e nercore_1m_j1 1 --names "$DATA/gaz1m.txt" --limit 1000000); record nercore "nercore end to end" "1 thread" "+1M" "$s"
  # The same with the gazetteer cache: the warm-up run writes the snapshot, the measured runs read
  # it (a user's second and later runs on the same gazetteers).
  rm -f "$OUT/gaz1m.snapshot"
  s=$(e2e nercore_1m_cached_j1 1 --names "$DATA/gaz1m.txt" --limit 1000000 --gazetteer-cache "$OUT/gaz1m.snapshot")
  record nercore "nercore end to end" "1 thread" "+1M" "$s" "gazetteer snapshot (--gazetteer-cache)"
  cmp -s "$OUT/nercore_1m_j1.jsonl" "$OUT/nercore_1m_cached_j1.jsonl" || echo "bench-compare: +1M output DIFFERS with the gazetteer snapshot" >&2
  rm -f "$OUT/gaz1m.snapshot"
fi
# The command-line extractor on the same articles as JSON Lines {id, date, text}.
if [[ -x $BUILD/examples/nercore-extract ]]; then
  [[ -f $DATA/corpus.jsonl && $DATA/corpus.jsonl -nt $CORPUS ]] || python3 - "$CORPUS" "$DATA/corpus.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = [b for b in text.split("\n\n") if b.strip("\n")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    i = 0
    k = 0
    while i < len(blocks):
        doc = blocks[i]
        if "\n" not in blocks[i].strip("\n") and i + 1 < len(blocks):  # a headline and its article
            doc = blocks[i] + "\n\n" + blocks[i + 1]
            i += 1
        i += 1
        out.write(json.dumps({"id": f"a{k}", "date": "2024-06-19", "text": doc}, ensure_ascii=False) + "\n")
        k += 1
PY
  s=$(median_seconds nercore_extract_j1 "$BUILD/examples/nercore-extract" --gazetteers "$GAZ" -q -o "$OUT/nercore_extract_j1.jsonl" "$DATA/corpus.jsonl")
  record nercore "nercore-extract (CLI)" "1 job, JSONL in" bundled "$s"
  s=$(median_seconds nercore_extract_j2 "$BUILD/examples/nercore-extract" --gazetteers "$GAZ" -q -j 2 -o "$OUT/nercore_extract_j2.jsonl" "$DATA/corpus.jsonl")
  record nercore "nercore-extract (CLI)" "2 jobs, JSONL in" bundled "$s"
fi

# ---- Peers, as given in ../shared/bench (built into BUILD/peers with its build.sh).
if [[ $PEERS == 1 ]]; then
  PEERDIR=$BUILD/peers
  if [[ ! -x $PEERDIR/bin/hs_bench ]]; then
    rm -rf "$PEERDIR" && mkdir -p "$PEERDIR"
    cp -r "$SHARED_BENCH/src" "$SHARED_BENCH/build.sh" "$PEERDIR/"
    bash "$PEERDIR/build.sh" > "$OUT/peers-build.log" 2>&1 || echo "bench-compare: some peers did not build (see $OUT/peers-build.log)" >&2
  fi
  P=$PEERDIR/bin
  for n in 100 10k; do
    if [[ -x $P/hs_bench ]]; then
      s=$(median_seconds "hs_$n" "$P/hs_bench" "$DATA/gaz$n.txt" "$CORPUS"); record peer "Hyperscan literals" count "$n" "$s"
    fi
    if command -v rg >/dev/null; then
      s=$(median_seconds "rg_$n" rg -F --count-matches -f "$DATA/gaz$n.txt" "$CORPUS"); record peer "rg -F -f" count "$n" "$s"
    fi
    s=$(median_seconds "grep_$n" bash -c "grep -F -o -f '$DATA/gaz$n.txt' '$CORPUS' | wc -l"); record peer "grep -F -o -f" "" "$n" "$s"
    if [[ -x $P/re2_bench ]]; then
      s=$(median_seconds "re2set_$n" "$P/re2_bench" set "$DATA/gaz$n.txt" "$CORPUS"); record peer "RE2::Set" "per line" "$n" "$s"
    fi
  done
  if command -v rg >/dev/null; then
    s=$(median_seconds rg_i_100 rg -F -i --count-matches -f "$DATA/gaz100.txt" "$CORPUS"); record peer "rg -F -i -f" count 100 "$s"
    record peer "rg -F -i -f" count 10k NA "not run: did not finish in 400 s in the published figures"
  fi
  if [[ $ONE_M == 1 ]]; then
    if [[ -x $P/hs_bench ]]; then
      [[ -f $DATA/hs1m.db ]] || "$P/hs_bench" "$DATA/gaz1m.txt" "$CORPUS" nS "$DATA/hs1m.db" > "$OUT/hs_1m_compile.log" 2>&1 || true
      if [[ -f $DATA/hs1m.db ]]; then
        s=$(median_seconds hs_1m "$P/hs_bench" "$DATA/gaz1m.txt" "$CORPUS" D "$DATA/hs1m.db"); record peer "Hyperscan literals" "count, precompiled" 1M "$s"
      fi
    fi
    s=$(median_seconds grep_1m bash -c "grep -F -o -f '$DATA/gaz1m.txt' '$CORPUS' | wc -l"); record peer "grep -F -o -f" "" 1M "$s"
    if command -v rg >/dev/null; then
      s=$(median_seconds rg_1m rg -F --count-matches -f "$DATA/gaz1m.txt" "$CORPUS"); record peer "rg -F -f" count 1M "$s"
    fi
  fi
  if [[ -x $P/icu_bench ]]; then
    for mode in nfc fold nfkccf sent word; do
      s=$(median_seconds "icu_$mode" "$P/icu_bench" "$CORPUS" "$mode"); record peer "ICU alone" "$mode" "" "$s"
    done
    # The same ceiling seen by a peer that shares nothing with nercore: ICU case folding, one
    # process, then two at once, in interleaved rounds.
    : > "$OUT/peer_pairs.txt"
    for ((i = 0; i < RUNS; i++)); do
      t1=$(seconds_of "$OUT/peer_pair_one.log" "$P/icu_bench" "$CORPUS" fold) || break
      tp=$(seconds_of "$OUT/peer_pair_two.log" two_at_once "$P/icu_bench" "$CORPUS" fold) || break
      echo "$t1 $tp" >> "$OUT/peer_pairs.txt"
    done
  fi
fi

# ---- Per-stage figures (Google Benchmark, in process, CPU time; first 20 MB of the corpus).
if [[ $STAGES == 1 ]]; then
  "$STAGEBENCH" --benchmark_min_time=1 --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="$OUT/stages.json" --benchmark_out_format=json >/dev/null 2>"$OUT/stages.err" \
    || echo "bench-compare: the stage benchmark failed (see $OUT/stages.err)" >&2
fi

# ---- Gazetteer build time and memory, one process per size.
# Each build also saves its snapshot (Gazetteer::save, after the build's figures are taken), and
# another process loads it (Gazetteer::load): the gazetteer cache's time and memory.
for n in 1000 100000 1000000; do
  [[ $n == 1000000 && $ONE_M == 0 ]] && continue
  "$GAZBENCH" "$DATA/gaz1m.txt" "$n" "$DATA/gazetteers" "$OUT/gazetteer_$n.snapshot" > "$OUT/gazetteer_$n.log" 2>&1 || true
  if [[ -f $OUT/gazetteer_$n.snapshot ]]; then
    for ((i = 0; i < RUNS; i++)); do
      "$GAZBENCH" --load "$OUT/gazetteer_$n.snapshot" >> "$OUT/gazetteer_load_$n.log" 2>&1 || true
    done
    rm -f "$OUT/gazetteer_$n.snapshot"
  fi
done

# ---- The table.
python3 - "$OUT" "$MB" "$SAME_OUTPUT" "$(nproc)" <<'PY' | tee "$OUT/table.md"
import json, os, statistics, sys
out, mb, same, cores = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "results.tsv")) if l.strip()]
def rate(r):
    return None if r[5] == "NA" else float(r[5])
ref = next((rate(r) for r in rows if r[1] == "nercore end to end" and r[2] == "1 thread" and r[3] == "bundled"), None)
print(f"Corpus: {mb:.1f} MB (gen.py), {cores} cores. Whole-process wall time, median; MB/s of input.")
print(f"Ratio = nercore end to end (1 thread, bundled gazetteers: {ref or 0:.1f} MB/s) / tool.")
print("MB/s of CPU = input / (user + system time): what one core would do with the machine to itself.\n")
print("| tool | mode | names | MB/s (wall) | nercore e2e / tool | MB/s of CPU | note |")
print("|---|---|---|---:|---:|---:|---|")
for r in rows:
    v = rate(r)
    ratio = f"{ref / v:.2f}" if v and ref else ""
    cpu = r[7] if len(r) > 7 and r[7] != "NA" else ""
    print(f"| {r[1]} | {r[2]} | {r[3]} | {'' if v is None else f'{v:.1f}'} | {ratio} | {cpu} | {r[6] if len(r) > 6 else ''} |")
j1 = next((rate(r) for r in rows if r[1] == "nercore end to end" and r[2] == "1 thread" and r[3] == "bundled"), None)
j2 = next((rate(r) for r in rows if r[1] == "nercore end to end" and r[2] == "2 threads"), None)
m1 = next((rate(r) for r in rows if r[1] == "nercore end to end" and r[3] == "+1M" and not r[6]), None)
m1c = next((rate(r) for r in rows if r[1] == "nercore end to end" and r[3] == "+1M" and r[6]), None)
print()
if j1 and j2:
    print(f"Thread scaling 1 -> 2: {j2 / j1:.2f}x; JSON Lines output on 1 and 2 threads: {same}.")
def rounds(name):
    p = os.path.join(out, name)
    return [[float(x) for x in l.split()] for l in open(p) if l.strip()] if os.path.exists(p) else []
pairs = [r for r in rounds("thread_pairs.txt") if len(r) == 3 and min(r) > 0]
if pairs:
    threads = statistics.median(t1 / t2 for t1, t2, _ in pairs)
    ceiling = statistics.median(2 * t1 / tp for t1, _, tp in pairs)
    each = ", ".join(f"{t1:.2f} / {t2:.2f} / {tp:.2f} s" for t1, t2, tp in pairs)
    print(f"Thread scaling 1 -> 2 in {len(pairs)} interleaved rounds (1 thread / 2 threads / two 1-thread "
          f"processes at once): median {threads:.2f}x; the two processes at once, 2 x one / both: "
          f"median {ceiling:.2f}x, the machine's ceiling for two threads ({each}).")
peer = [r for r in rounds("peer_pairs.txt") if len(r) == 2 and min(r) > 0]
if peer:
    each = ", ".join(f"{t1:.2f} / {tp:.2f} s" for t1, tp in peer)
    print(f"The same ceiling for ICU case folding (a peer; one process / two at once): median "
          f"{statistics.median(2 * t1 / tp for t1, tp in peer):.2f}x ({each}).")
if j1 and m1:
    print(f"End to end with +1M names / with the bundled gazetteers: {m1 / j1:.2f} (the gazetteer built "
          f"in each run)" + (f", {m1c / j1:.2f} (read from its snapshot)." if m1c else "."))
stages = os.path.join(out, "stages.json")
if os.path.exists(stages):
    data = json.load(open(stages))
    print("\nStages (Google Benchmark, CPU time, median of repetitions; MB/s and sentences/s of input):\n")
    print("| benchmark | MB/s | sentences/s |")
    print("|---|---:|---:|")
    medians = [b for b in data["benchmarks"] if b.get("aggregate_name") == "median"]
    # one repetition gives no aggregates: then the runs themselves
    for b in medians or [b for b in data["benchmarks"] if b.get("run_type", "iteration") == "iteration"]:
        name = b["run_name"].replace("gazetteer:0", "bundled").replace("gazetteer:1", "10k names").replace("gazetteer:2", "bundled+1M")
        print(f"| {name} | {b.get('bytes_per_second', 0) / 1e6:.1f} | {b.get('sentences/s', 0):,.0f} |")
print("\nGazetteer build (generated PERSON names, each with its surname short form):\n")
print("| entries | aliases | build s (parse + compile) | peak RSS MB | snapshot MB | save s | load s (median) | load peak RSS MB |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in (1000, 100000, 1000000):
    p = os.path.join(out, f"gazetteer_{n}.log")
    if not os.path.exists(p):
        continue
    f = open(p).read().split()
    kv = {f[i]: f[i + 1] for i in range(0, len(f) - 1, 2)}
    loads, load_rss = [], "?"
    lp = os.path.join(out, f"gazetteer_load_{n}.log")
    if os.path.exists(lp):
        for line in open(lp):
            g = line.split()
            lk = {g[i]: g[i + 1] for i in range(0, len(g) - 1, 2)}
            if "load_s" in lk:
                loads.append(float(lk["load_s"]))
                load_rss = lk.get("peak_rss_mb", "?")
    load = f"{statistics.median(loads):.3f}" if loads else "?"
    print(f"| {n:,} | {kv.get('aliases', '?')} | {kv.get('total_s', '?')} | {kv.get('peak_rss_mb', '?')} | "
          f"{kv.get('snapshot_mb', '?')} | {kv.get('snapshot_save_s', '?')} | {load} | {load_rss} |")
PY
