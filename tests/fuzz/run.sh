#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# File: tests/fuzz/run.sh
# Builds the libFuzzer targets with clang (the `fuzz` preset: -fsanitize=fuzzer,address,undefined),
# assembles their seed corpora from the sample articles and the gazetteers, and runs each target
# for a bounded time. `make test-fuzz` calls it (45 s per target, two at a time); see
# tests/fuzz/README.md and docs/RELIABILITY.md.
#
# Usage: tests/fuzz/run.sh [-t SECONDS] [-j N] [-B BUILD_DIR] [--no-build] [TARGET...]
#   -t SECONDS   fuzzing time per target ($NERCORE_FUZZ_SECONDS, else 45)
#   -j N         targets fuzzed at the same time (default 2)
#   -B DIR       build directory (default build/fuzz, the preset's)
#   --no-build   use the binaries already in BUILD_DIR
#   TARGET       annotate, gazetteer, rules, graphml, snapshot (default: all five)
#
# For each target it prints the seconds, the executions and the corpus size, and appends them to
# BUILD_DIR/fuzz-history.tsv. Exit status 1 if a target crashed, hung (-timeout) or exceeded the
# memory limit: the input is in BUILD_DIR/findings/TARGET/ and the log in BUILD_DIR/logs/. Turn
# it into a regression: copy it to tests/fuzz/regressions/TARGET/, fix the library, and the ctest
# test fuzz.replay.TARGET replays it from then on.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECONDS_PER_TARGET=${NERCORE_FUZZ_SECONDS:-45}
PARALLEL=2
BUILD=$SRC/build/fuzz
BUILD_GIVEN=0
DO_BUILD=1
TARGETS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -t) SECONDS_PER_TARGET=$2; shift 2 ;;
    -j) PARALLEL=$2; shift 2 ;;
    -B) BUILD=$(realpath -m "$2"); BUILD_GIVEN=1; shift 2 ;;
    --no-build) DO_BUILD=0; shift ;;
    -h|--help) sed -n '3,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    annotate|gazetteer|rules|graphml|snapshot) TARGETS+=("$1"); shift ;;
    *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(annotate gazetteer rules graphml snapshot)
[[ $SECONDS_PER_TARGET =~ ^[0-9]+$ && $SECONDS_PER_TARGET -gt 0 ]] || {
  echo "run.sh: -t needs a positive number of seconds" >&2; exit 2; }

cd "$SRC"
if [[ $DO_BUILD -eq 1 ]]; then
  command -v clang++ >/dev/null || { echo "run.sh: clang++ not found (scripts/install-deps.sh)" >&2; exit 2; }
  if [[ $BUILD_GIVEN -eq 1 ]]; then
    cmake --preset fuzz -B "$BUILD" >/dev/null
  else
    cmake --preset fuzz >/dev/null
  fi
  cmake --build "$BUILD" --target fuzzers -j "$(nproc 2>/dev/null || echo 2)"
fi

