# SPDX-License-Identifier: MIT
"""Errors are raised as nercore.NercoreError with nercore::Error::to_string() as message."""

from __future__ import annotations

import pickle

import pytest

import nercore
from conftest import GAZETTEERS


def test_nonexistent_gazetteer_directory(tmp_path):
    missing = tmp_path / "no_such_dir"
    with pytest.raises(nercore.NercoreError) as info:
        nercore.Pipeline.from_directory(missing)
    e = info.value
    assert isinstance(e, Exception)
    assert "[N001]" in str(e) and str(missing) in str(e)
    assert e.code == "N001" and e.source == str(missing)
    assert issubclass(nercore.NercoreError, Exception)
    assert nercore.NercoreError.__module__ == "nercore"


def test_broken_gazetteer_file_names_file_and_line(tmp_path):
    (tmp_path / "states.tsv").write_text("russia\tSTATE\tRussie\t-\t-\nbroken line\n",
                                         encoding="utf-8")
    with pytest.raises(nercore.NercoreError) as info:
        nercore.Pipeline.from_directory(tmp_path)
    e = info.value
    assert e.source.endswith("states.tsv") and e.line == 2
    assert str(e).startswith(f"{e.source}:2: [{e.code}] ")


def test_bad_date(pipeline):
    with pytest.raises(nercore.NercoreError, match=r"\[N005\]"):
        pipeline.annotate("la Chine", date="2024-02-30")


def test_bundled(monkeypatch):
    monkeypatch.delenv("NERCORE_GAZETTEERS", raising=False)
    p = nercore.Pipeline.bundled()
    assert p.annotate("La Russie").entities[0].id == "russia"
    monkeypatch.setenv("NERCORE_GAZETTEERS", str(GAZETTEERS))
    assert nercore.bundled_gazetteers() == str(GAZETTEERS)
    monkeypatch.setenv("NERCORE_GAZETTEERS", "/nonexistent/gazetteers")
    with pytest.raises(nercore.NercoreError, match="/nonexistent/gazetteers"):
        nercore.Pipeline.bundled()


def test_graph_errors(tmp_path):
    with pytest.raises(nercore.NercoreError) as info:
        nercore.GraphBuilder.read_graphml(tmp_path / "missing.graphml")
    assert info.value.code == "N001"
    with pytest.raises(nercore.NercoreError) as info:
        nercore.GraphBuilder.from_graphml("<graphml>not really")
    assert info.value.code == "N011"
    with pytest.raises(nercore.NercoreError) as info:
        nercore.GraphBuilder().to_graphml(types=["FRIENDSHIP"])
    assert info.value.code == "N004"
    with pytest.raises(nercore.NercoreError):
        nercore.GraphBuilder().write_graphml(tmp_path / "no" / "such" / "dir.graphml")


def test_error_pickles(tmp_path):
    try:
        nercore.Pipeline.from_directory(tmp_path / "missing")
    except nercore.NercoreError as e:
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is nercore.NercoreError
        assert str(again) == str(e) and again.code == e.code
