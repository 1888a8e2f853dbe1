"""Evaluation: retrieval recall and MRR, answer exact match / F1 (official SQuAD normalisation), citations, abstention, latency.

Question sets, told apart by their content:

* **seeds format** (JSONL: ``id, question, answers, doc``) over a corpus folder (default ``seeds``);
* **BBC format** (JSONL rows that also carry ``kind`` and ``history``, ``../shared/eval/bbc``) over a
  corpus folder (default ``seeds``, so pass ``--corpus``): ``doc`` ``category/NNN.txt`` is the
  corpus file ``category-NNN.txt`` (or the literal path when the folder has it); a question with
  ``history`` is asked as ``QA.ask`` asks a follow-up;
* **SQuAD JSON** (v1.1; v2 with unanswerable questions, ``is_impossible``): every paragraph
  becomes a document of its own (id ``title#n``) and is the gold document of its questions;
* **RealTimeQA** (JSONL: ``id, question, answers, docs_with_answer``) over its corpus
  (``corpus.jsonl.gz`` beside the questions file, or ``corpus=``): the gold documents are
  the articles that contain an answer. ``docs=N`` indexes only the gold articles of the
  questions asked plus ``N`` other articles sampled with ``seed`` (a subset for quick runs).

Each corpus is indexed into its own folder, reused when it is there and was built by the
same embedder. Passage vectors are checkpointed in shards next to it
(``index.checkpoint``), so an interrupted build of a large corpus resumes.

Figures (``summarize``), over the questions that have answers unless said otherwise:

* ``recall@k`` / ``mrr``: a gold document is among the first k distinct documents retrieved;
* ``answer_recall@k`` / ``answer_mrr``: one of the first k passages contains an accepted answer;
* ``exact_match`` / ``f1``: official SQuAD v1.1 scores of the extracted answer (a refusal scores 0);
  on sets with unanswerable questions also ``exact_match_all`` / ``f1_all`` the SQuAD 2.0 way
  (a refusal of an unanswerable question scores 1);
* ``answer_contains_gold`` / ``sentence_contains_gold``: the answer (its sentence) contains an
  accepted answer after normalisation;
* ``citation_correct``: among answered questions, the cited document is a gold one;
* ``answered_rate``, ``wrongly_refused``, ``no_answer_refused`` (abstention);
* ``latency_p50_ms`` / ``latency_p95_ms`` per question (retrieval plus extraction), and the
  retrieval part alone;
* ``confidence_auroc``: how well ``confidence`` tells right answers (answerable, answered, ``right``)
  from everything else (wrong answers, refused answerable questions, every unanswerable question);
  ``expected_calibration_error`` of the same (10 bins); the median confidence of right answers,
  wrong answers and unanswerable questions;
* ``sources_differ_rate``: among answered questions, the share shown with differing answers of
  other articles (``Answer.sources_differ``), and ``sources_differ_first_right``: among those,
  the share whose answer given first is right;
* with kinds (BBC): ``by_kind`` (questions, answered, right per kind) and the totals
  ``answerable_right`` / ``unanswerable_refused``.

A question is ``right`` (``judge``) when it is answerable and its answer contains an accepted one
(on the BBC set also citing a gold document), or when it is unanswerable and refused.
"""

from __future__ import annotations

import collections
import gzip
import hashlib
import json
import logging
import platform
import re
import string
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Literal, Sequence

import numpy as np
from pydantic import BaseModel, Field

from index.clean import content_hash
from index.errors import NewsQAError
from index.types import Document
from index.words import STOPWORDS
from qa.api import QA, read_documents
from qa.conversation import Followup, understand
from qa.phrases import WH_WORDS
from qa.filters import narrowed
from qa.recency import asked_days, parse_as_of
from qa.types import Hit, Turn

log = logging.getLogger(__name__)

RECALL_AT = (1, 5, 20)
DEPTH = 60  # passages retrieved per question: enough for 20 distinct documents most of the time
EVAL_ROOT = Path(".qa-index-eval")
CALIBRATION_BINS = 10

Format = Literal["seeds", "bbc", "squad", "realtimeqa"]


class Question(BaseModel):
    """One evaluation question: accepted answers (empty: the corpus cannot answer) and gold document ids."""

    id: str
    question: str
    answers: list[str]
    gold_docs: list[str] = Field(default_factory=list)
    date: str | None = Field(default=None, description="the day the question was asked (RealTimeQA), ISO")
    kind: str | None = Field(default=None, description="what the question tests (BBC: factoid, followup, near_miss, ...)")
    history: list[Turn] = Field(default_factory=list, description="earlier turns of the conversation, oldest first")


