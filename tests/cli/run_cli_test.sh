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
# Helpers: fail, show, run, run_stdin, expect_*, json, doc_ids (tests/lib/cli_helpers.sh)

SUITE=cli
# shellcheck source=../lib/cli_helpers.sh
source "$SRC/tests/lib/cli_helpers.sh"

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
  expect_in "$TMP/out" "130, 143, 129  interrupted by SIGINT, SIGTERM or SIGHUP"
}

test_version() {
  run --version
  expect_rc 0
  expect_in "$TMP/out" "nercore-extract 0."
  expect_in "$TMP/out" "; allocator "
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

test_explain() {
  # Without --explain, no "explain" list; with it, every candidate, kept or not, and why.
  run --gazetteers "$GAZ" "$DATA/corpus/a_diplomatie.txt"
  expect_rc 0
  expect_eq "explain without --explain" "$(json "$TMP/out" "'explain' in docs[0]")" "False"
  run --gazetteers "$GAZ" --explain "$DATA/corpus/a_diplomatie.txt"
  expect_rc 0
  local got
  got=$(json "$TMP/out" "[f\"{x['start']}-{x['end']} {x['text']} {x['entity'] or '-'} {x['kept']} {x['reason']}\" for x in docs[0]['explain']]")
  local want
  for want in "14-29 Emmanuel Macron emmanuel_macron True leftmost longest name" \
              "23-29 Macron emmanuel_macron False overlaps the longer or earlier name before it" \
              "53-58 Paris france True leftmost longest name" \
              "14-29 Emmanuel Macron - False overlaps a gazetteer name (gazetteer names win)"; do
    grep -qxF "$want" <<<"$got" || fail "expected '$want' in the explain list; got:
$got"
  done
  # The mentions and relations are those of a run without --explain.
  local plain
  run --gazetteers "$GAZ" "$DATA/corpus/a_diplomatie.txt"
  plain=$(json "$TMP/out" "[docs[0]['entities'], docs[0]['relations']]")
  run --gazetteers "$GAZ" --explain "$DATA/corpus/a_diplomatie.txt"
  expect_eq "entities and relations with --explain" \
    "$(json "$TMP/out" "[docs[0]['entities'], docs[0]['relations']]")" "$plain"
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

test_gazetteer_cache() {
  local cache=$TMP/fr.snapshot
  run --gazetteers "$GAZ" "$DATA/states.txt"
  cp "$TMP/out" "$TMP/plain"
  # first run: built and written, and said so; the output is the same as without a cache
  run --gazetteers "$GAZ" --gazetteer-cache "$cache" "$DATA/states.txt"
  expect_rc 0
  [[ -s $cache ]] || fail "no snapshot written to $cache"
  expect_in "$TMP/err" "gazetteer snapshot written to $cache"
  cmp -s "$TMP/plain" "$TMP/out" || fail "output with a fresh cache differs from without"
  # second run: read, not written again; same output
  local before
  before=$(stat -c %Y.%s "$cache")
  sleep 1
  run --gazetteers "$GAZ" --gazetteer-cache "$cache" "$DATA/states.txt"
  expect_rc 0
  expect_not_in "$TMP/err" "snapshot written"
  [[ $(stat -c %Y.%s "$cache") == "$before" ]] || fail "the snapshot was written again on a run that could read it"
  cmp -s "$TMP/plain" "$TMP/out" || fail "output read from the cache differs from without"
  # a damaged snapshot is built again, and the output stays the same
  printf 'garbage' | dd of="$cache" bs=1 seek=100 conv=notrunc status=none
  run --gazetteers "$GAZ" --gazetteer-cache "$cache" "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/err" "snapshot written"
  cmp -s "$TMP/plain" "$TMP/out" || fail "output after a damaged cache differs from without"
  # an unwritable snapshot: exit 3 (gazetteers), the message names it
  run --gazetteers "$GAZ" --gazetteer-cache /proc/nercore-test/fr.snapshot "$DATA/states.txt"
  expect_rc 3
  expect_in "$TMP/err" "/proc/nercore-test/fr.snapshot"
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
# Graph exports (DOT, JSON node-link, CSV, GraphML readers), the HTML report, filters and the
# progress bar. They run on the sample articles (examples/articles), the corpus of the README.

ARTICLES=$SRC/examples/articles

# extract_samples DIR [ARGS...]: the sample articles with --out-dir DIR and ARGS; expects exit 0.
extract_samples() {
  local dir=$1
  shift
  run --gazetteers "$GAZ" --date 2024-06-19 --out-dir "$dir" "$@" "$ARTICLES"
  expect_rc 0
}

# graph_check JSONL SCRIPT ARGS...: runs the Python SCRIPT with sys.argv[1] = JSONL and the
# helpers below: docs (the documents), NODES (entity ids), EDGES (typed edges as (source, target,
# TYPE), symmetric types with source < target), COOC (co-occurring pairs).
graph_check() {
  local jsonl=$1 script=$2
  shift 2
  "$PY" - "$jsonl" "$@" >"$TMP/py.out" 2>&1 <<PYEOF || fail "check failed:
$(cat "$TMP/py.out")"
import csv, json, sys
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
NODES = {e["id"] for d in docs for e in d["entities"]}
EDGES = set()
for d in docs:
    for r in d["relations"]:
        s, t = r["source"], r["target"]
        if r["type"] in ("MEET", "COOPERATE") and t < s:
            s, t = t, s
        EDGES.add((s, t, r["type"]))
COOC = {tuple(sorted((c["a"], c["b"]))) for d in docs for c in d.get("cooccurrences", [])}
assert len(NODES) >= 10 and len(EDGES) >= 10, (len(NODES), len(EDGES))
$script
PYEOF
}

test_formats_out_dir() {
  local out=$TMP/all
  extract_samples "$out" --formats jsonl,graphml,dot,json,csv,html
  expect_eq "files in the output directory" "$(cd "$out" && LC_ALL=C ls)" \
    $'actors.dot\nactors.edges.csv\nactors.graphml\nactors.json\nactors.nodes.csv\narticles.jsonl\nreport.html'
  # The order of --formats and repetitions do not matter.
  extract_samples "$TMP/two" --formats html,dot,html
  expect_eq "files with --formats html,dot,html" "$(cd "$TMP/two" && LC_ALL=C ls)" $'actors.dot\nreport.html'
  cmp -s "$out/actors.dot" "$TMP/two/actors.dot" || fail "actors.dot differs between runs"
  # --formats needs --out-dir; unknown formats are usage errors.
  local args
  for args in "--formats dot" "--out-dir $TMP/x --formats dot,xml" "--format gexf" "--format csv"; do
    # shellcheck disable=SC2086  # word splitting of $args is wanted
    run --gazetteers "$GAZ" $args "$DATA/states.txt"
    [[ $RC -eq 2 ]] || fail "$args: expected exit code 2, got $RC; stderr: $(show "$TMP/err")"
    expect_in "$TMP/err" "nercore-extract: "
  done
  expect_in "$TMP/err" "-o FILE.csv"
}

test_format_dot() {
  extract_samples "$TMP/s" --formats jsonl
  run --gazetteers "$GAZ" --date 2024-06-19 --format dot "$ARTICLES"
  expect_rc 0
  expect_eq "first lines" "$(sed -n 2p "$TMP/out")" "digraph actors {"
  expect_eq "last line" "$(tail -n 1 "$TMP/out")" "}"
  cp "$TMP/out" "$TMP/actors.dot"
  graph_check "$TMP/s/articles.jsonl" '
import re
text = open(sys.argv[2], encoding="utf-8").read()
nodes = re.findall(r"^  \"([^\"]+)\" \[label=", text, re.M)
edges = re.findall(r"^  \"([^\"]+)\" -> \"([^\"]+)\" \[label=\"([A-Z_]+) \((\d+)\)\", type=\"\3\", color=\"(#[0-9a-f]{6})\"", text, re.M)
assert set(nodes) == NODES and len(nodes) == len(NODES), sorted(NODES ^ set(nodes))
assert {(s, t, ty) for s, t, ty, n, c in edges} == EDGES, sorted(EDGES ^ {(s, t, ty) for s, t, ty, n, c in edges})
assert len(edges) == len(EDGES) == text.count(" -> ")
colors = {c for *_, c in edges}
assert colors <= {"#2e7d32", "#c62828"} and len(colors) == 2, colors
' "$TMP/actors.dot"
  # -o FILE.gv implies --format dot.
  run --gazetteers "$GAZ" -o "$TMP/g.gv" "$DATA/states.txt"
  expect_rc 0
  expect_in "$TMP/g.gv" "digraph actors {"
  if command -v dot >/dev/null 2>&1; then
    dot -Tsvg "$TMP/actors.dot" -o "$TMP/actors.svg" 2>"$TMP/dot.err" || fail "Graphviz rejects the DOT: $(show "$TMP/dot.err")"
  fi
}

test_format_json_networkx() {
  extract_samples "$TMP/s" --formats jsonl,json,graphml --cooccurrence
  graph_check "$TMP/s/articles.jsonl" '
import networkx as nx
data = json.load(open(sys.argv[2], encoding="utf-8"))
assert list(data) == ["directed", "multigraph", "graph", "nodes", "links"], list(data)
assert data["directed"] is True and data["multigraph"] is True and data["graph"] == {}
g = nx.node_link_graph(data)
assert isinstance(g, nx.MultiDiGraph)
assert set(g.nodes) == NODES and g.number_of_nodes() == len(NODES)
typed = {(u, v, k) for u, v, k in g.edges(keys=True) if k != "CO_OCCURS"}
cooc = {tuple(sorted((u, v))) for u, v, k in g.edges(keys=True) if k == "CO_OCCURS"}
assert typed == EDGES, sorted(typed ^ EDGES)
assert cooc == COOC, sorted(cooc ^ COOC)
assert g.number_of_edges() == len(EDGES) + len(COOC)
for n, a in g.nodes(data=True):
    assert isinstance(a["label"], str) and a["label"] and isinstance(a["type"], str), (n, a)
    assert isinstance(a["mentions"], int) and a["mentions"] >= 1, (n, a)
    assert isinstance(a["documents"], int) and a["documents"] >= 1, (n, a)
for u, v, k, a in g.edges(keys=True, data=True):
    assert a["type"] == k and isinstance(a["goldstein"], float), a
    for key in ("sign", "documents", "mentions", "asserted", "reported", "future", "negated"):
        assert isinstance(a[key], int) and not isinstance(a[key], bool), (key, a)
    assert isinstance(a["evidence"], list) and all(isinstance(s, str) for s in a["evidence"])
    assert a["sign"] == (0 if k == "CO_OCCURS" else (-1 if a["goldstein"] < 0 else 1)), a
# The same graph as the GraphML, attribute for attribute.
h = nx.read_graphml(sys.argv[3], force_multigraph=True)
entity = {n: a["entity"] for n, a in h.nodes(data=True)}
assert set(entity.values()) == set(g.nodes)
for n, a in h.nodes(data=True):
    b = g.nodes[a["entity"]]
    for key in ("label", "type", "mentions", "documents"):
        assert a[key] == b[key], (key, a, b)
count = 0
for u, v, a in h.edges(data=True):
    b = g.edges[entity[u], entity[v], a["type"]]
    for key in ("cameo", "goldstein", "sign", "documents", "mentions", "asserted", "reported", "future", "negated", "first_date", "last_date"):
        assert a.get(key, "") == b[key], (key, a, b)
    assert a.get("evidence", "") == " \u00a6 ".join(b["evidence"]), (a, b)
    count += 1
assert count == g.number_of_edges()
' "$TMP/s/actors.json" "$TMP/s/actors.graphml"
}

test_graphml_networkx_types() {
  extract_samples "$TMP/s" --formats jsonl,graphml
  graph_check "$TMP/s/articles.jsonl" '
import networkx as nx
g = nx.read_graphml(sys.argv[2], force_multigraph=True)
assert g.is_directed()
assert {a["entity"] for _, a in g.nodes(data=True)} == NODES and g.number_of_nodes() == len(NODES)
ids = {n: a["entity"] for n, a in g.nodes(data=True)}
assert {(ids[u], ids[v], a["type"]) for u, v, a in g.edges(data=True)} == EDGES
assert g.number_of_edges() == len(EDGES)
for _, a in g.nodes(data=True):
    assert isinstance(a["label"], str) and isinstance(a["type"], str)
    assert type(a["mentions"]) is int and type(a["documents"]) is int, a
for _, _, a in g.edges(data=True):
    assert type(a["goldstein"]) is float, a
    for key in ("sign", "documents", "mentions", "asserted", "reported", "future", "negated"):
        assert type(a[key]) is int, (key, a)
    for key in ("type", "cameo", "first_date", "last_date", "evidence"):
        assert isinstance(a.get(key, ""), str), (key, a)
' "$TMP/s/actors.graphml"
}

test_graphml_igraph() {
  extract_samples "$TMP/s" --formats jsonl,graphml
  "$PY" -c 'import igraph' 2>/dev/null || fail "python3-igraph is not installed (scripts/install-deps.sh installs it)"
  graph_check "$TMP/s/articles.jsonl" '
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[2])
assert g.is_directed()
assert g.vcount() == len(NODES), (g.vcount(), len(NODES))
assert g.ecount() == len(EDGES), (g.ecount(), len(EDGES))
assert set(g.vs["entity"]) == NODES
assert {(g.vs[e.source]["entity"], g.vs[e.target]["entity"], e["type"]) for e in g.es} == EDGES
# Typed keys: strings are str, int and double are numbers.
for v in g.vs:
    assert isinstance(v["label"], str) and isinstance(v["type"], str), v.attributes()
    assert isinstance(v["mentions"], (int, float)) and v["mentions"] >= 1, v.attributes()
    assert isinstance(v["documents"], (int, float)) and v["documents"] >= 1, v.attributes()
for e in g.es:
    assert isinstance(e["goldstein"], float), e.attributes()
    assert isinstance(e["documents"], (int, float)) and e["documents"] >= 1, e.attributes()
    assert e["sign"] in (-1, 1), e.attributes()
    assert isinstance(e["evidence"], str) and isinstance(e["cameo"], str), e.attributes()
' "$TMP/s/actors.graphml"
}

test_graphml_schema() {
  local xsd=$SRC/../shared/eval/graphml/graphml.xsd
  if [[ ! -f $xsd ]]; then
    echo "SKIP [cli.$CASE]: needs the GraphML schema of the shared evaluation data, ../shared/eval/graphml/graphml.xsd next to the project ($xsd not found)"
    exit 77
  fi
  extract_samples "$TMP/s" --formats graphml
  extract_samples "$TMP/c" --formats graphml --cooccurrence
  local f
  for f in "$TMP/s/actors.graphml" "$TMP/c/actors.graphml"; do
    xmllint --noout --nonet --schema "$xsd" "$f" >"$TMP/xmllint" 2>&1 || fail "$f does not validate against $xsd:
$(show "$TMP/xmllint")"
  done
}

test_graphml_wellformed() {
  # The sample articles, and a document whose id and evidence hold every XML special character.
  extract_samples "$TMP/s" --formats graphml --cooccurrence
  printf '%s\n' '{"id": "x<&>\"'"'"'", "date": "2024-06-19", "text": "La France soutient l'"'"'Ukraine (Київ) <b>&amp; « tout » '"'"' \" </b>."}' >"$TMP/special.jsonl"
  run --gazetteers "$GAZ" --out-dir "$TMP/x" --formats jsonl,graphml,dot,json,csv,html "$TMP/special.jsonl"
  expect_rc 0
  # Invalid UTF-8 let through by --replace-invalid (mention and evidence texts are the input's
  # bytes) becomes U+FFFD in every output.
  printf 'Le ministre Jean Dup\xffont a rencontr\xc3\xa9 Emmanuel Macron. La France\xff soutient l\x27Ukraine.\n' >"$TMP/bad.txt"
  run --gazetteers "$GAZ" --replace-invalid -q --out-dir "$TMP/b" --formats graphml,dot,json,csv,html "$TMP/bad.txt"
  expect_rc 0
  local f
  for f in "$TMP/s/actors.graphml" "$TMP/x/actors.graphml" "$TMP/b/actors.graphml"; do
    xmllint --noout --nonet "$f" >"$TMP/xmllint" 2>&1 || fail "$f is not well-formed XML:
$(show "$TMP/xmllint")"
  done
  for f in "$TMP/b"/*; do
    iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || fail "$f is not valid UTF-8"
  done
  # Every export gives the evidence back character for character.
  "$PY" - "$TMP/x" >"$TMP/py.out" 2>&1 <<'PYEOF' || fail "special characters did not survive: $(cat "$TMP/py.out")"
import csv, json, sys, networkx as nx
d = sys.argv[1]
want = "La France soutient l'Ukraine (Київ) <b>&amp; « tout » ' \" </b>."
g = nx.read_graphml(d + "/actors.graphml")
assert [a["evidence"] for _, _, a in g.edges(data=True)] == [want], list(g.edges(data=True))
j = json.load(open(d + "/actors.json", encoding="utf-8"))
assert [l["evidence"] for l in j["links"]] == [[want]], j["links"]
rows = list(csv.DictReader(open(d + "/actors.edges.csv", encoding="utf-8", newline="")))
assert [r["evidence"] for r in rows] == [want], rows
html = open(d + "/report.html", encoding="utf-8").read()
assert "&lt;b&gt;&amp;amp; « tout » &#39; &quot; &lt;/b&gt;." in html
assert "x&lt;&amp;&gt;&quot;&#39;" in html and "x<&>" not in html
dot = open(d + "/actors.dot", encoding="utf-8").read()
assert 'tooltip="La France soutient l\'Ukraine (Київ) <b>&amp; « tout » \' \\" </b>."' in dot, dot
PYEOF
}

test_format_csv() {
  extract_samples "$TMP/s" --formats jsonl
  run --gazetteers "$GAZ" --date 2024-06-19 -o "$TMP/g/actors.csv" "$ARTICLES"
  expect_rc 0
  expect_eq "files written for -o actors.csv" "$(cd "$TMP/g" && LC_ALL=C ls)" $'actors.edges.csv\nactors.nodes.csv'
  graph_check "$TMP/s/articles.jsonl" '
nodes = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
edges = list(csv.reader(open(sys.argv[3], encoding="utf-8", newline="")))
assert nodes[0] == ["Id", "Label", "type", "wikidata", "country", "mentions", "documents"], nodes[0]
assert edges[0][:5] == ["Source", "Target", "Type", "Label", "Weight"], edges[0]
assert {r[0] for r in nodes[1:]} == NODES and len(nodes) == 1 + len(NODES)
assert all(len(r) == len(nodes[0]) for r in nodes) and all(len(r) == len(edges[0]) for r in edges)
assert {(r[0], r[1], r[3]) for r in edges[1:]} == EDGES and len(edges) == 1 + len(EDGES)
for r in edges[1:]:
    assert r[2] == ("Undirected" if r[3] in ("MEET", "COOPERATE") else "Directed"), r
    assert int(r[4]) >= 1 and r[5] == r[3] and float(r[7]) != 0.0, r
' "$TMP/g/actors.nodes.csv" "$TMP/g/actors.edges.csv"
  # -o without .csv: the same two names.
  run --gazetteers "$GAZ" --format csv -o "$TMP/h/graph" "$DATA/states.txt"
  expect_rc 0
  expect_eq "files written for -o graph" "$(cd "$TMP/h" && LC_ALL=C ls)" $'graph.edges.csv\ngraph.nodes.csv'
  # Two tables cannot go to standard output.
  run --gazetteers "$GAZ" --format csv "$DATA/states.txt"
  expect_rc 2
  expect_in "$TMP/err" "--format csv writes two files"
}

test_format_html() {
  run --gazetteers "$GAZ" --date 2024-06-19 -o "$TMP/report.html" "$ARTICLES"
  expect_rc 0
  local r=$TMP/report.html
  expect_in "$r" "<!DOCTYPE html>"
  expect_in "$r" "<svg id=\"graph-svg\""
  expect_in "$r" "<span class=\"ent ent-STATE\" data-entity=\"ukraine\" title=\"ukraine · gazetteer:"
  expect_in "$r" "<g class=\"node t-STATE\" data-entity=\"russia\""
  expect_in "$r" "<mark>"
  expect_in "$r" "01_ukraine_ue.txt"
  expect_not_in "$r" "http:"
  expect_not_in "$r" "https:"
  expect_not_in "$r" " src="
  # Standard output works too, and is the same page.
  run --gazetteers "$GAZ" --date 2024-06-19 --format html "$ARTICLES"
  expect_rc 0
  cmp -s "$TMP/out" "$r" || fail "--format html on standard output differs from -o report.html"
}

test_filters() {
  extract_samples "$TMP/s" --formats jsonl
  local kind
  for kind in types modalities min_documents cooccurrence; do
    case $kind in
      types) run --gazetteers "$GAZ" --date 2024-06-19 --format json --types support,ACCUSE "$ARTICLES" ;;
      modalities) run --gazetteers "$GAZ" --date 2024-06-19 --format json --modalities reported,FUTURE "$ARTICLES" ;;
      min_documents) run --gazetteers "$GAZ" --date 2024-06-19 --format json --cooccurrence --min-documents 2 "$ARTICLES" ;;
      cooccurrence) run --gazetteers "$GAZ" --date 2024-06-19 --format json --cooccurrence "$ARTICLES" ;;
    esac
    expect_rc 0
    cp "$TMP/out" "$TMP/$kind.json"
  done
  graph_check "$TMP/s/articles.jsonl" '
def links(name):
    return json.load(open(sys.argv[2] + "/" + name + ".json", encoding="utf-8"))["links"]
t = links("types")
assert {(l["source"], l["target"], l["type"]) for l in t} == {e for e in EDGES if e[2] in ("SUPPORT", "ACCUSE")}
assert t, "no SUPPORT or ACCUSE edge"
m = links("modalities")
assert m and all(l["reported"] + l["future"] > 0 for l in m), m
assert all(l["documents"] >= 2 for l in links("min_documents"))
c = links("cooccurrence")
assert {tuple(sorted((l["source"], l["target"]))) for l in c if l["type"] == "CO_OCCURS"} == COOC
assert len(c) == len(EDGES) + len(COOC)
' "$TMP"
  local args
  for args in "--types FOO" "--types CO_OCCURS" "--modalities sure" "--min-documents 0" "--min-documents x"; do
    # shellcheck disable=SC2086  # word splitting of $args is wanted
    run --gazetteers "$GAZ" --format json $args "$DATA/states.txt"
    [[ $RC -eq 2 ]] || fail "$args: expected exit code 2, got $RC; stderr: $(show "$TMP/err")"
  done
  expect_in "$TMP/err" "min-documents"
}

test_jobs_identical_exports() {
  local inputs=("$DATA/corpus" "$DATA/states.txt" "$ARTICLES")
  local n
  for n in 1 2; do
    run --gazetteers "$GAZ" --date 2024-06-19 --jobs "$n" --out-dir "$TMP/jobs$n" \
        --formats jsonl,graphml,dot,json,csv,html --cooccurrence "${inputs[@]}"
    expect_rc 0
  done
  diff -r "$TMP/jobs1" "$TMP/jobs2" >"$TMP/diff" 2>&1 || fail "--jobs 2 outputs differ from --jobs 1:
$(show "$TMP/diff")"
}

test_progress_silent() {
  # Standard error is a file here, not a terminal: no progress bar, even with --progress.
  local args
  for args in "" "--progress"; do
    # shellcheck disable=SC2086  # word splitting of $args is wanted
    run --gazetteers "$GAZ" --date 2024-06-19 $args -o "$TMP/a.jsonl" "$ARTICLES" "$DATA/corpus"
    expect_rc 0
    expect_eq "stderr with '$args' (not a terminal)" "$(cat "$TMP/err")" ""
  done
}

test_progress_tty() {
  # Standard error on a pseudo-terminal (Python's pty module): --progress shows the bar at once
  # and erases it at the end; --quiet and --no-progress show nothing.
  "$PY" - "$EXE" "$GAZ" "$ARTICLES" "$DATA/corpus" >"$TMP/py.out" 2>&1 <<'PYEOF' || fail "$(cat "$TMP/py.out")"
import os, pty, re, subprocess, sys, time
exe, gaz, *inputs = sys.argv[1:]

def run(*args):
    master, slave = pty.openpty()
    start = time.monotonic()
    p = subprocess.Popen([exe, "--gazetteers", gaz, "--date", "2024-06-19", *args, *inputs],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    rc = p.wait()
    os.close(master)
    return rc, b"".join(chunks).decode("utf-8", "replace"), time.monotonic() - start

rc, err, _ = run("--progress")
assert rc == 0, (rc, err)
frames = [f for f in err.split("\r") if f.strip("\x1b[K")]
assert frames, repr(err)
bar = re.compile(r"^nercore-extract (\[[=> ]*\] )?\d+/8 files  \d+\.\d/\d+\.\d MB  \d+\.\d MB/s  ETA (\d+:\d\d|--:--)\x1b\[K$")
for f in frames:
    assert bar.match(f), repr(f)
assert err.endswith("\r\x1b[K"), "the bar is not erased at the end: %r" % err[-80:]
assert "\n" not in err, repr(err)

for args in (("--progress", "--quiet"), ("--no-progress",), ("-q",)):
    rc, err, _ = run(*args)
    assert rc == 0 and err == "", (args, rc, repr(err))

# Without --progress the bar waits half a second: a quick run shows nothing, a long one a bar.
rc, err, elapsed = run()
assert rc == 0, rc
assert err == "" or "ETA" in err, repr(err)
print("ok", elapsed)
PYEOF
}

# ---------------------------------------------------------------------------------------------

[[ -x $EXE ]] || fail "extractor not found or not executable: $EXE"
if [[ $(type -t "test_$CASE") != function ]]; then
  fail "no such case: $CASE"
fi
"test_$CASE"
echo "PASS [cli.$CASE]"
