"""The `qa` command line: build and inspect the index, ask, search, serve, evaluate."""

from __future__ import annotations

from collections import Counter

import logging
import os
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from index.errors import NewsQAError
from index.types import SkippedFile, UpdateReport
from qa.api import DEFAULT_INDEX, QA
from qa.extractors import EXTRACTORS
from qa.confidence import in_words
from qa.filters import article_filter, count_sources
from qa.recency import parse_as_of
from qa.types import Answer, ArticleFilter, Turn

app = typer.Typer(help="Ask questions about a folder of news articles; answers are quoted with exact citations.", no_args_is_help=True)
index_app = typer.Typer(help="Build, update, watch, check and inspect the index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

console = Console()
errors = Console(stderr=True)

IndexOption = typer.Option(DEFAULT_INDEX, "--index", "-i", help="index folder", envvar="QA_INDEX")
CorpusOption = typer.Option(None, "--corpus", "-c", help="corpus folder: build or refresh the index from it first")
AsOfOption = typer.Option(None, "--as-of", help="the day the question is about, e.g. 2024-03-22: articles dated near it rank higher")
SinceOption = typer.Option(None, "--since", help="only articles dated on or after this day, e.g. 2024-03-01 (undated articles are left out)")
UntilOption = typer.Option(None, "--until", help="only articles dated on or before this day, e.g. 2024-03-31 (undated articles are left out)")
SourceOption = typer.Option(None, "--source", help="only articles from this source, as `qa index status` names it: a web host (bbc.co.uk), else the source as stored; repeat for several")
MaxFileOption = typer.Option(None, "--max-file-mb", min=0.001, envvar="QA_MAX_FILE_MB", help="skip an article file (or a feed record) larger than this many MB [default: 10]")
BackendOption = typer.Option(None, "--backend", help="where a new index keeps its passages: faiss (in the index folder, the default) or milvus")
UriOption = typer.Option(None, "--uri", envvar="QA_MILVUS_URI", help="milvus: the server (http://HOST:19530, a Zilliz endpoint; token in MILVUS_TOKEN) or a Milvus Lite file (.db) [default: milvus.db in the index folder]")
FollowLinksOption = typer.Option(False, "--follow-links", envvar="QA_FOLLOW_LINKS", help="index files that symbolic links in the corpus point to outside it (skipped by default)")
SKIPPED_SHOWN = 20
SOURCES_SHOWN = 20


def _fail(exc: Exception) -> None:
    errors.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(code=1)


def _as_of(value: str | None) -> date | None:
    try:
        return parse_as_of(value)
    except NewsQAError as exc:
        _fail(exc)
        raise  # unreachable


def _filter(since: str | None, until: str | None, sources: list[str] | None) -> ArticleFilter | None:
    try:
        return article_filter(since, until, sources)
    except NewsQAError as exc:
        _fail(exc)
        raise  # unreachable


def _open(index: Path, corpus: Path | None) -> QA:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return QA.from_folder(corpus, index, progress=True) if corpus else QA.open(index)
    except NewsQAError as exc:
        _fail(exc)
        raise  # unreachable; keeps type checkers calm


def _corpus_options(max_file_mb: float | None, follow_links: bool) -> None:
    """Hand the corpus options to the loader, which reads them from the environment (``index.load.LoadOptions``),
    so every way of reading the corpus (build, update, watch, the server's uploads and watch) obeys them."""
    if max_file_mb is not None:
        os.environ["QA_MAX_FILE_MB"] = str(max_file_mb)
    if follow_links:
        os.environ["QA_FOLLOW_LINKS"] = "1"


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log what happens")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@index_app.command("build")
def build(
    corpus: Path = typer.Argument(Path("seeds"), help="folder of .txt/.md/.html/.json/.jsonl articles"),
    index: Path = IndexOption,
    size: int = typer.Option(120, min=1, help="words per passage"),
    overlap: int = typer.Option(30, min=0, help="words shared by consecutive passages"),
    embedder: Optional[str] = typer.Option(None, "--embedder", "-e", help="onnx (default) or st (sentence-transformers), or a full embedder name"),
    backend: Optional[str] = BackendOption,
    uri: Optional[str] = UriOption,
    collection: Optional[str] = typer.Option(None, "--collection", help="milvus: the collection for the passages (an earlier build of this index in it is replaced) [default: newsqa]"),
    max_file_mb: Optional[float] = MaxFileOption,
    follow_links: bool = FollowLinksOption,
    ray: Optional[str] = typer.Option(None, "--ray", envvar="QA_RAY_ADDRESS", help="embed on the Ray cluster at this address (auto, or the head's HOST:PORT); needs `pip install 'newsqa[ray]'` on every node"),
    actors: Optional[int] = typer.Option(None, "--actors", min=1, help="with --ray: embedders running at once, each on one CPU [default: the cluster's CPUs]"),
) -> None:
    """Build the index of CORPUS from scratch."""
    from index.embed import DEFAULT_EMBEDDER, get_embedder
    from index.types import ChunkSettings
    from index.update import update_from_folder

    if overlap >= size:
        _fail(ValueError(f"--overlap ({overlap}) must be smaller than --size ({size})"))
    if actors is not None and ray is None:
        _fail(ValueError("--actors goes with --ray"))
    _check_backend(backend, uri, collection)
    _corpus_options(max_file_mb, follow_links)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        model = get_embedder(embedder or DEFAULT_EMBEDDER)
        if ray is not None:
            from index.distributed import on_ray

            model = on_ray(model, index, ray, actors)
        built, report = update_from_folder(
            index, corpus, model, rebuild=True, chunking=ChunkSettings(size=size, overlap=overlap), progress=True,
            backend=backend or "faiss", uri=uri, collection=collection,
        )
    except (NewsQAError, ValueError) as exc:
        _fail(exc)
        return
    _print_skipped(report.skipped)
    if ray is not None:
        console.print(
            f"embedded {model.embedded} passages on {len(model.workers)} Ray actor{'s' * (len(model.workers) != 1)}, {model.loaded} taken from the shards in {model.folder}",
            markup=False, highlight=False,
        )
    where = f" ({_milvus_place(built.manifest, index)})" if built.manifest.backend.name == "milvus" else ""
    console.print(f"indexed {len(built.manifest.documents)} documents, {built.manifest.passages} passages into {index}{where}")


def _milvus_place(manifest, index: Path) -> str:  # noqa: ANN001 - an index.manifest.Manifest
    from index.milvus import LITE_FILE

    return f"passages in the Milvus collection {manifest.backend.collection} at {manifest.backend.uri or index / LITE_FILE}"


def _check_backend(backend: str | None, uri: str | None, collection: str | None) -> None:
    from index.backend import BACKENDS

    if backend is not None and backend not in BACKENDS:
        _fail(ValueError(f"--backend must be one of {', '.join(BACKENDS)}, got {backend!r}"))
    if (uri or collection) and backend != "milvus":
        _fail(ValueError("--uri and --collection go with --backend milvus"))


@index_app.command("status")
def status(index: Path = IndexOption) -> None:
    """Show what the index holds."""
    from index.errors import IndexFormatError
    from index.manifest import read_manifest
    from index.update import skipped_files

    try:
        manifest = read_manifest(index)
    except IndexFormatError as exc:
        _fail(exc)
        return
    console.print(f"index {index}: {len(manifest.documents)} documents, {manifest.passages} passages")
    console.print(f"corpus {manifest.corpus}; embedder {manifest.embedder.name} ({manifest.embedder.dim}); "
                  f"chunks of {manifest.chunking.size} words, overlap {manifest.chunking.overlap}; updated {manifest.updated_at}")
    table = Table("document", "title", "date", "passages")
    for doc_id, entry in sorted(manifest.documents.items())[:50]:
        table.add_row(doc_id, entry.title[:60], entry.date or "", str(entry.passages))
    console.print(table)
    if len(manifest.documents) > 50:
        console.print(f"... and {len(manifest.documents) - 50} more")
    sources = list(count_sources(entry.source for entry in manifest.documents.values()).items())
    if sources:
        shown = ", ".join(f"{name} ({n})" for name, n in sources[:SOURCES_SHOWN])
        more = f" and {len(sources) - SOURCES_SHOWN} more" if len(sources) > SOURCES_SHOWN else ""
        console.print(f"sources (what --source takes): {shown}{more}", markup=False, highlight=False)
    if manifest.duplicates:
        console.print(f"{len(manifest.duplicates)} duplicates indexed once (same content under another name):")
        for doc_id, dup in sorted(manifest.duplicates.items())[:20]:
            console.print(f"  {doc_id} = {dup.of}")
    _print_skipped(skipped_files(manifest.files), shown=None)
    encodings = Counter(entry.encoding for entry in manifest.files.values() if entry.encoding)
    if encodings:
        console.print("decoded from other encodings than UTF-8: " + ", ".join(f"{n} file{'s' * (n != 1)} {name}" for name, n in sorted(encodings.items())))
    if manifest.backend.name == "milvus":
        console.print(f"{_milvus_place(manifest, index)}; generation {manifest.generation}")
        return
    live = sum(s.live for s in manifest.segments)
    dead = sum(s.passages for s in manifest.segments) - live
    console.print(f"{len(manifest.segments)} segments, {dead} retired passages awaiting a merge; generation {manifest.generation}")
    searches = Counter(s.dense for s in manifest.segments)
    console.print("vector search: " + ", ".join(f"{kind} ({n} segment{'s' * (n != 1)})" for kind, n in sorted(searches.items())))


def _print_skipped(skipped: list[SkippedFile], shown: int | None = SKIPPED_SHOWN) -> None:
    """What was not indexed and why: the first ``shown`` of it (None: all; `qa index status` lists all)."""
    if not skipped:
        return
    console.print(f"[yellow]{len(skipped)} not indexed[/yellow] (files, records or feed lines):", highlight=False)
    for item in skipped[:shown]:
        console.print(f"  skipped {item.path}: {item.reason}", markup=False, highlight=False, soft_wrap=True)
    if shown is not None and len(skipped) > shown:
        console.print(f"  … and {len(skipped) - shown} more (`qa index status` lists them all)")


def _print_report(report: UpdateReport) -> None:
    _print_skipped(report.skipped)
    console.print(report.summary())
    for doc_id, of in sorted(report.duplicates.items()):
        console.print(f"  duplicate: {doc_id} has the same content as {of}; indexed once")


@index_app.command("update")
def update(
    corpus: Path = typer.Argument(Path("seeds"), help="the corpus folder to follow"),
    index: Path = IndexOption,
    max_file_mb: Optional[float] = MaxFileOption,
    follow_links: bool = FollowLinksOption,
) -> None:
    """Sync the index with CORPUS: embed new and changed articles, drop deleted ones, leave the rest untouched."""
    from index.update import update_from_folder

    _corpus_options(max_file_mb, follow_links)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        _, report = update_from_folder(index, corpus, progress=True)
    except NewsQAError as exc:
        _fail(exc)
        return
    _print_report(report)


@index_app.command("watch")
def watch(
    corpus: Path = typer.Argument(Path("seeds"), help="the corpus folder to follow"),
    index: Path = IndexOption,
    interval: float = typer.Option(2.0, min=0.1, help="seconds between two looks at the folder"),
    max_file_mb: Optional[float] = MaxFileOption,
    follow_links: bool = FollowLinksOption,
) -> None:
    """Keep the index in sync with CORPUS as files appear, change and disappear (Ctrl-C stops)."""
    from index.watch import watch_index

    _corpus_options(max_file_mb, follow_links)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    console.print(f"watching {corpus} every {interval:g} s; Ctrl-C stops")
    try:
        watch_index(index, corpus, interval=interval, on_update=_print_report)
    except KeyboardInterrupt:
        return


@index_app.command("check")
def check(
    index: Path = IndexOption,
    embed_sample: int = typer.Option(0, "--embed-sample", min=0, help="also re-embed N random passages and compare them with their vectors"),
) -> None:
    """Verify that manifest, stored texts, passages, vectors and BM25 postings agree (exit 1 if not)."""
    from index.check import check_index

    embedder = None
    if embed_sample:
        from index.embed import get_embedder
        from index.manifest import read_manifest

        try:
            embedder = get_embedder(read_manifest(index).embedder.name)
        except NewsQAError as exc:
            _fail(exc)
    report = check_index(index, embedder, embed_sample)
    for note in report.notes:
        console.print(f"note: {note}")
    for problem in report.problems:
        errors.print(f"[red]problem:[/red] {problem}")
    if not report.ok:
        raise typer.Exit(code=1)
    console.print(
        f"ok: {report.documents} documents, {report.passages} passages ({report.dead} retired) in {report.segments} segments"
        + (f"; {report.reembedded} passages re-embedded" if report.reembedded else "")
    )


def _print_answer(answer: Answer) -> None:
    if answer.query != answer.question:
        console.print(f"[dim]understood as: {answer.query}[/dim]")
    if answer.answered:
        console.print(f"[bold green]{answer.text}[/bold green]  ({in_words(answer.confidence)}: {answer.confidence:.2f})")
        for n, c in enumerate(answer.citations, start=1):
            console.print(f"  [{n}] {c.title} — {c.source} [{c.start}:{c.end}]\n      “{c.quote}”")
        if answer.sources_differ:
            given = [(answer.text, answer.citations[0]), *((d.text, d.sentence) for d in answer.sources_differ)]
            console.print("  sources differ: " + " · ".join(f"{text} ({', '.join(x for x in (c.source, c.date) if x)})" for text, c in given))
        if answer.also_reported_by:
            console.print("  also reported by: " + "; ".join(f"{c.source}{f' ({c.date})' if c.date else ''}" for c in answer.also_reported_by))
    else:
        console.print(f"[yellow]Not found in these articles:[/yellow] {answer.reason}")
        for n, c in enumerate(answer.closest, start=1):
            console.print(f"  closest [{n}] {c.title} — {c.source} [{c.start}:{c.end}]\n      “{c.quote[:200]}…”")


@app.command()
def ask(
    question: Optional[str] = typer.Argument(None, help="the question; leave it out for an interactive session"),
    index: Path = IndexOption,
    corpus: Optional[Path] = CorpusOption,
    as_json: bool = typer.Option(False, "--json", help="print the Answer as JSON"),
    as_of: Optional[str] = AsOfOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    source: Optional[list[str]] = SourceOption,
) -> None:
    """Answer QUESTION from the articles, with citations (or chat when no question is given)."""
    day = _as_of(as_of)
    source = source or None  # no --source: every source
    _filter(since, until, source)  # checked before the index is opened
    qa = _open(index, corpus)
    history: list[Turn] = []
    questions = [question] if question is not None else None
    while True:
        if questions is not None:
            if not questions:
                return
            text = questions.pop()
        else:
            try:
                text = console.input("[bold]question> [/bold]")
            except (EOFError, KeyboardInterrupt):
                return
            if not text.strip():
                continue
        try:
            answer = qa.ask(text, history=history, as_of=day, since=since, until=until, sources=source)
        except NewsQAError as exc:
            if questions is not None:
                _fail(exc)
            errors.print(f"[red]error:[/red] {exc}")
            continue
        history.append(Turn(question=answer.query, answer=answer.text))  # as understood: the next follow-up builds on it
        if as_json:
            print(answer.model_dump_json(indent=2))
        else:
            _print_answer(answer)


@app.command()
def search(
    query: str = typer.Argument(..., help="words to search for"),
    index: Path = IndexOption,
    corpus: Optional[Path] = CorpusOption,
    k: int = typer.Option(5, "--k", "-k", min=1, max=100, help="how many passages"),
    as_json: bool = typer.Option(False, "--json", help="print the hits as JSON"),
    as_of: Optional[str] = AsOfOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    source: Optional[list[str]] = SourceOption,
) -> None:
    """Show the passages that best match QUERY (hybrid dense + BM25 retrieval)."""
    day = _as_of(as_of)
    source = source or None
    within = _filter(since, until, source)
    qa = _open(index, corpus)
    try:
        hits = qa.search(query, k, as_of=day, since=since, until=until, sources=source)
    except NewsQAError as exc:
        _fail(exc)
        return
    if as_json:
        print("[" + ",".join(h.model_dump_json() for h in hits) + "]")
        return
    if not hits and within is not None:
        console.print(f"[yellow]No article matches the filter[/yellow] ({within.describe()})", highlight=False)
    for n, h in enumerate(hits, start=1):
        console.print(f"[{n}] {h.score:.3f} {h.passage.doc_id} [{h.passage.start}:{h.passage.end}] "
                      f"(dense #{h.dense_rank}, bm25 #{h.lexical_rank})\n    {h.passage.text[:240]}")


@app.command()
def serve(
    index: Path = IndexOption,
    corpus: Optional[Path] = typer.Option(None, "--corpus", "-c", help="corpus folder: build or refresh the index from it first; uploads are saved into it"),
    host: str = typer.Option("127.0.0.1", help="address to listen on (0.0.0.0 exposes the chatbot to your network)"),
    port: int = typer.Option(7860, min=1, max=65535, help="port to listen on"),
    watch: Optional[float] = typer.Option(None, "--watch", min=0.1, envvar="QA_WATCH", help="with --corpus: keep the index in sync with the folder, looking every N seconds"),
    max_file_mb: Optional[float] = MaxFileOption,
    follow_links: bool = FollowLinksOption,
) -> None:
    """Start the browser chatbot (and its HTTP API) on http://HOST:PORT."""
    from ui.app import serve as serve_ui

    _corpus_options(max_file_mb, follow_links)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if watch:
        if corpus is None:
            _fail(ValueError("--watch needs --corpus: the folder to follow"))
        os.environ["QA_WATCH"] = str(watch)  # QA.from_folder starts the watch on the QA it serves
    try:
        serve_ui(index, corpus, host, port)
    except NewsQAError as exc:
        _fail(exc)


@app.command("eval")
def eval_command(
    questions: Path = typer.Argument(..., exists=True, dir_okay=False, help="seeds-format or BBC JSONL, SQuAD JSON (v1.1/v2, .json[.gz]) or RealTimeQA questions JSONL"),
    corpus: Optional[Path] = typer.Option(None, "--corpus", "-c", help="seeds or BBC format: corpus folder (default: seeds); RealTimeQA: corpus file (default: corpus.jsonl.gz beside the questions)"),
    index: Optional[Path] = typer.Option(None, "--index", "-i", help="index folder (default: .qa-index-eval/SET-EMBEDDER, reused)"),
    embedder: Optional[str] = typer.Option(None, "--embedder", "-e", help="embedder that builds the index: onnx, st or a full name (default: the project default)"),
    limit: Optional[int] = typer.Option(None, min=1, help="ask only the first N questions"),
    indexed_only: bool = typer.Option(False, "--indexed-only", help="ask only questions with a gold document in the index (e.g. an index of part of the corpus)"),
    dates: bool = typer.Option(True, "--dates/--no-dates", help="ask a question that has a date (RealTimeQA) as of that day"),
    docs: Optional[int] = typer.Option(None, min=0, help="RealTimeQA: index only the gold articles of the questions asked plus N others (sampled with --seed)"),
    seed: int = typer.Option(0, help="random seed of --docs"),
    batch: int = typer.Option(1, min=1, help="questions per retrieval call (1: latency as a user sees it)"),
    retrieval_only: bool = typer.Option(False, "--retrieval-only", help="measure retrieval only (no answer extraction)"),
    extractor: str = typer.Option("reader", help="reader (the shipped reader model) or heuristic (sentence scoring, no model)"),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0, help="refuse below this confidence (default: the extractor's own)"),
    report: Optional[Path] = typer.Option(None, "--report", help="JSON report (figures, settings, machine, per-question results) and, beside it, a reliability diagram (.png); default: INDEX.report.json"),
    strict: bool = typer.Option(False, help="exit 1 unless every answerable question's answer contains a gold answer and every unanswerable one is refused"),
    lower_case: bool = typer.Option(False, "--lower-case", help="ask every question as typed all in lower case"),
    upper_case: bool = typer.Option(False, "--upper-case", help="ask every question as typed all in capitals"),
    typos: Optional[str] = typer.Option(None, "--typos", help="ask every question with one typo, the middle letters swapped of its longest lower-case word (words) or name (names)"),
    lead_in: bool = typer.Option(False, "--lead-in", help='ask every question after "Can you tell me"'),
    backend: Optional[str] = BackendOption,
    uri: Optional[str] = UriOption,
) -> None:
    """Evaluate on a question set: retrieval recall/MRR, EM/F1, containment, citations, abstention, confidence, latency."""
    import json

    from qa.evaluate import TYPO_KINDS, evaluate, reliability_diagram

    if strict and retrieval_only:
        _fail(ValueError("--strict judges the answers: it cannot be combined with --retrieval-only"))
    if extractor not in EXTRACTORS:
        _fail(ValueError(f"--extractor must be one of {', '.join(EXTRACTORS)}, got {extractor!r}"))
    if lower_case and upper_case:
        _fail(ValueError("--lower-case and --upper-case cannot be combined"))
    if typos is not None and typos not in TYPO_KINDS:
        _fail(ValueError(f"--typos must be one of {', '.join(TYPO_KINDS)}, got {typos!r}"))
    _check_backend(backend, uri, None)
    try:
        summary, results = evaluate(
            questions, corpus, index, limit, progress=True, embedder=embedder, extract=not retrieval_only, docs=docs, seed=seed, batch=batch,
            extractor=extractor, threshold=threshold, indexed_only=indexed_only, dates=dates, backend=backend, uri=uri,
            lower_case=lower_case, upper_case=upper_case, typos=typos, lead_in=lead_in,
        )
    except NewsQAError as exc:
        _fail(exc)
        return
    console.print(f"{questions.name}: {summary['documents']} documents, {summary['passages']} passages, {summary['embedder']}, index {summary['index']} ({summary['backend']})")
    table = Table("metric", "value")
    for key, value in summary["figures"].items():
        if not isinstance(value, dict):
            table.add_row(key, "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    if summary["figures"].get("by_kind"):
        kinds = Table("kind", "questions", "answered", "right", "rate")
        for kind, row in summary["figures"]["by_kind"].items():
            right = row["right"]
            kinds.add_row(kind, str(row["questions"]), "—" if row["answered"] is None else str(row["answered"]),
                          "—" if right is None else str(right), "—" if right is None else f"{right / row['questions']:.3f}")
        console.print(kinds)
    report = report or Path(summary["index"] + ".report.json")
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({**summary, "results": [r.model_dump() for r in results]}, indent=1, ensure_ascii=False), encoding="utf-8")
    console.print(f"report: {report}")
    diagram = reliability_diagram(results, report.with_suffix(".png"))
    if diagram:
        console.print(f"reliability diagram: {diagram}")
    if strict:
        from qa.evaluate import contains

        failed = [r for r in results if (r.answers and not (r.answered and contains(r.prediction, r.answers))) or (not r.answers and r.answered)]
        for r in failed:
            errors.print(f"[red]FAIL[/red] {r.id}: {r.question!r} → {r.prediction!r} (expected one of {r.answers or 'no answer'})")
        if failed:
            raise typer.Exit(code=1)


if __name__ == "__main__":
    app()
