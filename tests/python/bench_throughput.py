# SPDX-License-Identifier: MIT
"""Throughput of the Python path against nercore-extract on the same corpus (not a test).

    PYTHONPATH=<build>/bindings/python /usr/bin/python3 tests/python/bench_throughput.py \
        --extract <build>/examples/nercore-extract [--mb 5] [--repeat 3]

Builds a corpus of the five articles of examples/articles repeated to about --mb MB (one file per
copy, in a temporary directory), then times (wall and CPU seconds), best of --repeat:
  cli -jN        nercore-extract --out-dir (JSON Lines and GraphML) on the directory;
  python         read each file, Pipeline.annotate, Document.to_json, GraphBuilder.add, write
                 articles.jsonl and actors.graphml (what the CLI does), on 1 thread and on N
                 threads sharing one Pipeline (the GIL is released during annotate);
  python+objects the same, also converting every document to Python objects (to_dict()).
Use a Release build: the figures of a Debug build say little.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parents[2]


def make_corpus(directory: pathlib.Path, megabytes: float) -> int:
    articles = [p.read_bytes() for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    total, i = 0, 0
    while total < megabytes * 1e6:
        data = articles[i % len(articles)]
        (directory / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
        i += 1
    return total


def best(repeat: int, fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children) of the fastest of `repeat`
    runs. CPU time is the fairer figure on a loaded machine."""
    runs = []
    for _ in range(repeat):
        c0 = time.process_time()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        fn()
        wall = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() - c0 + (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        runs.append((wall, cpu))
    return min(runs)


def python_run(pipeline, files, out_dir, threads, objects):
    import nercore

    def one(path):
        text = path.read_text(encoding="utf-8")
        doc = pipeline.annotate(text, path.name, "2024-06-19")
        if objects:
            doc.to_dict()
        return doc, doc.to_json()

    graph = nercore.GraphBuilder()
    with open(out_dir / "articles.jsonl", "w", encoding="utf-8") as out:
        if threads == 1:
            results = map(one, files)
        else:
            pool = ThreadPoolExecutor(max_workers=threads)
            results = pool.map(one, files)
        for doc, line in results:
            out.write(line)
            out.write("\n")
            graph.add(doc)
        if threads != 1:
            pool.shutdown()
    graph.write_graphml(out_dir / "actors.graphml")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extract", required=True, help="path of nercore-extract")
    ap.add_argument("--gazetteers", default=str(ROOT / "gazetteers" / "fr"))
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    import nercore

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        nbytes = make_corpus(corpus, args.mb)
        files = sorted(corpus.glob("*.txt"))
        out = tmp / "out"
        out.mkdir()
        print(f"corpus: {len(files)} files, {nbytes / 1e6:.2f} MB; {args.threads} threads; "
              f"best of {args.repeat}")

        t0 = time.perf_counter()
        pipeline = nercore.Pipeline.from_directory(args.gazetteers)
        print(f"  gazetteer load (Python): {time.perf_counter() - t0:.2f} s (not counted below)")

        def report(name, run, base=(0.0, 0.0)):
            wall, cpu = run[0] - base[0], run[1] - base[1]
            print(f"  {name:<28} {wall:6.2f} s wall {nbytes / 1e6 / wall:6.2f} MB/s   "
                  f"{cpu:6.2f} s CPU {nbytes / 1e6 / cpu:6.2f} MB/CPU-s")

        for jobs in sorted({1, args.threads}):
            cmd = [args.extract, "--gazetteers", args.gazetteers, "--date", "2024-06-19",
                   "--out-dir", str(out / f"cli{jobs}"), "-j", str(jobs), "-q", str(corpus)]
            # The CLI loads the gazetteers itself; subtract a run on an empty corpus.
            empty = tmp / "empty"
            empty.mkdir(exist_ok=True)
            base = best(args.repeat, lambda: subprocess.run(
                cmd[:-1] + [str(empty)], check=True))
            report(f"cli -j{jobs} (minus load)",
                   best(args.repeat, lambda: subprocess.run(cmd, check=True)), base)
        for threads in sorted({1, args.threads}):
            d = out / f"py{threads}"
            d.mkdir()
            report(f"python, {threads} thread(s)",
                   best(args.repeat, lambda: python_run(pipeline, files, d, threads, False)))
        for threads in sorted({1, args.threads}):
            d = out / f"pyo{threads}"
            d.mkdir()
            report(f"python+objects, {threads} thr.",
                   best(args.repeat, lambda: python_run(pipeline, files, d, threads, True)))
        same = (out / "cli1" / "articles.jsonl").read_bytes() == \
            (out / "py1" / "articles.jsonl").read_bytes()
        print(f"  JSON Lines of python and cli identical: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
