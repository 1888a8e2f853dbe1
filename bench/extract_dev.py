"""Dev harness of the answer extractor (``qa.extract``): seeds, SQuAD v1.1 dev and SQuAD 2.0 half.

    .venv/bin/python bench/extract_dev.py                       # seeds + SQuAD v1.1 (held-out articles), 1,000 questions
    .venv/bin/python bench/extract_dev.py --sets squad11 --limit 0        # all held-out v1.1 questions
    .venv/bin/python bench/extract_dev.py --sets squad11 --all-articles   # all 48 v1.1 articles (16 of them are also in v2.0 half)
    .venv/bin/python bench/extract_dev.py --sets squad20                  # abstention on SQuAD 2.0 half

Open setting: every SQuAD paragraph is a Document of its own, the hits of a question
are the top-``k`` paragraphs by MiniLM cosine (a stand-in for ``qa.retrieve``), and
the extractor picks the answer. Paragraph and question vectors are cached under
the temp directory (``--cache``); sentence vectors are memoised in memory, so the
timings printed for SQuAD leave out the embedding cost: ``--timing N`` measures
the real per-question latency (embedding included) on N questions.

Held-out split: SQuAD 2.0 half (``../shared/eval/squad/dev-v2.0-half.json.gz``) is
not independent of v1.1 dev: its 16 articles and 646 paragraphs are all v1.1 dev
articles and paragraphs, and 2,913 of its questions are v1.1 dev questions. The
learned weights (``bench/train_extract.py``) are trained on SQuAD 2.0 half, so
v1.1 dev figures are reported on the 32 other articles ("held-out") by default.

Metrics: ``contains`` = the answer text contains a gold answer after the official
SQuAD normalisation; ``EM``/``F1`` official; ``sentence`` = the chosen sentence
contains a gold answer; ``recall@k`` = the gold paragraph is among the hits.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import json
import re
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.embed import get_embedder  # noqa: E402
from index.types import Document, Passage  # noqa: E402
from qa import extract as extract_module  # noqa: E402
from qa.extract import extract_answers  # noqa: E402
from qa.types import Hit  # noqa: E402
from qa import word_vectors  # noqa: E402

word_vectors.CACHE_SIZE = 10**7  # the harness keeps every sentence's vectors (a few hundred MB for SQuAD)

SHARED = ROOT.parent / "shared"
SQUAD11 = SHARED / "eval" / "squad" / "dev-v1.1.json.gz"
SQUAD20 = SHARED / "eval" / "squad" / "dev-v2.0-half.json.gz"
SEEDS_DEV = SHARED / "eval" / "seeds_dev.jsonl"
SEEDS_DIR = ROOT / "seeds"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "extract_dev"

# Extra paraphrases on the seed articles, written for this harness (not in seeds_dev.jsonl).
SEED_EXTRA = [
    ("Where did Xi and Putin hold their three-day summit?", ["Moscow"]),
    ("How long did the summit between Xi and Putin last?", ["three-day", "three days"]),
    ("How much was the AUKUS submarine deal worth?", ["$40 billion"]),
    ("Who did Kishida meet in Tokyo on March 16?", ["Yoon Suk-yeol"]),
    ("When did Kishida visit Bucha?", ["March 21"]),
    ("When did North Korea fire cruise missiles toward Japan?", ["March 22"]),
    ("Which newspaper is run by the Chinese Communist Party?", ["People's Daily", "People’s Daily"]),
    ("Where will Japan host the G7 summit?", ["Hiroshima"]),
    ("When was shuttle diplomacy discontinued?", ["2011"]),
    ("Who took the photo of the welcome ceremony?", ["Xie Huanchi"]),
    ("Which town did Kishida visit to honor Ukrainian victims?", ["Bucha"]),
    ("What did Xi call the alternative to an American-dominated international system?", ["multipolarity"]),
    ("In which hall was the welcome ceremony held?", ["St. George's Hall", "St. George’s Hall"]),
    ("What is the population of Brazil?", []),
    ("Who won the 2018 FIFA World Cup?", []),
    ("How many goals did Messi score last season?", []),
]


# ------------------------------------------------------------------ SQuAD metrics (official normalisation)


def normalize_answer(text: str) -> str:
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def f1_score(prediction: str, gold: str) -> float:
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    common = collections.Counter(pred_tokens) & collections.Counter(gold_tokens)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred_tokens), same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def contains(text: str, answers: Sequence[str]) -> bool:
    haystack = f" {normalize_answer(text)} "
    return any(f" {normalize_answer(a)} " in haystack for a in answers if normalize_answer(a))


# ------------------------------------------------------------------ embedding with memo


class MemoEmbedder:
    """The shared MiniLM embedder behind a text -> vector memo (the bench asks for the same sentences again and again).

    ``model`` is the real sentence-transformers model, so ``qa.word_vectors`` gets word
    vectors the way it does in the product (and memoises them itself).
    """

    def __init__(self) -> None:
        self.inner = get_embedder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.memo: dict[str, np.ndarray] = {}

    @property
    def model(self):  # noqa: ANN201
        return self.inner.model

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.memo))
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing, batch_size=batch_size, progress=progress)):
                self.memo[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])

    def save(self, path: Path) -> None:
        keys = list(self.memo)
        np.save(path.with_suffix(".npy"), np.stack([self.memo[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32))
        path.with_suffix(".json").write_text(json.dumps(keys))

    def load(self, path: Path) -> None:
        if path.with_suffix(".json").exists():
            keys = json.loads(path.with_suffix(".json").read_text())
            vectors = np.load(path.with_suffix(".npy"))
            self.memo.update(zip(keys, vectors))


# ------------------------------------------------------------------ SQuAD open setting


def load_squad(path: Path) -> tuple[list[Document], list[dict]]:
    """Paragraphs as Documents (id ``title#i``) and questions (id, question, answers, gold doc id, title)."""
    data = json.load(gzip.open(path))["data"]
    documents, questions = [], []
    for article in data:
        for i, paragraph in enumerate(article["paragraphs"]):
            doc_id = f"{article['title']}#{i}"
            documents.append(Document(id=doc_id, title=article["title"], source="squad", text=paragraph["context"], content_hash=doc_id))
            for qa in paragraph["qas"]:
                answers = [a["text"] for a in qa["answers"]]
                questions.append(
                    {
                        "id": qa["id"],
                        "question": qa["question"],
                        "answers": answers,
                        "answer_starts": [a["answer_start"] for a in qa["answers"]],
                        "doc": doc_id,
                        "title": article["title"],
                        "impossible": bool(qa.get("is_impossible", False)) or not answers,
                        "plausible": [a["text"] for a in qa.get("plausible_answers", [])],
                    }
                )
    return documents, questions


def cached_vectors(path: Path, texts: list[str], embedder) -> np.ndarray:
    if path.exists():
        vectors = np.load(path)
        if len(vectors) == len(texts):
            return vectors
    started = time.perf_counter()
    vectors = embedder.inner.embed(texts, batch_size=32)
    print(f"  embedded {len(texts)} texts in {time.perf_counter() - started:.0f} s -> {path}", file=sys.stderr)
    np.save(path, vectors)
    return vectors


def dense_hits(question_vectors: np.ndarray, paragraph_vectors: np.ndarray, documents: list[Document], k: int) -> list[list[Hit]]:
    scores = question_vectors @ paragraph_vectors.T
    top = np.argsort(-scores, axis=1)[:, :k]
    hits = []
    for row, ids in zip(scores, top):
        hits.append(
            [
                Hit(passage=Passage(doc_id=documents[i].id, start=0, end=len(documents[i].text), text=documents[i].text), score=float(row[i]), dense_rank=r + 1)
                for r, i in enumerate(ids)
            ]
        )
    return hits


def squad_setting(path: Path, cache: Path, embedder: "MemoEmbedder", k: int):
    """Documents, questions (with their vectors) and paragraph vectors; every sentence vector memoised in ``embedder``."""
    documents, questions = load_squad(path)
    stem = path.name.split(".json")[0]
    paragraph_vectors = cached_vectors(cache / f"{stem}.par.npy", [d.text for d in documents], embedder)
    question_vectors = cached_vectors(cache / f"{stem}.q.npy", [q["question"] for q in questions], embedder)
    for q, v in zip(questions, question_vectors):
        q["vector"] = v
        embedder.memo.setdefault(q["question"], v)
    warm_word_vectors(cache / f"{stem}.words.pkl", [d.text[s:e] for d in documents for s, e in extract_module.document_sentences(d)] + [q["question"] for q in questions], embedder)
    return documents, questions, paragraph_vectors


def warm_word_vectors(path: Path, texts: list[str], embedder) -> None:
    """Fill ``qa.word_vectors``' memo with every text (sentences and questions), cached on disk between runs."""
    import pickle

    known = set()
    if path.exists():
        with open(path, "rb") as f:
            items = pickle.load(f)
        word_vectors.prefill(items)
        known = {key[1] for key, _ in items}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if not missing:
        return
    started = time.perf_counter()
    for i in range(0, len(missing), 1000):
        word_vectors.encode(embedder, missing[i : i + 1000])
        print(f"  word vectors: {min(i + 1000, len(missing))}/{len(missing)} texts, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with open(path, "wb") as f:
        pickle.dump(word_vectors.cache_items(), f)


def squad_heldout_titles() -> set[str]:
    """v1.1 dev articles that are not in SQuAD 2.0 half (the training data of the learned weights)."""
    v11 = {a["title"] for a in json.load(gzip.open(SQUAD11))["data"]}
    v20 = {a["title"] for a in json.load(gzip.open(SQUAD20))["data"]}
    return v11 - v20


def run_squad(args, embedder: MemoEmbedder, path: Path, label: str, heldout: bool) -> None:
    documents, questions, paragraph_vectors = squad_setting(path, args.cache, embedder, args.k)
    by_id = {d.id: d for d in documents}
    if heldout:
        keep = squad_heldout_titles()
        questions = [q for q in questions if q["title"] in keep]
    rng = np.random.default_rng(args.seed)
    if args.limit and args.limit < len(questions):
        questions = [questions[i] for i in sorted(rng.choice(len(questions), args.limit, replace=False))]
    hits_all = dense_hits(np.stack([q["vector"] for q in questions]), paragraph_vectors, documents, args.k)

    rows = []
    latencies = []
    for q, hits in zip(questions, hits_all):
        started = time.perf_counter()
        answers = extract_answers(q["question"], hits, by_id, embedder, top_n=1)
        latencies.append(time.perf_counter() - started)
        top = answers[0] if answers else None
        text = by_id[top.doc_id].text[top.answer_start : top.answer_end] if top else ""
        sentence = by_id[top.doc_id].text[top.sentence_start : top.sentence_end] if top else ""
        confidence = top.confidence if top else 0.0
        gold = q["answers"]
        rows.append(
            {
                "id": q["id"],
                "impossible": q["impossible"],
                "question": q["question"],
                "answer": text,
                "gold": gold,
                "confidence": confidence,
                "answered": confidence >= extract_module.ANSWER_THRESHOLD,
                "contains": bool(gold) and contains(text, gold),
                "sentence": bool(gold) and contains(sentence, gold),
                "em": max((float(normalize_answer(text) == normalize_answer(g)) for g in gold), default=0.0),
                "f1": max((f1_score(text, g) for g in gold), default=0.0),
                "r1": hits[0].passage.doc_id == q["doc"],
                "rk": any(h.passage.doc_id == q["doc"] for h in hits),
                "words": len(text.split()),
            }
        )

    answerable = [r for r in rows if not r["impossible"]]
    n = len(answerable)
    print(f"\n== {label}: {len(rows)} questions ({n} answerable), top-{args.k} dense paragraphs as hits")
    if n:
        mean = lambda key, rs=answerable: sum(r[key] for r in rs) / max(len(rs), 1)  # noqa: E731
        print(
            f"  contains {mean('contains'):.3f}  EM {mean('em'):.3f}  F1 {mean('f1'):.3f}  sentence {mean('sentence'):.3f}"
            f"  | recall@1 {mean('r1'):.3f} @{args.k} {mean('rk'):.3f}  | answer words median {statistics.median(r['words'] for r in answerable):.0f}"
        )
        answered = [r for r in answerable if r["answered"]]
        print(
            f"  answered {len(answered) / n:.3f} of answerable at threshold {extract_module.ANSWER_THRESHOLD:.3f};"
            f" contains among answered {mean('contains', answered):.3f}, among refused {mean('contains', [r for r in answerable if not r['answered']]):.3f}"
        )
    impossible = [r for r in rows if r["impossible"]]
    if impossible:
        print(f"  unanswerable: {len(impossible)}, refused {sum(not r['answered'] for r in impossible) / len(impossible):.3f}")
    print(f"  extraction ms (sentence vectors memoised): median {1000 * statistics.median(latencies):.1f}  p90 {1000 * np.percentile(latencies, 90):.1f}")
    if args.dump:
        with open(args.dump, "w") as out:
            for r in rows:
                out.write(json.dumps(r) + "\n")


def run_timing(args, path: Path) -> None:
    """Per-question latency with the real embedder (no memo): question + candidate sentences embedded each time."""
    memo = MemoEmbedder()
    documents, questions, paragraph_vectors = squad_setting(path, args.cache, memo, args.k)
    by_id = {d.id: d for d in documents}
    rng = np.random.default_rng(args.seed + 1)
    picked = [questions[i] for i in rng.choice(len(questions), args.timing, replace=False)]
    hits_all = dense_hits(np.stack([q["vector"] for q in picked]), paragraph_vectors, documents, args.k)
    embedder = get_embedder(args.embedder)
    extract_answers("warm up", hits_all[0], by_id, embedder)
    word_vectors._cache.clear()  # cold: every sentence goes through the model (repeats within the sample excepted)
    latencies = []
    for q, hits in zip(picked, hits_all):
        started = time.perf_counter()
        extract_answers(q["question"], hits, by_id, embedder)
        latencies.append(time.perf_counter() - started)
    print(f"\n== timing on {len(picked)} questions, embedder {embedder.name}, no cached vectors: median {1000 * statistics.median(latencies):.0f} ms, p90 {1000 * np.percentile(latencies, 90):.0f} ms")


# ------------------------------------------------------------------ seeds


@functools.lru_cache(maxsize=1)
def seed_corpus() -> tuple[dict[str, Document], list[Passage]]:
    """The seed articles as Documents, cut into passages of about 3 sentences (a stand-in for ``index.chunk``)."""
    from index.sentences import split_sentences

    documents, passages = {}, []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        documents[path.name] = Document(id=path.name, title=text.splitlines()[0], source="seed", text=text, content_hash=path.name)
        spans = split_sentences(text)
        for i in range(0, len(spans), 2):
            group = spans[i : i + 3]
            start, end = group[0][0], group[-1][1]
            passages.append(Passage(doc_id=path.name, start=start, end=end, text=text[start:end]))
    return documents, passages


def seed_questions() -> list[dict]:
    return [json.loads(line) for line in SEEDS_DEV.read_text().splitlines() if line.strip()]


_seed_passage_vectors: dict[int, np.ndarray] = {}


def seed_hits(embedder, question: str, k: int) -> list[Hit]:
    """The top-``k`` seed passages by MiniLM cosine (a stand-in for ``qa.retrieve``)."""
    _, passages = seed_corpus()
    if id(embedder) not in _seed_passage_vectors:
        _seed_passage_vectors[id(embedder)] = embedder.embed([p.text for p in passages])
    scores = _seed_passage_vectors[id(embedder)] @ embedder.embed([question])[0]
    order = np.argsort(-scores)[:k]
    return [Hit(passage=passages[i], score=float(scores[i]), dense_rank=r + 1) for r, i in enumerate(order)]


def run_seeds(args, embedder) -> None:
    documents, passages = seed_corpus()
    questions = [(q["id"], q["question"], q["answers"]) for q in seed_questions()]
    questions += [(f"x{i + 1:02d}", question, answers) for i, (question, answers) in enumerate(SEED_EXTRA)]
    ok_dev = ok_extra = 0
    print(f"\n== seeds: {len(documents)} articles, {len(passages)} passages of ~3 sentences, top-{args.k} dense passages as hits")
    for qid, question, answers in questions:
        hits = seed_hits(embedder, question, args.k)
        found = extract_answers(question, hits, documents, embedder, top_n=1)
        top = found[0] if found else None
        text = documents[top.doc_id].text[top.answer_start : top.answer_end] if top else ""
        confidence = top.confidence if top else 0.0
        answered = confidence >= extract_module.ANSWER_THRESHOLD
        good = (answered and contains(text, answers)) if answers else not answered
        if qid.startswith("d"):
            ok_dev += good
        else:
            ok_extra += good
        mark = "ok " if good else "BAD"
        print(f"  {mark} {qid} {confidence:.3f} {'ANS' if answered else 'ref'} | {question} -> {text[:90]!r}")
    n_dev = sum(1 for q in questions if q[0].startswith("d"))
    print(f"  seeds_dev {ok_dev}/{n_dev} right, extra paraphrases {ok_extra}/{len(questions) - n_dev} right")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="seeds,squad11", help="comma list of seeds, squad11, squad20")
    parser.add_argument("--limit", type=int, default=1000, help="questions per SQuAD set, sampled with --seed (0 = all)")
    parser.add_argument("--k", type=int, default=10, help="hits (paragraphs) per question")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--all-articles", action="store_true", help="v1.1: keep the 16 articles shared with SQuAD 2.0 half")
    parser.add_argument("--timing", type=int, default=0, help="also time N questions with the real embedder")
    parser.add_argument("--embedder", default="st", help="embedder for --timing: st (sentence-transformers) or onnx (int8)")
    parser.add_argument("--dump", type=Path, help="write per-question rows (JSON lines) of the last SQuAD set here")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    embedder = MemoEmbedder()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if "seeds" in sets:
        run_seeds(args, embedder)
    if "squad11" in sets:
        run_squad(args, embedder, SQUAD11, "SQuAD v1.1 dev" + ("" if args.all_articles else " (held-out articles)"), heldout=not args.all_articles)
    if "squad20" in sets:
        run_squad(args, embedder, SQUAD20, "SQuAD 2.0 half", heldout=False)
    if args.timing:
        run_timing(args, SQUAD11)


if __name__ == "__main__":
    main()
