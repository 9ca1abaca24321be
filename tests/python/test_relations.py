# SPDX-License-Identifier: MIT
"""Relations as Python objects."""

from __future__ import annotations

from conftest import relation_triples


def test_support(pipeline):
    doc = pipeline.annotate("La Chine soutient la Russie.", doc_id="r1", date="2024-06-19")
    assert relation_triples(doc) == {("china", "SUPPORT", "russia")}
    r = doc.relations[0]
    assert r.modality == "asserted"
    assert r.sign == 1 and not r.symmetric
    assert r.goldstein > 0 and 0 < r.confidence <= 1
    assert r.cameo and r.trigger_id
    assert [ev.text for ev in r.evidence] == ["La Chine soutient la Russie."]
    d = r.to_dict()
    assert (d["source"], d["type"], d["target"], d["sign"]) == (
        "china", "SUPPORT", "russia", "cooperative")
    assert d["evidence"][0]["modality"] == "asserted"


def test_support_in_quotes(pipeline):
    doc = pipeline.annotate("« La Chine soutient la Russie. »")
    assert ("china", "SUPPORT", "russia") in relation_triples(doc)


def test_modalities(pipeline):
    cases = {
        "La Chine ne soutient pas la Russie.": "negated",
        "La Chine soutiendra la Russie.": "future",
        "Selon Moscou, la Chine soutient la Russie.": "reported",
    }
    for text, modality in cases.items():
        doc = pipeline.annotate(text, date="2024-06-19")
        support = [r for r in doc.relations if r.type == "SUPPORT"]
        assert [r.modality for r in support] == [modality], text


def test_symmetric_meet(pipeline):
    doc = pipeline.annotate("Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
                            date="2024-06-19")
    meet = [r for r in doc.relations if r.type == "MEET"]
    assert len(meet) == 1
    assert meet[0].symmetric
    assert {meet[0].source, meet[0].target} == {"emmanuel_macron", "olaf_scholz"}


def test_entities_and_cooccurrences(pipeline):
    doc = pipeline.annotate("La Chine soutient la Russie.")
    assert [e.id for e in doc.entities] == ["china", "russia"]
    china = doc.find_entity("china")
    assert china.type == "STATE" and china.known and china.name == "Chine"
    assert china.attributes.get("wikidata") == "Q148"
    assert doc.find_entity("nobody") is None
    assert [(c.a, c.b, c.count) for c in doc.cooccurrences] == [("china", "russia", 1)]
    assert doc.to_dict()["relations"][0]["type"] == "SUPPORT"
