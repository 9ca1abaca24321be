# SPDX-License-Identifier: MIT
"""Pipeline.from_directory(..., gazetteer_cache=...): a gazetteer snapshot as a cache."""

from __future__ import annotations

import pickle
import shutil

import pytest

import nercore
from conftest import ARTICLES, GAZETTEERS

TEXT = (ARTICLES / "01_ukraine_ue.txt").read_text(encoding="utf-8")


def entities(p):
    d = p.annotate(TEXT, "a", "2024-06-19")
    return sorted((e.id, len(e.mentions)) for e in d.entities)


def test_cache_written_then_read_and_same_results(tmp_path):
    gaz = tmp_path / "gaz"
    shutil.copytree(GAZETTEERS, gaz)
    cache = tmp_path / "fr.snapshot"
    plain = nercore.Pipeline.from_directory(gaz)
    assert plain.gazetteer_cache is None
    first = nercore.Pipeline.from_directory(gaz, gazetteer_cache=cache)
    assert cache.stat().st_size > 1000
    written = cache.stat().st_mtime_ns
    second = nercore.Pipeline.from_directory(gaz, gazetteer_cache=str(cache))
    assert cache.stat().st_mtime_ns == written  # read, not written again
    assert second.gazetteer_cache == str(cache)
    assert entities(first) == entities(second) == entities(plain)
    # a pickled pipeline keeps its cache (Dask workers read the snapshot)
    again = pickle.loads(pickle.dumps(second))
    assert again.gazetteer_cache == str(cache) and entities(again) == entities(plain)
    assert cache.stat().st_mtime_ns == written


def test_unwritable_cache_is_an_io_error(tmp_path):
    with pytest.raises(nercore.NercoreError) as info:
        nercore.Pipeline.from_directory(GAZETTEERS, gazetteer_cache=tmp_path / "no" / "such.snapshot")
    assert info.value.code == "N001"
    assert "such.snapshot" in str(info.value)
