# SPDX-License-Identifier: MIT
"""One Pipeline shared by 4 threads gives the same documents as sequential annotation."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import ARTICLES, DATA


def corpus():
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.txt"))]
    texts += [(p.name, p.read_text(encoding="utf-8"))
              for p in sorted((DATA / "corpus").rglob("*.txt"))]
    return texts * 4  # enough work to overlap


def annotate(pipeline, item):
    doc_id, text = item
    doc = pipeline.annotate(text, doc_id=doc_id, date="2024-06-19")
    return doc.to_json(), doc.to_dict()


def test_four_threads_equal_sequential(pipeline):
    items = corpus()
    sequential = [annotate(pipeline, item) for item in items]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda item: annotate(pipeline, item), items))
    assert parallel == sequential


def test_graphs_built_per_thread_merge_to_the_sequential_graph(pipeline):
    import nercore

    items = corpus()
    whole = nercore.GraphBuilder()
    for doc_id, text in items:
        whole.add(pipeline.annotate(text, doc_id=doc_id, date="2024-06-19"))

    def part(chunk):
        g = nercore.GraphBuilder()
        for doc_id, text in chunk:
            g.add(pipeline.annotate(text, doc_id=doc_id, date="2024-06-19"))
        return g

    chunks = [items[i::4] for i in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = list(pool.map(part, chunks))
    merged = nercore.GraphBuilder()
    for g in parts:
        merged.merge(g)
    assert merged == whole
    assert merged.to_graphml(cooccurrence=True) == whole.to_graphml(cooccurrence=True)
