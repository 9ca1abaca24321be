#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# File: tests/cli/run_cli_test.sh
# Command-line tests of nercore-extract, one function per case.
#
# Usage: run_cli_test.sh CASE EXTRACTOR SOURCE_DIR
#   CASE        name of a test_* function below, without the prefix
#   EXTRACTOR   the nercore-extract executable
#   SOURCE_DIR  the project's source directory (gazetteers/fr and tests/data/cli are read there)
#
# Every case checks the exit code and the output, and on failure prints what it expected and what
# came. JSON and GraphML are read with Debian's /usr/bin/python3 (python3-networkx), not whatever
# python3 comes first on PATH.
set -u

if [[ $# -ne 3 ]]; then
  echo "usage: $0 CASE EXTRACTOR SOURCE_DIR" >&2
  exit 2
fi
CASE=$1
EXE=$2
SRC=$3
GAZ=$SRC/gazetteers/fr
DATA=$SRC/tests/data/cli
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nercore-cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
unset NERCORE_GAZETTEERS

# ---------------------------------------------------------------------------------------------
# Helpers

fail() {
  echo "FAIL [cli.$CASE]: $*" >&2
  exit 1
}

show() {  # FILE: its first 3000 bytes, for failure messages
  if [[ -s $1 ]]; then head -c 3000 "$1"; else echo "(empty)"; fi
}

# run ARGS...: runs the extractor; stdout in $TMP/out, stderr in $TMP/err, exit code in $RC.
run() {
  "$EXE" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  RC=$?
}

# run_stdin FILE ARGS...: the same with FILE on standard input.
run_stdin() {
  local input=$1
  shift
  "$EXE" "$@" >"$TMP/out" 2>"$TMP/err" <"$input"
  RC=$?
}

expect_rc() {
  [[ $RC -eq $1 ]] || fail "expected exit code $1, got $RC
--- stderr:
$(show "$TMP/err")
--- stdout:
$(show "$TMP/out")"
}

expect_in() {  # FILE TEXT: FILE contains TEXT (fixed string)
  grep -qF -- "$2" "$1" || fail "expected $(basename "$1") to contain: $2
--- it was:
$(show "$1")"
}

expect_not_in() {  # FILE TEXT
  ! grep -qF -- "$2" "$1" || fail "expected $(basename "$1") not to contain: $2
--- it was:
$(show "$1")"
}

expect_eq() {  # WHAT GOT EXPECTED
  [[ "$2" == "$3" ]] || fail "$1: expected
$3
--- got
$2"
}

expect_line_count() {  # FILE N
  local n
  n=$(wc -l <"$1")
  [[ $n -eq $2 ]] || fail "expected $2 line(s) in $(basename "$1"), got $n
--- it was:
$(show "$1")"
}

# json FILE EXPR: evaluates the Python expression EXPR with `docs` bound to the list of objects of
# the JSON Lines file FILE, and prints the result (lists one item per line).
json() {
  "$PY" - "$1" "$2" <<'PYEOF' || fail "could not read $1 as JSON Lines: $(show "$1")"
import json, sys
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
result = eval(sys.argv[2])
if isinstance(result, (list, tuple)):
    for item in result:
        print(item)
else:
    print(result)
PYEOF
}

# Documents' ids, one per line.
doc_ids() { json "$1" '[d["doc"] for d in docs]'; }

# Entity ids of document i, sorted, one per line.
entity_ids() { json "$1" "sorted(e['id'] for e in docs[$2]['entities'])"; }

# ---------------------------------------------------------------------------------------------
# Cases

test_help() {
  run --help
  expect_rc 0
  expect_in "$TMP/out" "Usage:"
  expect_in "$TMP/out" "--gazetteers"
  expect_in "$TMP/out" "NERCORE_GAZETTEERS"
  expect_in "$TMP/out" "Exit codes:"
  expect_in "$TMP/out" "0  success"
  expect_in "$TMP/out" "1  some inputs failed"
  expect_in "$TMP/out" "2  usage error"
  expect_in "$TMP/out" "3  the gazetteers could not be loaded"
  expect_in "$TMP/out" "4  the output could not be written"
}

test_version() {
  run --version
  expect_rc 0
  expect_in "$TMP/out" "nercore-extract 0."
}

test_unknown_option() {
  run --gazetteers "$GAZ" --no-such-option "$DATA/states.txt"
  expect_rc 2
  expect_in "$TMP/err" "nercore-extract: "
  expect_in "$TMP/err" "--no-such-option"
  expect_eq "stdout" "$(cat "$TMP/out")" ""
}

test_bad_values() {
  local args
  for args in "--jobs many" "--jobs -1" "--format xml" "--date 2024-02-30" "--date 19-06-2024" \
              "--out-dir $TMP/d -o $TMP/x.jsonl"; do
    # shellcheck disable=SC2086  # word splitting of $args is wanted
    run --gazetteers "$GAZ" $args "$DATA/states.txt"
    [[ $RC -eq 2 ]] || fail "$args: expected exit code 2, got $RC; stderr: $(show "$TMP/err")"
    expect_in "$TMP/err" "nercore-extract: "
  done
  run --gazetteers "$GAZ"
  expect_rc 2
  expect_in "$TMP/err" "INPUT"
}

test_missing_gazetteers() {
  run --gazetteers "$TMP/no-such-gazetteers" "$DATA/states.txt"
  expect_rc 3
  expect_in "$TMP/err" "nercore-extract: "
  expect_in "$TMP/err" "$TMP/no-such-gazetteers"
  expect_eq "stdout" "$(cat "$TMP/out")" ""
}

test_broken_gazetteers() {
  # A copy of the real directory with one bad line: the message must name the file and the line.
  cp -r "$GAZ" "$TMP/gaz"
  local file=$TMP/gaz/states.tsv
  [[ -f $file ]] || fail "no states.tsv in $GAZ"
  local line
  line=$(($(wc -l <"$file") + 1))
  printf 'broken_state\tSTATE\n' >>"$file"
  run --gazetteers "$TMP/gaz" "$DATA/states.txt"
  expect_rc 3
  expect_in "$TMP/err" "nercore-extract: "
  expect_in "$TMP/err" "states.tsv:$line:"
  run --lint --gazetteers "$TMP/gaz"
  expect_rc 3
  expect_in "$TMP/err" "states.tsv:$line:"
}

test_gazetteers_env() {
  # Without --gazetteers, $NERCORE_GAZETTEERS is used.
  NERCORE_GAZETTEERS=$GAZ run "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/out" '"russia"'
  NERCORE_GAZETTEERS=$TMP/elsewhere run "$DATA/states.txt"
  expect_rc 3
  expect_in "$TMP/err" "$TMP/elsewhere"
}

test_lint() {
  run --lint --gazetteers "$GAZ"
  expect_rc 0
  # Every finding is file:line: message.
  if [[ -s $TMP/out ]]; then
    local bad
    bad=$(grep -vE '^[^:]+:[0-9]+: .+' "$TMP/out" | head -3)
    [[ -z $bad ]] || fail "lint lines not in the form file:line: message: $bad"
  fi
}

test_entities() {
  run --gazetteers "$GAZ" "$DATA/states.txt"
  expect_rc 0
  expect_line_count "$TMP/out" 1
  expect_eq "doc id" "$(doc_ids "$TMP/out")" "states.txt"
  local states
  states=$(json "$TMP/out" "sorted(e['id'] for e in docs[0]['entities'] if e['type'] == 'STATE')")
  expect_eq "STATE entities" "$states" $'france\nrussia\nukraine'

  # « Le président Emmanuel Macron a reçu Olaf Scholz à Paris. » (both are in persons.tsv).
  run --gazetteers "$GAZ" "$DATA/corpus/a_diplomatie.txt"
  expect_rc 0
  local got
  got=$(json "$TMP/out" "sorted(e['id'] + ' ' + e['type'] for e in docs[0]['entities'])")
  local want
  for want in "emmanuel_macron PERSON" "olaf_scholz PERSON" "france STATE" "germany STATE" \
              "ukraine STATE"; do
    grep -qxF "$want" <<<"$got" || fail "expected entity '$want' in a_diplomatie.txt; got:
$got"
  done
}

test_nonexistent_input() {
  run --gazetteers "$GAZ" "$TMP/no-such-file.txt" "$DATA/states.txt"
  expect_rc 1
  expect_in "$TMP/err" "nercore-extract: $TMP/no-such-file.txt"
  # The other input was processed.
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "states.txt"
}

test_invalid_utf8() {
  # "La France" then 0xFF at byte 9, then a truncated 3-byte sequence.
  printf 'La France\xff et la Russie \xe2\x82.\n' >"$TMP/bad.txt"
  run --gazetteers "$GAZ" "$TMP/bad.txt" "$DATA/states.txt"
  expect_rc 1
  expect_in "$TMP/err" "nercore-extract: $TMP/bad.txt"
  expect_in "$TMP/err" "byte offset 9"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "states.txt"

  run --gazetteers "$GAZ" --replace-invalid "$TMP/bad.txt"
  expect_rc 0
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "bad.txt"
  expect_eq "entities" "$(entity_ids "$TMP/out" 0)" $'france\nrussia'
}

test_empty_file() {
  run --gazetteers "$GAZ" "$DATA/empty.txt"
  expect_rc 0
  expect_line_count "$TMP/out" 1
  expect_eq "doc id" "$(doc_ids "$TMP/out")" "empty.txt"
  expect_eq "entities" "$(json "$TMP/out" "docs[0]['entities'] == []")" "True"
}

test_stdin() {
  run_stdin "$DATA/states.txt" --gazetteers "$GAZ" -
  expect_rc 0
  expect_eq "doc id" "$(doc_ids "$TMP/out")" "-"
  expect_eq "entities" "$(entity_ids "$TMP/out" 0)" $'france\nrussia\nukraine'
}

test_directory_sorted() {
  run --gazetteers "$GAZ" "$DATA/corpus"
  expect_rc 0
  expect_eq "doc ids (sorted by path, *.txt only)" "$(doc_ids "$TMP/out")" $'a_diplomatie.txt\nb_conflit.txt\nc_onu.txt'
  run --gazetteers "$GAZ" --glob '*.md' "$DATA/corpus"
  expect_rc 0
  expect_eq "doc ids with --glob '*.md'" "$(doc_ids "$TMP/out")" "notes.md"
  run --gazetteers "$GAZ" --glob '*.md' --glob '*.txt' "$DATA/corpus"
  expect_rc 0
  expect_eq "doc ids with two globs" "$(doc_ids "$TMP/out")" \
    $'a_diplomatie.txt\nb_conflit.txt\nnotes.md\nc_onu.txt'
}

test_jsonl_broken_line() {
  run --gazetteers "$GAZ" "$DATA/articles.jsonl"
  expect_rc 1
  expect_in "$TMP/err" "nercore-extract: $DATA/articles.jsonl:2:"
  expect_not_in "$TMP/err" "articles.jsonl:1:"
  expect_not_in "$TMP/err" "articles.jsonl:3:"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" $'dep-001\ndep-003'
  expect_eq "dates" "$(json "$TMP/out" '[d.get("date", "?") for d in docs]')" $'2024-06-19\n2024-06-21'
  expect_eq "entities of dep-001" "$(entity_ids "$TMP/out" 0)" $'france\nrussia\nukraine'
}

test_jsonl_stdin() {
  {
    printf '{"id": "a", "text": "La Russie et la France."}\n'
    printf '\n'
    printf '{"id": 7, "date": "2024-13-01", "text": "La France."}\n'
    printf '[1, 2]\n'
    printf '{"id": "b", "date": "2023-02-24T06:00:00Z", "text": "L\\u0027Ukraine."}\n'
    printf '{"id": "c"}\n'
  } >"$TMP/in.jsonl"
  run_stdin "$TMP/in.jsonl" --gazetteers "$GAZ" --jsonl-input -
  expect_rc 1
  expect_in "$TMP/err" "<stdin>:3:"
  expect_in "$TMP/err" "<stdin>:4:"
  expect_in "$TMP/err" "<stdin>:6:"
  expect_not_in "$TMP/err" "<stdin>:5:"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" $'a\nb'
  expect_eq "entities of b" "$(entity_ids "$TMP/out" 1)" "ukraine"
}

test_jobs_identical() {
  local inputs=("$DATA/corpus" "$DATA/states.txt" "$DATA/empty.txt" "$DATA/articles.jsonl")
  run --gazetteers "$GAZ" --jobs 1 "${inputs[@]}"
  expect_rc 1
  cp "$TMP/out" "$TMP/jobs1"
  local n
  for n in 2 8; do
    run --gazetteers "$GAZ" --jobs "$n" "${inputs[@]}"
    expect_rc 1
    cmp -s "$TMP/jobs1" "$TMP/out" || fail "--jobs $n output differs from --jobs 1:
$(diff "$TMP/jobs1" "$TMP/out" | head -c 3000)"
  done
  expect_line_count "$TMP/jobs1" 7
  # The same holds for the GraphML.
  run --gazetteers "$GAZ" --jobs 1 --format graphml "${inputs[@]}"
  cp "$TMP/out" "$TMP/graph1"
  run --gazetteers "$GAZ" --jobs 4 --format graphml "${inputs[@]}"
  cmp -s "$TMP/graph1" "$TMP/out" || fail "--jobs 4 GraphML differs from --jobs 1"
}

test_unwritable_output() {
  run --gazetteers "$GAZ" -o /proc/nercore-test/out.jsonl "$DATA/states.txt"
  expect_rc 4
  expect_in "$TMP/err" "nercore-extract: "
  expect_in "$TMP/err" "/proc/nercore-test/out.jsonl"
  run --gazetteers "$GAZ" --out-dir /proc/nercore-test "$DATA/states.txt"
  expect_rc 4
  expect_in "$TMP/err" "/proc/nercore-test"
  mkdir "$TMP/dir.jsonl"
  run --gazetteers "$GAZ" -o "$TMP/dir.jsonl" "$DATA/states.txt"
  expect_rc 4
  expect_in "$TMP/err" "$TMP/dir.jsonl"
}

test_output_file() {
  # -o creates the missing directory, writes atomically, and leaves no temporary file.
  run --gazetteers "$GAZ" "$DATA/corpus" "$DATA/states.txt"
  expect_rc 0
  cp "$TMP/out" "$TMP/stdout.jsonl"
  run --gazetteers "$GAZ" -o "$TMP/new/dir/articles.jsonl" "$DATA/corpus" "$DATA/states.txt"
  expect_rc 0
  expect_eq "stdout with -o" "$(cat "$TMP/out")" ""
  cmp -s "$TMP/stdout.jsonl" "$TMP/new/dir/articles.jsonl" || fail "-o FILE differs from standard output"
  local left
  left=$(find "$TMP/new" -name '*.tmp.*')
  expect_eq "temporary files left" "$left" ""
  # An existing file is replaced.
  run --gazetteers "$GAZ" -o "$TMP/new/dir/articles.jsonl" "$DATA/empty.txt"
  expect_rc 0
  expect_eq "doc ids" "$(doc_ids "$TMP/new/dir/articles.jsonl")" "empty.txt"
}

test_out_dir() {
  local out=$TMP/result/run1
  run --gazetteers "$GAZ" --out-dir "$out" "$DATA/corpus" "$DATA/states.txt"
  expect_rc 0
  [[ -s $out/articles.jsonl ]] || fail "no $out/articles.jsonl"
  [[ -s $out/actors.graphml ]] || fail "no $out/actors.graphml"
  expect_eq "files in the output directory" "$(cd "$out" && ls)" $'actors.graphml\narticles.jsonl'
  expect_eq "doc ids" "$(doc_ids "$out/articles.jsonl")" \
    $'a_diplomatie.txt\nb_conflit.txt\nc_onu.txt\nstates.txt'
  xmllint --noout "$out/actors.graphml" 2>"$TMP/xmllint" || fail "GraphML is not well-formed:
$(show "$TMP/xmllint")"
  # networkx reads it, with one node per entity of the corpus (the "entity" attribute holds the id).
  local expected got
  expected=$(json "$out/articles.jsonl" "sorted({e['id'] for d in docs for e in d['entities']})")
  got=$("$PY" -c '
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
ids = sorted(d.get("entity", "?") for _, d in g.nodes(data=True))
assert len(ids) == g.number_of_nodes()
print("\n".join(ids))
' "$out/actors.graphml" 2>"$TMP/nx") || fail "networkx could not read the GraphML: $(show "$TMP/nx")"
  expect_eq "GraphML nodes (entities of articles.jsonl)" "$got" "$expected"
  local n
  n=$(printf '%s\n' "$got" | wc -l)
  [[ $n -ge 5 ]] || fail "expected at least 5 nodes, got $n: $got"
  grep -qx russia <<<"$got" && grep -qx ukraine <<<"$got" || fail "expected nodes russia and ukraine, got: $got"
}

test_graphml_stdout() {
  run --gazetteers "$GAZ" --format graphml "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/out" "<graphml"
  xmllint --noout "$TMP/out" 2>"$TMP/xmllint" || fail "GraphML is not well-formed: $(show "$TMP/xmllint")"
  # -o FILE.graphml implies --format graphml.
  run --gazetteers "$GAZ" -o "$TMP/g.graphml" "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/g.graphml" "<graphml"
}

test_summary() {
  run --gazetteers "$GAZ" --summary -o "$TMP/a.jsonl" "$DATA/corpus" "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/out" "documents: 4"
  expect_in "$TMP/out" "STATE "
  expect_in "$TMP/out" "relations"
  # Relations are printed as « X —TYPE→ Y (n) » (or « X —TYPE— Y (n) » for symmetric types).
  grep -qE '^  .+ —[A-Z_]+(→|—) .+ \([0-9]+\)$' "$TMP/out" || fail "no relation line in the summary:
$(show "$TMP/out")"
  expect_eq "stderr" "$(cat "$TMP/err")" ""
  # With the JSON on standard output, the summary goes to standard error.
  run --gazetteers "$GAZ" --summary "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/err" "documents: 1"
  expect_not_in "$TMP/out" "documents: 1"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "states.txt"
}

test_quiet() {
  printf 'La France\xff.\n' >"$TMP/bad.txt"
  run --gazetteers "$GAZ" --replace-invalid "$TMP/bad.txt"
  expect_rc 0
  expect_in "$TMP/err" "warning"
  run --gazetteers "$GAZ" --replace-invalid --quiet "$TMP/bad.txt"
  expect_rc 0
  expect_eq "stderr with --quiet" "$(cat "$TMP/err")" ""
  # Errors are still printed.
  run --gazetteers "$GAZ" --quiet "$TMP/bad.txt"
  expect_rc 1
  expect_in "$TMP/err" "$TMP/bad.txt"
}

# ---------------------------------------------------------------------------------------------

[[ -x $EXE ]] || fail "extractor not found or not executable: $EXE"
if [[ $(type -t "test_$CASE") != function ]]; then
  fail "no such case: $CASE"
fi
"test_$CASE"
echo "PASS [cli.$CASE]"