# ---------------------------------------------------------------------------------------------
# Seed corpora, rebuilt on every run from the project's own files (the checked-in seeds of
# tests/fuzz/corpus/ and the regressions are added as read-only corpus directories below).
SEEDS=$BUILD/seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS"/{annotate,gazetteer,rules,graphml,snapshot}
GAZ=$SRC/gazetteers/fr
# annotate: the sample articles and the CLI test texts, whole and one paragraph per seed.
for f in "$SRC"/examples/articles/*.txt "$SRC"/tests/data/cli/*.txt "$SRC"/tests/data/cli/corpus/*.txt; do
  [[ -f $f ]] || continue
  base=$(basename "$f" .txt)
  cp "$f" "$SEEDS/annotate/$base.txt"
  awk -v dir="$SEEDS/annotate" -v base="$base" 'BEGIN { RS = "" } { print > (dir "/" base ".p" NR ".txt") }' "$f"
done
# gazetteer: every entity file in chunks of 25 rows, each followed by offices and roles rows.
chunks=$(mktemp -d)
trap 'rm -rf "$chunks"' EXIT
# (awk reads each file whole: `grep | head` would die of SIGPIPE under pipefail whenever head
# exits before grep has written its last block.)
awk '!/^#/ && ++n <= 40' "$GAZ/offices.tsv" >"$chunks/offices"
awk '!/^#/ && ++n <= 20' "$GAZ/roles.tsv" >"$chunks/roles"
for f in "$GAZ"/*.tsv; do
  case $(basename "$f") in
    offices.tsv|roles.tsv|relations.tsv|modality.tsv|rules.tsv|grammar.tsv|descriptors.tsv) continue ;;
  esac
  grep -v '^#' "$f" | split -l 25 -d -a 3 - "$chunks/$(basename "$f" .tsv)."
done
n=0
for c in "$chunks"/*.[0-9][0-9][0-9]; do
  n=$((n + 1))
  cp "$c" "$SEEDS/gazetteer/$(basename "$c").tsv"
  cp "$c" "$SEEDS/snapshot/$(basename "$c").tsv"  # snapshot: the same entities, no edit yet
  { cat "$c"; echo '---'; cat "$chunks/offices"; echo '---'; cat "$chunks/roles"; } \
    >"$SEEDS/gazetteer/$(basename "$c").full.tsv"
done
# rules: rules.tsv, alone and followed by chunks of relations.tsv, modality.tsv and grammar.tsv.
cp "$GAZ/rules.tsv" "$SEEDS/rules/rules.tsv"
grep -v '^#' "$GAZ/relations.tsv" | split -l 30 -d -a 3 - "$chunks/relations."
grep -v '^#' "$GAZ/modality.tsv" >"$chunks/modality"
k=0
for c in "$chunks"/relations.[0-9][0-9][0-9]; do
  k=$((k + 1))
  [[ $k -le 40 ]] || break
  { grep -v '^#' "$GAZ/rules.tsv"; echo '---'; cat "$c"; echo '---'; sed -n "$(( (k * 7) % 60 + 1 )),+15p" "$chunks/modality"
    echo '---'; grep -v '^#' "$GAZ/grammar.tsv"; } >"$SEEDS/rules/lexicon.$k.tsv"
done

# ---------------------------------------------------------------------------------------------
# Fuzzing.
declare -A MAX_LEN=([annotate]=4096 [gazetteer]=8192 [rules]=8192 [graphml]=32768 [snapshot]=8192)
declare -A DICT=([annotate]=annotate.dict [gazetteer]=tsv.dict [rules]=tsv.dict [graphml]=graphml.dict [snapshot]=tsv.dict)
mkdir -p "$BUILD/logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

fuzz_one() {
  local t=$1
  local exe=$BUILD/tests/fuzz/fuzz_$t
  [[ -x $exe ]] || { echo "run.sh: $exe not built" >&2; return 2; }
  mkdir -p "$BUILD/corpus/$t" "$BUILD/findings/$t"
  "$exe" -max_total_time="$SECONDS_PER_TARGET" -timeout=30 -rss_limit_mb=2048 \
    -max_len="${MAX_LEN[$t]}" -dict="$SRC/tests/fuzz/dict/${DICT[$t]}" \
    -artifact_prefix="$BUILD/findings/$t/" -print_final_stats=1 \
    "$BUILD/corpus/$t" "$SEEDS/$t" "$SRC/tests/fuzz/corpus/$t" "$SRC/tests/fuzz/regressions/$t" \
    >"$BUILD/logs/$t.log" 2>&1
}

declare -A STATUS=()
running=()
start_time=$(date +%s)
for t in "${TARGETS[@]}"; do
  rm -f "$BUILD/findings/$t"/* 2>/dev/null || true
  echo "run.sh: fuzzing $t for ${SECONDS_PER_TARGET} s (log: $BUILD/logs/$t.log)"
  fuzz_one "$t" &
  running+=("$!:$t")
  if [[ ${#running[@]} -ge $PARALLEL ]]; then
    entry=${running[0]}
    running=("${running[@]:1}")
    if wait "${entry%%:*}"; then STATUS[${entry#*:}]=0; else STATUS[${entry#*:}]=$?; fi
  fi
done
for entry in "${running[@]}"; do
  if wait "${entry%%:*}"; then STATUS[${entry#*:}]=0; else STATUS[${entry#*:}]=$?; fi
done

failed=0
for t in "${TARGETS[@]}"; do
  log=$BUILD/logs/$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  corpus=$(find "$BUILD/corpus/$t" -type f | wc -l)
  found=$(find "$BUILD/findings/$t" -type f | wc -l)
  result=ok
  if [[ ${STATUS[$t]} -ne 0 || $found -gt 0 ]]; then
    result="FAILED (exit ${STATUS[$t]}; $found finding(s) in $BUILD/findings/$t/)"
    failed=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz invariant failed|.*runtime error)' "$log" | head -5 >&2 || true
  fi
  echo "fuzz $t: ${secs:-?} s, ${execs:-?} executions, corpus $corpus inputs: $result"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "${secs:-0}" "${execs:-0}" \
    "${result%% *}" >>"$BUILD/fuzz-history.tsv"
done
echo "run.sh: done in $(( $(date +%s) - start_time )) s; history in $BUILD/fuzz-history.tsv"
exit $failed
