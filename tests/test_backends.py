"""The shared backend suite: every backend of ``index.backend`` passes the same tests.

Real embedding model, real FAISS + bm25s segments, and a real Milvus Lite that each test starts
itself on a file of its temp folder (served in this process, bound to 127.0.0.1).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from index.backend import BACKENDS, Where, open_index
from index.chunk import index_text
from index.clean import content_hash
from index.errors import IndexFormatError
from index.types import Document
from index.update import add_documents, remove_documents, update_from_folder
from qa.retrieve import Retriever

pytestmark = [pytest.mark.slow, pytest.mark.milvus]

FLOOD = (
    "Heavy rain flooded the river Wend at Riverton and closed the old stone bridge for a week. "
    "Engineers inspected the bridge and the council said ferries would carry commuters meanwhile."
)
SPRING = Document(id="spring.txt", title="Riverton bridge closed", source="Wend Gazette", date="2023-03-01",
                  text=FLOOD + " Spring tides made it worse.", content_hash=content_hash(FLOOD + " Spring tides made it worse."))
AUTUMN = Document(id="autumn.txt", title="Riverton bridge closed again", source="Wend Herald", date="2023-09-01",
                  text=FLOOD + " Autumn storms made it worse.", content_hash=content_hash(FLOOD + " Autumn storms made it worse."))


@pytest.fixture(autouse=True)
def _close_milvus():
    yield
    from index.milvus import close

    close()


@pytest.fixture(params=BACKENDS)
def built(request, tmp_path, corpus, embedder):
    """(folder, index) of the seeds plus two dated articles, on each backend."""
    folder = tmp_path / "index"
    update_from_folder(folder, corpus, embedder, backend=request.param)
    index, _ = add_documents(folder, [SPRING, AUTUMN], embedder)
    assert index.manifest.backend.name == request.param
    return folder, index


def spans(index, pids) -> list[tuple[str, int, int]]:
    return [(p.doc_id, p.start, p.end) for p in (index.passage(int(pid)) for pid in pids if pid >= 0)]


def test_dense_search_finds_each_passage_by_its_own_text(built, embedder):
    _, index = built
    for doc_id in ("spring.txt", "000_3a9375036b298c0f.txt"):
        (doc, doc_spans), vectors = index.part(doc_id)
        assert len(doc_spans) == index.manifest.documents[doc_id].passages and vectors.shape == (len(doc_spans), embedder.dim)
        fresh = embedder.embed([index_text(doc, start, end) for start, end in doc_spans])
        assert np.allclose(fresh, vectors, atol=1e-4)  # the stored vectors are the model's
        scores, pids = index.search_dense(fresh, 3)
        for row, (start, end) in enumerate(doc_spans):
            assert spans(index, pids[row][:1]) == [(doc_id, start, end)]
            assert scores[row][0] == pytest.approx(1.0, abs=1e-3)
            assert list(scores[row]) == sorted(scores[row], reverse=True)


def test_lexical_search_is_bm25_over_the_project_analysis(built):
    _, index = built
    pids, scores = index.search_lexical("Kishida's visits to Ukraine", 5)
    assert len(pids) and np.all(scores > 0) and list(scores) == sorted(scores, reverse=True)
    for pid in pids:
        passage = index.passage(int(pid))
        assert index.documents[passage.doc_id].text[passage.start : passage.end] == passage.text  # offsets are sacred
        assert any(w in passage.text for w in ("Kishida", "Ukrain", "visit"))  # stemmed: "visits" matches "visit"
    assert len(index.search_lexical("the of and", 5)[0]) == 0  # stop words only
    assert index.unknown_words("octopus bridges Kishida") == ["octopus"]


def test_hybrid_search_prefers_the_article_dated_near_the_question(built, embedder):
    _, index = built
    retriever = Retriever(index, embedder, one_copy=False)
    for as_of, expected in ((date(2023, 3, 3), "spring.txt"), (date(2023, 9, 3), "autumn.txt")):
        hits = retriever.retrieve("Why was the Riverton bridge closed?", k=3, as_of=as_of)
        assert hits[0].passage.doc_id == expected
        assert hits[0].dense_rank is not None and hits[0].lexical_rank is not None  # both searches found it


def test_filters_by_document_and_date_apply_inside_both_searches(built, embedder):
    _, index = built
    query = "Riverton bridge closed by flood"
    vector = embedder.embed([query])
    cases = {
        Where(doc_ids=frozenset({"autumn.txt"})): {"autumn.txt"},
        Where(since=date(2023, 6, 1)): {"autumn.txt"},
        Where(until=date(2023, 6, 1)): {"spring.txt"},
        Where(since=date(2023, 1, 1), until=date(2023, 12, 31)): {"spring.txt", "autumn.txt"},
    }
    for where, allowed in cases.items():
        _, dense = index.search_dense(vector, 10, where)
        lexical, _ = index.search_lexical(query, 10, where)
        assert {d for d, _, _ in spans(index, dense[0])} == allowed
        assert {d for d, _, _ in spans(index, lexical)} == allowed
    assert (index.search_dense(vector, 5, Where(doc_ids=frozenset({"nowhere"})))[1] == -1).all()


def test_documents_are_removed_and_changed_by_content_hash(built, embedder):
    folder, index = built
    before = len(index)
    index, report = remove_documents(folder, ["spring.txt"], embedder)
    assert report.removed == ["spring.txt"] and len(index) == before - report.passages_removed
    _, dense = index.search_dense(embedder.embed([SPRING.text]), 10)
    lexical, _ = index.search_lexical("spring tides", 10)
    assert "spring.txt" not in {d for d, _, _ in spans(index, dense[0])} | {d for d, _, _ in spans(index, lexical)}

    text = "The Riverton bridge reopened in October after repairs costing four million pounds."
    changed = AUTUMN.model_copy(update={"text": text, "content_hash": content_hash(text)})
    unchanged = {d for d in index.manifest.documents if d != "autumn.txt"}
    index, report = add_documents(folder, [changed], embedder)
    assert report.changed == ["autumn.txt"] and report.passages_embedded == index.manifest.documents["autumn.txt"].passages
    assert unchanged <= set(index.manifest.documents)
    hits = spans(index, index.search_lexical("reopened repairs", 5)[0])
    assert hits and hits[0][0] == "autumn.txt" and index.passage(index.search_lexical("reopened repairs", 5)[0][0]).text.startswith("The Riverton")
    assert not index.search_lexical("autumn storms", 5)[0].size  # the old version is gone from both searches
    assert spans(index, index.search_dense(embedder.embed([text]), 1)[1][0]) == [("autumn.txt", 0, len(text))]


def test_a_saved_index_opens_with_the_same_results(built, embedder):
    folder, index = built
    reopened = open_index(folder, embedder)
    assert type(reopened) is type(index) and len(reopened) == len(index) and reopened.documents.keys() == index.documents.keys()
    vectors = embedder.embed(["Where did Kishida and Yoon meet?", "Riverton bridge"])
    for a, b in zip(index.search_dense(vectors, 5), reopened.search_dense(vectors, 5)):
        assert np.allclose(a, b, atol=1e-5)
    assert spans(index, index.search_lexical("Putin Xi summit", 5)[0]) == spans(reopened, reopened.search_lexical("Putin Xi summit", 5)[0])


def test_an_index_refuses_another_embedder(built, fake_embedder):
    folder, _ = built
    with pytest.raises(IndexFormatError, match="was built with"):
        open_index(folder, fake_embedder)


def test_both_backends_rank_alike(tmp_path, corpus, embedder):
    """The hybrid ranking is computed above the seam, so the top passages agree (BM25 statistics differ slightly)."""
    retrievers = {}
    for backend in BACKENDS:
        index, _ = update_from_folder(tmp_path / backend, corpus, embedder, backend=backend)
        retrievers[backend] = Retriever(index, embedder)
    for query in ("Where did Kishida and Yoon meet?", "What do Xi and Putin plan?", "Why did Kishida go to Ukraine?"):
        tops = {backend: [(h.passage.doc_id, h.passage.start, h.passage.end) for h in r.retrieve(query, k=5)] for backend, r in retrievers.items()}
        assert tops["faiss"][0] == tops["milvus"][0]
        assert len(set(tops["faiss"]) & set(tops["milvus"])) >= 4


def test_a_duplicate_taking_over_reuses_the_stored_vectors(built, embedder):
    folder, _ = built
    copy = SPRING.model_copy(update={"id": "spring-copy.txt", "title": "Bridge shut"})
    index, report = add_documents(folder, [copy], embedder)
    assert report.duplicates == {"spring-copy.txt": "spring.txt"} and "spring-copy.txt" not in index.documents
    index, report = remove_documents(folder, ["spring.txt"], embedder)
    assert report.passages_embedded == 0 and report.passages_reused == index.manifest.documents["spring-copy.txt"].passages > 0
    hits = spans(index, index.search_lexical("spring tides", 5)[0])
    assert hits and {d for d, _, _ in hits} == {"spring-copy.txt"}


def test_the_index_follows_its_corpus_folder(built, corpus, embedder):
    folder, index = built
    (corpus / "harbour.txt").write_text("Harbour gala\n\nThe harbour gala in Riverton drew nine thousand visitors on Saturday.", encoding="utf-8")
    (corpus / "004_987bf9152aa0758f.txt").unlink()
    index, report = update_from_folder(folder, corpus, embedder)
    assert report.added == ["harbour.txt"]
    assert report.removed == ["004_987bf9152aa0758f.txt", "autumn.txt", "spring.txt"]  # the folder is the truth: API additions go too
    assert report.passages_embedded == index.manifest.documents["harbour.txt"].passages  # nothing else embedded again
    assert {d for d, _, _ in spans(index, index.search_lexical("harbour gala visitors Kishida", 10)[0])} == {"harbour.txt"}
    assert open_index(folder, embedder).documents.keys() == index.documents.keys()
