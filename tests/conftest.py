"""Shared fixtures: the real model once per session, the seeds index once per session, temp corpora.

Every session gets its own cache folder (``QA_CACHE_DIR``), so tests never write to the user's
``~/.cache``; the int8 model is prepared there once per session. Tests marked ``unit`` run with
the models out of reach: one that loads a model by accident fails.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from bench.fake_embedder import FakeEmbedder
from index.clean import content_hash
from index.types import ChunkSettings, Document, SkippedFile

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
PUTIN_XI = "000_3a9375036b298c0f.txt"  # the two seed articles
EAST_ASIA = "004_987bf9152aa0758f.txt"
# Questions about the seed articles with their accepted answers (none: the articles do not say), so
# that tests comparing two ways of building or storing an index need no data beside the checkout.
SEED_QUESTIONS: list[tuple[str, list[str]]] = [
    ("Where did Kishida and Yoon meet?", ["Tokyo"]),
    ("When did Russia invade Ukraine?", ["February 2022"]),
    ("What did North Korea stage last weekend?", ["simulated nuclear counterattack"]),
    ("From which coast did North Korea fire cruise missiles?", ["east coast"]),
    ("What do Xi and Putin plan to continue in order to deepen military mutual trust?", ["joint military exercises"]),
    ("What is the GDP of Russia?", []),
]


@pytest.fixture(scope="session", autouse=True)
def _temporary_cache(tmp_path_factory):
    """The session's own cache folder, in the environment so that subprocesses (the CLI) share it."""
    before = os.environ.get("QA_CACHE_DIR")
    os.environ["QA_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["QA_CACHE_DIR"]
    else:
        os.environ["QA_CACHE_DIR"] = before


def _unreachable(*args, **kwargs):
    raise AssertionError("a unit test loaded a model: mark it otherwise or use the fake_embedder fixture")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Around a test marked ``unit`` and its fixtures, loading the embedding model or the reader
    (weights or tokenizer) or preparing the int8 model fails."""
    if item.get_closest_marker("unit") is None:
        return (yield)
    import index.embed
    import index.quantize
    import qa.reader

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index.quantize, "prepare", _unreachable)
        patch.setattr(index.embed, "cpu_session", _unreachable)
        patch.setattr(qa.reader, "cpu_session", _unreachable)
        for cls, attr in [
            (index.embed.SentenceTransformerEmbedder, "model"),
            (index.embed.OnnxEmbedder, "tokenizer"),
            (index.embed.OnnxEmbedder, "session"),
            (qa.reader.Reader, "tokenizer"),
            (qa.reader.Reader, "session"),
        ]:
            patch.setattr(cls, attr, property(_unreachable))
        return (yield)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def embedder():
    from index.embed import get_embedder

    return get_embedder()


@pytest.fixture(scope="session")
def seeds_index_dir(tmp_path_factory, embedder) -> Path:
    """An index of the seed articles, built once for the whole session with the real model."""
    from qa.api import QA

    folder = tmp_path_factory.mktemp("seeds-index") / "index"
    QA.build(SEEDS, folder)
    return folder


@pytest.fixture(scope="session")
def seeds_qa(seeds_index_dir):
    from qa.api import QA

    return QA.open(seeds_index_dir)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the seeds in a temp folder."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


class Corpus(NamedTuple):
    documents: list[Document]
    skipped: list[SkippedFile]


def read_corpus(folder: Path | str, progress: bool = False) -> Corpus:
    """The documents of a corpus folder and what was skipped, read as a first update reads them."""
    from index.corpus_index import CorpusIndex
    from index.update import scan_folder, skipped_files

    documents, _, files, _ = scan_folder(Path(folder), CorpusIndex.empty(FakeEmbedder()), progress)
    return Corpus(documents, skipped_files(files))


# -- three small articles for index bookkeeping with the fake embedder (index updates, locks, checks) --

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


def make_doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, title=text.split("\n")[0], source=doc_id, text=text, content_hash=content_hash(text))


def first_update(corpus: Path, index: Path, embedder):
    """Index ``corpus`` into ``index`` with the small chunking: (the index, the update report)."""
    from index.update import update_from_folder

    return update_from_folder(index, corpus, embedder, chunking=CHUNKING)


def found_by(index, embedder, query: str, doc_id: str) -> set[str]:
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
def article_folders(tmp_path) -> tuple[Path, Path]:
    """A corpus folder holding ``ARTICLES`` and the path of its index (not built)."""
    corpus, index = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus, index


# -- the browser chatbot: one real server per session (tests/test_ui_*.py) ------------------------

# An article written to attack the page: none of it may run, all of it must show as text.
HOSTILE_ARTICLE = """---
title: <img src=x onerror="window.__pwned=1;alert('title')"> Lantern festival
date: 2023-04-02
---
The Marrowby lantern festival <script>window.__pwned=1;alert('script')</script> drew 9,000 visitors on Saturday.

Organisers said <img src=x onerror="window.__pwned=1;alert('img')"> the parade crossed the old harbour bridge at dusk.

Read the [programme](javascript:window.__pwned=1;alert('link')) or <a href="javascript:alert('a')">this</a>; ${alert('template')} {{constructor.constructor('alert(1)')()}} $$x^2$$ <iframe src="javascript:alert('frame')"></iframe>
"""


def _serve(corpus_dir: Path, index_dir: Path):
    """The chatbot over ``corpus_dir`` served on a free loopback port: (the demo, an object with ``url``, ``corpus``, ``index``, ``holder``)."""
    import socket
    from types import SimpleNamespace

    from qa.api import QA
    from ui.app import QAHolder, build_app, launch

    no_proxy = os.environ.get("NO_PROXY", "")
    if "127.0.0.1" not in no_proxy:
        os.environ["NO_PROXY"] = os.environ["no_proxy"] = ",".join(filter(None, [no_proxy, "127.0.0.1", "localhost"]))
    holder = QAHolder(QA.from_folder(corpus_dir, index_dir), corpus_dir)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    demo = build_app(holder)
    url = launch(demo, "127.0.0.1", port, block=False)
    return demo, SimpleNamespace(url=url, corpus=corpus_dir, index=index_dir, holder=holder)


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory, seeds_index_dir):
    """The chatbot served on a free loopback port over a writable copy of the seeds plus the hostile article.

    Yields an object with ``url``, ``corpus`` and ``holder``. The index starts as a copy of the
    session's seeds index, so only the hostile article is embedded here.
    """
    root = tmp_path_factory.mktemp("ui")
    corpus_dir, index_dir = root / "corpus", root / "index"
    shutil.copytree(SEEDS, corpus_dir)
    for path in corpus_dir.iterdir():
        path.chmod(0o644)
    (corpus_dir / "marrowby-festival.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    shutil.copytree(seeds_index_dir, index_dir)
    demo, server = _serve(corpus_dir, index_dir)
    yield server
    demo.close()


# -- news from several sources and days, for the filters by date and source (tests/test_filters.py, the browser) --

FERRY_DAY = [
    "The Eskerby ferry left the quay at seven with {n} passengers aboard.",
    "Its crew of {n} checked the batteries before the second crossing.",
    "Gulls followed the boat for {n} minutes across the grey water of the sound.",
    "The captain said the new route saves {n} litres of diesel every week.",
    "Schoolchildren waved from the pier as the ferry returned {n} minutes late.",
]


def write_news(folder: Path) -> Path:
    """Four articles about the town of Eskerby: two budget reports from two outlets on two days, a long
    ferry story from a third source given by name (several passages, none about the budget), and an undated note."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "herald-budget.md").write_text(
        "---\ntitle: Eskerby approves its harbour budget\ndate: 2024-03-04\nurl: https://www.herald.example/news/eskerby-budget\n---\n"
        "The Eskerby town council approved a harbour budget of 12 million euros on Monday, the mayor said. "
        "The money pays for a new breakwater and dredging of the old basin.\n",
        encoding="utf-8",
    )
    (folder / "courier-budget.md").write_text(
        "---\ntitle: Eskerby harbour budget rises\ndate: 2024-03-20\nurl: https://courier.example/eskerby-harbour\n---\n"
        "The Eskerby town council raised the harbour budget to 15 million euros on Wednesday, after the cost of steel rose. "
        "The breakwater will be finished a year later than planned.\n",
        encoding="utf-8",
    )
    ferry = " ".join(line.format(n=n + 3) for n in range(12) for line in FERRY_DAY)
    record = {"title": "A day on the Eskerby ferry", "date": "2024-02-11", "source": "Gazette", "text": ferry}
    (folder / "gazette-ferry.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "harbour-notes.txt").write_text(
        "Eskerby harbour notes\n\nAn early plan put the Eskerby harbour budget at 9 million euros.\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="session")
def news_dir(tmp_path_factory) -> Path:
    return write_news(tmp_path_factory.mktemp("news") / "corpus")


@pytest.fixture(scope="session")
def news_qa(news_dir, embedder):
    from qa.api import QA

    return QA.build(news_dir, news_dir.parent / "index")


@pytest.fixture(scope="session")
def news_server(news_qa, news_dir):
    """The chatbot over a copy of the news articles and of their index."""
    root = news_dir.parent / "ui"
    shutil.copytree(news_dir, root / "corpus")
    shutil.copytree(news_qa.folder, root / "index")
    demo, server = _serve(root / "corpus", root / "index")
    yield server
    demo.close()


@pytest.fixture
def realtimeqa_dir(tmp_path) -> Path:
    """A tiny RealTimeQA-format set: ``corpus.jsonl.gz`` (four articles) and ``questions_dev.jsonl`` beside it."""
    folder = tmp_path / "realtimeqa"
    folder.mkdir()
    articles = [
        {"id": "rtqa-00000", "url": "https://example.com/a", "title": "Hong Kong tops the ranking", "date": "2022/06/10",
         "text": "Hong Kong is the world's most expensive city, a ranking of living costs found this week."},
        {"id": "rtqa-00001", "url": "https://example.com/b", "title": "Golf", "date": None,
         "text": "Minjee Lee won the US Women's Open golf championship by four strokes."},
        {"id": "rtqa-00002", "url": "https://example.com/c", "title": "Weather", "date": "2022/06/11",
         "text": "Rain is expected over the weekend in most of the country."},
        {"id": "rtqa-00003", "url": "https://example.com/d", "title": "Markets", "date": "2022/06/12",
         "text": "Stocks fell sharply on Friday as inflation worries returned."},
    ]
    with gzip.open(folder / "corpus.jsonl.gz", "wt", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
    questions = [
        {"id": "20220610_0", "date": "2022/06/10", "source": "CNN", "question": "Which is the world’s most expensive city?",
         "answers": ["Hong Kong"], "docs_with_answer": ["rtqa-00000"]},
        {"id": "20220610_2", "date": "2022/06/10", "source": "CNN", "question": "Which golfer won the US Women’s Open?",
         "answers": ["Minjee Lee"], "docs_with_answer": ["rtqa-00001"]},
    ]
    (folder / "questions_dev.jsonl").write_text("\n".join(json.dumps(q) for q in questions) + "\n", encoding="utf-8")
    return folder
