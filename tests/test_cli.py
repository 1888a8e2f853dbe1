"""The `qa` command line, run in-process: build, status, ask, search, eval, and its errors."""

import json

import pytest
from typer.testing import CliRunner

from index.files import WriterLock
from qa.cli import app
from conftest import ARTICLES, SEEDS, SHARED_EVAL, first_update

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli") / "idx"
    result = runner.invoke(app, ["index", "build", str(SEEDS), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output
    return index


def test_status(built):
    result = runner.invoke(app, ["index", "status", "--index", str(built)])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output and "all-MiniLM-L6-v2" in result.output
    assert "vector search: flat (1 segment)" in result.output


def test_ask_json(built):
    result = runner.invoke(app, ["ask", "Where did Kishida and Yoon meet?", "--index", str(built), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout[result.stdout.index("{") :])
    assert answer["answered"] and "Tokyo" in answer["text"]
    assert answer["span"]["doc_id"] == "004_987bf9152aa0758f.txt"


def test_ask_refuses_off_corpus_question(built):
    result = runner.invoke(app, ["ask", "What is the population of Brazil?", "--index", str(built)])
    assert result.exit_code == 0
    assert "Not found in these articles" in result.output


def test_search(built):
    result = runner.invoke(app, ["search", "AUKUS submarine", "--index", str(built), "-k", "2", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout[result.stdout.index("[") :])
    assert len(hits) == 2 and hits[0]["passage"]["doc_id"] == "000_3a9375036b298c0f.txt"


@pytest.mark.parametrize(
    "args, message",
    [
        (["ask", "   "], "empty"),
        (["ask", "x" * 600], "limit"),
        (["index", "build", "no-such-folder"], "does not exist"),
        (["index", "status"], "not an index"),
        (["ask", "Who?"], "not an index"),
    ],
)
def test_bad_input_is_a_clear_error(built, tmp_path, args, message):
    index = built if args[0] == "ask" and args[1] != "Who?" else tmp_path / "missing"
    result = runner.invoke(app, [*args, "--index", str(index)])
    assert result.exit_code == 1
    assert message in result.output.replace("\n", " ")


@pytest.mark.parametrize("extractor", ["reader", "heuristic"])
def test_seeds_dev_passes_in_full_through_eval(tmp_path, extractor):
    questions = SHARED_EVAL / "seeds_dev.jsonl"
    if not questions.exists():
        pytest.skip("the shared evaluation data is not beside this checkout")
    result = runner.invoke(
        app, ["eval", str(questions), "--corpus", str(SEEDS), "--index", str(tmp_path / "idx"), "--strict", "--extractor", extractor]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.unit
def test_eval_refuses_an_unknown_extractor(tmp_path):
    result = runner.invoke(app, ["eval", str(SEEDS / "000_3a9375036b298c0f.txt"), "--extractor", "bert", "--index", str(tmp_path / "idx")])
    assert result.exit_code == 1
    assert "--extractor must be one of reader, heuristic" in result.output.replace("\n", " ")


@pytest.mark.unit
def test_eval_refuses_both_cases_at_once(tmp_path):
    result = runner.invoke(app, ["eval", str(SEEDS / "000_3a9375036b298c0f.txt"), "--lower-case", "--upper-case", "--index", str(tmp_path / "idx")])
    assert result.exit_code == 1
    assert "--lower-case and --upper-case cannot be combined" in result.output.replace("\n", " ")


def test_eval_indexed_only_asks_what_a_partial_index_can_answer(tmp_path):
    questions = SHARED_EVAL / "seeds_dev.jsonl"
    if not questions.exists():
        pytest.skip("the shared evaluation data is not beside this checkout")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "004_987bf9152aa0758f.txt").write_text((SEEDS / "004_987bf9152aa0758f.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = tmp_path / "report.json"
    args = ["eval", str(questions), "--corpus", str(corpus), "--index", str(tmp_path / "idx"), "--retrieval-only", "--indexed-only", "--report", str(report)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = {r["id"] for r in rows if r["doc"] in (None, "004_987bf9152aa0758f.txt")}
    asked = {r["id"] for r in json.loads(report.read_text(encoding="utf-8"))["results"]}
    assert asked == expected and len(asked) < len(rows)
    assert json.loads(report.read_text(encoding="utf-8"))["settings"]["indexed_only"] is True


@pytest.mark.unit
def test_cli_check_status_and_locked_update(article_folders, fake_embedder):
    corpus, index = article_folders
    (corpus / "copy-of-mars.txt").write_text(ARTICLES["mars.txt"], encoding="utf-8")
    first_update(corpus, index, fake_embedder)
    result = runner.invoke(app, ["index", "check", "--index", str(index)])
    assert result.exit_code == 0 and "ok: 3 documents" in result.output, result.output
    result = runner.invoke(app, ["index", "status", "--index", str(index)])
    assert "duplicates indexed once" in result.output
    assert "mars.txt = copy-of-mars.txt" in result.output, "the first name in folder order is the one indexed"
    with WriterLock(index):
        result = runner.invoke(app, ["index", "update", str(corpus), "--index", str(index)])
    assert result.exit_code == 1 and "being updated by process" in " ".join(result.output.split())
    segment = next((index / "segments").iterdir())
    with open(segment / "documents.jsonl", "a", encoding="utf-8") as f:
        f.write("\n")
    result = runner.invoke(app, ["index", "check", "--index", str(index)])
    assert result.exit_code == 1 and "problem" in result.output
