# SPDX-License-Identifier: MIT
"""Offsets are code points into the Python str: text[m.start:m.end] == m.text."""

from __future__ import annotations

import json

import pytest

TEXTS = [
    # accents, « », an emoji (4 UTF-8 bytes, 1 code point) before a name
    "🙂 « La Chine soutient la Russie », a déclaré Emmanuel Macron à Pékin.",
    # several emoji, a flag (2 code points), a non-breaking space and CJK before the names
    "🇫🇷🇩🇪 Réunion à Berlin : Olaf\u00a0Scholz a rencontré Emmanuel Macron. 北京 — la Chine "
    "critique les États-Unis.",
    # a combining accent (decomposed é) before a name
    "Le ministre de\u0301clare que la Re\u0301publique populaire de Chine soutient la Russie.",
    # ASCII only: no conversion table
    "La Chine soutient la Russie. Emmanuel Macron a vu Olaf Scholz a Berlin.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_mention_slices_equal_their_text(pipeline, text):
    doc = pipeline.annotate(text, doc_id="t", date="2024-06-19")
    assert doc.mentions, "expected some mentions"
    raw = text.encode("utf-8")
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
        assert raw[m.byte_start:m.byte_end].decode("utf-8") == m.text
        assert m.to_dict()["start"] == m.start and m.to_dict()["end"] == m.end
    for e in doc.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
            assert m.entity == e.id
    for start, end in doc.sentences:
        assert 0 <= start <= end <= len(text)
    for r in doc.relations:
        for ev in r.evidence:
            s, e = ev.sentence
            assert text[s:e] == ev.text
            ts, te = ev.trigger
            assert s <= ts < te <= e
    assert doc.length == len(text)
    assert doc.bytes == len(raw)


def test_emoji_before_a_name(pipeline):
    text = TEXTS[0]
    doc = pipeline.annotate(text)
    china = doc.find_entity("china")
    assert china is not None
    first = china.mentions[0]
    assert (first.start, first.end) == (text.index("Chine"), text.index("Chine") + len("Chine"))
    # The byte offsets are larger: the emoji is 4 bytes, « and é 2 bytes each.
    assert first.byte_start == len(text[:first.start].encode("utf-8"))
    ev = doc.relations[0].evidence[0]
    assert text[ev.trigger[0]:ev.trigger[1]] == "soutient"


def test_to_dict_uses_code_points_and_to_json_bytes(pipeline):
    text = TEXTS[0]
    doc = pipeline.annotate(text, doc_id="a1", date="2024-06-19")
    d = doc.to_dict()
    j = json.loads(doc.to_json())
    assert d["doc"] == j["doc"] == "a1"
    assert d["date"] == j["date"] == "2024-06-19"
    assert [e["id"] for e in d["entities"]] == [e["id"] for e in j["entities"]]
    for de, je in zip(d["entities"], j["entities"]):
        for dm, jm in zip(de["mentions"], je["mentions"]):
            assert text[dm["start"]:dm["end"]] == dm["text"] == jm["text"]
            assert text.encode()[jm["start"]:jm["end"]].decode() == jm["text"]
    assert json.loads(json.dumps(d))  # JSON-serializable
    assert "\n" not in doc.to_json()
    assert "evidence" not in doc.to_json(evidence=False)
    assert "cooccurrences" not in json.loads(doc.to_json(cooccurrences=False))


def test_ascii_text_offsets_equal_bytes(pipeline):
    text = TEXTS[3]
    doc = pipeline.annotate(text)
    for m in doc.mentions:
        assert (m.start, m.end) == (m.byte_start, m.byte_end)


def test_objects_outlive_their_document(pipeline):
    text = TEXTS[1]
    mentions = pipeline.annotate(text).mentions
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_lone_surrogate_is_rejected(pipeline):
    with pytest.raises(UnicodeError):
        pipeline.annotate("\ud800 la Chine")


def test_bytes_are_rejected(pipeline):
    with pytest.raises(TypeError):
        pipeline.annotate(b"la Chine")


def test_empty_text(pipeline):
    doc = pipeline.annotate("")
    assert doc.mentions == [] and doc.relations == [] and doc.length == 0
