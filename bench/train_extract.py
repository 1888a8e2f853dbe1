"""Train the three small linear models of ``qa.extract`` and write ``qa/extract_weights.json``.

    .venv/bin/python bench/train_extract.py            # about 10 minutes on 2 cores (sentence vectors cached after the first run)
    .venv/bin/python bench/train_extract.py --dry-run  # train and report, do not write the weights

Training data: SQuAD 2.0 half (``../shared/eval/squad/dev-v2.0-half.json.gz``, 16
articles, 6,078 questions, 3,168 without an answer), in the same open setting as
``bench/extract_dev.py`` (each question's hits are the top-10 of the 646 paragraphs
by MiniLM cosine). Its articles are NOT disjoint from SQuAD v1.1 dev: all 16 titles
and all 646 paragraphs are v1.1 dev ones (and 2,913 questions are identical), so
v1.1 dev is reported on its other 32 articles ("held-out" in extract_dev.py) and
never used here.

Models (all linear, numpy at inference):

* sentence: listwise softmax over a question's candidate sentences; the positive is
  the sentence of the gold paragraph holding the gold answer's start;
* span: listwise softmax over the span candidates of that gold sentence; positives
  are the candidates equal to a gold answer after SQuAD normalisation;
* confidence: logistic regression on ``qa.extract.CONFIDENCE_FEATURES`` predicting
  "the returned answer contains a gold answer" (0 for unanswerable questions),
  fitted on out-of-fold predictions: the sentence and span models of one half of
  the articles score the questions of the other half (2 folds by article), so the
  confidence model sees probabilities as they are on unseen text.

``span_coverage`` (the probability mass the returned stretch must hold) and
``threshold`` (``ANSWER_THRESHOLD``) are chosen on the same out-of-fold predictions;
the criteria and figures are printed and stored in the weights file under ``"report"``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import extract_dev  # noqa: E402
from qa import extract  # noqa: E402

K_HITS = 10
SPAN_L2 = 1.0
SENTENCE_L2 = 1.0
MIN_FEATURE_COUNT = 3
CONTAINS_TARGET = 0.65
OFF_CORPUS = 1500  # answerable questions also asked without their article, as "the corpus does not say" examples


# ------------------------------------------------------------------ listwise softmax


def fit_listwise(X, group_starts: np.ndarray, positive: np.ndarray, l2: float, penalise: np.ndarray | None = None) -> np.ndarray:
    """Weights maximising sum over groups of log(sum of softmax over the group's positive rows), with an L2 penalty."""
    n_rows, n_features = X.shape
    group_of = np.repeat(np.arange(len(group_starts)), np.diff(np.append(group_starts, n_rows)))
    penalise = np.ones(n_features) if penalise is None else penalise

    def objective(w: np.ndarray):
        z = X @ w
        zmax = np.maximum.reduceat(z, group_starts)
        e = np.exp(z - zmax[group_of])
        total = np.add.reduceat(e, group_starts)
        pos = np.add.reduceat(e * positive, group_starts)
        loss = float(np.sum(np.log(total) - np.log(pos))) + l2 * float(np.sum(penalise * w * w))
        p_all = e / total[group_of]
        p_pos = e * positive / pos[group_of]
        grad = X.T @ (p_all - p_pos) + 2 * l2 * penalise * w
        return loss, np.asarray(grad).ravel()

    result = minimize(objective, np.zeros(n_features), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x


# ------------------------------------------------------------------ data


def prepare(embedder, limit: int | None):
    documents, questions, _ = extract_dev.squad_setting(extract_dev.SQUAD20, extract_dev.DEFAULT_CACHE, embedder, K_HITS)
    by_id = {d.id: d for d in documents}
    paragraph_vectors = np.load(extract_dev.DEFAULT_CACHE / "dev-v2.0-half.par.npy")
    if limit:
        rng = np.random.default_rng(0)
        questions = [questions[i] for i in sorted(rng.choice(len(questions), limit, replace=False))]
    hits_all = extract_dev.dense_hits(np.stack([q["vector"] for q in questions]), paragraph_vectors, documents, K_HITS)
    # off-corpus questions: answerable questions asked of a corpus without their article (the corpus does not say)
    rng = np.random.default_rng(1)
    answerable = [q for q in questions if not q["impossible"]]
    off = [answerable[i] for i in sorted(rng.choice(len(answerable), min(OFF_CORPUS, len(answerable)), replace=False))]
    for q in off:
        keep = [i for i, d in enumerate(documents) if d.title != q["title"]]
        hits = extract_dev.dense_hits(q["vector"][None, :], paragraph_vectors[keep], [documents[i] for i in keep], K_HITS)[0]
        questions.append({**q, "impossible": True, "off_corpus": True, "answers": []})
        hits_all.append(hits)
    items = []
    started = time.perf_counter()
    for n, (q, hits) in enumerate(zip(questions, hits_all)):
        analysis = extract.analyse(q["question"], hits, by_id, embedder)
        if analysis is None:
            continue
        gold_index = None
        if not q["impossible"]:
            for i, sentence in enumerate(analysis.unsorted):
                if sentence.doc_id == q["doc"] and any(sentence.start <= a < sentence.end for a in q["answer_starts"]):
                    gold_index = i
                    break
        items.append({"q": q, "analysis": analysis, "gold": gold_index})
        if (n + 1) % 1000 == 0:
            print(f"  analysed {n + 1} questions in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return items, by_id


def span_rows(items, by_id):
    """For each answerable item with its gold sentence among the candidates: the span candidates and which are gold."""
    rows = []
    for item in items:
        if item["gold"] is None:
            continue
        sentence = item["analysis"].unsorted[item["gold"]]
        text = by_id[sentence.doc_id].text
        spans = extract.span_candidates(item["analysis"].question, sentence, text)
        gold = {extract_dev.normalize_answer(a) for a in item["q"]["answers"]}
        labels = np.array([extract_dev.normalize_answer(text[s.start : s.end]) in gold for s in spans], dtype=np.float64)
        if labels.sum() == 0:
            item["span_recall"] = False
            continue
        item["span_recall"] = True
        rows.append((item, spans, labels))
    return rows


def prototypes_of(rows) -> dict[str, np.ndarray]:
    """Per answer kind: the unit difference between the mean word vector of gold spans and of all candidates."""
    gold_sum: dict[str, np.ndarray] = {}
    all_sum: dict[str, np.ndarray] = {}
    counts: dict[str, list[int]] = {}
    for item, spans, labels in rows:
        sentence = item["analysis"].unsorted[item["gold"]]
        means = extract._span_means(sentence, spans)
        if means is None:
            continue
        kind = item["analysis"].question.qtype.kind.value
        gold = means[labels > 0].mean(axis=0)
        gold_sum[kind] = gold_sum.get(kind, 0) + gold
        all_sum[kind] = all_sum.get(kind, 0) + means.mean(axis=0)
        counts.setdefault(kind, [0])[0] += 1
    prototypes = {}
    for kind, (n,) in counts.items():
        if n < 20:
            continue
        direction = gold_sum[kind] / n - all_sum[kind] / n
        prototypes[kind] = (direction / (np.linalg.norm(direction) or 1.0)).astype(np.float32)
    return prototypes


def train_sentence(items) -> dict[str, float]:
    chosen = [it for it in items if it["gold"] is not None]
    matrices, starts, positive, offset = [], [], [], 0
    for it in chosen:
        m = it["analysis"].sentence_matrix
        matrices.append(m)
        starts.append(offset)
        label = np.zeros(len(m))
        label[it["gold"]] = 1.0
        positive.append(label)
        offset += len(m)
    X = np.vstack(matrices)
    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-9
    Xs = (X - mean) / scale  # standardised for the optimiser, folded back into raw weights below
    w = fit_listwise(Xs, np.array(starts), np.concatenate(positive), SENTENCE_L2)
    raw = w / scale
    return {name: float(v) for name, v in zip(extract.SENTENCE_FEATURES, raw) if name != "bias" and abs(v) > 0}


def train_span(rows) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    prototypes = prototypes_of(rows)
    for item, spans, _ in rows:
        sentence = item["analysis"].unsorted[item["gold"]]
        extract.add_prototype_feature(item["analysis"].question, sentence, spans, prototypes)
    rows = [(item, [s.features for s in spans], labels) for item, spans, labels in rows]
    counts: dict[str, int] = {}
    for _, features, _ in rows:
        for f in features:
            for name in f:
                counts[name] = counts.get(name, 0) + 1
    vocab = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_FEATURE_COUNT))}
    data, indices, indptr, starts, labels = [], [], [0], [], []
    for _, features, label in rows:
        starts.append(len(indptr) - 1)
        for f in features:
            for name, value in f.items():
                j = vocab.get(name)
                if j is not None:
                    indices.append(j)
                    data.append(value)
            indptr.append(len(indices))
        labels.append(label)
    X = sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(vocab)))
    w = fit_listwise(X, np.array(starts), np.concatenate(labels), SPAN_L2)
    names = list(vocab)
    return {names[i]: round(float(w[i]), 4) for i in range(len(names)) if abs(w[i]) >= 1e-4}, prototypes


