"""Incremental updates with the fake embedder: what is embedded, what is removed from both searches, duplicates, locking."""

import os
import threading
import time

import numpy as np
import pytest

from index.check import check_index
from index.chunk import index_text
from index.clean import content_hash
from index.corpus_index import CorpusIndex
from index.errors import CorpusError, IndexFormatError, IndexLockedError
from index.files import WriterLock
from index.load import load_folder
from index.manifest import ChunkSettings, read_manifest
from index.types import Document
from index.update import MergePolicy, add_documents, build_index, remove_documents, scan_folder, update_from_folder
from qa.api import QA

pytestmark = pytest.mark.unit

CHUNKING = ChunkSettings(size=12, overlap=3)

ARTICLES = {
    "mars.txt": "Mars rovers\n\nThe rover Curiosity landed on Mars in 2012. It studies the Gale crater. "
    "Perseverance followed in 2021 and collects rock samples for a later return mission.",
    "tides.txt": "Ocean tides\n\nTides are caused by the Moon. Spring tides happen at full moon and new moon. "
    "Neap tides happen when the Sun and the Moon pull at right angles.",
    "bees.md": "# Honey bees\n\nA honey bee colony has one queen. Worker bees gather nectar and pollen. "
    "Drones mate with the queen and do not sting.",
}
LUNAR = "Lunar base\n\nThe zanzibarite lunar base opened on Tuesday near the south pole of the Moon."


def _write(folder, articles):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def _doc(doc_id, text):
    return Document(id=doc_id, title=text.split("\n")[0], source=doc_id, text=text, content_hash=content_hash(text))


def _passages_of(index, doc_id):
    return [p for p in index.passages() if p.doc_id == doc_id]


def _embedded_texts(index, doc_id):
    """What indexing ``doc_id`` embeds: each passage headed by the title (``index_text``)."""
    return [index_text(index.documents[doc_id], p.start, p.end) for p in _passages_of(index, doc_id)]


def _found_by(index, embedder, query, doc_id):
    """Which searches return a passage of ``doc_id`` for ``query``: a subset of {"dense", "bm25"}."""
    found = set()
    _, ids = index.dense.search(embedder.embed([query]), 50)
    if any(index.passage(int(i)).doc_id == doc_id for i in ids[0] if i >= 0):
        found.add("dense")
    lex_ids, _ = index.lexical.search(query, 50)
    if any(index.passage(int(i)).doc_id == doc_id for i in lex_ids):
        found.add("bm25")
    return found


