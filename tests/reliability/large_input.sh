#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# File: tests/reliability/large_input.sh
# Large inputs and bounded memory. For each SIZE (in MB) it generates, in WORK_DIR:
#   - a JSON Lines corpus of SIZE MB: the sample articles repeated, one per line (~2.5 KB each);
#   - with --text, also one plain text file of SIZE MB (the articles' paragraphs repeated): a
#     single document of that size;
# runs nercore-extract --out-dir on each (JSON Lines and GraphML written), checks the exit code and
# the number of documents written, and prints the seconds and the peak RSS (/usr/bin/time -f %M).
# Documents stream through the extractor, so the peak RSS of the JSON Lines runs must not grow
# with the size: the largest may use at most 1.5 x the smallest + 64 MB. That check is skipped
# under sanitizers (their allocators keep freed memory). Results are also appended to
# WORK_DIR/large-input.tsv.
#
# Usage: large_input.sh [--text] EXTRACTOR SOURCE_DIR WORK_DIR SANITIZE SIZE_MB...
#   `make test-large` runs it on the Release build with 10 and 200 MB (--text); ctest
#   (reliability.large_input) with small sizes, see docs/RELIABILITY.md.
set -u

WITH_TEXT=0
if [[ ${1:-} == --text ]]; then
  WITH_TEXT=1
  shift
fi
if [[ $# -lt 5 ]]; then
  echo "usage: $0 [--text] EXTRACTOR SOURCE_DIR WORK_DIR SANITIZE SIZE_MB..." >&2
  exit 2
fi
EXE=$1
SRC=$2
WORK=$3
SANITIZE=$4
shift 4
SIZES=("$@")
GAZ=${NERCORE_TEST_GAZETTEERS:-$SRC/gazetteers/fr}  # another directory for experiments
PY=/usr/bin/python3
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "large_input.sh: $TIME not found (Debian package time)" >&2; exit 2; }
mkdir -p "$WORK"

fail() {
  echo "FAIL [large_input]: $*" >&2
  exit 1
}

# generate KIND SIZE_MB FILE: prints the number of documents written.
generate() {
  "$PY" - "$1" "$2" "$3" "$SRC/examples/articles" <<'PYEOF'
import glob, json, sys
kind, size, path, articles = sys.argv[1], int(float(sys.argv[2]) * 1048576), sys.argv[3], sys.argv[4]
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(articles + "/*.txt"))]
written = docs = 0
with open(path, "w", encoding="utf-8") as out:
    if kind == "jsonl":
        while written < size:
            line = json.dumps({"id": "doc%d" % docs, "date": "2024-06-19",
                               "text": texts[docs % len(texts)]}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode())
            docs += 1
    else:
        paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
        i = 0
        while written < size:
            chunk = paragraphs[i % len(paragraphs)] + "\n\n"
            out.write(chunk)
            written += len(chunk.encode())
            i += 1
        docs = 1
print(docs)
PYEOF
}

printf '%-7s %8s %10s %9s %7s %12s\n' input MB documents seconds MB/s "peak RSS MB"
declare -A RSS=()
for size in "${SIZES[@]}"; do
  kinds=(jsonl)
  [[ $WITH_TEXT -eq 1 ]] && kinds+=(text)
  for kind in "${kinds[@]}"; do
    input=$WORK/input-$size.$([[ $kind == jsonl ]] && echo jsonl || echo txt)
    docs=$(generate "$kind" "$size" "$input") || fail "could not generate $input"
    out=$WORK/out-$kind-$size
    rm -rf "$out"
    "$TIME" -f '%M %e' -o "$WORK/time" "$EXE" --gazetteers "$GAZ" --quiet \
      --out-dir "$out" "$input" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    rc=$?
    [[ $rc -eq 0 ]] || fail "$kind $size MB: exit code $rc: $(head -c 2000 "$WORK/stderr")"
    written=$(wc -l <"$out/articles.jsonl")
    [[ $written -eq $docs ]] || fail "$kind $size MB: $written documents written, $docs expected"
    [[ -s $out/actors.graphml ]] || fail "$kind $size MB: no actors.graphml"
    read -r rss_kb seconds <"$WORK/time"
    rss_mb=$((rss_kb / 1024))
    rate=$(awk -v s="$size" -v t="$seconds" 'BEGIN { printf "%.1f", (t > 0 ? s / t : 0) }')
    printf '%-7s %8s %10s %9s %7s %12s\n' "$kind" "$size" "$docs" "$seconds" "$rate" "$rss_mb"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$kind" "$size" \
      "$docs" "$seconds" "$rss_mb" "${SANITIZE:-none}" >>"$WORK/large-input.tsv"
    [[ $kind == jsonl ]] && RSS[$size]=$rss_mb
    rm -f "$input"
  done
done

if [[ -z $SANITIZE && ${#SIZES[@]} -ge 2 ]]; then
  first=${RSS[${SIZES[0]}]}
  for size in "${SIZES[@]:1}"; do
    limit=$((first * 3 / 2 + 64))
    [[ ${RSS[$size]} -le $limit ]] ||
      fail "peak RSS grows with the input: ${RSS[$size]} MB for $size MB of JSON Lines, $first MB for ${SIZES[0]} MB (limit $limit MB)"
  done
  echo "bounded memory: peak RSS of the JSON Lines runs within 1.5 x $first MB + 64 MB"
fi
echo "PASS [large_input]"
