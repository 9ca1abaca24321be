#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Annotate a corpus on a Dask cluster with the nercore Python module.

    dask_corpus.py [--scheduler ADDRESS] [--gazetteers DIR] [--date YYYY-MM-DD]
                   [--out-dir DIR] INPUT

INPUT is a directory of .txt files (read recursively, files matching --glob, in path order, the id
of a document being its file name) or a JSON Lines file of {"id", "date", "text"} objects, exactly
as nercore-extract reads them. The corpus is split into contiguous partitions of about equal size; a
dask.bag maps each partition to a worker, which loads its own nercore.Pipeline, annotates the
partition's documents (Pipeline.annotate_many, in runs of 64 of one date) and builds the
partition's actor graph. The driver writes the documents'
JSON lines in input order and merges the partition graphs, giving DIR/articles.jsonl and
DIR/actors.graphml: the same files as `nercore-extract --out-dir DIR` with the same --date and
--gazetteers.

Without --scheduler, a LocalCluster of --workers processes (2) with one thread each is started.
With --scheduler tcp://host:8786, the workers of that cluster do the work; each needs the nercore
module importable, the gazetteers (at the --gazetteers path, or its own bundled ones) and read
access to INPUT at the same path (a shared file system). See docs/SCALING.md.

Exit status: 0 on success, 1 if some inputs failed (they are reported; the others are written), 2 on
a usage error, 3 if the gazetteers cannot be loaded, 4 if the outputs cannot be written, 5 on a
timeout.
"""

from __future__ import annotations

import argparse
import datetime
import fnmatch
import json
import logging
import os
import re
import sys
import time
from typing import Any, Iterator

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_GAZETTEERS, EXIT_OUTPUT, EXIT_TIMEOUT = 0, 1, 2, 3, 4, 5
BATCH = 64  # documents per Pipeline.annotate_many call, as nercore-extract groups them


# ------------------------------------------------------------------------------------------------
# Inputs, read the way nercore-extract reads them


def valid_date(s: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", s):
        return False
    try:
        datetime.date(int(s[:4]), int(s[5:7]), int(s[8:]))
    except ValueError:
        return False
    return True


def json_date(value: Any) -> str | None:
    """The date of a "date" field: YYYY-MM-DD, possibly followed by a time."""
    if not isinstance(value, str):
        return None
    if len(value) > 10 and value[10] not in "T ":
        return None
    return value[:10] if valid_date(value[:10]) else None


def list_text_files(root: str, globs: list[str]) -> list[str]:
    """The files under `root` matching one of `globs`, recursively, sorted by path components."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if not os.path.isfile(path):
                continue
            for g in globs:
                if ("/" in g and fnmatch.fnmatchcase(rel, g)) or fnmatch.fnmatchcase(name, g):
                    found.append(path)
                    break
    # nercore-extract sorts std::filesystem::path objects: element by element, bytewise.
    return sorted(found, key=lambda p: [part.encode("utf-8", "surrogateescape")
                                        for part in p.split(os.sep)])


def jsonl_document(line: bytes, where: str, id_prefix: str, number: int, default_date: str,
                   errors: list[str]) -> tuple[str, str, str] | None:
    """(id, date, text) of one JSON Lines line, or None (with an error) if it is skipped."""
    if line.endswith(b"\r"):
        line = line[:-1]
    if not line.strip(b" \t"):
        return None
    try:
        text_line = line.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{where}: invalid UTF-8 at byte offset {e.start}; line skipped")
        return None
    try:
        obj = json.loads(text_line)
    except ValueError as e:
        errors.append(f"{where}: broken JSON line ({e}); skipped")
        return None
    if not isinstance(obj, dict):
        errors.append(f'{where}: expected a JSON object with "id", "date" and "text"; line skipped')
        return None
    text = obj.get("text")
    if not isinstance(text, str):
        errors.append(f'{where}: no "text" string; line skipped')
        return None
    doc_id = obj.get("id")
    if isinstance(doc_id, bool) or not (doc_id is None or isinstance(doc_id, (str, int))):
        errors.append(f'{where}: "id" must be a string or an integer; line skipped')
        return None
    doc_id = f"{id_prefix}:{number}" if doc_id is None else str(doc_id)
    date = default_date
    if obj.get("date") is not None:
        date = json_date(obj["date"])
        if date is None:
            errors.append(f'{where}: "date" is not YYYY-MM-DD: {json.dumps(obj["date"])}; '
                          "line skipped")
            return None
    return doc_id, date, text


