"""index.check: `qa index check` passes a sound index, counts what it holds, and names what disagrees."""

import shutil

import numpy as np
import pytest

from index.check import check_index
from index.types import ChunkSettings
from index.segment import SEGMENTS
from index.update import MergePolicy, build_index, update_from_folder

from conftest import CHUNKING, LUNAR, first_update, make_doc

pytestmark = pytest.mark.unit

ARTICLES = {
    "mars.txt": "Mars rovers\n\nThe rover Curiosity landed on Mars in 2012. It studies the Gale crater.",
    "tides.txt": "Ocean tides\n\nTides are caused by the Moon. Spring tides happen at full moon and new moon.",
    "bees.md": "# Honey bees\n\nA honey bee colony has one queen. Worker bees gather nectar and pollen.",
}


@pytest.fixture
def index(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "index"
    built, _ = update_from_folder(folder, corpus, fake_embedder, chunking=ChunkSettings(size=8, overlap=2))
    return folder, built, corpus


def test_a_sound_index_passes_and_is_counted(index):
    folder, built, _ = index
    report = check_index(folder)
    assert report.ok and report.problems == [] and report.notes == []
    assert (report.documents, report.passages, report.segments, report.dead) == (3, len(built), len(built.segments), 0)


def test_a_removed_article_leaves_dead_rows_that_are_counted_not_reported(index, fake_embedder):
    folder, _, corpus = index
    (corpus / "bees.md").unlink()
    after, _ = update_from_folder(folder, corpus, fake_embedder, policy=MergePolicy(max_dead=1.0))  # kept, not merged away
    report = check_index(folder)
    assert report.ok, report.problems
    assert report.documents == 2 and report.passages == len(after)
    assert report.dead == sum(len(s) for s in after.segments) - len(after) > 0


def test_re_embedding_a_sample_agrees_with_the_stored_vectors_of_the_same_model_only(index, fake_embedder):
    folder, _, _ = index
    report = check_index(folder, fake_embedder, sample=4, seed=1)
    assert report.ok and report.reembedded == 4

    class Other:
        name, dim = "other/model", 64

        def embed(self, texts):
            return np.ones((len(texts), 64), dtype=np.float32) / 8.0

    assert "cannot re-embed with other/model" in check_index(folder, Other(), sample=4).problems[0]


def test_vectors_that_are_not_the_passages_are_caught_by_re_embedding(index, fake_embedder):
    folder, _, _ = index

    class Shuffled:
        name, dim = fake_embedder.name, fake_embedder.dim

        def embed(self, texts):
            return np.roll(fake_embedder.embed(texts), 1, axis=0)

    report = check_index(folder, Shuffled(), sample=5, seed=0)
    assert not report.ok and "re-embedded passages disagree with their stored vectors" in report.problems[0]


def test_leftovers_of_an_interrupted_write_are_notes_not_problems(index):
    folder, built, _ = index
    shutil.copytree(folder / SEGMENTS / built.segments[0].name, folder / SEGMENTS / ".s9.123.tmp")
    (folder / "manifest.json.123.tmp").write_text("{")
    report = check_index(folder)
    assert report.ok and len(report.notes) == 2


def test_a_folder_that_is_not_an_index_is_a_problem_not_an_exception(tmp_path):
    report = check_index(tmp_path / "nowhere")
    assert not report.ok and "does not exist" in report.problems[0]


def test_check_finds_postings_that_disagree_with_the_texts(article_folders, fake_embedder):
    corpus, index = article_folders
    built, _ = first_update(corpus, index, fake_embedder)
    segment = built.segments[0]
    other = build_index([make_doc("x", LUNAR)] * 1, fake_embedder, CHUNKING).segments[0]
    shutil.rmtree(index / "segments" / segment.name / "lexical")
    other.lexical.save(index / "segments" / segment.name)
    report = check_index(index)
    assert not report.ok and any("BM25" in p or "checksums" in p for p in report.problems)
