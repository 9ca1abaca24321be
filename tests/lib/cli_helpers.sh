# SPDX-License-Identifier: MIT
# File: tests/lib/cli_helpers.sh
# Helpers of the command-line test scripts (tests/cli/run_cli_test.sh,
# tests/reliability/run_reliability_test.sh), sourced by them. They expect SUITE and CASE (for
# messages), EXE (the nercore-extract executable), TMP (a scratch directory) and PY (the Python
# that reads JSON) to be set.

fail() {
  echo "FAIL [$SUITE.$CASE]: $*" >&2
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