def expand_inputs(inputs: list[str], globs: list[str], jsonl_input: bool,
                  errors: list[str]) -> list[tuple[str, bool]]:
    """The (path, is JSON Lines) sources of the INPUT arguments, as nercore-extract expands them:
    a directory gives its matching files in path order; *.jsonl files are JSON Lines."""
    sources = []
    for path in inputs:
        path = os.path.abspath(path)  # workers may run in other directories
        if os.path.isdir(path):
            sources += [(f, jsonl_input or f.endswith(".jsonl"))
                        for f in list_text_files(path, globs)]
        elif os.path.exists(path):
            sources.append((path, jsonl_input or path.endswith(".jsonl")))
        else:
            errors.append(f"{path}: no such file or directory")
    return sources


def make_partitions(sources: list[tuple[str, bool]], partitions: int) -> list[tuple]:
    """Contiguous partitions of about equal size, in input order: runs of text files
    ("files", [path, ...]) and byte ranges of JSON Lines files ("jsonl", path, start, end, line)."""
    sizes = [max(1, os.path.getsize(path)) for path, _ in sources]
    target = max(1, sum(sizes) // max(1, partitions))
    specs: list[tuple] = []
    files: list[str] = []
    acc = 0
    for (path, jsonl), size in zip(sources, sizes):
        if jsonl:
            if files:
                specs.append(("files", files))
                files, acc = [], 0
            specs += partition_jsonl(path, max(1, round(size / target)))
            continue
        files.append(path)
        acc += size
        if acc >= target:
            specs.append(("files", files))
            files, acc = [], 0
    if files:
        specs.append(("files", files))
    return specs


def partition_jsonl(path: str, partitions: int) -> list[tuple]:
    """Byte ranges of a JSON Lines file cut at line ends, with the number of their first line."""
    size = os.path.getsize(path)
    bounds = [0]
    with open(path, "rb") as f:
        for k in range(1, partitions):
            f.seek(max(bounds[-1], size * k // partitions))
            if f.tell() > 0:
                f.seek(f.tell() - 1)
                f.readline()  # to the start of the next line
            if f.tell() >= size:
                break
            if f.tell() > bounds[-1]:
                bounds.append(f.tell())
        bounds.append(size)
        specs, line = [], 1
        for start, end in zip(bounds, bounds[1:]):
            specs.append(("jsonl", path, start, end, line))
            f.seek(start)
            line += f.read(end - start).count(b"\n")
    return specs


def documents(spec: tuple, default_date: str, errors: list[str]) -> Iterator[tuple[str, str, str]]:
    """The (id, date, text) of the documents of a partition, in input order."""
    if spec[0] == "files":
        for path in spec[1]:
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                errors.append(f"{path}: cannot read: {e.strerror}")
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                errors.append(f"{path}: invalid UTF-8 at byte offset {e.start}; skipped")
                continue
            yield os.path.basename(path), default_date, text
        return
    _, path, start, end, number = spec
    id_prefix = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            f.seek(start)
            chunk = f.read(end - start)
    except OSError as e:
        errors.append(f"{path}: cannot read: {e.strerror}")
        return
    lines = chunk.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i, line in enumerate(lines):
        doc = jsonl_document(line, f"{path}:{number + i}", id_prefix, number + i, default_date,
                             errors)
        if doc is not None:
            yield doc


# ------------------------------------------------------------------------------------------------
# The work of one partition, on a worker


def annotate_partition(spec: tuple, gazetteers: str | None, default_date: str) -> dict:
    """Annotates one partition with a Pipeline loaded in the worker; returns its JSON lines (in
    order), its actor graph (a nercore.GraphBuilder, pickled as GraphML), its errors and sizes."""
    import nercore

    started = time.perf_counter()
    pipeline = (nercore.Pipeline.from_directory(gazetteers) if gazetteers
                else nercore.Pipeline.bundled())
    loaded = time.perf_counter()
    graph = nercore.GraphBuilder()
    lines, errors, nbytes = [], [], 0
    # Runs of up to BATCH consecutive documents of one date go to annotate_many, which runs each
    # stage over the whole run (faster than one annotate() per document: the stages' tables stay
    # in the CPU caches); the output is the same.
    batch: list[tuple[str, str]] = []
    batch_date = None

    def flush() -> None:
        nonlocal nbytes
        if not batch:
            return
        docs = pipeline.annotate_many([text for _, text in batch],
                                      doc_ids=[doc_id for doc_id, _ in batch], date=batch_date)
        for doc in docs:
            lines.append(doc.to_json())
            graph.add(doc)
            nbytes += doc.bytes
        batch.clear()

    for doc_id, date, text in documents(spec, default_date, errors):
        if date != batch_date or len(batch) == BATCH:
            flush()
            batch_date = date
        batch.append((doc_id, text))
    flush()
    return {"lines": lines, "graph": graph, "errors": errors, "bytes": nbytes,
            "load_seconds": loaded - started, "seconds": time.perf_counter() - loaded}


# ------------------------------------------------------------------------------------------------
# The driver


class PartitionFailed(Exception):
    """A partition raised on its worker (its gazetteers could not be loaded, say)."""


def describe(spec: tuple) -> str:
    if spec[0] == "files":
        return f"{len(spec[1])} file(s) from {spec[1][0]}"
    return f"{spec[1]} from line {spec[4]}"


def atomic_write(path: str, write) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Annotate a corpus with nercore on a Dask cluster (dask.bag).",
        epilog="Outputs: DIR/articles.jsonl (input order) and DIR/actors.graphml, as "
               "nercore-extract --out-dir DIR writes them.")
    ap.add_argument("inputs", metavar="INPUT", nargs="+",
                    help="directories of text files (recursive), text files, .jsonl files")
    ap.add_argument("--jsonl-input", action="store_true", help="INPUT is JSON Lines (implied for "
                    "*.jsonl)")
    ap.add_argument("--glob", action="append", default=None, metavar="PATTERN",
                    help="file names to take from a directory (*.txt); repeatable")
    ap.add_argument("--gazetteers", metavar="DIR", default=None,
                    help="gazetteer directory, at this path on every worker (absolute with "
                         "--scheduler; default: each worker's nercore.Pipeline.bundled())")
    ap.add_argument("--date", default="", metavar="YYYY-MM-DD",
                    help="date of documents that have none (default: today)")
    ap.add_argument("--out-dir", default=".", metavar="DIR", help="output directory (.)")
    ap.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="address of a running Dask scheduler (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, metavar="N",
                    help="worker processes of the LocalCluster (2)")
    ap.add_argument("--threads-per-worker", type=int, default=1, metavar="N",
                    help="threads per LocalCluster worker (1)")
    ap.add_argument("--partitions", type=int, default=0, metavar="N",
                    help="number of partitions (default: 2 per worker thread)")
    ap.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                    help="give up after this long (600)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress report")
    args = ap.parse_args(argv)
    if args.date and not valid_date(args.date):
        ap.error(f"--date: not a date YYYY-MM-DD: {args.date}")
    if args.workers < 1 or args.threads_per_worker < 1 or args.partitions < 0:
        ap.error("--workers and --threads-per-worker must be >= 1, --partitions >= 0")
    args.glob = args.glob or ["*.txt"]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()

    import dask.bag as db
    from distributed import Client, LocalCluster

    import nercore

    # Fail early, on the driver, if the gazetteers cannot be loaded.
    try:
        if args.gazetteers:
            nercore.Pipeline.from_directory(args.gazetteers)
    except nercore.NercoreError as e:
        print(f"dask_corpus: cannot load the gazetteers in '{args.gazetteers}': {e}",
              file=sys.stderr)
        return EXIT_GAZETTEERS
    date = args.date or datetime.date.today().isoformat()

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler, timeout=args.timeout)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads_per_worker,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster, timeout=args.timeout)
    try:
        threads = sum(client.nthreads().values()) or 1
        partitions = args.partitions or 2 * threads
        input_errors: list[str] = []
        sources = expand_inputs(args.inputs, args.glob, args.jsonl_input, input_errors)
        specs = make_partitions(sources, partitions)

        # One bag element per partition: map() runs annotate_partition once per partition.
        bag = db.from_sequence(specs, npartitions=max(1, len(specs)))
        results = bag.map(annotate_partition, args.gazetteers, date)
        futures = client.compute(results.to_delayed()) if specs else []

        graph = nercore.GraphBuilder()
        for error in input_errors:
            print(f"dask_corpus: {error}", file=sys.stderr)
        failed, nbytes, ndocs = len(input_errors), 0, 0
        deadline = started + args.timeout
        os.makedirs(args.out_dir, exist_ok=True)
        jsonl_path = os.path.join(args.out_dir, "articles.jsonl")
        graphml_path = os.path.join(args.out_dir, "actors.graphml")

        def write_lines(out):
            nonlocal failed, nbytes, ndocs
            for number, future in enumerate(futures):  # partition order is input order
                try:
                    parts = future.result(timeout=max(0.0, deadline - time.perf_counter()))
                except TimeoutError:
                    raise
                except Exception as e:  # raised on the worker, re-raised here
                    raise PartitionFailed(f"partition {number} ({describe(specs[number])}) "
                                          f"failed on its worker: {type(e).__name__}: {e}") from e
                for part in parts:
                    for line in part["lines"]:
                        out.write(line)
                        out.write("\n")
                    graph.merge(part["graph"])
                    for error in part["errors"]:
                        print(f"dask_corpus: {error}", file=sys.stderr)
                    failed += len(part["errors"])
                    nbytes += part["bytes"]
                    ndocs += len(part["lines"])
                future.release()

        try:
            atomic_write(jsonl_path, write_lines)
            graph.write_graphml(graphml_path + ".tmp")
            os.replace(graphml_path + ".tmp", graphml_path)
        except TimeoutError:
            print(f"dask_corpus: timed out after {args.timeout:g} s", file=sys.stderr)
            return EXIT_TIMEOUT
        except PartitionFailed as e:
            print(f"dask_corpus: {e}", file=sys.stderr)
            gazetteers = isinstance(e.__cause__, nercore.NercoreError)
            return EXIT_GAZETTEERS if gazetteers else EXIT_INPUT
        except (OSError, nercore.NercoreError) as e:
            print(f"dask_corpus: cannot write the outputs: {e}", file=sys.stderr)
            return EXIT_OUTPUT

        if not args.quiet:
            seconds = time.perf_counter() - started
            print(f"dask_corpus: {ndocs} documents, {nbytes / 1e6:.2f} MB in {len(specs)} "
                  f"partitions on {threads} worker threads, {seconds:.1f} s; graph: "
                  f"{graph.num_nodes} nodes, {graph.num_edges} edges; wrote {jsonl_path} and "
                  f"{graphml_path}", file=sys.stderr)
        if failed:
            print(f"dask_corpus: {failed} input(s) failed; the others were processed",
                  file=sys.stderr)
            return EXIT_INPUT
        return EXIT_OK
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    sys.exit(main())