# ------------------------------------------------------------------ evaluation with given weights


def predict(items, by_id, weights: extract.Weights):
    """Top answer of every item under ``weights``, with its confidence features and whether it is right."""
    extract.reload_weights(weights)
    out = []
    for it in items:
        analysis = extract.rescore(it["analysis"])
        top, features = extract.select_with_features(analysis, by_id, top_n=1)[0]
        text = by_id[top.doc_id].text
        answer = text[top.answer_start : top.answer_end]
        gold = it["q"]["answers"]
        out.append(
            {
                "impossible": it["q"]["impossible"],
                "off_corpus": bool(it["q"].get("off_corpus")),
                "kind": analysis.question.qtype.kind.value,
                "features": features,
                "confidence": top.confidence,
                "contains": bool(gold) and extract_dev.contains(answer, gold),
                "sentence": bool(gold) and extract_dev.contains(text[top.sentence_start : top.sentence_end], gold),
                "em": max((float(extract_dev.normalize_answer(answer) == extract_dev.normalize_answer(g)) for g in gold), default=0.0),
                "f1": max((extract_dev.f1_score(answer, g) for g in gold), default=0.0),
            }
        )
    for it in items:  # spans were cached on the sentences: free them
        for s in it["analysis"].unsorted:
            s.spans = None
    return out


