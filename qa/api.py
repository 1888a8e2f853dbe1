"""The typed Python API: open or build an index, ask questions, get answers with exact citations.

    >>> from qa import QA
    >>> qa = QA.from_folder("seeds")
    >>> answer = qa.ask("Where did Kishida and Yoon meet?")
    >>> answer.text, answer.citations[0].doc_id
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel

from index.corpus_index import CorpusIndex
from index.embed import DEFAULT_EMBEDDER, Embedder, get_embedder
from index.errors import IndexFormatError, QuestionError
from index.load import load_folder
from index.manifest import ChunkSettings, read_manifest
from index.types import Document
from qa.conversation import resolve, retrieval_query
from qa.extract import ANSWER_THRESHOLD, Extraction, extract_answers
from qa.retrieve import Retriever
from qa.types import Answer, Citation, Hit, Turn

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
DEFAULT_INDEX = Path(".qa-index")
CLOSEST = 3
HITS = 10  # passages handed to the extractor


class IndexStatus(BaseModel):
    """What an index holds, for `qa index status` and the documents panel."""

    folder: str
    corpus: str | None
    embedder: str
    documents: int
    passages: int
    updated_at: str


def check_question(question: object) -> str:
    """The question stripped, or a ``QuestionError`` saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError(f"a question must be text, got {type(question).__name__}")
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty: type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text)} characters long; the limit is {MAX_QUESTION_CHARS}")
    return text


class QA:
    """Question answering over one index: retrieve, extract, cite."""

    def __init__(self, index: CorpusIndex, embedder: Embedder, folder: Path | None = None, threshold: float = ANSWER_THRESHOLD) -> None:
        self.index = index
        self.embedder = embedder
        self.folder = folder
        self.threshold = threshold
        self.retriever = Retriever(index, embedder)

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, index_dir: Path | str = DEFAULT_INDEX, embedder: str | None = None) -> "QA":
        """Open an existing index; its manifest names the embedder, which must match ``embedder`` if given."""
        folder = Path(index_dir)
        manifest = read_manifest(folder)
        model = get_embedder(embedder or manifest.embedder.name)
        return cls(CorpusIndex.open(folder, model), model, folder)

    @classmethod
    def build(
        cls,
        corpus_dir: Path | str,
        index_dir: Path | str = DEFAULT_INDEX,
        embedder: str = DEFAULT_EMBEDDER,
        chunking: ChunkSettings = ChunkSettings(),
        progress: bool = False,
    ) -> "QA":
        """Load, clean, chunk and embed ``corpus_dir`` into a new index at ``index_dir``."""
        loaded = load_folder(corpus_dir, progress=progress)
        model = get_embedder(embedder)
        index = CorpusIndex.build(loaded.documents, model, chunking, corpus=str(corpus_dir), progress=progress)
        index.save(Path(index_dir))
        return cls(index, model, Path(index_dir))

    @classmethod
    def from_folder(cls, corpus_dir: Path | str, index_dir: Path | str = DEFAULT_INDEX, progress: bool = False) -> "QA":
        """Open the index of ``corpus_dir``, building it first if it is missing or out of date."""
        folder = Path(index_dir)
        try:
            qa = cls.open(folder)
        except IndexFormatError as exc:
            if (folder.exists() and not (folder / "manifest.json").exists() and any(folder.iterdir())):
                raise
            log.info("building the index: %s", exc)
            return cls.build(corpus_dir, folder, progress=progress)
        current = {d.id: d.content_hash for d in load_folder(corpus_dir).documents}
        indexed = {doc_id: entry.content_hash for doc_id, entry in qa.index.manifest.documents.items()}
        if current != indexed and set(current.values()) != set(indexed.values()):
            log.info("the corpus changed since the index was built: rebuilding")
            return cls.build(corpus_dir, folder, progress=progress)
        return qa

    # -- asking -------------------------------------------------------------------------

    def search(self, query: str, k: int = 10) -> list[Hit]:
        """The ``k`` passages that best match ``query`` (no answer extraction)."""
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        return self.retriever.retrieve(check_question(query), k)

    def ask(self, question: str, history: Sequence[Turn | dict] | None = None) -> Answer:
        """Answer ``question`` from the articles, or say plainly that they do not answer it."""
        question = check_question(question)
        turns = [t if isinstance(t, Turn) else Turn.model_validate(t) for t in history or []]
        query = retrieval_query(question, turns)
        hits = self.retriever.retrieve(query, k=HITS)
        return self.answer_from_hits(question, hits, query, resolved=resolve(question, turns))

    def answer_from_hits(self, question: str, hits: Sequence[Hit], query: str | None = None, resolved: str | None = None) -> Answer:
        """Extract the answer to ``question`` (``resolved``: as rewritten from the conversation) from retrieved ``hits``."""
        query = query or question
        if not hits:
            return Answer(question=question, answered=False, confidence=0.0, reason="the index holds no passage that matches this question", query=query)
        extractions = extract_answers(resolved or question, hits[:HITS], self.index.documents, self.embedder)
        best = extractions[0] if extractions else None
        if best is None or best.confidence < self.threshold:
            confidence = best.confidence if best else 0.0
            closest = [self._citation(h.passage.doc_id, h.passage.start, h.passage.end, h.score) for h in hits[:CLOSEST]]
            return Answer(
                question=question,
                answered=False,
                confidence=confidence,
                reason=f"no passage answers this confidently (best confidence {confidence:.2f}, needed {self.threshold:.2f})",
                closest=closest,
                query=query,
            )
        return self._answer(question, query, best)

    def _answer(self, question: str, query: str, best: Extraction) -> Answer:
        span = self._citation(best.doc_id, best.answer_start, best.answer_end, best.confidence)
        sentence = self._citation(best.doc_id, best.sentence_start, best.sentence_end, best.confidence)
        support = [self._citation(doc_id, start, end, best.confidence) for doc_id, start, end in best.support]
        return Answer(
            question=question,
            answered=True,
            text=span.quote,
            confidence=best.confidence,
            span=span,
            citations=[sentence, *support],
            query=query,
        )

    def _citation(self, doc_id: str, start: int, end: int, score: float) -> Citation:
        doc = self.index.documents[doc_id]
        return Citation(
            doc_id=doc_id, title=doc.title, source=doc.source, date=doc.date, start=start, end=end, quote=doc.text[start:end], score=score
        )

    # -- the index ----------------------------------------------------------------------

    def document(self, doc_id: str) -> Document:
        """The stored document ``doc_id`` (what citations point into)."""
        try:
            return self.index.documents[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in this index") from None

    def status(self) -> IndexStatus:
        m = self.index.manifest
        return IndexStatus(
            folder=str(self.folder) if self.folder else "(in memory)",
            corpus=m.corpus,
            embedder=m.embedder.name,
            documents=len(m.documents),
            passages=m.passages,
            updated_at=m.updated_at,
        )
