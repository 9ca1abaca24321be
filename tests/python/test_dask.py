# SPDX-License-Identifier: MIT
"""examples/dask_corpus.py on a LocalCluster (2 worker processes) gives the same JSON Lines (line
for line) and the same GraphML (nodes and edges, compared with networkx) as nercore-extract."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import DATA, GAZETTEERS, SOURCE_DIR

DATE = "2024-05-01"
TIMEOUT = 240


def run_both(tmp_path, inputs, *dask_args):
    extract = os.environ.get("NERCORE_EXTRACT")
    if not extract:
        pytest.skip("NERCORE_EXTRACT (path of nercore-extract) is not set")
    pytest.importorskip("distributed")
    import nercore

    # Worker processes import nercore through PYTHONPATH: pass on where this process found it.
    env = dict(os.environ)
    package_root = os.path.dirname(os.path.dirname(nercore.__file__))
    env["PYTHONPATH"] = os.pathsep.join(p for p in [package_root, env.get("PYTHONPATH")] if p)
    # The same gazetteer path for both: mention rules name the file they come from.
    common = ["--gazetteers", str(GAZETTEERS), "--date", DATE]
    cli_dir, dask_dir = tmp_path / "cli", tmp_path / "dask"
    subprocess.run([extract, *common, "--out-dir", str(cli_dir), *map(str, inputs)],
                   check=True, timeout=TIMEOUT)
    script = SOURCE_DIR / "examples" / "dask_corpus.py"
    subprocess.run([sys.executable, str(script), *common, "--out-dir", str(dask_dir),
                    "--workers", "2", "--timeout", str(TIMEOUT - 30), *dask_args,
                    *map(str, inputs)], check=True, timeout=TIMEOUT, env=env)
    return cli_dir, dask_dir


def compare(cli_dir, dask_dir, documents):
    cli = (cli_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    dask = (dask_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(cli) == documents
    assert dask == cli  # line for line, in input order

    networkx = pytest.importorskip("networkx")

    def load(path):
        g = networkx.read_graphml(path)
        nodes = {d["entity"]: d for _, d in g.nodes(data=True)}
        edges = sorted((g.nodes[s]["entity"], d["type"], g.nodes[t]["entity"],
                        sorted((k, v) for k, v in d.items() if k != "id"))
                       for s, t, d in g.edges(data=True))
        return nodes, edges

    cli_nodes, cli_edges = load(cli_dir / "actors.graphml")
    dask_nodes, dask_edges = load(dask_dir / "actors.graphml")
    assert cli_nodes and cli_edges
    assert dask_nodes == cli_nodes
    assert dask_edges == cli_edges


def test_directory_and_jsonl(tmp_path):
    # 3 text files (one in a subdirectory; notes.md is skipped) and 4 JSON lines; 4 partitions
    # split the JSON Lines file in two.
    cli_dir, dask_dir = run_both(tmp_path, [DATA / "corpus", DATA / "articles.jsonl"],
                                 "--partitions", "4")
    compare(cli_dir, dask_dir, documents=7)


def test_jsonl_one_line_per_partition(tmp_path):
    cli_dir, dask_dir = run_both(tmp_path, [DATA / "articles.jsonl"], "--partitions", "8")
    compare(cli_dir, dask_dir, documents=4)
