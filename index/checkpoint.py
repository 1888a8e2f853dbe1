"""Checkpointed embedding: a long list of texts embedded in shards saved as ``.npy`` files.

Embedding a news corpus of hundreds of thousands of passages takes hours on a laptop CPU.
``CheckpointedEmbedder`` wraps any embedder and cuts each call into shards of
``shard_size`` texts; a shard already on disk for the same texts and the same model is
loaded instead of embedded, so an interrupted build resumes where it stopped and a second
build of the same corpus costs no embedding at all.

    <folder>/<embedder name, slashes as __>[@<revision>]/shard-00000-<sha256 of the texts, 16 hex>.npy

An embedder whose vectors change under the same name (the int8 model's preparation recipe)
names a ``revision``; its shards are kept apart, so a resumed build never mixes two recipes.

A shard file is written under a temporary name and renamed, so a killed process leaves
no half-written shard. Shards are keyed by their texts, so a changed corpus or chunking
simply misses and re-embeds what changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from index.embed import Embedder

DEFAULT_SHARD_SIZE = 2048


def checkpoint_folder(index_dir: Path | str) -> Path:
    """Where the shards of a build of ``index_dir`` are kept: ``<index>.vectors`` beside it (a failed first
    build removes the index folder, and the shards must outlive it for the next attempt to resume)."""
    index_dir = Path(index_dir)
    return index_dir.with_name(index_dir.name + ".vectors")


def model_id(model: Embedder) -> str:
    """What decides an embedder's vectors: its name, and its ``revision`` if it has one."""
    revision = getattr(model, "revision", "")
    return model.name + (f"@{revision}" if revision else "")


class CheckpointedEmbedder:
    """``embed`` of the wrapped embedder, shard by shard, each shard saved to (and reused from) ``folder``."""

    def __init__(self, inner: Embedder, folder: Path | str, shard_size: int = DEFAULT_SHARD_SIZE) -> None:
        if shard_size < 1:
            raise ValueError(f"shard_size must be at least 1, got {shard_size}")
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim  # the index records the model, not the wrapper
        self.folder = Path(folder) / model_id(inner).replace("/", "__")
        self.shard_size = shard_size
        self.embedded = 0  # texts embedded by the model in this process (the rest came from disk)
        self.loaded = 0

    def shard_path(self, number: int, texts: Sequence[str]) -> Path:
        digest = hashlib.sha256()
        for text in texts:
            digest.update(text.encode("utf-8"))
            digest.update(b"\x00")
        return self.folder / f"shard-{number:05d}-{digest.hexdigest()[:16]}.npy"

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        from tqdm import tqdm

        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        self.folder.mkdir(parents=True, exist_ok=True)
        bounds = self.bounds(len(texts))
        paths = [self.shard_path(number, texts[start:end]) for number, (start, end) in enumerate(bounds)]
        missing = []
        with tqdm(total=len(texts), desc="Embedding (checkpointed)", unit=" texts", disable=not progress) as bar:
            for (start, end), path in zip(bounds, paths):
                vectors = _load(path, end - start, self.dim)
                if vectors is None:
                    missing.append((start, end, path))
                    continue
                out[start:end] = vectors
                self.loaded += end - start
                bar.update(end - start)
            for number, vectors in self.embed_shards([texts[start:end] for start, end, _ in missing], batch_size):
                start, end, path = missing[number]
                _save(path, vectors)
                out[start:end] = vectors
                self.embedded += end - start
                bar.update(end - start)
        return out

    def bounds(self, count: int) -> list[tuple[int, int]]:
        """(start, end) of each shard of ``count`` texts: consecutive runs of ``shard_size``."""
        return [(at, min(at + self.shard_size, count)) for at in range(0, count, self.shard_size)]

    def embed_shards(self, shards: Sequence[Sequence[str]], batch_size: int) -> Iterator[tuple[int, np.ndarray]]:
        """(position in ``shards``, vectors) for each shard, in any order: here one ``embed`` call per shard, in turn."""
        for number, part in enumerate(shards):
            yield number, np.asarray(self.inner.embed(part, batch_size=batch_size), dtype=np.float32)


def _save(path: Path, vectors: np.ndarray) -> None:
    """Write a shard under a temporary name, then rename it: a killed process leaves no half-written shard."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as f:
        np.save(f, vectors)
    os.replace(temporary, path)


def _load(path: Path, rows: int, dim: int) -> np.ndarray | None:
    """The shard at ``path`` if it is there and whole, else None."""
    if not path.is_file():
        return None
    try:
        vectors = np.load(path)
    except (OSError, ValueError):
        return None
    return vectors if vectors.shape == (rows, dim) and vectors.dtype == np.float32 else None