class QuestionResult(BaseModel):
    """What happened to one question."""

    id: str
    question: str
    answers: list[str]
    gold_docs: list[str] = Field(default_factory=list)
    kind: str | None = None
    understood: str | None = Field(default=None, description="a follow-up as understood from its history (``Answer.query``)")
    answered: bool | None = Field(default=None, description="None: retrieval only, nothing extracted")
    right: bool | None = Field(default=None, description="see ``judge``; None: nothing extracted")
    prediction: str | None = None
    sentence: str | None = None
    cited_doc: str | None = None
    confidence: float | None = None
    sources_differ: list[str] = Field(default_factory=list, description="the differing answers of other articles (``Answer.sources_differ``)")
    doc_rank: int | None = Field(default=None, description="rank of the first gold document among distinct retrieved documents")
    answer_rank: int | None = Field(default=None, description="rank of the first retrieved passage that contains an accepted answer")
    top_docs: list[str] = Field(default_factory=list, description="the first five distinct documents retrieved")
    retrieval_seconds: float = 0.0
    seconds: float = 0.0


# -- official SQuAD normalisation and scores ----------------------------------------------

_PUNCTUATION = frozenset(string.punctuation)
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalize_answer(s: str) -> str:
    """The official SQuAD normalisation: lower case, drop ASCII punctuation and articles, collapse spaces."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in _PUNCTUATION)
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def normalize_text(s: str) -> str:
    """``normalize_answer`` after folding typographic quotes and dashes to ASCII (“People’s” matches "People's")."""
    return normalize_answer(s.translate(_TYPOGRAPHY))


def exact_match(prediction: str, gold: str) -> bool:
    """Official SQuAD exact match."""
    return normalize_answer(prediction) == normalize_answer(gold)


def f1_score(prediction: str, gold: str) -> float:
    """Official SQuAD token F1 (v1.1: an empty prediction or gold scores 0)."""
    pred, ref = normalize_answer(prediction).split(), normalize_answer(gold).split()
    common = collections.Counter(pred) & collections.Counter(ref)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(ref)
    return 2 * precision * recall / (precision + recall)


def contains(text: str | None, answers: Sequence[str]) -> bool:
    """Whether ``text`` holds one of ``answers`` as whole words, after normalisation (typographic quotes folded)."""
    if not text:
        return False
    norm = f" {normalize_text(text)} "
    return any(f" {a} " in norm for a in (normalize_text(a) for a in answers) if a)


# -- question sets ---------------------------------------------------------------------


def _open_text(path: Path) -> str:
    raw = Path(path).read_bytes()
    return (gzip.decompress(raw) if str(path).endswith(".gz") else raw).decode("utf-8")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in _open_text(path).splitlines() if line.strip()]


def _set_name(path: Path) -> str:
    return Path(path).name.split(".")[0]


def detect_format(path: Path) -> Format:
    """SQuAD for ``.json``/``.json.gz``; for JSONL, RealTimeQA when records list ``docs_with_answer``,
    BBC when they carry a ``kind``, else seeds."""
    path = Path(path)
    if path.name.endswith((".json", ".json.gz")):
        return "squad"
    rows = _jsonl(path)
    if not rows:
        raise NewsQAError(f"{path} holds no question")
    if "docs_with_answer" in rows[0]:
        return "realtimeqa"
    return "bbc" if "kind" in rows[0] else "seeds"


def read_seeds_questions(path: Path) -> list[Question]:
    """The seeds format: one JSON object a line with id, question, answers, doc (a file name of the corpus)."""
    return [
        Question(id=str(row["id"]), question=row["question"], answers=row["answers"], gold_docs=[row["doc"]] if row.get("doc") else [])
        for row in _jsonl(path)
    ]


def bbc_doc_id(doc: str, corpus: Path) -> str:
    """The corpus file id of a BBC ``doc``: ``business/100.txt`` is fetched as ``business-100.txt``.

    The literal path wins when the folder has it (the package's own ``CATEGORY/NNN.txt`` layout).
    """
    return doc if (Path(corpus) / doc).is_file() else doc.replace("/", "-")


def read_bbc_questions(path: Path, corpus: Path) -> list[Question]:
    """The BBC format: seeds rows plus ``kind`` and ``history``; gold ``doc`` mapped to its id in ``corpus``."""
    return [
        Question(
            id=str(row["id"]),
            question=row["question"],
            answers=row["answers"],
            gold_docs=[bbc_doc_id(row["doc"], corpus)] if row.get("doc") else [],
            kind=row.get("kind"),
            history=[Turn(question=t["question"], answer=t.get("answer")) for t in row.get("history") or []],
        )
        for row in _jsonl(path)
    ]


def read_squad(path: Path) -> tuple[list[Document], list[Question]]:
    """SQuAD JSON: every paragraph becomes a document (id ``title#n``), every question keeps its paragraph as gold.

    SQuAD 2.0 questions marked ``is_impossible`` get no accepted answer.
    """
    data = json.loads(_open_text(path))["data"]
    documents, questions = [], []
    for article in data:
        title = article["title"].replace("_", " ")
        for n, paragraph in enumerate(article["paragraphs"]):
            doc_id = f"{article['title']}#{n}"
            text = paragraph["context"]
            documents.append(Document(id=doc_id, title=title, source=f"squad:{doc_id}", text=text, content_hash=content_hash(doc_id + text)))
            for qa in paragraph["qas"]:
                impossible = qa.get("is_impossible", False)
                answers = [] if impossible else sorted({a["text"] for a in qa["answers"]})
                questions.append(Question(id=qa["id"], question=qa["question"], answers=answers, gold_docs=[doc_id]))
    return documents, questions


def realtimeqa_doc_id(corpus: Path, record_id: str) -> str:
    """The id ``index.load`` gives a record of the corpus file: ``<file name>#<record id>``."""
    return f"{Path(corpus).name}#{record_id}"


def read_realtimeqa_questions(path: Path, corpus: Path) -> list[Question]:
    """RealTimeQA questions; gold documents are the corpus articles that contain an answer."""
    return [
        Question(
            id=str(row["id"]),
            question=row["question"],
            answers=row["answers"],
            gold_docs=[realtimeqa_doc_id(corpus, d) for d in row.get("docs_with_answer", [])],
            date=_day(row.get("date")),
        )
        for row in _jsonl(path)
    ]


def _day(value: object) -> str | None:
    day = parse_as_of(value) if isinstance(value, str) else None
    return day.isoformat() if day else None


def read_questions(path: Path, corpus: Path | None = None) -> list[Question]:
    """The questions of a file of any format ``detect_format`` knows; a RealTimeQA ``corpus`` defaults to the one beside it,
    a BBC one to ``seeds``."""
    kind = detect_format(path)
    if kind == "squad":
        return read_squad(path)[1]
    if kind == "seeds":
        return read_seeds_questions(path)
    if kind == "bbc":
        return read_bbc_questions(path, corpus or Path("seeds"))
    return read_realtimeqa_questions(path, corpus or Path(path).parent / "corpus.jsonl.gz")


def corpus_record_ids(corpus: Path) -> list[str]:
    """The ``id`` of every record of a JSONL corpus, in file order (read without cleaning the texts)."""
    ids = []
    opener = gzip.open if str(corpus).endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            match = re.match(r'\s*\{\s*"id"\s*:\s*"([^"]*)"', line)
            if match:
                ids.append(match.group(1))
            elif line.strip():
                ids.append(str(json.loads(line).get("id")))
    return ids


def realtimeqa_subset(questions: Sequence[Question], corpus: Path, others: int, seed: int = 0) -> list[str]:
    """Document ids of a subset corpus: every gold article of ``questions``, plus ``others`` other articles drawn with ``seed``."""
    gold = sorted({d for q in questions for d in q.gold_docs})
    rest = [doc_id for doc_id in (realtimeqa_doc_id(corpus, r) for r in corpus_record_ids(corpus)) if doc_id not in set(gold)]
    rng = np.random.default_rng(seed)
    picked = rng.choice(len(rest), size=min(others, len(rest)), replace=False) if others else []
    return gold + sorted(rest[int(i)] for i in picked)


def load_realtimeqa_corpus(corpus: Path, keep: Iterable[str] | None = None, progress: bool = False) -> list[Document]:
    """The corpus articles as cleaned documents (only the ids in ``keep`` when given).

    With ``keep``, the other records are dropped before parsing and cleaning: the subset is
    written to a temporary file of the same name, so the documents keep the same ids.
    """
    import tempfile

    corpus = Path(corpus)
    if keep is None:
        return read_documents(corpus)
    wanted = {doc_id.split("#", 1)[1] for doc_id in keep}
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as folder:
        subset = Path(folder) / corpus.name
        with opener(corpus, "rt", encoding="utf-8") as source, opener(subset, "wt", encoding="utf-8") as target:
            for line in source:
                match = re.match(r'\s*\{\s*"id"\s*:\s*"([^"]*)"', line)
                record_id = match.group(1) if match else (str(json.loads(line).get("id")) if line.strip() else None)
                if record_id in wanted:
                    target.write(line)
        return read_documents(subset)


# -- running -----------------------------------------------------------------------------


def judge(result: QuestionResult, cite_gold: bool = False) -> bool | None:
    """Whether the response is right: an answer containing an accepted one (with ``cite_gold``, citing a gold
    document when the question has one), or a refusal of an unanswerable question. None: nothing extracted."""
    if result.answered is None:
        return None
    if not result.answers:
        return not result.answered
    cited = not (cite_gold and result.gold_docs) or result.cited_doc in set(result.gold_docs)
    return bool(result.answered) and contains(result.prediction, result.answers) and cited


def run_questions(
    qa: QA,
    questions: Sequence[Question],
    extract: bool = True,
    batch: int = 1,
    progress: bool = False,
    dates: bool = True,
    cite_gold: bool = False,
) -> list[QuestionResult]:
    """Ask every question; keep the answer, the cited document and where the gold turned up in the retrieval.

    ``batch`` questions share one embedding call (faster, but then the retrieval time of a
    question is its share of the batch, less than a lone question would take). With ``dates``,
    a question that has a date is asked as of that day (``qa.recency``). A question with
    ``history`` is retrieved on its own, with the queries ``QA.ask`` would build from the
    conversation, and extracted from its resolved form. ``cite_gold``: see ``judge``.
    """
    from tqdm import tqdm

    if batch < 1:
        raise ValueError(f"batch must be at least 1, got {batch}")
    results = []
    bar = tqdm(total=len(questions), desc="questions", disable=not progress, unit="q")
    for at in range(0, len(questions), batch):
        group = questions[at : at + batch]
        index, retriever = qa.index, qa.retriever
        days = [parse_as_of(q.date) if dates else None for q in group]
        retrieved: dict[int, tuple[list[Hit], float, Followup | None]] = {}  # position: hits, seconds, follow-up as understood
        asked = [qa.as_understood(q.question) for q in group]
        plain = [n for n, q in enumerate(group) if not q.history and asked_days(asked[n], days[n]) is None]
        if plain:
            start = time.perf_counter()
            rankings = retriever.retrieve_many([asked[n] for n in plain], k=DEPTH, as_of=[days[n] for n in plain])
            share = (time.perf_counter() - start) / len(plain)
            retrieved.update({n: (hits, share, understand(asked[n], []) if asked[n] != group[n].question else None) for n, hits in zip(plain, rankings)})
        for n, q in enumerate(group):
            if n not in retrieved:  # a follow-up or a question about its week, as ``QA.ask`` retrieves them
                start = time.perf_counter()
                followup = understand(asked[n], q.history)
                within = narrowed(None, asked_days(followup.question, days[n]))
                hits = retriever.retrieve_merged(followup.queries, k=DEPTH, as_of=days[n], within=within)
                retrieved[n] = (hits, time.perf_counter() - start, followup if q.history or asked[n] != q.question else None)
        for n, q in enumerate(group):
            hits, share, followup = retrieved[n]
            query = followup.question if followup else None
            gold = set(q.gold_docs)
            docs = list(dict.fromkeys(h.passage.doc_id for h in hits))
            result = QuestionResult(
                id=q.id,
                question=q.question,
                answers=q.answers,
                gold_docs=q.gold_docs,
                kind=q.kind,
                doc_rank=next((i for i, d in enumerate(docs, 1) if d in gold), None),
                answer_rank=next((i for i, h in enumerate(hits[: max(RECALL_AT)], 1) if q.answers and contains(h.passage.text, q.answers)), None),
                top_docs=docs[:5],
                retrieval_seconds=share,
                seconds=share,
            )
            if extract:
                start = time.perf_counter()
                answer = qa.answer_from_hits(q.question, hits, query, index=index, as_of=days[n], said=followup.said if followup else None)
                first = answer.citations[0] if answer.citations else None
                result = result.model_copy(
                    update={
                        "understood": query,
                        "answered": answer.answered,
                        "prediction": answer.text,
                        "sentence": first.quote if first else None,
                        "cited_doc": first.doc_id if first else None,
                        "confidence": answer.confidence,
                        "sources_differ": [d.text for d in answer.sources_differ],
                        "seconds": share + time.perf_counter() - start,
                    }
                )
                result = result.model_copy(update={"right": judge(result, cite_gold)})
            results.append(result)
        bar.update(len(group))
    bar.close()
    return results


def summarize(results: Sequence[QuestionResult]) -> dict[str, float | int | dict | None]:
    """The figures of a run (see the module docstring); None where a figure has no question to count."""
    answerable = [r for r in results if r.answers]
    unanswerable = [r for r in results if not r.answers]
    with_gold = [r for r in answerable if r.gold_docs]
    report: dict[str, float | int | dict | None] = {"questions": len(results), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    for k in RECALL_AT:
        report[f"recall@{k}"] = _mean(r.doc_rank is not None and r.doc_rank <= k for r in with_gold)
    report["mrr"] = _mean(1 / r.doc_rank if r.doc_rank else 0.0 for r in with_gold)
    for k in RECALL_AT:
        report[f"answer_recall@{k}"] = _mean(r.answer_rank is not None and r.answer_rank <= k for r in answerable)
    report["answer_mrr"] = _mean(1 / r.answer_rank if r.answer_rank else 0.0 for r in answerable)
    extracted = [r for r in results if r.answered is not None]
    if extracted:
        answerable_x = [r for r in extracted if r.answers]
        report["exact_match"] = _mean(bool(r.answered and r.prediction) and any(exact_match(r.prediction, a) for a in r.answers) for r in answerable_x)
        report["f1"] = _mean(max((f1_score(r.prediction or "", a) for a in r.answers), default=0.0) if r.answered else 0.0 for r in answerable_x)
        if unanswerable:
            no_answer = [r for r in extracted if not r.answers]
            em_all = [float(not r.answered) for r in no_answer]
            em_all += [float(bool(r.answered and r.prediction) and any(exact_match(r.prediction, a) for a in r.answers)) for r in answerable_x]
            f1_all = [float(not r.answered) for r in no_answer]
            f1_all += [max((f1_score(r.prediction or "", a) for a in r.answers), default=0.0) if r.answered else 0.0 for r in answerable_x]
            report["exact_match_all"] = _mean(em_all)
            report["f1_all"] = _mean(f1_all)
        report["answer_contains_gold"] = _mean(bool(r.answered) and contains(r.prediction, r.answers) for r in answerable_x)
        report["sentence_contains_gold"] = _mean(bool(r.answered) and contains(r.sentence, r.answers) for r in answerable_x)
        report["citation_correct"] = _mean(r.cited_doc in set(r.gold_docs) for r in answerable_x if r.answered and r.gold_docs)
        report["answered_rate"] = _mean(bool(r.answered) for r in answerable_x)
        report["wrongly_refused"] = _mean(not r.answered for r in answerable_x)
        report["no_answer_refused"] = _mean(not r.answered for r in extracted if not r.answers)
        report.update(confidence_figures(extracted))
        differ = [r for r in extracted if r.sources_differ]
        report["sources_differ_rate"] = _mean(bool(r.sources_differ) for r in extracted if r.answered)
        report["sources_differ_first_right"] = _mean(bool(_right(r)) for r in differ if r.answers) if differ else None
    for label, values in (("latency", [r.seconds for r in results]), ("retrieval", [r.retrieval_seconds for r in results])):
        report[f"{label}_p50_ms"] = float(np.percentile(values, 50) * 1000) if values else None
        report[f"{label}_p95_ms"] = float(np.percentile(values, 95) * 1000) if values else None
    if any(r.kind for r in results):
        report["by_kind"] = by_kind(results)
        if extracted:
            report["answerable_right"] = sum(bool(_right(r)) for r in extracted if r.answers)
            report["unanswerable_refused"] = sum(not r.answered for r in extracted if not r.answers)
    return report


def _right(result: QuestionResult) -> bool | None:
    """``result.right`` as judged when it was run; judged here (no citation check) for results made without it."""
    return result.right if result.right is not None else judge(result)


def answer_right(result: QuestionResult) -> bool:
    """The label confidence is scored against: an answerable question answered right (anything else is a negative)."""
    return bool(result.answers) and bool(result.answered) and bool(_right(result))


def by_kind(results: Sequence[QuestionResult]) -> dict[str, dict[str, int | None]]:
    """Per kind, in order of first appearance: questions, answered and right (None when nothing was extracted)."""
    kinds: dict[str, list[QuestionResult]] = {}
    for r in results:
        kinds.setdefault(r.kind or "(none)", []).append(r)
    table: dict[str, dict[str, int | None]] = {}
    for kind, group in kinds.items():
        extracted = [r for r in group if r.answered is not None]
        table[kind] = {
            "questions": len(group),
            "answered": sum(bool(r.answered) for r in extracted) if extracted else None,
            "right": sum(bool(_right(r)) for r in extracted) if extracted else None,
        }
    return table


def confidence_figures(results: Sequence[QuestionResult]) -> dict[str, float | None]:
    """AUROC and expected calibration error of ``confidence`` against ``answer_right``, and median confidences."""
    scored = [r for r in results if r.answered is not None and r.confidence is not None]
    labels = [answer_right(r) for r in scored]
    confidences = [float(r.confidence) for r in scored]  # type: ignore[arg-type]
    return {
        "confidence_auroc": confidence_auroc(confidences, labels),
        "expected_calibration_error": expected_calibration_error(confidences, labels),
        "confidence_median_right": _median(c for c, y in zip(confidences, labels) if y),
        "confidence_median_wrong": _median(float(r.confidence) for r in scored if r.answers and r.answered and not _right(r)),  # type: ignore[arg-type]
        "confidence_median_unanswerable": _median(float(r.confidence) for r in scored if not r.answers),  # type: ignore[arg-type]
    }


def confidence_auroc(confidences: Sequence[float], labels: Sequence[bool]) -> float | None:
    """ROC AUC of ``confidences`` separating true ``labels`` from false ones; None with only one class."""
    if len(set(labels)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([int(y) for y in labels], confidences))


def calibration_bins(confidences: Sequence[float], labels: Sequence[bool], bins: int = CALIBRATION_BINS) -> list[dict[str, float | int | None]]:
    """Equal-width confidence bins over [0, 1] (1.0 falls in the last): bounds, count, mean confidence, fraction true."""
    conf, truth = np.asarray(confidences, dtype=float), np.asarray(labels, dtype=float)
    at = np.clip((conf * bins).astype(int), 0, bins - 1)
    out: list[dict[str, float | int | None]] = []
    for b in range(bins):
        mask = at == b
        n = int(mask.sum())
        out.append({
            "low": b / bins,
            "high": (b + 1) / bins,
            "count": n,
            "confidence": float(conf[mask].mean()) if n else None,
            "right": float(truth[mask].mean()) if n else None,
        })
    return out


def expected_calibration_error(confidences: Sequence[float], labels: Sequence[bool], bins: int = CALIBRATION_BINS) -> float | None:
    """Mean gap between confidence and fraction true per bin, weighted by the bin's share of questions."""
    if not len(confidences):
        return None
    total = len(confidences)
    return float(sum(b["count"] / total * abs(b["confidence"] - b["right"]) for b in calibration_bins(confidences, labels, bins) if b["count"]))  # type: ignore[operator]


def reliability_diagram(results: Sequence[QuestionResult], path: Path) -> Path | None:
    """Write a PNG of the fraction right per confidence bin against the diagonal, with counts and AUROC/ECE.

    Over the extracted questions, labelled as ``confidence_auroc`` labels them; None (nothing written)
    when no question was extracted. matplotlib is imported here only (Agg backend: no display needed).
    """
    scored = [r for r in results if r.answered is not None and r.confidence is not None]
    if not scored:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    confidences = [float(r.confidence) for r in scored]  # type: ignore[arg-type]
    labels = [answer_right(r) for r in scored]
    auroc, ece = confidence_auroc(confidences, labels), expected_calibration_error(confidences, labels)
    bins = calibration_bins(confidences, labels)
    width = 1 / len(bins)
    fig, ax = plt.subplots(figsize=(6, 6))
    try:
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
        filled = [b for b in bins if b["count"]]
        ax.bar([b["low"] + width / 2 for b in filled], [b["right"] for b in filled], width=width * 0.9,  # type: ignore[misc]
               color="tab:blue", alpha=0.6, edgecolor="tab:blue", label="fraction right")
        ax.plot([b["confidence"] for b in filled], [b["right"] for b in filled], "o", color="tab:red", label="at mean confidence")
        for b in bins:  # the counts in a row along the top, clear of the bars and points
            ax.text(b["low"] + width / 2, 1.03, f"n={b['count']}", ha="center", va="bottom", fontsize=8)  # type: ignore[operator]
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.1)
        ax.set_xticks([b / len(bins) for b in range(len(bins) + 1)])
        ax.set_xlabel("confidence")
        ax.set_ylabel("fraction right (answerable questions answered right)")
        shown = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
        ax.set_title(f"Reliability, {len(scored)} questions: AUROC {shown(auroc)}, ECE {shown(ece)}")
        ax.legend(loc="upper left", bbox_to_anchor=(0, 0.94), fontsize=8)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100, bbox_inches="tight")
    finally:
        plt.close(fig)
    return path


def _median(values: Iterable[float]) -> float | None:
    values = list(values)
    return float(np.median(values)) if values else None


def _mean(values: Iterable[bool | float]) -> float | None:
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else None


# -- indexes -----------------------------------------------------------------------------


def default_index_dir(name: str, embedder: str) -> Path:
    """``.qa-index-eval/<set>-<embedder short name>``: one index per corpus and embedder."""
    from index.embed import EMBEDDER_ALIASES

    short = {v: k for k, v in EMBEDDER_ALIASES.items()}.get(embedder, embedder.replace("/", "_"))
    return EVAL_ROOT / f"{name}-{short}"


def open_or_build(
    index_dir: Path, embedder: str, documents: Callable[[], Sequence[Document]] | None, corpus: str, progress: bool = False,
    backend: str | None = None, uri: str | None = None,
) -> QA:
    """The index at ``index_dir`` if it was built by ``embedder`` (on ``backend``, if given); else build it
    from ``documents()`` (checkpointed) on ``backend`` (default: faiss), its passages at ``uri``."""
    from index.backend import DEFAULT_BACKEND
    from index.checkpoint import CheckpointedEmbedder, checkpoint_folder
    from index.embed import get_embedder
    from index.errors import IndexFormatError
    from index.manifest import read_manifest
    from index.types import ChunkSettings
    from index.update import empty_index, write_update

    model = get_embedder(embedder)
    try:
        manifest = read_manifest(index_dir)
        if manifest.embedder.name == model.name and backend in (None, manifest.backend.name):
            # a corpus folder: brought up to date with it (only changed articles are embedded)
            return QA.open(index_dir) if documents is not None else QA.from_folder(corpus, index_dir, progress=progress)
    except IndexFormatError as exc:
        log.info("building %s: %s", index_dir, exc)
    backend = backend or DEFAULT_BACKEND
    if documents is None:
        return QA.build(corpus, index_dir, embedder=model.name, progress=progress, backend=backend, uri=uri)
    wrapped = CheckpointedEmbedder(model, checkpoint_folder(index_dir))
    index, _ = write_update(
        index_dir, lambda current: (list(documents()), [], None, 0), wrapped, rebuild=True, progress=progress,
        start_over=lambda: empty_index(index_dir, wrapped, ChunkSettings(), corpus, backend, uri),
    )
    return QA(index, model, index_dir)  # the index just built, not a second copy read back from disk


def in_one_case(questions: Sequence[Question], upper: bool = False) -> list[Question]:
    """The questions as a user who never types a capital (or only capitals) asks them: the question and its
    history's questions in lower (upper) case, the earlier answers as the chatbot gave them."""
    case = str.upper if upper else str.lower
    return [
        q.model_copy(update={"question": case(q.question), "history": [t.model_copy(update={"question": case(t.question)}) for t in q.history]})
        for q in questions
    ]


TYPO_KINDS = ("words", "names")
_TYPO_PLACES = {
    "words": re.compile(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])"),  # a lower-case word of five letters or more
    "names": re.compile(r"(?<!^)(?<![\w'’-])[A-Z][a-z]{5,}(?![\w'’-])"),  # a capitalised word of six or more, not the first
}


