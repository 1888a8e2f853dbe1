"""The `qa` command line: build and inspect the index, ask, search, serve, evaluate."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from index.errors import NewsQAError
from qa.api import DEFAULT_INDEX, QA
from qa.types import Answer, Turn

app = typer.Typer(help="Ask questions about a folder of news articles; answers are quoted with exact citations.", no_args_is_help=True)
index_app = typer.Typer(help="Build and inspect the index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

console = Console()
errors = Console(stderr=True)

IndexOption = typer.Option(DEFAULT_INDEX, "--index", "-i", help="index folder", envvar="QA_INDEX")
CorpusOption = typer.Option(None, "--corpus", "-c", help="corpus folder: build or refresh the index from it first")


def _fail(exc: Exception) -> None:
    errors.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(code=1)


def _open(index: Path, corpus: Path | None) -> QA:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return QA.from_folder(corpus, index, progress=True) if corpus else QA.open(index)
    except NewsQAError as exc:
        _fail(exc)
        raise  # unreachable; keeps type checkers calm


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log what happens")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@index_app.command("build")
def build(
    corpus: Path = typer.Argument(Path("seeds"), help="folder of .txt/.md/.html/.json/.jsonl articles"),
    index: Path = IndexOption,
    size: int = typer.Option(120, min=1, help="words per passage"),
    overlap: int = typer.Option(30, min=0, help="words shared by consecutive passages"),
) -> None:
    """Build the index of CORPUS from scratch."""
    from index.manifest import ChunkSettings

    if overlap >= size:
        _fail(ValueError(f"--overlap ({overlap}) must be smaller than --size ({size})"))
    try:
        qa = QA.build(corpus, index, chunking=ChunkSettings(size=size, overlap=overlap), progress=True)
    except NewsQAError as exc:
        _fail(exc)
        return
    s = qa.status()
    console.print(f"indexed {s.documents} documents, {s.passages} passages into {index}")


@index_app.command("status")
def status(index: Path = IndexOption) -> None:
    """Show what the index holds."""
    from index.errors import IndexFormatError
    from index.manifest import read_manifest

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


def _print_answer(answer: Answer) -> None:
    if answer.answered:
        console.print(f"[bold green]{answer.text}[/bold green]  (confidence {answer.confidence:.2f})")
        for n, c in enumerate(answer.citations, start=1):
            console.print(f"  [{n}] {c.title} — {c.source} [{c.start}:{c.end}]\n      “{c.quote}”")
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
) -> None:
    """Answer QUESTION from the articles, with citations (or chat when no question is given)."""
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
            answer = qa.ask(text, history=history)
        except NewsQAError as exc:
            if questions is not None:
                _fail(exc)
            errors.print(f"[red]error:[/red] {exc}")
            continue
        history.append(Turn(question=answer.question, answer=answer.text))
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
) -> None:
    """Show the passages that best match QUERY (hybrid dense + BM25 retrieval)."""
    qa = _open(index, corpus)
    try:
        hits = qa.search(query, k)
    except NewsQAError as exc:
        _fail(exc)
        return
    if as_json:
        print("[" + ",".join(h.model_dump_json() for h in hits) + "]")
        return
    for n, h in enumerate(hits, start=1):
        console.print(f"[{n}] {h.score:.3f} {h.passage.doc_id} [{h.passage.start}:{h.passage.end}] "
                      f"(dense #{h.dense_rank}, bm25 #{h.lexical_rank})\n    {h.passage.text[:240]}")


if __name__ == "__main__":
    app()


@app.command("eval")
def eval_command(
    questions: Path = typer.Argument(..., exists=True, dir_okay=False, help="seeds-format JSONL, or SQuAD JSON (.json/.json.gz)"),
    corpus: Optional[Path] = typer.Option(None, "--corpus", "-c", help="corpus folder for a seeds-format file (default: seeds)"),
    index: Optional[Path] = typer.Option(None, "--index", "-i", help="index folder (default: .qa-index-eval/NAME, reused)"),
    limit: Optional[int] = typer.Option(None, min=1, help="ask only the first N questions"),
    report: Optional[Path] = typer.Option(None, "--report", help="write the JSON report (figures and per-question results) here"),
    strict: bool = typer.Option(False, help="exit 1 unless every answerable question's answer contains a gold answer and every unanswerable one is refused"),
) -> None:
    """Evaluate on a question set: retrieval recall, EM/F1, containment, citations, abstention, latency."""
    import json

    from qa.evaluate import evaluate

    try:
        figures, results = evaluate(questions, corpus, index, limit, progress=True)
    except NewsQAError as exc:
        _fail(exc)
        return
    table = Table("metric", "value")
    for key, value in figures.items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps({"questions_file": str(questions), "figures": figures, "results": [r.model_dump() for r in results]}, indent=1))
    if strict:
        from qa.evaluate import contains

        failed = [r for r in results if (r.answers and not contains(r.prediction, r.answers)) or (not r.answers and r.answered)]
        for r in failed:
            errors.print(f"[red]FAIL[/red] {r.id}: {r.question!r} → {r.prediction!r} (expected one of {r.answers or 'no answer'})")
        if failed:
            raise typer.Exit(code=1)
