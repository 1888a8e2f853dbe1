"""Incremental updates with the fake embedder: what is embedded, what is removed from both searches, duplicates, merges."""

import os
import time

import pytest

from index.check import check_index
from index.chunk import index_text
from index.corpus_index import CorpusIndex
from index.errors import CorpusError, IndexFormatError
from index.manifest import read_manifest
from index.update import MergePolicy, add_documents, build_index, remove_documents, update_from_folder

from conftest import ARTICLES, CHUNKING, LUNAR, first_update, found_by, make_doc, read_corpus

pytestmark = pytest.mark.unit


def _passages_of(index, doc_id):
    return [p for p in index.passages() if p.doc_id == doc_id]


def _embedded_texts(index, doc_id):
    """What indexing ``doc_id`` embeds: each passage headed by the title (``index_text``)."""
    return [index_text(index.documents[doc_id], p.start, p.end) for p in _passages_of(index, doc_id)]


def test_first_update_builds_and_matches_a_full_build(article_folders, fake_embedder):
    corpus, index = article_folders
    built, report = first_update(corpus, index, fake_embedder)
    assert sorted(report.added) == sorted(ARTICLES) and not report.changed and not report.removed
    full = build_index(read_corpus(corpus).documents, fake_embedder, CHUNKING)
    assert sorted(built.passages(), key=lambda p: (p.doc_id, p.start)) == sorted(full.passages(), key=lambda p: (p.doc_id, p.start))
    assert report.passages_embedded == len(full) == len(fake_embedder.embedded) / 2
    assert check_index(index).ok


