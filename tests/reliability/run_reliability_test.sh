#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# File: tests/reliability/run_reliability_test.sh
# The command-line side of the bad-input matrix (docs/RELIABILITY.md), one function per case:
# every bad input gets a clear message (file, line or byte offset), its documented exit code, and
# no crash; an interrupted run leaves the previous output file intact.
#
# Usage: run_reliability_test.sh CASE EXTRACTOR SOURCE_DIR [SANITIZE]
#   CASE        name of a test_* function below, without the prefix
#   EXTRACTOR   the nercore-extract executable
#   SOURCE_DIR  the project's source directory (gazetteers/fr, tests/data/cli, examples/articles)
#   SANITIZE    the build's NERCORE_SANITIZE ("" for none): sanitized runs are slower
set -u

if [[ $# -lt 3 ]]; then
  echo "usage: $0 CASE EXTRACTOR SOURCE_DIR [SANITIZE]" >&2
  exit 2
fi
CASE=$1
EXE=$2
SRC=$3
SANITIZE=${4:-}
GAZ=$SRC/gazetteers/fr
DATA=$SRC/tests/data/cli
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nercore-rel.XXXXXX") || exit 1
chmod 755 "$TMP"  # readable by the unprivileged user of the permission cases
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
unset NERCORE_GAZETTEERS

# ---------------------------------------------------------------------------------------------
# Helpers: fail, show, run, run_stdin, expect_*, json, doc_ids (tests/lib/cli_helpers.sh)

SUITE=reliability
# shellcheck source=../lib/cli_helpers.sh
source "$SRC/tests/lib/cli_helpers.sh"

# as_nobody CMD...: runs CMD as an unprivileged user when we are root (root ignores file modes);
# returns 77 when that is not possible.
as_nobody() {
  local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  if [[ $(id -u) -ne 0 ]]; then
    "$@"
  elif command -v setpriv >/dev/null &&
       "${nobody[@]}" test -x "$EXE" -a -r "$GAZ/states.tsv" -a -r "$DATA/states.txt"; then
    "${nobody[@]}" "$@"
  else
    echo "SKIP: root, and setpriv or an unprivileged user cannot run $EXE on $GAZ" >&2
    return 77
  fi
}

# A copy of the gazetteers that an unprivileged user can read, with a bad line added to FILE.
gazetteers_with() {  # FILE LINE
  rm -rf "$TMP/gaz"
  cp -r "$GAZ" "$TMP/gaz"
  printf '%s\n' "$2" >>"$TMP/gaz/$1"
}

# ---------------------------------------------------------------------------------------------
# Cases

test_nul_bom_line_ends() {
  # NUL bytes, a BOM, CRLF and lone CR line ends: annotated, offsets into the original bytes.
  printf '\xef\xbb\xbfLa France\0 soutient l\xe2\x80\x99Ukraine.\r\nLe Japon critique la Chine\rLa Russie\0\0' \
    >"$TMP/odd.txt"
  run --gazetteers "$GAZ" "$TMP/odd.txt"
  expect_rc 0
  expect_eq "stderr" "$(cat "$TMP/err")" ""
  expect_eq "France offset" "$(json "$TMP/out" \
    "[m['start'] for e in docs[0]['entities'] if e['id'] == 'france' for m in e['mentions']]")" "6"
  expect_eq "entities" "$(json "$TMP/out" "sorted(e['id'] for e in docs[0]['entities'])")" \
    $'china\nfrance\njapan\nrussia\nukraine'
  expect_in "$TMP/out" '\u0000'
  # The same text as a JSON Lines document, the file itself with a BOM and CRLF/CR line ends.
  printf '\xef\xbb\xbf{"id": "a", "text": "La France\\u0000."}\r\n{"id": "b", "text": "La Russie."}\r{"id": "c", "text": "Le Japon."}\r' \
    >"$TMP/odd.jsonl"
  run --gazetteers "$GAZ" "$TMP/odd.jsonl"
  expect_rc 0
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" $'a\nb\nc'
}

test_binary_junk() {
  # Bytes 0..255, four times: not UTF-8.
  "$PY" -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)' >"$TMP/junk.txt"
  run --gazetteers "$GAZ" "$TMP/junk.txt" "$DATA/states.txt"
  expect_rc 1
  expect_in "$TMP/err" "$TMP/junk.txt: invalid UTF-8 at byte offset 128"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "states.txt"
  # --replace-invalid keeps going; offsets stay those of the original bytes.
  { cat "$TMP/junk.txt"; printf ' La France.'; } >"$TMP/junk2.txt"
  run --gazetteers "$GAZ" --replace-invalid "$TMP/junk2.txt"
  expect_rc 0
  expect_in "$TMP/err" "warning: 512 invalid UTF-8 byte(s) replaced by U+FFFD (first at byte offset 128)"
  expect_eq "France offset" "$(json "$TMP/out" \
    "[m['start'] for e in docs[0]['entities'] for m in e['mentions'] if e['id'] == 'france']")" "1028"
  # As JSON Lines: every line is reported with its file and line, nothing is written.
  run --gazetteers "$GAZ" --jsonl-input "$TMP/junk.txt"
  expect_rc 1
  expect_in "$TMP/err" "$TMP/junk.txt:1:"
  expect_eq "stdout" "$(cat "$TMP/out")" ""
}

test_long_line() {
  # A 1 MB line with no sentence end: cut into sentences of at most 64 KB, annotated to its end.
  "$PY" -c '
import sys
s = "la France soutient la Russie, le Japon critique la Chine et Emmanuel Macron rencontre Olaf Scholz "
sys.stdout.write(s * (1048576 // len(s) + 1))' >"$TMP/line.txt"  # just over 1 MB, whole phrases
  run --gazetteers "$GAZ" --quiet "$TMP/line.txt"
  expect_rc 0
  expect_eq "entities" "$(json "$TMP/out" "sorted(e['id'] for e in docs[0]['entities'])")" \
    $'china\nemmanuel_macron\nfrance\njapan\nolaf_scholz\nrussia'
  local last
  last=$(json "$TMP/out" "max(m['end'] for e in docs[0]['entities'] for m in e['mentions'])")
  [[ $last -gt $(($(wc -c <"$TMP/line.txt") - 100)) ]] || fail "mentions stop at byte $last"
}

test_many_mentions() {
  # 100,000 mentions in one run-on sentence: the pair work is capped, and the CLI says so.
  "$PY" -c 'import sys; sys.stdout.write("la France, la Russie, le Japon, la Chine, " * 25000 + "et l\u0027Inde.")' \
    >"$TMP/crowd.txt"
  run --gazetteers "$GAZ" "$TMP/crowd.txt"
  expect_rc 0
  expect_in "$TMP/err" "sentence(s) name more than 64 actors; relations and co-occurrences were looked for among the first 64 of each"
  expect_eq "mentions" "$(json "$TMP/out" "sum(len(e['mentions']) for e in docs[0]['entities'])")" "100001"
  local pairs
  pairs=$(json "$TMP/out" "len(docs[0]['cooccurrences'])")
  [[ $pairs -le 2016 ]] || fail "$pairs co-occurrence pairs"
}

test_unreadable_inputs() {
  # A read error (EIO) is an error, not an empty document.
  run --gazetteers "$GAZ" /proc/self/mem "$DATA/states.txt"
  expect_rc 1
  expect_in "$TMP/err" "/proc/self/mem: cannot read: Input/output error"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "states.txt"
  # A file and a directory without read permission, inside an input directory.
  mkdir -p "$TMP/in/locked" "$TMP/in/open"
  cp "$DATA/states.txt" "$TMP/in/open/a.txt"
  cp "$DATA/states.txt" "$TMP/in/secret.txt"
  cp "$DATA/states.txt" "$TMP/in/locked/b.txt"
  chmod 000 "$TMP/in/secret.txt" "$TMP/in/locked"
  chmod -R go+rX "$TMP/in/open"
  chmod go+rx "$TMP/in"
  as_nobody "$EXE" --gazetteers "$GAZ" "$TMP/in" >"$TMP/out" 2>"$TMP/err" </dev/null
  RC=$?
  [[ $RC -eq 77 ]] && return
  expect_rc 1
  expect_in "$TMP/err" "$TMP/in/locked: cannot read directory: Permission denied"
  expect_in "$TMP/err" "$TMP/in/secret.txt: cannot read: Permission denied"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "a.txt"
  # An unreadable gazetteer file stops the run before any work: exit 3, file named.
  gazetteers_with states.tsv ""
  chmod -R go+rX "$TMP/gaz"
  chmod 000 "$TMP/gaz/states.tsv"
  as_nobody "$EXE" --gazetteers "$TMP/gaz" "$DATA/states.txt" >"$TMP/out" 2>"$TMP/err" </dev/null
  RC=$?
  expect_rc 3
  expect_in "$TMP/err" "$TMP/gaz/states.tsv: [N001] cannot open for reading: Permission denied"
}

test_unwritable_outputs() {
  # The output directory is below a regular file.
  touch "$TMP/file"
  run --gazetteers "$GAZ" --out-dir "$TMP/file/out" "$DATA/states.txt"
  expect_rc 4
  expect_in "$TMP/err" "cannot create directory '$TMP/file/out'"
  # Standard output is full.
  "$EXE" --gazetteers "$GAZ" "$DATA/states.txt" >/dev/full 2>"$TMP/err" </dev/null
  RC=$?
  expect_rc 4
  expect_in "$TMP/err" "cannot write to standard output"
  # A directory without write permission (as an unprivileged user): exit 4 before any work, and
  # the file that was there is left as it was.
  mkdir "$TMP/ro"
  echo previous >"$TMP/ro/articles.jsonl"
  chmod 555 "$TMP/ro"
  as_nobody "$EXE" --gazetteers "$GAZ" -o "$TMP/ro/articles.jsonl" "$DATA/states.txt" \
    >"$TMP/out" 2>"$TMP/err" </dev/null
  RC=$?
  [[ $RC -eq 77 ]] && return
  expect_rc 4
  expect_in "$TMP/err" "cannot write '$TMP/ro/articles.jsonl': Permission denied"
  expect_eq "previous file" "$(cat "$TMP/ro/articles.jsonl")" "previous"
}

test_gazetteer_rows() {
  # Each malformed row stops loading with exit 3 and names file, line and error code, both for an
  # extraction run and for --lint.
  local n
  check_bad_row() {  # FILE ROW CODE
    gazetteers_with "$1" "$2"
    n=$(wc -l <"$TMP/gaz/$1")
    run --gazetteers "$TMP/gaz" "$DATA/states.txt"
    expect_rc 3
    expect_in "$TMP/err" "$TMP/gaz/$1:$n: [$3]"
    expect_eq "stdout" "$(cat "$TMP/out")" ""
    run --lint --gazetteers "$TMP/gaz"
    expect_rc 3
    expect_in "$TMP/err" "$TMP/gaz/$1:$n: [$3]"
  }
  check_bad_row states.tsv $'broken_state\tSTATE' N002                        # missing columns
  check_bad_row states.tsv $'new_state\tCOUNTRY\tNouvel État\t-\t-' N004      # unknown type
  check_bad_row states.tsv $'france\tSTATE\tFrance bis\t-\t-' N003             # duplicate id
  check_bad_row offices.tsv $'france\thead_of_state\temmanuel_macron\t2017-13-14\t-' N005  # bad date
  check_bad_row offices.tsv $'france\thead_of_state\temmanuel_macron\t2017-05-14\t2012' N005
  check_bad_row states.tsv $'bad\xffid\tSTATE\tX\t-\t-' N008                  # invalid UTF-8
}

test_bad_regex() {
  # A pattern RE2 rejects: exit 3, rules.tsv:LINE and the reason.
  local n
  for pattern in '(unclosed' 'a{1001}' '(a)\1' '(?=lookahead)' '\p{L}{1000}'; do
    gazetteers_with rules.tsv "bad_rule	PERSON	$pattern	-"
    n=$(wc -l <"$TMP/gaz/rules.tsv")
    run --gazetteers "$TMP/gaz" "$DATA/states.txt"
    expect_rc 3
    expect_in "$TMP/err" "$TMP/gaz/rules.tsv:$n: [N006] rule 'bad_rule': bad pattern:"
  done
  # Patterns that blow up a backtracking engine run in linear time under RE2.
  gazetteers_with rules.tsv "evil_rule	PERSON	(?P<name>(a+)+)\$	-"
  printf 'evil2\tPERSON\t(?P<name>(x+x+)+y)\t-\n' >>"$TMP/gaz/rules.tsv"
  "$PY" -c 'import sys; sys.stdout.write("a" * 200000 + "! " + "x" * 200000 + "!")' >"$TMP/a.txt"
  local start=$SECONDS
  run --gazetteers "$TMP/gaz" "$TMP/a.txt"
  expect_rc 0
  [[ $((SECONDS - start)) -lt 60 ]] || fail "pathological patterns took $((SECONDS - start)) s"
}

test_jsonl_broken_lines() {
  # A broken line in the middle: that document is reported (file:line) and skipped, the others are
  # processed, exit 1. Line ends are LF, CRLF and a lone CR.
  printf '{"id": "a", "text": "La France."}\r\n{"id": "b", "text": "La Russie.\r{"id": "c", "text": "Le Japon."}\n{"id": "d", "text": "\xff"}\n{"id": "e", "text": "La Chine."}' \
    >"$TMP/in.jsonl"
  run --gazetteers "$GAZ" "$TMP/in.jsonl"
  expect_rc 1
  expect_in "$TMP/err" "$TMP/in.jsonl:2: broken JSON line"
  expect_in "$TMP/err" "$TMP/in.jsonl:4: invalid UTF-8 at byte offset"
  expect_in "$TMP/err" "2 input(s) failed; the others were processed"
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" $'a\nc\ne'
}

test_empty_inputs() {
  # Empty files, an empty JSON Lines file, an empty directory, an empty entity file: no error.
  : >"$TMP/empty.jsonl"
  printf '\n\n  \n' >"$TMP/blank.jsonl"
  mkdir "$TMP/nothing"
  run --gazetteers "$GAZ" "$TMP/empty.jsonl" "$TMP/blank.jsonl" "$TMP/nothing" "$DATA/empty.txt"
  expect_rc 0
  expect_eq "doc ids" "$(doc_ids "$TMP/out")" "empty.txt"
  gazetteers_with extra.tsv ""
  : >"$TMP/gaz/extra.tsv"
  run --gazetteers "$TMP/gaz" "$DATA/states.txt"
  expect_rc 0
}

# Writes a JSON Lines corpus of about $2 documents to $1 (the sample articles, repeated).
make_corpus() {
  "$PY" - "$1" "$2" "$SRC/examples/articles" <<'PYEOF'
import glob, json, sys
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[3] + "/*.txt"))]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(int(sys.argv[2])):
        out.write(json.dumps({"id": "doc%d" % i, "date": "2024-06-19", "text": texts[i % len(texts)]}) + "\n")
PYEOF
}

