#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# File: tests/report/run_report_test.py
"""The HTML report in headless Chromium.

Usage: run_report_test.py EXTRACTOR SOURCE_DIR BUILD_DIR

Writes the report of the sample articles (examples/articles) with nercore-extract, then, in
headless Chromium (offline, a throw-away profile):
  1. dumps the DOM after the page script has run and checks that the script finished
     (<body data-ok="1">), that no error was recorded (no data-error on <html>), that every
     mention is highlighted with its entity and type, and that the SVG has one node per actor with a
     drawn relation;
  2. runs a copy with a test script appended that clicks an actor and hovers a mention, and checks
     that the table is filtered to that actor's relations and restored by a second click; the copy
     also starts with a script that throws, to check that errors are detected at all;
  3. takes a screenshot (1400x2000) to BUILD_DIR/report.png.
Exits 77 (skipped) if chromium is not installed: scripts/install-deps.sh installs it.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 60


def fail(message):
    print("FAIL [report.chromium]: " + message, file=sys.stderr)
    sys.exit(1)


def chromium_command(binary, profile):
    return [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
    ]


def run_chromium(binary, args, work):
    """Runs headless Chromium with a fresh profile; returns (stdout, stderr)."""
    profile = tempfile.mkdtemp(prefix="profile.", dir=work)
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_CACHE_HOME=work)
    try:
        done = subprocess.run(chromium_command(binary, profile) + args, capture_output=True,
                              timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        fail("chromium did not finish in %d s: %s" % (TIMEOUT, " ".join(args)))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    stdout = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        fail("chromium exited with %d:\n%s" % (done.returncode, stderr[-3000:]))
    return stdout, stderr


def dump_dom(binary, path, work):
    dom, log = run_chromium(binary, ["--dump-dom", "file://" + path], work)
    if "<body" not in dom:
        fail("no DOM dumped for %s:\n%s" % (path, log[-3000:]))
    return dom, log


def console_errors(log):
    """Console errors and CSP violations that Chromium logged."""
    return [line for line in log.splitlines()
            if "Uncaught" in line or "Refused to" in line or "Content Security Policy" in line]


def with_script(report_html, script, where="end"):
    """The page with `script` added at the start or the end of <body>."""
    tag = "<script>" + script + "</script>"
    if where == "start":
        return report_html.replace("<body>\n", "<body>\n" + tag + "\n", 1)
    index = report_html.rindex("</body>")
    return report_html[:index] + tag + "\n" + report_html[index:]


CLICK_SCRIPT = r"""
(function () {
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#relations tbody tr")); }
  var node = document.querySelector('#graph .node[data-entity="russia"]');
  node.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  var shown = rows().filter(function (r) { return !r.hidden; });
  var only = shown.every(function (r) {
    return r.getAttribute("data-source") === "russia" || r.getAttribute("data-target") === "russia";
  });
  var status = document.getElementById("filter-status").textContent;
  var selected = node.classList.contains("selected");
  node.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  var back = rows().every(function (r) { return !r.hidden; });
  var mention = document.querySelector('.ent[data-entity="ukraine"]');
  mention.dispatchEvent(new MouseEvent("mouseenter"));
  var same = document.querySelectorAll('.ent.same[data-entity="ukraine"]').length;
  var ok = shown.length > 0 && shown.length < rows().length && only && selected && back &&
           status.indexOf("Russie") >= 0 && same >= 2;
  document.body.setAttribute("data-click", ok ? "ok" :
      ["bad", shown.length, rows().length, only, selected, back, status, same].join("|"));
})();
"""


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    extractor, source, build = sys.argv[1:]
    binary = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if binary is None:
        print("SKIP [report.chromium]: chromium is not installed (scripts/install-deps.sh installs "
              "Debian's chromium)")
        return 77
    os.makedirs(build, exist_ok=True)
    work = tempfile.mkdtemp(prefix="nercore-report.", dir=build)
    try:
        return check(extractor, source, build, work, binary)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(extractor, source, build, work, binary):
    out = os.path.join(work, "out")
    done = subprocess.run(
        [extractor, "--gazetteers", os.path.join(source, "gazetteers", "fr"), "--date",
         "2024-06-19", "--out-dir", out, "--formats", "jsonl,html",
         os.path.join(source, "examples", "articles")],
        capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        fail("nercore-extract exited with %d: %s" % (done.returncode, done.stderr.decode()[-2000:]))
    report = os.path.join(out, "report.html")
    with open(report, encoding="utf-8") as f:
        report_html = f.read()
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]

    # 1. The page as it is.
    dom, log = dump_dom(binary, report, work)
    if 'data-error="' in dom:
        start = dom.index('data-error="')
        fail("the page script raised an error: " + dom[start:start + 300])
    if '<body data-ok="1">' not in dom:
        fail("the page script did not finish (<body data-ok=\"1\"> missing):\n" + dom[:1500])
    errors = console_errors(log)
    if errors:
        fail("Chromium logged errors:\n" + "\n".join(errors))
    missing = []
    for d in docs:
        for e in d["entities"]:
            span = '<span class="ent ent-%s" data-entity="%s" title="%s · ' % (
                e["type"], e["id"], e["id"])
            if span not in dom:
                missing.append(span)
    if missing:
        fail("entities not highlighted in the DOM:\n" + "\n".join(missing[:20]))
    actors = {r[k] for d in docs for r in d["relations"] for k in ("source", "target")}
    types = {e["id"]: e["type"] for d in docs for e in d["entities"]}
    for actor in sorted(actors):
        node = '<g class="node t-%s" data-entity="%s"' % (types.get(actor, "other"), actor)
        if node not in dom:
            missing.append(node)
    if missing:
        fail("graph nodes missing from the SVG:\n" + "\n".join(missing[:20]))
    if dom.count('<g class="node t-') != len(actors):
        fail("expected %d SVG nodes, found %d" % (len(actors), dom.count('<g class="node t-')))
    relations = sum(len(d["relations"]) for d in docs)
    if dom.count('<tr class="sign-') != relations:
        fail("expected %d table rows, found %d" % (relations, dom.count('<tr class="sign-')))
    if dom.count('<path class="edge ') < 10:
        fail("too few SVG edges: %d" % dom.count('<path class="edge '))

    # 2. Clicking an actor filters the table; hovering a mention outlines its entity. The same
    # page starts with a script that throws, to check that errors are detected at all (the page's
    # own script, a separate <script>, still runs).
    click = os.path.join(out, "report_click.html")
    with open(click, "w", encoding="utf-8") as f:
        f.write(with_script(with_script(report_html, CLICK_SCRIPT), 'throw new Error("boom");',
                            where="start"))
    dom, log = dump_dom(binary, click, work)
    if 'data-click="ok"' not in dom:
        start = dom.find("data-click=")
        fail("the click test failed: " + dom[start:start + 300] + "\n" + "\n".join(console_errors(log)))
    if 'data-error="' not in dom or "boom" not in dom:
        fail("a script error was not recorded in data-error:\n" + dom[:800])

    # 3. The screenshot.
    png = os.path.join(build, "report.png")
    if os.path.exists(png):
        os.remove(png)
    run_chromium(binary, ["--screenshot=" + png, "--window-size=1400,2000", "file://" + report], work)
    with open(png, "rb") as f:
        data = f.read()
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 50_000:
        fail("the screenshot %s is missing or blank (%d bytes)" % (png, len(data)))
    print("PASS [report.chromium]: %d articles, %d actors drawn, %d relations; screenshot %s" %
          (len(docs), len(actors), relations, png))
    return 0


if __name__ == "__main__":
    sys.exit(main())
