#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Scores nercore on every evaluation set it has (docs/EVALUATION.md):
#   1. the seed articles of ../shared (score.py against ../shared/eval/gold);
#   2. the sample articles of this repository (score.py against tests/golden, each with its date);
#   3. the external NER corpora of ../shared/eval/external (*.conll, conll_score.py): real text that
#      nobody here wrote, turned into plain text, extracted, and scored per type.
# Sets 1 and 3 need ../shared (beside the project root, or SHARED=DIR); without it they are skipped
# with a message and only set 2 is scored.
#
# Usage: scripts/eval.sh [EXTRACTOR] [--errors N]
#   EXTRACTOR  the nercore-extract binary (default build/release/examples/nercore-extract)
#   --errors N also print N missed and spurious mentions of each external corpus
set -euo pipefail

cd "$(dirname "$0")/.."
EXTRACT=build/release/examples/nercore-extract
ERRORS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --errors) ERRORS=${2:?--errors needs a number}; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "eval.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) EXTRACT=$1; shift ;;
  esac
done
if [[ ! -x $EXTRACT ]]; then
  echo "eval.sh: no extractor at '$EXTRACT': run 'make build' first, or give its path" >&2
  exit 2
fi
SHARED=${SHARED:-../shared}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if [[ -f $SHARED/eval/score.py ]]; then
  echo "== seed articles ($SHARED/seeds)"
  "$EXTRACT" --gazetteers gazetteers/fr "$SHARED"/seeds/*.txt -o "$OUT/seeds.jsonl" --quiet
  python3 "$SHARED/eval/score.py" --gold "$SHARED/eval/gold" --texts "$SHARED/seeds" "$OUT/seeds.jsonl"
else
  echo "== seed articles: skipped ($SHARED/eval/score.py not found; set SHARED=DIR)"
fi

echo
echo "== sample articles (examples/articles, gold in tests/golden)"
for f in examples/articles/*.txt; do
  b=$(basename "$f" .txt)
  d=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['date'])" "tests/golden/$b.gold.json")
  "$EXTRACT" --gazetteers gazetteers/fr "$f" --date "$d" --quiet
done > "$OUT/samples.jsonl"
if [[ -f $SHARED/eval/score.py ]]; then
  python3 "$SHARED/eval/score.py" --gold tests/golden --texts examples/articles "$OUT/samples.jsonl"
else
  echo "(scored by ctest's unit.golden test; score.py is in ../shared)"
fi

shopt -s nullglob
corpora=("$SHARED"/eval/external/*/*.conll)
if [[ ! -f $SHARED/eval/conll_score.py || ${#corpora[@]} -eq 0 ]]; then
  echo
  echo "== external corpora: skipped (no $SHARED/eval/conll_score.py or no *.conll under $SHARED/eval/external)"
  exit 0
fi
for c in "${corpora[@]}"; do
  name=$(basename "$c" .conll)
  echo
  echo "== external: $name (types compared coarsely: PER, LOC = STATE/LOCATION/BLOC, ORG)"
  python3 "$SHARED/eval/conll_score.py" text "$c" "$OUT/$name.txt"
  "$EXTRACT" --gazetteers gazetteers/fr "$OUT/$name.txt" -o "$OUT/$name.jsonl" --quiet
  if [[ $ERRORS -gt 0 ]]; then
    python3 "$SHARED/eval/conll_score.py" score "$c" "$OUT/$name.txt" "$OUT/$name.jsonl" --show-errors "$ERRORS"
  else
    python3 "$SHARED/eval/conll_score.py" score "$c" "$OUT/$name.txt" "$OUT/$name.jsonl"
  fi
done