# interrupt SIGNAL CODE: a run over a large input, interrupted by SIGNAL once it is under way,
# exits with CODE, says how far it got, and leaves the previous output files as they were.
interrupt() {
  local signal=$1 code=$2
  make_corpus "$TMP/big.jsonl" 20000
  mkdir -p "$TMP/out-dir"
  echo "previous articles" >"$TMP/out-dir/articles.jsonl"
  echo "previous graph" >"$TMP/out-dir/actors.graphml"
  "$EXE" --gazetteers "$GAZ" --out-dir "$TMP/out-dir" "$TMP/big.jsonl" >"$TMP/out" 2>"$TMP/err" \
    </dev/null &
  local pid=$!
  # Wait until the temporary files exist and some documents are done, then interrupt.
  local waited=0
  until compgen -G "$TMP/out-dir/articles.jsonl.tmp.*" >/dev/null; do
    sleep 0.2
    waited=$((waited + 1))
    [[ $waited -lt 600 ]] || { kill -9 $pid; fail "no temporary file after 120 s"; }
  done
  sleep 2
  kill -s "$signal" $pid
  wait $pid
  RC=$?
  expect_rc "$code"
  expect_in "$TMP/err" "nercore-extract: interrupted by $signal after "
  expect_in "$TMP/err" " document(s), in input 1 of 1; output files left as they were"
  expect_eq "articles.jsonl" "$(cat "$TMP/out-dir/articles.jsonl")" "previous articles"
  expect_eq "actors.graphml" "$(cat "$TMP/out-dir/actors.graphml")" "previous graph"
  expect_eq "files left" "$(cd "$TMP/out-dir" && ls)" $'actors.graphml\narticles.jsonl'
}

test_interrupted_sigterm() { interrupt SIGTERM 143; }
test_interrupted_sigint() { interrupt SIGINT 130; }

test_output_complete_or_previous() {
  # Without interruption, the new files replace the previous ones completely.
  make_corpus "$TMP/small.jsonl" 40
  mkdir -p "$TMP/out-dir"
  echo "previous articles" >"$TMP/out-dir/articles.jsonl"
  run --gazetteers "$GAZ" --out-dir "$TMP/out-dir" "$TMP/small.jsonl"
  expect_rc 0
  expect_eq "documents" "$(wc -l <"$TMP/out-dir/articles.jsonl")" "40"
  expect_eq "files left" "$(cd "$TMP/out-dir" && ls)" $'actors.graphml\narticles.jsonl'
}

# ---------------------------------------------------------------------------------------------

[[ -x $EXE ]] || fail "extractor not found or not executable: $EXE"
if [[ $(type -t "test_$CASE") != function ]]; then
  fail "no such case: $CASE"
fi
"test_$CASE"
echo "PASS [reliability.$CASE]"