def test_adding_one_document_embeds_exactly_its_passages(article_folders, fake_embedder):
    corpus, index = article_folders
    base, _ = first_update(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    expected = _embedded_texts(new, "lunar.txt")
    assert fake_embedder.embedded == expected and len(expected) >= 1
    assert report.added == ["lunar.txt"] and report.unchanged == len(ARTICLES)
    assert report.passages_embedded == len(expected)
    assert found_by(new, fake_embedder, "zanzibarite lunar base", "lunar.txt") == {"dense", "bm25"}
    assert check_index(index).ok


def test_touching_a_file_without_changing_it_embeds_nothing(article_folders, fake_embedder):
    corpus, index = article_folders
    base, _ = first_update(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    generation = read_manifest(index).generation
    for path in corpus.iterdir():
        os.utime(path, ns=(time.time_ns() + 5_000_000_000, time.time_ns() + 5_000_000_000))
    _, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert fake_embedder.embedded == []
    assert report.changes == 0 and report.unchanged == len(ARTICLES) and report.files_read == len(ARTICLES)
    assert read_manifest(index).generation == generation, "nothing changed, nothing written"


def test_an_untouched_file_is_not_even_read(article_folders, fake_embedder):
    corpus, index = article_folders
    for path in corpus.iterdir():  # old enough that their timestamps can be trusted
        os.utime(path, ns=(time.time_ns() - 10_000_000_000, time.time_ns() - 10_000_000_000))
    base, _ = first_update(corpus, index, fake_embedder)
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    _, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.files_read == 1


def test_deleting_a_file_removes_its_passages_from_both_searches(article_folders, fake_embedder):
    corpus, index = article_folders
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    base, _ = first_update(corpus, index, fake_embedder)
    assert found_by(base, fake_embedder, "zanzibarite lunar base", "lunar.txt") == {"dense", "bm25"}
    (corpus / "lunar.txt").unlink()
    fake_embedder.embedded.clear()
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.removed == ["lunar.txt"] and fake_embedder.embedded == []
    for index_version in (new, CorpusIndex.open(index)):
        assert found_by(index_version, fake_embedder, "zanzibarite lunar base", "lunar.txt") == set()
        assert index_version.lexical.search("zanzibarite", 10)[0].size == 0, "no other document has the word"
        assert "lunar.txt" not in index_version.documents
    assert check_index(index).ok


def test_changing_a_file_replaces_only_that_document(article_folders, fake_embedder):
    corpus, index = article_folders
    base, _ = first_update(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    text = ARTICLES["tides.txt"].replace("the Moon.", "the Moon and the quokkaberry.")
    (corpus / "tides.txt").write_text(text, encoding="utf-8")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.changed == ["tides.txt"] and not report.added and not report.removed
    assert fake_embedder.embedded == _embedded_texts(new, "tides.txt")
    assert new.documents["tides.txt"].text == text
    assert "bm25" in found_by(new, fake_embedder, "quokkaberry", "tides.txt")
    assert len(new) == sum(e.passages for e in new.manifest.documents.values())
    assert check_index(index).ok


def test_python_api_add_and_remove_documents(article_folders, fake_embedder):
    corpus, index = article_folders
    first_update(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    lunar = make_doc("lunar", LUNAR)
    added, report = add_documents(index, [lunar], fake_embedder)
    assert report.added == ["lunar"] and fake_embedder.embedded == _embedded_texts(added, "lunar")
    again, report = add_documents(index, [lunar], fake_embedder, base=added)
    assert report.changes == 0 and again is added, "adding the same document again changes nothing"
    removed, report = remove_documents(index, ["lunar", "no-such-doc"], fake_embedder)
    assert report.removed == ["lunar"]
    assert found_by(removed, fake_embedder, "zanzibarite lunar base", "lunar") == set()
    assert check_index(index).ok


def test_the_same_document_under_two_names_is_indexed_once(article_folders, fake_embedder):
    corpus, index = article_folders
    base, _ = first_update(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    (corpus / "copy-of-mars.txt").write_text(ARTICLES["mars.txt"], encoding="utf-8")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.duplicates == {"copy-of-mars.txt": "mars.txt"} and not report.added
    assert fake_embedder.embedded == []
    assert read_manifest(index).duplicates["copy-of-mars.txt"].of == "mars.txt"
    assert "copy-of-mars.txt" not in new.documents
    # the original goes: the copy takes its place, with the same vectors (nothing embedded)
    (corpus / "mars.txt").unlink()
    new, report = update_from_folder(index, corpus, fake_embedder, base=new)
    assert report.removed == ["mars.txt"] and fake_embedder.embedded == [] and report.passages_reused > 0
    assert "copy-of-mars.txt" in new.documents and not new.manifest.duplicates
    assert "bm25" in found_by(new, fake_embedder, "Curiosity Gale crater", "copy-of-mars.txt")
    assert check_index(index).ok


def test_renaming_a_file_embeds_nothing(article_folders, fake_embedder):
    corpus, index = article_folders
    base, _ = first_update(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    (corpus / "bees.md").rename(corpus / "honey-bees.md")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.added == ["honey-bees.md"] and report.removed == ["bees.md"]
    assert fake_embedder.embedded == [] and report.passages_reused == len(_passages_of(new, "honey-bees.md"))


def test_removed_document_via_api_comes_back_on_the_next_sync(article_folders, fake_embedder):
    corpus, index = article_folders
    first_update(corpus, index, fake_embedder)
    remove_documents(index, ["bees.md"], fake_embedder)
    new, report = update_from_folder(index, corpus, fake_embedder)
    assert report.added == ["bees.md"] and "bees.md" in new.documents


def test_merges_keep_segments_few_and_drop_tombstones(article_folders, fake_embedder):
    corpus, index = article_folders
    current, _ = first_update(corpus, index, fake_embedder)
    for n in range(30):
        current, _ = add_documents(index, [make_doc(f"extra-{n}", f"Extra {n}\n\nNumber {n} says word{n} twice: word{n}.")], fake_embedder, base=current)
        if n % 3 == 0:
            current, _ = remove_documents(index, [f"extra-{n}"], fake_embedder, base=current)
    assert len(current.segments) <= 8
    assert current.dead <= 0.3 * (len(current) + current.dead) + 10
    assert set(current.documents) == set(ARTICLES) | {f"extra-{n}" for n in range(30) if n % 3}
    for n in range(30):
        ids, _ = current.lexical.search(f"word{n}", 5)
        assert [current.passage(int(i)).doc_id for i in ids] == ([f"extra-{n}"] if n % 3 else [])
    report = check_index(index)
    assert report.ok, report.problems
    assert not any((index / "segments").glob(".*")), "no temp folder left"
    assert {p.name for p in (index / "segments").iterdir()} == {s.name for s in current.segments}, "retired segments are deleted"


def test_refusals(tmp_path, article_folders, fake_embedder):
    corpus, index = article_folders
    with pytest.raises(CorpusError):
        update_from_folder(index, tmp_path / "nowhere", fake_embedder)
    assert not index.exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no readable documents"):
        update_from_folder(index, tmp_path / "empty", fake_embedder)
    assert not index.exists(), "a failed first build leaves nothing behind"
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(IndexFormatError, match="not an index"):
        update_from_folder(precious, corpus, fake_embedder)
    assert sorted(p.name for p in precious.iterdir()) == ["notes.txt"]
    with pytest.raises(IndexFormatError, match="not an index yet"):
        add_documents(tmp_path / "idx2", [make_doc("x", LUNAR)], fake_embedder)


def test_old_format_is_rebuilt_by_a_sync(article_folders, fake_embedder):
    corpus, index = article_folders
    index.mkdir()
    (index / "manifest.json").write_text('{"format_version": 1, "generation": 7}')
    (index / "dense.faiss").write_text("old")
    with pytest.raises(IndexFormatError, match="format 1"):
        add_documents(index, [make_doc("x", LUNAR)], fake_embedder)
    new, report = update_from_folder(index, corpus, fake_embedder)
    assert sorted(report.added) == sorted(ARTICLES) and new.manifest.generation == 8
    assert not (index / "dense.faiss").exists()


def test_merge_policy_plans():
    class Fake:
        def __init__(self, sizes):
            from index.manifest import SegmentEntry

            self.entries = [SegmentEntry(name=str(i), passages=p, live=l) for i, (p, l) in enumerate(sizes)]

        def segment_entries(self):
            return self.entries

    policy = MergePolicy(factor=2, max_dead=0.3)
    assert policy.plan(Fake([(1000, 1000), (10, 10)])) == []
    assert policy.plan(Fake([(1000, 1000), (30, 30), (10, 10), (10, 10)])) == [[1, 2, 3]]
    assert policy.plan(Fake([(1000, 600), (10, 10)])) == [[0]]
