"""The typed Python API: open or build an index, ask questions, get answers with exact citations.

    >>> from qa import QA
    >>> qa = QA.from_folder("seeds")
    >>> answer = qa.ask("Where did Kishida and Yoon meet?")
    >>> answer.text, answer.citations[0].doc_id
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Sequence

from index.clean import valid_unicode
from index.backend import DEFAULT_BACKEND, Backend, open_index, recorded_backend
from index.embed import DEFAULT_EMBEDDER, Embedder, get_embedder
from index.errors import IndexFormatError, IndexLockedError, QuestionError
from index.load import load_file
from index.manifest import manifest_version, read_manifest
from index.update import skipped_files
from index.types import ChunkSettings, Document, UpdateReport
from index.words import STOPWORDS, tokenize
from qa.constraints import aliased
from qa.conversation import as_stated, repeats, understand
from qa.disagree import differing, nearest_first
from qa.phrases import WH_WORDS
from qa.extractors import SentenceScorer, SpanReader, make_extractor
from qa.filters import article_filter, count_sources, narrowed
from qa.lead_in import spelled_out, without_lead_in
from qa.question_type import WHOLE_SENTENCE, classify_question
from qa.reader import Reader
from qa.recency import asked_days, parse_as_of
from qa.retrieve import Retriever
from qa.roles import as_role_question
from qa.spelling import POSSESSIVE, respelled
from qa.truecase import truecased, typed_in_capitals, typed_in_lower_case
from qa.types import Answer, ArticleFilter, Citation, Copy, Differing, Hit, IndexStatus, Turn

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
DEFAULT_INDEX = Path(".qa-index")
CLOSEST = 3
HITS = 10  # passages handed to the extractor
# A doubtful answer to a question using a word no article uses ("octopus") is refused, once the
# corpus is large enough for a word's absence to mean the question is about something else.
VOCABULARY_ARTICLES = 100
UNKNOWN_WORD_CONFIDENCE = 0.1
QUESTION_FUNCTION_WORDS = STOPWORDS | WH_WORDS | {"many", "much"}
NOTHING_ASKED = "the question names nothing to look for: ask about someone or something the articles may mention"


def _unknown_words(question: str, index: Backend) -> list[str]:
    """The content words the user typed that no article uses (question and function words, and words with
    another form news writes, "Q3" for "third quarter", never count);
    none in an index of fewer than ``VOCABULARY_ARTICLES`` articles, where most words are absent."""
    if len(index.documents) < VOCABULARY_ARTICLES:
        return []
    return [w for w in index.unknown_words(as_stated(question)) if w.lower() not in QUESTION_FUNCTION_WORDS and not aliased(w)]


def _names_nothing(question: str) -> bool:
    """Whether ``question`` holds no word but question and function words ("Who?", "How many?")."""
    return all(t.lower in QUESTION_FUNCTION_WORDS for t in tokenize(question))


def _as_understood(question: str, index: Backend) -> str:
    """``question`` without a polite lead-in and with its opening "What's" spelled out (``qa.lead_in``), a "who runs
    X?" asked for X's chief executive (``qa.roles``), the typos among its words no article uses read as the words
    the articles use (``qa.spelling``); typed all in capitals, read as typed in lower case."""
    question = as_role_question(spelled_out(without_lead_in(question.lower() if typed_in_capitals(question) else question)))
    unknown = _unknown_words(question, index)
    return respelled(question, unknown, index.unknown_words, lambda word: _written_as(word, index)) if unknown else question


def _first_article_for(word: str, index: Backend) -> Document | None:
    """The article BM25 ranks first for ``word`` alone, if any uses it."""
    found, _ = index.search_lexical(word, 1)
    return index.document_of(int(found[0])) if len(found) else None


def _written_as(word: str, index: Backend) -> str | None:
    """How the article BM25 ranks first for ``word`` writes it with a capital ("McLennan"), if it does."""
    doc = _first_article_for(word, index)
    if doc is None:
        return None
    return next((m.group() for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", doc.text, re.IGNORECASE) if m.group()[0].isupper()), None)


def _texts_of_words(question: str, texts: dict[str, str], index: Backend) -> dict[str, str]:
    """``texts`` (by document id) and, for each content word of ``question`` none of them holds, the text
    of the article BM25 ranks first for that word alone: how the articles write the name ("ofcom")
    does not depend on whether the passages retrieved happen to hold it."""
    held = " ".join(texts.values()).lower()
    out = dict(texts)
    for word in sorted({w for w in re.findall(r"[a-z][a-z0-9'-]{2,}", question.lower()) if w not in QUESTION_FUNCTION_WORDS}):
        doc = _first_article_for(word, index) if word not in held else None
        if doc is not None:
            out[doc.id] = doc.text
    return out


def bounded_turn(turn: Turn) -> Turn:
    """An earlier turn whose texts are at most ``MAX_QUESTION_CHARS`` long and hold no lone surrogate:
    the previous question joins the retrieval query, so its length bounds the work too."""
    answer = valid_unicode(turn.answer[:MAX_QUESTION_CHARS]) if turn.answer else turn.answer
    return Turn(question=valid_unicode(turn.question[:MAX_QUESTION_CHARS]), answer=answer)


def _outside(question: str, query: str, within: ArticleFilter) -> Answer:
    """The refusal when no article is inside the filter: nothing to answer from, and the filter is why."""
    reason = f"no article matches the filter ({within.describe()}): widen the dates or pick other sources"
    return Answer(question=question, answered=False, confidence=0.0, reason=reason, query=query)


def _not_that_week(question: str, query: str, week: tuple[date, date], undated: bool, within: ArticleFilter | None) -> Answer:
    """The refusal of a question about the week it is asked in (``qa.recency.asked_days``) when no article (inside
    the user's filter ``within``) is dated then; ``undated``: the index holds articles without a date, which no week can hold."""
    which = "no article" if within is None else f"no article of the filter ({within.describe()})"
    reason = f"the question asks about the week it is asked in, and {which} is dated from {week[0]} to {week[1]}"
    if undated:
        reason += " (articles without a date are left out)"
    return Answer(question=question, answered=False, confidence=0.0, reason=reason, query=query)


def check_question(question: object) -> str:
    """The question stripped, or a ``QuestionError`` saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError(f"a question must be text, got {type(question).__name__}")
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty: type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text)} characters long; the limit is {MAX_QUESTION_CHARS}")
    if valid_unicode(text) != text:
        raise QuestionError("the question holds an invalid character (half of a UTF-16 surrogate pair); retype the question without it")
    return text


def read_documents(path: Path | str) -> list[Document]:
    """The documents one file holds, read and cleaned as an update reads the corpus (ids relative to its folder);
    raises ``UnreadableFileError`` (its ``reason`` says why) when the file cannot be used."""
    path = Path(path)
    return load_file(path, path.parent)


class QA:
    """Question answering over one index: retrieve, extract, cite.

    The index can change while questions are being answered (``update_from_folder``,
    ``watch``, or another process writing the folder): each question is answered from one
    version, taken once, and a new version replaces it in one step when it is complete.
    With ``follow``, a version committed to the folder by another process is picked up too.
    """

    FOLLOW_SECONDS = 1.0  # how often ``ask`` looks whether another process changed the index folder
    LOCK_WAIT = 60.0  # how long an update waits for another writer of the folder before giving up

    def __init__(
        self,
        index: Backend,
        embedder: Embedder,
        folder: Path | None = None,
        threshold: float | None = None,
        follow: bool = True,
        extractor: str = "reader",
    ) -> None:
        """``extractor``: "reader" (the shipped reader model) or "heuristic" (sentence scoring, no model);
        ``threshold``: the confidence below which a question is refused (default: the extractor's own)."""
        self.embedder = embedder
        self.folder = folder
        self.use_extractor(extractor, threshold)
        self.follow = follow and folder is not None
        self._current = (index, Retriever(index, embedder))
        self._writing = threading.Lock()
        self._reloading = threading.Lock()
        self._swapping = threading.Lock()
        self._followed_at = time.monotonic()

    def use_extractor(self, extractor: str, threshold: float | None = None) -> None:
        """Answer with ``extractor`` ("reader" or "heuristic", ``qa.extractors``) and refuse below ``threshold``
        (default: its own); why-questions, and those answered by a whole sentence (yes or no, what was said), are
        answered by sentence scoring whichever it is, read by the reader when there is one."""
        self.extractor = make_extractor(extractor, self.embedder, threshold)
        scorer = isinstance(self.extractor, SentenceScorer)
        self._why = self.extractor if scorer else SentenceScorer(self.embedder, threshold, self.extractor.reader)
        self._sentences = self.extractor if scorer else SentenceScorer(self.embedder, threshold, self.extractor.reader, whole=True)

    @property
    def threshold(self) -> float:
        """The confidence below which the extractor's best answer is refused."""
        return self.extractor.threshold

    @property
    def reader(self) -> Reader | None:
        """The reader model, when the extractor is the reader."""
        return self.extractor.reader if isinstance(self.extractor, SpanReader) else None

    @property
    def index(self) -> Backend:
        """The current version of the index (take it once per question: it may be replaced at any time)."""
        return self._current[0]

    @index.setter
    def index(self, index: Backend) -> None:
        self._current = (index, self._current[1].like(index))

    @property
    def retriever(self) -> Retriever:
        """The retriever over the current version of the index."""
        return self._current[1]

    def as_understood(self, question: str) -> str:
        """``question`` as ``ask`` reads it before its conversation: a polite lead-in dropped ("Can you tell
        me who ...?" asks "Who ...?"), "who runs X?" asked for X's chief executive, its typos read as the
        words the articles use ("braodcast")."""
        return _as_understood(question, self.index)

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, index_dir: Path | str = DEFAULT_INDEX, embedder: str | None = None) -> "QA":
        """Open an existing index; its manifest names the embedder, which must match ``embedder`` if given."""
        folder = Path(index_dir)
        manifest = read_manifest(folder)
        model = get_embedder(embedder or manifest.embedder.name)
        return cls(open_index(folder, model), model, folder)

    @classmethod
    def build(
        cls,
        corpus_dir: Path | str,
        index_dir: Path | str = DEFAULT_INDEX,
        embedder: str = DEFAULT_EMBEDDER,
        chunking: ChunkSettings = ChunkSettings(),
        progress: bool = False,
        backend: str = DEFAULT_BACKEND,
        uri: str | None = None,
        collection: str | None = None,
        ray_address: str | None = None,
        ray_actors: int | None = None,
    ) -> "QA":
        """Load, clean, chunk and embed ``corpus_dir`` into a new index at ``index_dir`` (replacing what is there).

        ``backend``: where the passages are stored and searched (``index.backend``): "faiss" in the index
        folder, or "milvus" in ``collection`` at ``uri`` (a Milvus server, or a Milvus Lite file; default:
        one in the index folder). ``ray_address``: embed on the Ray cluster there (``auto``, or the head's
        HOST:PORT) with ``ray_actors`` embedders at once, in shards checkpointed beside the index folder
        (``index.distributed``; needs the ``ray`` extra)."""
        from index.update import update_from_folder

        model = get_embedder(embedder)
        builder: Embedder = model
        if ray_address is not None:
            from index.distributed import on_ray

            builder = on_ray(model, index_dir, ray_address, ray_actors)
        index, _ = update_from_folder(
            index_dir, corpus_dir, builder, rebuild=True, chunking=chunking, progress=progress, backend=backend, uri=uri, collection=collection
        )
        return cls(index, model, Path(index_dir))

    @classmethod
    def from_folder(
        cls, corpus_dir: Path | str, index_dir: Path | str = DEFAULT_INDEX, progress: bool = False, watch: float | None = None,
        backend: str | None = None, uri: str | None = None, collection: str | None = None,
    ) -> "QA":
        """Open the index of ``corpus_dir``, building it if it is missing, bringing it up to date if the folder changed.

        Only what changed is embedded (see ``update_from_folder``). When another process is
        updating the index right now, the current version is opened and followed instead.
        ``watch`` (seconds; default: the ``QA_WATCH`` environment variable, if set) keeps the
        index in sync with the folder from then on, in a background thread. ``backend``, ``uri``,
        ``collection``: where a new index goes (see ``build``); an index on another backend is refused.
        """
        where = {"backend": backend, "uri": uri, "collection": collection}
        qa = cls._from_folder(corpus_dir, index_dir, progress, where)
        watch = watch if watch is not None else float(os.environ.get("QA_WATCH") or 0)
        if watch > 0:
            qa.start_watching(corpus_dir, watch)
        return qa

    @classmethod
    def _from_folder(cls, corpus_dir: Path | str, index_dir: Path | str, progress: bool, where: dict) -> "QA":
        from index.corpus_index import is_index_folder

        folder = Path(index_dir)
        try:
            qa = cls.open(folder)
        except IndexFormatError as exc:
            if folder.exists() and not is_index_folder(folder):
                raise
            return cls._repaired_or_built(corpus_dir, folder, exc, progress, where)
        on = qa.index.manifest.backend.name
        if where["backend"] not in (None, on):
            raise IndexFormatError(
                f"{folder} is an index on {on}, not {where['backend']}; rebuild it there with "
                f"`qa index build {corpus_dir} --index {folder} --backend {where['backend']}`, or give another index folder"
            )
        try:
            report = qa.update_from_folder(corpus_dir, progress=progress)
            if report.changes:
                log.info("the corpus changed since the index was written: %s", report.summary())
        except IndexLockedError as exc:
            log.warning("%s; answering from the current version meanwhile", exc)
        return qa

    @classmethod
    def _repaired_or_built(cls, corpus_dir: Path | str, folder: Path, damage: IndexFormatError, progress: bool, where: dict) -> "QA":
        """An index that cannot be opened, repaired from the corpus folder when only segments are
        damaged (their articles are read and embedded again), built anew otherwise."""
        from index.update import update_from_folder

        if where["backend"] is None:  # where it was (a new index: the default)
            where = recorded_backend(folder)
        if folder.exists():
            try:
                index, report = update_from_folder(folder, corpus_dir, progress=progress, **where)
                log.warning("the index could not be opened (%s): %s", damage, report.summary())
                return cls(index, get_embedder(index.manifest.embedder.name), folder)
            except IndexFormatError as exc:
                damage = exc
        log.info("building the index: %s", damage)
        return cls.build(corpus_dir, folder, progress=progress, **where)

    # -- asking -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 10,
        as_of: date | str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        sources: Iterable[str] | None = None,
    ) -> list[Hit]:
        """The ``k`` passages that best match ``query``, each with its article (no answer extraction); ``as_of`` and the
        filters as for ``ask`` (no passage when no article is inside the filter)."""
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        query, day, within = check_question(query), parse_as_of(as_of), article_filter(since, until, sources)
        return self.retriever.retrieve(query, k, day, within)

    def ask(
        self,
        question: str,
        history: Sequence[Turn | dict] | None = None,
        as_of: date | str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        sources: Iterable[str] | None = None,
    ) -> Answer:
        """Answer ``question`` from the articles, or say plainly that they do not answer it.

        ``as_of``: the day the question is asked about (a date or ``"2024-03-22"``); articles
        dated near it are preferred, since news questions are about a time ("this week's vote"),
        and a question that says it asks about that week ("this week", "last weekend") is answered
        from the articles of that week only (``qa.recency.asked_days``).
        ``since``, ``until`` (days, both included) and ``sources`` (source names, see ``sources()``)
        restrict the answer to the articles inside them (``qa.filters``); once a date bound is set,
        an article without a date is left out. When no article is inside, the answer says so.
        Bad dates, ``since`` after ``until`` or an empty ``sources`` raise ``QuestionError``.
        """
        question = check_question(question)
        day = parse_as_of(as_of)
        within = article_filter(since, until, sources)
        self._follow()
        index, retriever = self._current  # one version for the whole question
        turns = [bounded_turn(t if isinstance(t, Turn) else Turn.model_validate(t)) for t in history or []]
        followup = understand(_as_understood(question, index), turns)
        week = asked_days(followup.question, day)  # "this week": the articles of the week asked about only
        hits = retriever.retrieve_merged(followup.queries, k=HITS, as_of=day, within=narrowed(within, week))
        if not hits and within is not None and not retriever.where(within).doc_ids:
            return _outside(question, followup.question, within)
        if not hits and week is not None:
            return _not_that_week(question, followup.question, week, any(d.date is None for d in index.documents.values()), within)
        return self.answer_from_hits(question, hits, followup.question, index=index, as_of=day, said=followup.said)

    def answer_from_hits(
        self,
        question: str,
        hits: Sequence[Hit],
        query: str | None = None,
        index: Backend | None = None,
        as_of: date | None = None,
        said: str | None = None,
    ) -> Answer:
        """Extract the answer to ``question`` (``query``: as understood in its conversation) from retrieved ``hits``.

        ``index``: the version the hits came from (default: the current one). When other articles give
        different well-supported answers, they are listed beside the most probable one, the one
        dated nearest ``as_of`` (or the latest) first (``Answer.sources_differ``). ``said``: the answer a
        follow-up asks beyond (``Followup.said``), which is then no answer again. A question that names
        nothing to look for, even with its conversation ("Who?" alone), is refused as such.
        """
        query = query or question
        if _names_nothing(query):  # "Who?" with no conversation before it: any name would do, so none is given
            return Answer(question=question, answered=False, confidence=0.0, reason=NOTHING_ASKED, query=query)
        index = index or self.index
        if typed_in_lower_case(without_lead_in(question)) or typed_in_capitals(question):  # the checks find names by their capitals
            texts = _texts_of_words(query, {h.document.id: h.document.text for h in hits[:HITS]}, index).values()
            query = truecased(query, texts, _unknown_words(query, index))
        if not hits:
            return Answer(question=question, answered=False, confidence=0.0, reason="the index holds no passage that matches this question", query=query)
        # A why-question asks for a reason clause, one that asks yes or no or what was said for the sentence that tells
        # it; the reader learned short spans, so sentence scoring answers them.
        wh = classify_question(query).wh
        extractor = self._why if wh == "why" else self._sentences if wh in WHOLE_SENTENCE else self.extractor
        extractions, threshold = extractor.run(query, hits[:HITS]), extractor.threshold
        if said:
            extractions = [e for e in extractions if not repeats(e.span.quote, said)]
        best = extractions[0] if extractions else None
        unknown = _unknown_words(query, index) if best and best.confidence < UNKNOWN_WORD_CONFIDENCE else []
        if best is None or best.confidence < threshold or best.contradicted or unknown:
            confidence = best.confidence if best and not best.contradicted else 0.0  # a check that contradicts the closest answer leaves it no chance
            closest = [Citation.quoting(h.document, h.passage.start, h.passage.end) for h in hits[:CLOSEST]]
            why = f"no article mentions “{POSSESSIVE.sub('', unknown[0])}”" if unknown else best.reason if best and best.reason else "no passage answers this confidently"
            if best is None or not best.contradicted and best.confidence < threshold:  # otherwise the check that ``why`` names refused it, whatever its confidence
                why = f"{why} (confidence {confidence:.2f}, needed {threshold:.2f})"
            return Answer(
                question=question,
                answered=False,
                confidence=confidence,
                reason=why,
                closest=closest,
                query=query,
            )
        others = nearest_first(differing(extractions, index.story, threshold), as_of)
        return Answer(
            question=question,
            answered=True,
            text=best.span.quote,
            confidence=best.confidence,
            span=best.span,
            citations=[best.sentence, *best.support],
            query=query,
            also_reported_by=[Copy(doc_id=d, title=e.title, source=e.source, date=e.date) for d, e in index.copies(best.span.doc_id)],
            sources_differ=[Differing(text=e.span.quote, confidence=e.confidence, span=e.span, sentence=e.sentence) for e in others],
        )

    # -- the index ----------------------------------------------------------------------

    def document(self, doc_id: str) -> Document:
        """The stored document ``doc_id`` (what citations point into)."""
        try:
            return self.index.documents[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in this index") from None

    def sources(self) -> dict[str, int]:
        """The source names of the indexed articles (what ``sources`` filters by), with their article counts, most first."""
        return count_sources(e.source for e in self.index.manifest.documents.values())

    def status(self) -> IndexStatus:
        m = self.index.manifest
        return IndexStatus(
            folder=str(self.folder) if self.folder else "(in memory)",
            corpus=m.corpus,
            embedder=m.embedder.name,
            documents=len(m.documents),
            passages=m.passages,
            updated_at=m.updated_at,
            duplicates=len(m.duplicates),
            segments=len(m.segments),
            skipped={item.path: item.reason for item in skipped_files(m.files)},
        )

    # -- keeping the index up to date ---------------------------------------------------

    def update_from_folder(self, corpus_dir: Path | str, progress: bool = False) -> UpdateReport:
        """Sync the index with ``corpus_dir``: embed new and changed documents, drop deleted ones, touch nothing else."""
        from index.update import scan_folder

        return self._change(lambda current: scan_folder(Path(corpus_dir), current, progress), progress)

    def add_documents(self, documents: Iterable[Document | dict], progress: bool = False) -> UpdateReport:
        """Add documents, or replace those with the same id; only their passages are embedded.

        Takes ``Document`` objects or dicts of their fields; raises ``TypeError``/``ValueError`` for anything else."""
        from index.update import checked_documents

        documents = checked_documents(documents)
        return self._change(lambda current: (documents, [], None, 0), progress)

    def remove_documents(self, doc_ids: Iterable[str], progress: bool = False) -> UpdateReport:
        """Remove documents by id from both searches (unknown ids are ignored)."""
        doc_ids = list(doc_ids)
        return self._change(lambda current: ([], doc_ids, None, 0), progress)

    def _change(self, change: Callable, progress: bool) -> UpdateReport:  # noqa: ANN001
        """Apply a change set (see ``index.update.write_update``) and serve each committed version at once."""
        from index.update import update_in_memory, write_update

        with self._writing:
            if self.folder is None:
                self.index, report = update_in_memory(self.index, self.embedder, change, progress=progress)
                return report
            _, report = write_update(
                self.folder, change, self.embedder, base=self.index, on_commit=self._use, wait=self.LOCK_WAIT, progress=progress
            )
            return report

    def _use(self, index: Backend) -> None:
        with self._swapping:
            self.index = index

    def refresh(self) -> bool:
        """Load the version another process committed to the index folder, if any (unchanged segments are shared)."""
        if self.folder is None:
            return False
        with self._reloading:
            current = self.index
            if manifest_version(self.folder) in (None, current.version):
                return False
            loaded = open_index(self.folder, self.embedder, reuse=current)
            with self._swapping:
                if loaded.manifest.generation <= self.index.manifest.generation:
                    return False  # our own update committed a newer one meanwhile
                self.index = loaded
            return True

    def _follow(self) -> None:
        """At most once a second: if the folder holds a newer version, load it in the background (answers go on meanwhile)."""
        if not self.follow or time.monotonic() - self._followed_at < self.FOLLOW_SECONDS:
            return
        self._followed_at = time.monotonic()
        if manifest_version(self.folder) in (None, self.index.version) or self._reloading.locked():
            return

        def reload() -> None:
            try:
                self.refresh()
            except Exception as exc:  # noqa: BLE001 - keep answering from the version we have
                log.warning("could not load the new version of the index: %s", exc)

        threading.Thread(target=reload, name="qa-index-reload", daemon=True).start()

    def watch(
        self,
        corpus_dir: Path | str,
        interval: float = 2.0,
        stop: threading.Event | None = None,
        on_update: Callable[[UpdateReport], None] | None = None,
    ) -> None:
        """Keep the index in sync with ``corpus_dir`` until ``stop`` is set: poll it every ``interval`` seconds.

        Blocking; run it in a thread (see ``start_watching``). Each change is committed and
        served as soon as it is complete; ``on_update`` gets the report of every change.
        """
        from index.watch import watch_folder

        def update() -> None:
            report = self.update_from_folder(corpus_dir)
            if report.changes and on_update:
                on_update(report)

        watch_folder(corpus_dir, update, interval=interval, stop=stop)

    def start_watching(
        self, corpus_dir: Path | str, interval: float = 2.0, on_update: Callable[[UpdateReport], None] | None = None
    ) -> threading.Event:
        """``watch`` in a daemon thread; set the returned event to stop it."""
        stop = threading.Event()
        thread = threading.Thread(target=self.watch, args=(corpus_dir, interval, stop, on_update), name="qa-index-watch", daemon=True)
        thread.start()
        return stop
