# SPDX-License-Identifier: MIT
"""Pipeline.annotate_many gives, in order, the documents of one annotate() per text."""

from __future__ import annotations

import pytest

from conftest import ARTICLES


def texts():
    articles = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    # non-ASCII offsets, an empty text, and the same text twice in one batch
    return articles + ["", "Le président Vladimir Poutine a rencontré Kim Jong-un à Pyongyang.", articles[0]]


def test_a_batch_equals_one_annotate_per_text(pipeline):
    batch = texts()
    ids = [f"doc{i}" for i in range(len(batch))]
    docs = pipeline.annotate_many(batch, doc_ids=ids, date="2024-06-19")
    assert len(docs) == len(batch)
    for text, doc_id, doc in zip(batch, ids, docs):
        one = pipeline.annotate(text, doc_id=doc_id, date="2024-06-19")
        assert doc.id == doc_id
        assert doc.to_json() == one.to_json()
        # offsets in code points, too
        assert [m.to_dict() for m in doc.mentions] == [m.to_dict() for m in one.mentions]
    assert sum(len(d.mentions) for d in docs) > 20


def test_a_batch_without_ids_and_an_empty_batch(pipeline):
    docs = pipeline.annotate_many(["La Chine soutient la Russie."])
    assert [d.id for d in docs] == [""]
    assert docs[0].mentions
    assert pipeline.annotate_many([]) == []


def test_a_batch_rejects_bad_arguments(pipeline):
    import nercore

    with pytest.raises(nercore.NercoreError, match="2 texts but 1 doc_ids"):
        pipeline.annotate_many(["a", "b"], doc_ids=["x"])
    with pytest.raises(nercore.NercoreError, match="not YYYY-MM-DD"):
        pipeline.annotate_many(["a"], date="2024-13-01")
    with pytest.raises(TypeError):
        pipeline.annotate_many(["a", 3])