def with_typos(questions: Sequence[Question], kind: str = "words") -> list[Question]:
    """The questions as a user in a hurry types them: in each, the two middle letters of its longest
    lower-case word of five letters or more swapped ("accounting" → "acconuting"), or with ``kind``
    "names" of its longest capitalised word of six letters or more after the first ("Ranieri" →
    "Raineri"); once; a question without such a word as it was."""
    out = []
    for q in questions:
        words = [m for m in _TYPO_PLACES[kind].finditer(q.question) if m.group() not in STOPWORDS]
        word = max(words, key=lambda m: len(m.group()), default=None)
        if word is None:
            out.append(q)
            continue
        text, middle = word.group(), len(word.group()) // 2 - 1
        typo = text[:middle] + text[middle + 1] + text[middle] + text[middle + 2 :]
        out.append(q.model_copy(update={"question": q.question[: word.start()] + typo + q.question[word.end() :]}))
    return out


def with_lead_in(questions: Sequence[Question]) -> list[Question]:
    """The questions as a user asks who puts them politely: "Can you tell me how many ...?" (a question
    word that opens the question in lower case after it)."""
    return [
        q.model_copy(update={"question": "Can you tell me " + (q.question[:1].lower() + q.question[1:] if q.question.split()[0].lower() in WH_WORDS else q.question)})
        for q in questions
    ]