@pytest.fixture
def folders(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "idx"
    _write(corpus, ARTICLES)
    return corpus, index


def _build(corpus, index, embedder):
    return update_from_folder(index, corpus, embedder, chunking=CHUNKING)


def test_first_update_builds_and_matches_a_full_build(folders, fake_embedder):
    corpus, index = folders
    built, report = _build(corpus, index, fake_embedder)
    assert sorted(report.added) == sorted(ARTICLES) and not report.changed and not report.removed
    full = build_index(load_folder(corpus).documents, fake_embedder, CHUNKING)
    assert sorted(built.passages(), key=lambda p: (p.doc_id, p.start)) == sorted(full.passages(), key=lambda p: (p.doc_id, p.start))
    assert report.passages_embedded == len(full) == len(fake_embedder.embedded) / 2
    assert check_index(index).ok


def test_adding_one_document_embeds_exactly_its_passages(folders, fake_embedder):
    corpus, index = folders
    base, _ = _build(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    expected = _embedded_texts(new, "lunar.txt")
    assert fake_embedder.embedded == expected and len(expected) >= 1
    assert report.added == ["lunar.txt"] and report.unchanged == len(ARTICLES)
    assert report.passages_embedded == len(expected)
    assert _found_by(new, fake_embedder, "zanzibarite lunar base", "lunar.txt") == {"dense", "bm25"}
    assert check_index(index).ok


def test_touching_a_file_without_changing_it_embeds_nothing(folders, fake_embedder):
    corpus, index = folders
    base, _ = _build(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    generation = read_manifest(index).generation
    for path in corpus.iterdir():
        os.utime(path, ns=(time.time_ns() + 5_000_000_000, time.time_ns() + 5_000_000_000))
    _, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert fake_embedder.embedded == []
    assert report.changes == 0 and report.unchanged == len(ARTICLES) and report.files_read == len(ARTICLES)
    assert read_manifest(index).generation == generation, "nothing changed, nothing written"


def test_an_untouched_file_is_not_even_read(folders, fake_embedder):
    corpus, index = folders
    for path in corpus.iterdir():  # old enough that their timestamps can be trusted
        os.utime(path, ns=(time.time_ns() - 10_000_000_000, time.time_ns() - 10_000_000_000))
    base, _ = _build(corpus, index, fake_embedder)
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    _, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.files_read == 1


def test_deleting_a_file_removes_its_passages_from_both_searches(folders, fake_embedder):
    corpus, index = folders
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    base, _ = _build(corpus, index, fake_embedder)
    assert _found_by(base, fake_embedder, "zanzibarite lunar base", "lunar.txt") == {"dense", "bm25"}
    (corpus / "lunar.txt").unlink()
    fake_embedder.embedded.clear()
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.removed == ["lunar.txt"] and fake_embedder.embedded == []
    for index_version in (new, CorpusIndex.open(index)):
        assert _found_by(index_version, fake_embedder, "zanzibarite lunar base", "lunar.txt") == set()
        assert index_version.lexical.search("zanzibarite", 10)[0].size == 0, "no other document has the word"
        assert "lunar.txt" not in index_version.documents
    assert check_index(index).ok


def test_changing_a_file_replaces_only_that_document(folders, fake_embedder):
    corpus, index = folders
    base, _ = _build(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    text = ARTICLES["tides.txt"].replace("the Moon.", "the Moon and the quokkaberry.")
    (corpus / "tides.txt").write_text(text, encoding="utf-8")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.changed == ["tides.txt"] and not report.added and not report.removed
    assert fake_embedder.embedded == _embedded_texts(new, "tides.txt")
    assert new.documents["tides.txt"].text == text
    assert "bm25" in _found_by(new, fake_embedder, "quokkaberry", "tides.txt")
    assert len(new) == sum(e.passages for e in new.manifest.documents.values())
    assert check_index(index).ok


def test_python_api_add_and_remove_documents(folders, fake_embedder):
    corpus, index = folders
    _build(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    lunar = _doc("lunar", LUNAR)
    added, report = add_documents(index, [lunar], fake_embedder)
    assert report.added == ["lunar"] and fake_embedder.embedded == _embedded_texts(added, "lunar")
    again, report = add_documents(index, [lunar], fake_embedder, base=added)
    assert report.changes == 0 and again is added, "adding the same document again changes nothing"
    removed, report = remove_documents(index, ["lunar", "no-such-doc"], fake_embedder)
    assert report.removed == ["lunar"]
    assert _found_by(removed, fake_embedder, "zanzibarite lunar base", "lunar") == set()
    assert check_index(index).ok


def test_the_same_document_under_two_names_is_indexed_once(folders, fake_embedder):
    corpus, index = folders
    base, _ = _build(corpus, index, fake_embedder)
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
    assert "bm25" in _found_by(new, fake_embedder, "Curiosity Gale crater", "copy-of-mars.txt")
    assert check_index(index).ok


def test_renaming_a_file_embeds_nothing(folders, fake_embedder):
    corpus, index = folders
    base, _ = _build(corpus, index, fake_embedder)
    fake_embedder.embedded.clear()
    (corpus / "bees.md").rename(corpus / "honey-bees.md")
    new, report = update_from_folder(index, corpus, fake_embedder, base=base)
    assert report.added == ["honey-bees.md"] and report.removed == ["bees.md"]
    assert fake_embedder.embedded == [] and report.passages_reused == len(_passages_of(new, "honey-bees.md"))


def test_removed_document_via_api_comes_back_on_the_next_sync(folders, fake_embedder):
    corpus, index = folders
    _build(corpus, index, fake_embedder)
    remove_documents(index, ["bees.md"], fake_embedder)
    new, report = update_from_folder(index, corpus, fake_embedder)
    assert report.added == ["bees.md"] and "bees.md" in new.documents


def test_merges_keep_segments_few_and_drop_tombstones(folders, fake_embedder):
    corpus, index = folders
    current, _ = _build(corpus, index, fake_embedder)
    for n in range(30):
        current, _ = add_documents(index, [_doc(f"extra-{n}", f"Extra {n}\n\nNumber {n} says word{n} twice: word{n}.")], fake_embedder, base=current)
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


def test_segmented_bm25_ranks_like_one_merged_bm25(folders, fake_embedder):
    corpus, index = folders
    docs = [_doc(f"d{n}", f"Doc {n:02d}\n\n" + " ".join(f"w{(n * 7 + k) % 23}" for k in range(15))) for n in range(40)]
    merged = build_index(docs, fake_embedder, CHUNKING)
    segmented = CorpusIndex.empty(fake_embedder, CHUNKING)
    from index.update import apply_changes

    for start in range(0, 40, 10):
        segmented, _ = apply_changes(segmented, fake_embedder, docs[start : start + 10])
    assert len(segmented.segments) == 4
    for query in ["w1 w5", "w3", "w7 w8 w22", "w11 w0 w2"]:
        a_ids, a_scores = merged.lexical.search(query, 200)
        b_ids, b_scores = segmented.lexical.search(query, 200)
        a = {(merged.passage(int(i)).doc_id, merged.passage(int(i)).start): s for i, s in zip(a_ids, a_scores)}
        b = {(segmented.passage(int(i)).doc_id, segmented.passage(int(i)).start): s for i, s in zip(b_ids, b_scores)}
        assert a.keys() == b.keys()
        # IDF is the whole index's; only the average passage length differs per segment
        np.testing.assert_allclose([b[key] for key in a], list(a.values()), rtol=0.05)


def test_a_second_writer_gets_a_clear_error(folders, fake_embedder):
    corpus, index = folders
    _build(corpus, index, fake_embedder)
    before = read_manifest(index)
    with WriterLock(index):
        with pytest.raises(IndexLockedError, match="being updated by process"):
            add_documents(index, [_doc("lunar", LUNAR)], fake_embedder)
    assert read_manifest(index) == before
    add_documents(index, [_doc("lunar", LUNAR)], fake_embedder)  # the lock is gone with its holder


def test_a_writer_can_wait_for_the_lock(folders, fake_embedder):
    corpus, index = folders
    _build(corpus, index, fake_embedder)
    holder = WriterLock(index).__enter__()
    threading.Timer(0.3, holder.__exit__, (None, None, None)).start()
    _, report = add_documents(index, [_doc("lunar", LUNAR)], fake_embedder, wait=5)
    assert report.added == ["lunar"]


def test_refusals(tmp_path, folders, fake_embedder):
    corpus, index = folders
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
        add_documents(tmp_path / "idx2", [_doc("x", LUNAR)], fake_embedder)


def test_scan_reads_the_same_documents_as_load_folder(tmp_path, folders, fake_embedder):
    corpus, _ = folders
    (corpus / "sub").mkdir()
    (corpus / "sub" / "deep.txt").write_text("Deep\n\nA nested article about caves.", encoding="utf-8")
    (corpus / ".hidden.txt").write_text("Hidden\n\nNot an article.", encoding="utf-8")
    (corpus / "records.jsonl").write_text('{"id": "r1", "title": "R1", "text": "Record one text."}\n', encoding="utf-8")
    empty = CorpusIndex.empty(fake_embedder, CHUNKING)
    upserts, removals, files, read = scan_folder(corpus, empty)
    assert [d.model_dump() for d in upserts] == [d.model_dump() for d in load_folder(corpus).documents]
    assert removals == [] and read == len(files) == 5


def test_in_memory_qa_updates_too(folders, fake_embedder):
    corpus, _ = folders
    qa = QA(build_index(load_folder(corpus).documents, fake_embedder, CHUNKING), fake_embedder)
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    report = qa.update_from_folder(corpus)
    assert report.added == ["lunar.txt"]
    assert qa.search("zanzibarite lunar base", 3)[0].passage.doc_id == "lunar.txt"
    qa.remove_documents(["lunar.txt"])
    assert all(h.passage.doc_id != "lunar.txt" for h in qa.search("zanzibarite lunar base", 10))


def test_old_format_is_rebuilt_by_a_sync(folders, fake_embedder):
    corpus, index = folders
    index.mkdir()
    (index / "manifest.json").write_text('{"format_version": 1, "generation": 7}')
    (index / "dense.faiss").write_text("old")
    with pytest.raises(IndexFormatError, match="format 1"):
        add_documents(index, [_doc("x", LUNAR)], fake_embedder)
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


def test_cli_check_status_and_locked_update(folders, fake_embedder):
    from typer.testing import CliRunner

    from qa.cli import app

    corpus, index = folders
    (corpus / "copy-of-mars.txt").write_text(ARTICLES["mars.txt"], encoding="utf-8")
    _build(corpus, index, fake_embedder)
    runner = CliRunner()
    result = runner.invoke(app, ["index", "check", "--index", str(index)])
    assert result.exit_code == 0 and "ok: 3 documents" in result.output, result.output
    result = runner.invoke(app, ["index", "status", "--index", str(index)])
    assert "duplicates indexed once" in result.output
    assert "mars.txt = copy-of-mars.txt" in result.output, "the first name in folder order is the one indexed"
    with WriterLock(index):
        result = runner.invoke(app, ["index", "update", str(corpus), "--index", str(index)])
    assert result.exit_code == 1 and "being updated by process" in " ".join(result.output.split())
    segment = next((index / "segments").iterdir())
    with open(segment / "documents.jsonl", "a", encoding="utf-8") as f:
        f.write("\n")
    result = runner.invoke(app, ["index", "check", "--index", str(index)])
    assert result.exit_code == 1 and "problem" in result.output


def test_check_finds_postings_that_disagree_with_the_texts(folders, fake_embedder):
    corpus, index = folders
    built, _ = _build(corpus, index, fake_embedder)
    segment = built.segments[0]
    other = build_index([_doc("x", LUNAR)] * 1, fake_embedder, CHUNKING).segments[0]
    import shutil as _shutil

    _shutil.rmtree(index / "segments" / segment.name / "lexical")
    other.lexical.save(index / "segments" / segment.name)
    report = check_index(index)
    assert not report.ok and any("BM25" in p or "checksums" in p for p in report.problems)


def test_large_segments_get_an_approximate_index_saved_with_them(folders, fake_embedder, monkeypatch):
    """From APPROXIMATE_FROM passages a segment uses HNSW: recorded in the manifest, saved, reopened, deletions hidden."""
    from index import store

    corpus, index = folders
    exact, _ = _build(corpus, tmp_exact := index.parent / "exact", fake_embedder)
    monkeypatch.setattr(store, "APPROXIMATE_FROM", 5)
    built, _ = _build(corpus, index, fake_embedder)
    (segment,) = read_manifest(index).segments
    assert segment.dense.startswith("hnsw M=32") and "efSearch=256" in segment.dense
    assert (index / "segments" / segment.name / "dense.faiss").is_file()
    assert not list((tmp_exact / "segments").glob("*/dense.faiss"))  # small exact segments rebuild from vectors
    reopened = CorpusIndex.open(index)
    assert reopened.segments[0].dense.approximate and check_index(index).ok
    for query in ("rover landed on Mars", "spring tides full moon", "worker bees nectar"):
        vector = fake_embedder.embed([query])
        assert _top(reopened, vector) == _top(exact, vector)  # over a few passages HNSW is exact

    (corpus / "bees.md").unlink()
    after, _ = update_from_folder(index, corpus, fake_embedder, base=reopened)
    assert after.segments[0].dense.approximate  # the big segment stays, its bees rows dead
    assert _found_by(after, fake_embedder, "honey bee colony queen", "bees.md") == set() and check_index(index).ok


def _top(index, vector):
    """The best passage and the top 5 scores (hashed words tie often: ids below the first may swap)."""
    scores, ids = index.dense.search(vector, 5)
    best = index.passage(int(ids[0, 0]))
    return (best.doc_id, best.start), [round(float(x), 5) for x in scores[0]]


def test_hnsw_finds_what_exact_search_finds_and_respects_the_selector():
    import faiss

    from index.store import FaissStore

    rng = np.random.default_rng(0)
    centres = rng.standard_normal((50, 64))
    vectors = (centres[rng.integers(0, 50, 4000)] + 0.3 * rng.standard_normal((4000, 64))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.integers(0, 4000, 50)] + 0.05 * rng.standard_normal((50, 64)).astype(np.float32)
    exact, hnsw = FaissStore.for_vectors(vectors), FaissStore.for_vectors(vectors, approximate_from=1000)
    assert exact.description == "flat" and hnsw.approximate
    _, truth = exact.search(queries, 10)
    _, found = hnsw.search(queries, 10)
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found)])
    assert recall >= 0.95
    allowed = np.arange(4000) % 3 == 0
    bits = np.packbits(allowed, bitorder="little")
    _, found = hnsw.search(queries, 10, faiss.IDSelectorBitmap(4000, faiss.swig_ptr(bits)))
    assert (found >= 0).all() and allowed[found].all()
