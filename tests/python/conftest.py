# SPDX-License-Identifier: MIT
"""Shared fixtures of the Python tests.

ctest runs them with PYTHONPATH=<build>/bindings/python, NERCORE_SOURCE_DIR and NERCORE_EXTRACT
set (tests/python/CMakeLists.txt). Run by hand, they look for the module in build/dev:
    PYTHONPATH=build/dev/bindings/python /usr/bin/python3 -m pytest tests/python
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
import sys

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("NERCORE_SOURCE_DIR") or pathlib.Path(__file__).resolve().parents[2])
GAZETTEERS = SOURCE_DIR / "gazetteers" / "fr"
DATA = pathlib.Path(__file__).resolve().parent / "data"
ARTICLES = SOURCE_DIR / "examples" / "articles"

if importlib.util.find_spec("nercore") is None:  # run by hand: try the dev build
    sys.path.insert(0, str(SOURCE_DIR / "build" / "dev" / "bindings" / "python"))


@pytest.fixture(scope="session")
def pipeline():
    import nercore

    return nercore.Pipeline.from_directory(GAZETTEERS)


def relation_triples(doc):
    return {(r.source, r.type, r.target) for r in doc.relations}