def show_errors(oof_items, oof_weights, by_id, limit: int) -> None:
    shown = 0
    for test, (sentence_w, span_w) in zip(oof_items, oof_weights):
        extract.reload_weights(weights_of(sentence_w, span_w, {}, 0.5, 0.0))
        for it in test:
            if it["gold"] is None or shown >= limit:
                continue
            analysis = extract.rescore(it["analysis"])
            gold_sentence = it["analysis"].unsorted[it["gold"]]
            if analysis.sentences[0] is not gold_sentence:
                continue
            text = by_id[gold_sentence.doc_id].text
            spans = extract.score_spans(analysis.question, gold_sentence, text)
            best = text[spans[0].start : spans[0].end]
            if extract_dev.contains(best, it["q"]["answers"]):
                continue
            shown += 1
            gold_rank = next((k for k, s in enumerate(spans) if extract_dev.normalize_answer(text[s.start : s.end]) in {extract_dev.normalize_answer(a) for a in it["q"]["answers"]}), None)
            print(f"\nQ [{analysis.question.qtype.kind.value}/{analysis.question.qtype.wh}] {it['q']['question']}\n  S: {gold_sentence.text}")
            print(f"  gold {it['q']['answers'][:2]} rank {gold_rank}; got {[text[s.start:s.end] for s in spans[:3]]} p={spans[0].probability:.2f}")
            gs = spans[gold_rank] if gold_rank is not None else None
            if gs is not None:
                diff = {k: round(v, 2) for k, v in sorted(gs.features.items()) if spans[0].features.get(k) != v}
                print(f"  gold-only features {diff}")
                print(f"  best-only features { {k: round(v, 2) for k, v in sorted(spans[0].features.items()) if gs.features.get(k) != v} }")
        for it in test:
            for s in it["analysis"].unsorted:
                s.spans = None


def seed_features(embedder, weights: extract.Weights) -> list[tuple[dict[str, float], bool]]:
    """(confidence features, answerable) of the top answer to each seeds_dev question under ``weights``, hits as in extract_dev.py."""
    extract.reload_weights(weights)
    documents, _ = extract_dev.seed_corpus()
    out = []
    for q in extract_dev.seed_questions():
        hits = extract_dev.seed_hits(embedder, q["question"], K_HITS)
        analysis = extract.analyse(q["question"], hits, documents, embedder)
        _, features = extract.select_with_features(analysis, documents, top_n=1)[0]
        out.append((features, bool(q["answers"])))
    return out


def summary(rows) -> dict[str, float]:
    answerable = [r for r in rows if not r["impossible"]]
    n = max(len(answerable), 1)
    return {k: round(sum(r[k] for r in answerable) / n, 4) for k in ("contains", "em", "f1", "sentence")}


def weights_of(sentence: dict, span: tuple[dict, dict] | dict, confidence: dict, threshold: float, coverage: float) -> extract.Weights:
    span, prototypes = span if isinstance(span, tuple) else (span, {})
    return extract.Weights(
        prototypes=prototypes,
        sentence=np.array([sentence.get(name, 0.0) for name in extract.SENTENCE_FEATURES]),
        span=span,
        confidence=confidence,
        threshold=threshold,
        span_coverage=coverage,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="questions of SQuAD 2.0 half to use (0 = all)")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="reuse the analysed questions pickled by the last run (span features are recomputed)")
    parser.add_argument("--errors", type=int, default=0, help="print N out-of-fold span errors (right sentence, wrong span)")
    args = parser.parse_args()

    embedder = extract_dev.MemoEmbedder()
    extract.reload_weights(weights_of({}, {}, {}, 0.5, 0.0))
    items_path = extract_dev.DEFAULT_CACHE / f"train_items_{args.limit}.pkl"
    if args.reuse and items_path.exists():
        with open(items_path, "rb") as f:
            items = pickle.load(f)
        documents, _ = extract_dev.load_squad(extract_dev.SQUAD20)
        by_id = {d.id: d for d in documents}
    else:
        items, by_id = prepare(embedder, args.limit)
        with open(items_path, "wb") as f:
            pickle.dump(items, f)
    rows = span_rows(items, by_id)
    answerable = [it for it in items if not it["q"]["impossible"]]
    print(
        f"{len(items)} questions, {len(answerable)} answerable; gold sentence among candidates {sum(it['gold'] is not None for it in answerable) / len(answerable):.3f};"
        f" gold span among span candidates {len(rows) / max(sum(it['gold'] is not None for it in answerable), 1):.3f}"
    )

    titles = sorted({it["q"]["title"] for it in items})
    folds = [set(titles[0::2]), set(titles[1::2])]
    oof_items, oof_weights = [], []
    for fold in folds:
        train = [it for it in items if it["q"]["title"] not in fold]
        test = [it for it in items if it["q"]["title"] in fold]
        sentence_w = train_sentence(train)
        span_w = train_span([r for r in rows if r[0]["q"]["title"] not in fold])
        oof_items.append(test)
        oof_weights.append((sentence_w, span_w))

    if args.errors:
        show_errors(oof_items, oof_weights, by_id, args.errors)

    # span_coverage: 0 returns the best span alone, 1 the whole sentence
    grid = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    print("span_coverage  contains  EM  F1  sentence  (out-of-fold, answerable)")
    table, by_kind = {}, {}
    for coverage in grid:
        rows_all = []
        for test, (sentence_w, span_w) in zip(oof_items, oof_weights):
            rows_all += predict([it for it in test if not it["q"]["impossible"]], by_id, weights_of(sentence_w, span_w, {}, 0.5, coverage))
        table[coverage] = summary(rows_all)
        for kind in sorted({r["kind"] for r in rows_all}):
            kind_rows = [r for r in rows_all if r["kind"] == kind]
            by_kind.setdefault(kind, {})[coverage] = {**summary(kind_rows), "n": len(kind_rows)}
        print(f"  {coverage:.2f}  {table[coverage]}")
    for kind, rows_k in by_kind.items():
        print(f"  {kind:13s} " + "  ".join(f"{c:.1f}: {v['contains']:.2f}/{v['em']:.2f}" for c, v in rows_k.items()) + f"  (n={rows_k[0.0]['n']}, contains/EM)")
    # criterion: the best F1 (short, exact answers) under the constraint that the answers contain a gold
    # answer at least CONTAINS_TARGET of the time (a clause holding the answer beats a wrong short span);
    # solved per answer kind with a Lagrange multiplier: each kind takes argmax F1 + lambda * contains,
    # lambda the smallest on a grid that meets the constraint over all kinds.
    total = sum(v[0.0]["n"] for v in by_kind.values())
    for lam in np.arange(0.0, 10.01, 0.05):
        coverage = {k: max(grid, key=lambda g, v=v: v[g]["f1"] + lam * v[g]["contains"]) for k, v in by_kind.items()}
        contains = sum(by_kind[k][c]["contains"] * by_kind[k][c]["n"] for k, c in coverage.items()) / total
        if contains >= CONTAINS_TARGET:
            break
    print(f"  span_coverage per kind (lambda {lam:.2f}): {coverage}")
    oof = []
    for test, (sentence_w, span_w) in zip(oof_items, oof_weights):
        oof += predict(test, by_id, weights_of(sentence_w, span_w, {}, 0.5, coverage))

    from sklearn.linear_model import LogisticRegression

    sentence_w = train_sentence(items)
    span_w, prototypes = train_span(rows)
    final = weights_of(sentence_w, (span_w, prototypes), {}, 0.5, coverage)
    final.word_vector_model = extract_dev.get_embedder().name
    seeds = seed_features(embedder, final)

    # Confidence: logistic regression on the out-of-fold confidence features. Two targets are tried:
    # "evidence" (answerable AND the chosen sentence holds a gold answer) and "answerable" (the corpus
    # holds an answer at all); negatives are SQuAD 2.0 questions without answer and off-corpus questions.
    # Threshold: maximise balanced accuracy (Youden's J) between the questions that should be answered
    # (answerable and evidence found) and the rest, among the thresholds that put every answerable
    # seeds_dev question above and the unanswerable one below. The target with the better balanced
    # accuracy under that constraint is kept.
    from sklearn.linear_model import LogisticRegression

    names = [n for n in extract.CONFIDENCE_FEATURES if n != "bias"]
    X = np.array([[r["features"][n] for n in names] for r in oof])
    y = np.array([r["sentence"] for r in oof], dtype=int)  # what the threshold is judged on
    positive = y == 1
    targets = {"evidence": y, "answerable": np.array([not r["impossible"] for r in oof], dtype=int)}
    candidates = np.round(np.arange(0.01, 0.96, 0.01), 2)
    best = None
    for target_name, target in targets.items():
        model = LogisticRegression(C=1.0, max_iter=2000).fit(X, target)
        p_t = model.predict_proba(X)[:, 1]
        seeds_p = model.predict_proba(np.array([[f[n] for n in names] for f, _ in seeds]))[:, 1]
        balanced_t = {float(t): float(0.5 * np.mean(p_t[positive] >= t) + 0.5 * np.mean(p_t[~positive] < t)) for t in candidates}
        low = max((c for c, (_, ok) in zip(seeds_p, seeds) if not ok), default=0.0)
        high = min((c for c, (_, ok) in zip(seeds_p, seeds) if ok), default=1.0)
        feasible = [t for t in balanced_t if low < t <= high]
        threshold_t = max(feasible or balanced_t, key=balanced_t.get)
        print(
            f"  confidence target {target_name}: seeds answerable >= {high:.3f}, unanswerable {low:.3f};"
            f" threshold {threshold_t} balanced accuracy {balanced_t[threshold_t]:.4f} (unconstrained {max(balanced_t.values()):.4f} at {max(balanced_t, key=balanced_t.get)})"
        )
        score = (bool(feasible), balanced_t[threshold_t])
        if best is None or score > best[0]:
            best = (score, target_name, model, p_t, balanced_t, threshold_t, low, high, max(balanced_t, key=balanced_t.get))
    _, target_name, model, p, balanced, threshold, low, high, unconstrained = best
    confidence_w = {"bias": float(model.intercept_[0]), **{n: float(c) for n, c in zip(names, model.coef_[0])}}
    impossible = np.array([r["impossible"] and not r["off_corpus"] for r in oof])
    off_corpus = np.array([r["off_corpus"] for r in oof])
    answerable = ~impossible & ~off_corpus
    contains = np.array([r["contains"] for r in oof])
    calibration = {}
    for lo in np.arange(0.0, 1.0, 0.2):
        band = (p >= lo) & (p < lo + 0.2)
        if band.any():
            calibration[f"{lo:.1f}-{lo + 0.2:.1f}"] = {"n": int(band.sum()), "evidence_found": round(float(y[band].mean()), 3)}
    report = {
        "trained_on": "SQuAD 2.0 half (dev-v2.0-half.json.gz), open setting over its 646 paragraphs, top-10 dense hits;"
        f" plus {int(off_corpus.sum())} of its answerable questions asked without their article (off-corpus)",
        "questions": len(items),
        "span_coverage_table": {str(k): v for k, v in table.items()},
        "span_coverage_by_kind": {kind: {str(c): v for c, v in rows_k.items()} for kind, rows_k in by_kind.items()},
        "span_coverage": coverage,
        "oof_answerable": summary(oof),
        "confidence_target": target_name,
        "seeds_confidence_range": {"answerable_min": round(float(high), 4), "unanswerable_max": round(float(low), 4)},
        "threshold": threshold,
        "threshold_without_seed_constraint": unconstrained,
        "oof_balanced_accuracy": round(balanced[threshold], 4),
        "oof_answered_when_answerable": round(float(np.mean(p[answerable] >= threshold)), 4),
        "oof_answered_and_contains_when_answerable": round(float(((p >= threshold) & contains)[answerable].mean()), 4),
        "oof_refused_when_no_answer_squad2": round(float(np.mean(p[impossible] < threshold)), 4),
        "oof_refused_when_off_corpus": round(float(np.mean(p[off_corpus] < threshold)), 4),
        "oof_answers_with_evidence": round(float(np.mean(y[p >= threshold])) if np.any(p >= threshold) else 0.0, 4),
        "calibration": calibration,
    }
    print(json.dumps(report, indent=1))

    payload = {
        "version": 1,
        "word_vectors": extract_dev.get_embedder().name,
        "features": {"sentence": extract.SENTENCE_FEATURES, "confidence": extract.CONFIDENCE_FEATURES},
        "sentence": {k: round(v, 6) for k, v in sentence_w.items()},
        "span": span_w,
        "confidence": {k: round(v, 6) for k, v in confidence_w.items()},
        "threshold": threshold,
        "span_coverage": coverage,
        "prototypes": {k: [round(float(x), 4) for x in v] for k, v in prototypes.items()},
        "report": report,
    }
    if args.dry_run:
        print("dry run: weights not written")
        return
    extract.WEIGHTS_PATH.write_text(json.dumps(payload, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {extract.WEIGHTS_PATH.name} ({extract.WEIGHTS_PATH.stat().st_size / 1024:.0f} KB): threshold {threshold}, span_coverage {coverage}")


if __name__ == "__main__":
    main()
