"""Evaluation: retrieval recall, answer exact match / F1 (official SQuAD normalisation), abstention.

Question sets: the seeds format (JSONL: id, question, answers, doc) over a corpus folder,
and SQuAD JSON (v1.1; v2 with unanswerable questions) whose paragraphs become the corpus.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import string
import time
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from pydantic import BaseModel, Field

from index.clean import content_hash
from index.types import Document
from qa.api import QA

RECALL_AT = (1, 5, 20)


class Question(BaseModel):
    """One evaluation question: accepted answers (empty: the corpus cannot answer) and gold document ids."""

    id: str
    question: str
    answers: list[str]
    gold_docs: list[str] = Field(default_factory=list)


class QuestionResult(BaseModel):
    id: str
    question: str
    answers: list[str]
    answered: bool
    prediction: str | None
    sentence: str | None
    cited_doc: str | None
    confidence: float
    doc_ranks: list[str]
    seconds: float


# -- official SQuAD normalisation and scores ----------------------------------------------


def normalize_answer(s: str) -> str:
    """Lower case, drop punctuation and articles, collapse spaces (the official SQuAD script)."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation) | {"“", "”", "‘", "’"})
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def exact_match(prediction: str, gold: str) -> bool:
    return normalize_answer(prediction) == normalize_answer(gold)


def f1_score(prediction: str, gold: str) -> float:
    pred, ref = normalize_answer(prediction).split(), normalize_answer(gold).split()
    common = collections.Counter(pred) & collections.Counter(ref)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(ref)
    return 2 * precision * recall / (precision + recall)


def contains(text: str | None, answers: Sequence[str]) -> bool:
    """Whether ``text`` holds one of ``answers`` after normalisation."""
    if not text:
        return False
    norm = f" {normalize_answer(text)} "
    return any(f" {normalize_answer(a)} " in norm for a in answers if normalize_answer(a))


# -- question sets ---------------------------------------------------------------------


def _open_text(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")


def read_seeds_questions(path: Path) -> list[Question]:
    """The seeds format: one JSON object a line with id, question, answers, doc (a file name of the corpus)."""
    out = []
    for line in _open_text(path).splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Question(id=row["id"], question=row["question"], answers=row["answers"], gold_docs=[row["doc"]] if row.get("doc") else []))
    return out


def read_squad(path: Path) -> tuple[list[Document], list[Question]]:
    """SQuAD JSON: every paragraph becomes a document (id ``title#n``), every question keeps its paragraph as gold."""
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


# -- running -----------------------------------------------------------------------------


def run_questions(qa: QA, questions: Sequence[Question], progress: bool = False, batch: int = 32) -> list[QuestionResult]:
    """Ask every question; keep the answer, the cited document and the ranking of documents retrieved.

    Retrieval runs in batches (one embedding call per batch); the time of a question is
    its share of the batch's retrieval plus its own extraction.
    """
    from tqdm import tqdm

    results = []
    bar = tqdm(total=len(questions), desc="questions", disable=not progress, unit="q")
    for at in range(0, len(questions), batch):
        group = questions[at : at + batch]
        start = time.perf_counter()
        rankings = qa.retriever.retrieve_many([q.question for q in group], k=max(RECALL_AT) * 3)
        share = (time.perf_counter() - start) / len(group)
        for q, hits in zip(group, rankings):
            start = time.perf_counter()
            answer = qa.answer_from_hits(q.question, hits)
            seconds = share + time.perf_counter() - start
            first = answer.citations[0] if answer.citations else None
            results.append(
                QuestionResult(
                    id=q.id, question=q.question, answers=q.answers, answered=answer.answered, prediction=answer.text,
                    sentence=first.quote if first else None, cited_doc=first.doc_id if first else None,
                    confidence=answer.confidence, doc_ranks=list(dict.fromkeys(h.passage.doc_id for h in hits))[: max(RECALL_AT)],
                    seconds=seconds,
                )
            )
        bar.update(len(group))
    bar.close()
    return results


def summarize(questions: Sequence[Question], results: Sequence[QuestionResult]) -> dict[str, float]:
    """The figures of a run: recall@k and MRR of the gold document, EM / F1, containment, citation and abstention rates."""
    gold = {q.id: set(q.gold_docs) for q in questions}
    answerable = [r for r in results if r.answers]
    unanswerable = [r for r in results if not r.answers]
    report: dict[str, float] = {"questions": len(results), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    with_gold = [r for r in answerable if gold[r.id]]
    for k in RECALL_AT:
        report[f"recall@{k}"] = _mean(any(d in gold[r.id] for d in r.doc_ranks[:k]) for r in with_gold)
    report["mrr"] = _mean(next((1 / i for i, d in enumerate(r.doc_ranks, 1) if d in gold[r.id]), 0.0) for r in with_gold)
    report["exact_match"] = _mean(bool(r.prediction) and any(exact_match(r.prediction, a) for a in r.answers) for r in answerable)
    report["f1"] = _mean(max((f1_score(r.prediction or "", a) for a in r.answers), default=0.0) for r in answerable)
    report["answer_contains_gold"] = _mean(contains(r.prediction, r.answers) for r in answerable)
    report["sentence_contains_gold"] = _mean(contains(r.sentence, r.answers) for r in answerable)
    report["citation_correct"] = _mean(r.cited_doc in gold[r.id] for r in with_gold if r.answered)
    report["answered_rate"] = _mean(r.answered for r in answerable)
    report["wrongly_refused"] = _mean(not r.answered for r in answerable)
    report["no_answer_refused"] = _mean(not r.answered for r in unanswerable)
    seconds = [r.seconds for r in results]
    report["latency_p50_ms"] = float(np.percentile(seconds, 50) * 1000) if seconds else float("nan")
    report["latency_p95_ms"] = float(np.percentile(seconds, 95) * 1000) if seconds else float("nan")
    return report


def _mean(values: Iterable[bool | float]) -> float:
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else float("nan")


def evaluate(
    questions_file: Path,
    corpus: Path | None = None,
    index_dir: Path | None = None,
    limit: int | None = None,
    progress: bool = False,
) -> tuple[dict[str, float], list[QuestionResult]]:
    """Index the corpus of a question set (reusing its index folder when present), ask, and score."""
    from index.corpus_index import CorpusIndex
    from index.embed import get_embedder
    from index.errors import IndexFormatError

    name = questions_file.name.split(".")[0]
    index_dir = index_dir or Path(".qa-index-eval") / name
    if questions_file.name.endswith((".json", ".json.gz")):
        documents, questions = read_squad(questions_file)
        try:
            qa = QA.open(index_dir)
        except IndexFormatError:
            embedder = get_embedder()
            CorpusIndex.build(documents, embedder, corpus=str(questions_file), progress=progress).save(index_dir)
            qa = QA.open(index_dir)
    else:
        questions = read_seeds_questions(questions_file)
        qa = QA.from_folder(corpus or Path("seeds"), index_dir, progress=progress)
    if limit:
        questions = questions[:limit]
    results = run_questions(qa, questions, progress=progress)
    return summarize(questions, results), results
