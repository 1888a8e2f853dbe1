"""Shared fixtures: the real model once per session, the seeds index once per session, temp corpora."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder: fast, for index bookkeeping tests only. Counts what it embeds."""

    name = "fake/hashing-64"
    dim = 64

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def embedder():
    from index.embed import get_embedder

    return get_embedder()


@pytest.fixture(scope="session")
def seeds_index_dir(tmp_path_factory, embedder) -> Path:
    """An index of the seed articles, built once for the whole session with the real model."""
    from qa.api import QA

    folder = tmp_path_factory.mktemp("seeds-index") / "index"
    QA.build(SEEDS, folder)
    return folder


@pytest.fixture(scope="session")
def seeds_qa(seeds_index_dir):
    from qa.api import QA

    return QA.open(seeds_index_dir)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the seeds in a temp folder."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder
