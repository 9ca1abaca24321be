# SPDX-License-Identifier: MIT
"""GraphBuilder: the corpus actor graph (nercore::ActorGraph)."""

from __future__ import annotations

import pickle

import pytest

import nercore

DOC1 = "La Chine soutient la Russie. Emmanuel Macron a rencontré Olaf Scholz à Berlin."
DOC2 = "La Russie a attaqué l’Ukraine. La Chine soutient la Russie, selon Washington."


def expected(docs, cooccurrence=False):
    """Nodes and (source, type, target) edges the graph must have, from the documents."""
    nodes = {e.id for d in docs for e in d.entities}
    edges = set()
    for d in docs:
        for r in d.relations:
            s, t = r.source, r.target
            if r.symmetric and t < s:
                s, t = t, s
            edges.add((s, r.type, t))
        if cooccurrence:
            edges |= {(c.a, "CO_OCCURS", c.b) for c in d.cooccurrences}
    return nodes, edges


@pytest.fixture()
def docs(pipeline):
    return [pipeline.annotate(DOC1, doc_id="d1", date="2024-06-18"),
            pipeline.annotate(DOC2, doc_id="d2", date="2024-06-19")]


@pytest.fixture()
def graph(docs):
    g = nercore.GraphBuilder()
    for d in docs:
        g.add(d)
    return g


def test_counts(graph, docs):
    nodes, edges = expected(docs, cooccurrence=True)
    assert graph.num_nodes == len(nodes) == len(graph)
    assert graph.num_edges == len(edges)
    assert {n["id"] for n in graph.nodes()} == nodes
    got = {(e["source"], e["type"], e["target"]) for e in graph.edges(cooccurrence=True)}
    assert got == edges
    support = [e for e in graph.edges() if e["type"] == "SUPPORT"]
    assert len(support) == 1
    assert support[0]["documents"] == 2
    assert (support[0]["first_date"], support[0]["last_date"]) == ("2024-06-18", "2024-06-19")
    assert support[0]["asserted"] == 1 and support[0]["reported"] == 1
    russia = next(n for n in graph.nodes() if n["id"] == "russia")
    assert russia["documents"] == 2 and russia["type"] == "STATE"


def test_write_graphml_and_read_back(graph, docs, tmp_path):
    path = tmp_path / "actors.graphml"
    graph.write_graphml(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<graphml" in text
    assert text == graph.to_graphml()
    again = nercore.GraphBuilder.read_graphml(path)
    # The default filter leaves CO_OCCURS edges out of the file.
    nodes, edges = expected(docs)
    assert again.num_nodes == len(nodes) and again.num_edges == len(edges)
    full = nercore.GraphBuilder.from_graphml(graph.to_graphml(cooccurrence=True))
    assert full == graph
    assert nercore.GraphBuilder.from_graphml(graph.to_graphml(types=["SUPPORT"])).num_edges == 1


def test_merge(docs, graph):
    a, b = nercore.GraphBuilder(), nercore.GraphBuilder()
    a.add(docs[0])
    b.add(docs[1])
    a.merge(b)
    assert a == graph
    assert a.to_graphml() == graph.to_graphml()


def test_pickle(graph):
    again = pickle.loads(pickle.dumps(graph))
    assert again == graph and again is not graph


def test_add_needs_a_document(graph):
    with pytest.raises(TypeError):
        graph.add("La Chine soutient la Russie.")


def test_to_networkx(graph, docs, tmp_path):
    networkx = pytest.importorskip("networkx")
    g = graph.to_networkx()
    assert isinstance(g, networkx.MultiDiGraph)
    nodes, edges = expected(docs)
    assert set(g.nodes) == nodes
    assert {(s, k, t) for s, t, k in g.edges(keys=True)} == edges
    assert g.nodes["china"]["label"] == "Chine"
    assert g.edges["china", "russia", "SUPPORT"]["documents"] == 2
    full = graph.to_networkx(cooccurrence=True)
    assert full.number_of_edges() == graph.num_edges

    # Same content as networkx.read_graphml of the GraphML file, keyed by entity id.
    path = tmp_path / "actors.graphml"
    graph.write_graphml(path)
    read = networkx.read_graphml(path)
    read = networkx.relabel_nodes(read, {n: d["entity"] for n, d in read.nodes(data=True)})
    assert {n: {k: v for k, v in d.items() if k != "entity"} for n, d in read.nodes(data=True)} \
        == dict(g.nodes(data=True))

    def by_key(edges):
        return sorted(edges, key=lambda e: (e[0], e[1], e[2]["type"]))

    read_edges = by_key((s, t, {k: v for k, v in d.items() if k != "id"})
                        for s, t, d in read.edges(data=True))
    assert read_edges == by_key(g.edges(data=True))
