"""Checkpointed embedding: shards saved, reused on the next call, re-embedded only where the texts changed."""

from __future__ import annotations

import numpy as np
import pytest

from index.checkpoint import CheckpointedEmbedder

pytestmark = pytest.mark.unit


def _texts(n: int) -> list[str]:
    return [f"passage number {i} about topic {i % 7}" for i in range(n)]


def test_same_vectors_as_the_model_and_shards_on_disk(fake_embedder, tmp_path):
    wrapped = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4)
    texts = _texts(10)
    vectors = wrapped.embed(texts)
    np.testing.assert_allclose(vectors, fake_embedder.embed(texts))
    assert (wrapped.name, wrapped.dim) == (fake_embedder.name, fake_embedder.dim)
    assert len(list(wrapped.folder.glob("shard-*.npy"))) == 3
    assert wrapped.embedded == 10 and wrapped.loaded == 0


def test_a_second_run_resumes_from_the_shards(fake_embedder, tmp_path):
    texts = _texts(10)
    CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4).embed(texts)
    fake_embedder.embedded.clear()
    again = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4)
    vectors = again.embed(texts)
    assert fake_embedder.embedded == [] and again.loaded == 10
    np.testing.assert_allclose(vectors, fake_embedder.embed(texts))


def test_changed_texts_re_embed_only_their_shard(fake_embedder, tmp_path):
    texts = _texts(10)
    CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4).embed(texts)
    fake_embedder.embedded.clear()
    texts[5] = "a changed passage"
    wrapped = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4)
    vectors = wrapped.embed(texts)
    assert fake_embedder.embedded == texts[4:8]
    np.testing.assert_allclose(vectors[5], fake_embedder.embed(["a changed passage"])[0])


def test_damaged_or_partial_shards_are_embedded_again(fake_embedder, tmp_path):
    texts = _texts(6)
    wrapped = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=3)
    wrapped.embed(texts)
    first = wrapped.shard_path(0, texts[:3])
    first.write_bytes(b"not a numpy file")
    (first.parent / "shard-00001-whatever.npy.tmp").write_bytes(b"half written")
    fake_embedder.embedded.clear()
    vectors = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=3).embed(texts)
    assert fake_embedder.embedded == texts[:3]
    np.testing.assert_allclose(vectors, fake_embedder.embed(texts))


def test_edge_cases(fake_embedder, tmp_path):
    assert CheckpointedEmbedder(fake_embedder, tmp_path).embed([]).shape == (0, fake_embedder.dim)
    with pytest.raises(ValueError):
        CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=0)


def test_shards_are_kept_per_revision_of_the_embedder(fake_embedder, tmp_path, monkeypatch):
    """Vectors of another preparation recipe under the same name are not reused."""
    texts = _texts(6)
    first = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4)
    first.embed(texts)
    monkeypatch.setattr(type(fake_embedder), "revision", "recipe9", raising=False)
    fake_embedder.embedded.clear()
    other = CheckpointedEmbedder(fake_embedder, tmp_path, shard_size=4)
    other.embed(texts)
    assert other.folder != first.folder and other.folder.name.endswith("@recipe9")
    assert other.loaded == 0 and len(fake_embedder.embedded) > 0


def test_the_int8_embedder_names_its_recipe():
    from index.embed import OnnxInt8Embedder
    from index.quantize import RECIPE

    assert OnnxInt8Embedder().revision == f"recipe{RECIPE}"