def evaluate(
    questions_file: Path,
    corpus: Path | None = None,
    index_dir: Path | None = None,
    limit: int | None = None,
    progress: bool = False,
    embedder: str | None = None,
    extract: bool = True,
    docs: int | None = None,
    seed: int = 0,
    batch: int = 1,
    extractor: str = "reader",
    threshold: float | None = None,
    indexed_only: bool = False,
    dates: bool = True,
    backend: str | None = None,
    uri: str | None = None,
    lower_case: bool = False,
    upper_case: bool = False,
    typos: str | None = None,
    lead_in: bool = False,
) -> tuple[dict, list[QuestionResult]]:
    """Index the corpus of a question set (reusing its index folder when present), ask, and score.

    ``lower_case``, ``upper_case``: ask every question (and its history's) as typed all in lower case, all in
    capitals; ``typos``: with
    one typo each in a word or in a name ("words", "names": ``with_typos``); ``lead_in``: after "Can you tell me" (``with_lead_in``).

    Returns the report (figures, settings, machine) and the per-question results.
    """
    from index.embed import DEFAULT_EMBEDDER, EMBEDDER_ALIASES

    questions_file = Path(questions_file)
    kind = detect_format(questions_file)
    embedder_name = EMBEDDER_ALIASES.get(embedder or DEFAULT_EMBEDDER, embedder or DEFAULT_EMBEDDER)
    documents: Callable[[], Sequence[Document]] | None
    if kind == "squad":
        all_docs, questions = read_squad(questions_file)
        name, source, documents = _set_name(questions_file), str(questions_file), lambda: all_docs
    elif kind in ("seeds", "bbc"):
        source = str(corpus or Path("seeds"))
        questions = read_seeds_questions(questions_file) if kind == "seeds" else read_bbc_questions(questions_file, Path(source))
        name, documents = f"{_set_name(questions_file)}-{Path(source).name}", None
    else:
        corpus_file = Path(corpus) if corpus else questions_file.parent / "corpus.jsonl.gz"
        if not corpus_file.is_file():
            raise NewsQAError(f"RealTimeQA corpus {corpus_file} not found; pass it with --corpus")
        questions = read_realtimeqa_questions(questions_file, corpus_file)
        source = str(corpus_file)
        if docs is not None:
            keep = realtimeqa_subset(questions[:limit] if limit else questions, corpus_file, docs, seed)
            digest = hashlib.sha256("\n".join(keep).encode()).hexdigest()[:8]
            name = f"realtimeqa-{len(keep)}docs-{digest}"
            documents = lambda: load_realtimeqa_corpus(corpus_file, keep)  # noqa: E731
        else:
            name, documents = "realtimeqa", lambda: load_realtimeqa_corpus(corpus_file)  # noqa: E731
    if limit:
        questions = questions[:limit]
    if lower_case or upper_case:
        questions = in_one_case(questions, upper=upper_case)
    if typos:
        questions = with_typos(questions, typos)
    if lead_in:
        questions = with_lead_in(questions)
    index_dir = Path(index_dir) if index_dir else default_index_dir(name + (f"-{backend}" if backend and backend != "faiss" else ""), embedder_name)
    start = time.perf_counter()
    qa = open_or_build(index_dir, embedder_name, documents, source, progress, backend, uri)
    qa.use_extractor(extractor, threshold)
    open_seconds = time.perf_counter() - start
    qa.retriever.retrieve_many(["warm up"], k=DEPTH)  # load the models outside the clock
    if indexed_only:  # e.g. a partial index of a corpus: ask only what it can answer
        questions = [q for q in questions if not q.gold_docs or any(d in qa.index.documents for d in q.gold_docs)]
    missing = sorted({d for q in questions for d in q.gold_docs} - set(qa.index.documents)) if documents is None else []
    if missing:  # a corpus folder: most likely the wrong --corpus, and those questions cannot cite their gold
        log.warning("%d gold documents are not in the index %s, e.g. %s", len(missing), index_dir, ", ".join(missing[:3]))
    results = run_questions(qa, questions, extract=extract, batch=batch, progress=progress, dates=dates, cite_gold=kind == "bbc")
    report = {
        "questions_file": str(questions_file),
        "format": kind,
        "corpus": source,
        "index": str(index_dir),
        "embedder": qa.index.manifest.embedder.name,
        "backend": qa.index.manifest.backend.name,
        "documents": len(qa.index.documents),
        "passages": len(qa.index),
        "settings": {"limit": limit, "indexed_only": indexed_only, "docs": docs, "seed": seed, "batch": batch, "extract": extract, "dates": dates, "extractor": extractor, "threshold": qa.threshold, "depth": DEPTH, "lower_case": lower_case, "upper_case": upper_case, "typos": typos, "lead_in": lead_in},
        "open_or_build_seconds": round(open_seconds, 1),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "machine": machine(),
        "figures": summarize(results),
    }
    return report, results


def machine() -> dict[str, str | int | None]:
    """What the figures were measured on."""
    import os

    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count()
    return {"cpu": cpu or platform.processor() or None, "cores": cores, "python": platform.python_version(), "system": platform.system()}


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5, cwd=Path(__file__).parent)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=5, cwd=Path(__file__).parent)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
