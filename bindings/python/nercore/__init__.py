# SPDX-License-Identifier: MIT
"""nercore: actors and their relations in French international-politics news.

Python bindings of the nercore C++ library::

    import nercore
    p = nercore.Pipeline.bundled()                  # or Pipeline.from_directory("gazetteers/fr")
    text = "« La Chine soutient la Russie », a dit Olaf Scholz."
    doc = p.annotate(text, doc_id="a1", date="2024-06-19")
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text        # offsets are code points into `text`
    for r in doc.relations:
        print(r.source, r.type, r.target)           # china SUPPORT russia
    g = nercore.GraphBuilder()
    g.add(doc)
    g.write_graphml("actors.graphml")

Offsets (Mention.start/end, Evidence.sentence/trigger, Document.sentences) are code-point offsets
into the str given to annotate(); ``Document.to_json()`` is the C++ exporter's JSON line, identical
to a line of ``nercore-extract``, and so keeps UTF-8 byte offsets. ``Pipeline.annotate`` releases
the GIL: one Pipeline can be shared by many threads. Errors are raised as ``NercoreError``.
"""

from __future__ import annotations

import os as _os

from ._core import (  # noqa: F401  (re-exported)
    CoOccurrence,
    Document,
    Entity,
    Evidence,
    GraphBuilder,
    Mention,
    NercoreError,
    Pipeline,
    Relation,
    __version__,
    version,
)
from . import _core

__all__ = [
    "CoOccurrence",
    "Document",
    "Entity",
    "Evidence",
    "GraphBuilder",
    "Mention",
    "NercoreError",
    "Pipeline",
    "Relation",
    "bundled_gazetteers",
    "version",
    "__version__",
]

#: The separator of the evidence sentences in GraphML (and in to_networkx()).
EVIDENCE_SEPARATOR = " \u00a6 "


def _data_gazetteers() -> str:
    return _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "data", "gazetteers", "fr")


def bundled_gazetteers() -> str:
    """The gazetteer directory that ``Pipeline.bundled()`` loads.

    In order: ``$NERCORE_GAZETTEERS`` if set and not empty (used as is, even if it does not exist,
    so that a wrong setting fails loudly); else the directory compiled into the module at build
    time (the source tree's ``gazetteers/fr`` for a CMake build, then the install prefix's
    ``share/nercore/gazetteers/fr``), if it exists; else the package's ``data/gazetteers/fr``
    (what ``pip install`` copies). Raises NercoreError ([N001]) if none exists.
    """
    env = _os.environ.get("NERCORE_GAZETTEERS", "")
    if env:
        return env
    for candidate in _core._COMPILED_GAZETTEERS.split(_os.pathsep):
        if candidate and _os.path.isdir(candidate):
            return candidate
    data = _data_gazetteers()
    if _os.path.isdir(data):
        return data
    message = "no bundled gazetteers: set NERCORE_GAZETTEERS or use Pipeline.from_directory()"
    err = NercoreError(f"[N001] {message}")
    err.code, err.message, err.source, err.line = "N001", message, "", 0
    raise err


def _to_networkx(self, *, types=None, modalities=None, min_documents=1, cooccurrence=False):
    """The graph as a ``networkx.MultiDiGraph`` (requires networkx).

    Built directly from the node and edge data (no temporary file). Nodes are keyed by entity id
    and carry label, type, wikidata, country, mentions and documents; there is one edge per
    (source, type, target), keyed by its type, carrying the GraphML edge keys (type, cameo,
    goldstein, sign, documents, mentions, asserted, reported, future, negated, first_date,
    last_date, evidence joined with " ¦ "). Symmetric types (MEET, COOPERATE, CO_OCCURS) have one
    edge with source < target. Empty strings (no wikidata, no cameo, ...) are left out, as
    ``networkx.read_graphml`` leaves them out. The filter arguments are those of write_graphml(),
    so the result has the same nodes, edges and values as ``networkx.read_graphml`` of
    write_graphml()'s file (which keys nodes by GraphML ids n0, n1, ... and keeps the entity id in
    the "entity" key).
    """
    import networkx  # noqa: PLC0415  (optional dependency)

    g = networkx.MultiDiGraph()
    for node in self.nodes():
        attrs = {k: v for k, v in node.items() if v != ""}
        g.add_node(attrs.pop("id"), **attrs)
    for edge in self.edges(
        types=types, modalities=modalities, min_documents=min_documents, cooccurrence=cooccurrence
    ):
        attrs = dict(edge)
        source, target = attrs.pop("source"), attrs.pop("target")
        attrs["evidence"] = EVIDENCE_SEPARATOR.join(attrs["evidence"])
        attrs = {k: v for k, v in attrs.items() if v != ""}
        g.add_edge(source, target, key=attrs["type"], **attrs)
    return g


GraphBuilder.to_networkx = _to_networkx
