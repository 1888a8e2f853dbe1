"""The chatbot's HTTP API through gradio_client, against a real server over the seeds (see ``ui_server``)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from gradio_client import Client  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

from ui.app import add_files  # noqa: E402
from ui.upload import UploadError  # noqa: E402

pytestmark = pytest.mark.slow

AUKUS = "How much was the AUKUS submarine deal worth?"


@pytest.fixture(scope="module")
def client(ui_server) -> Client:
    return Client(ui_server.url, verbose=False)


def assert_exact(client: Client, citations: list[dict]) -> None:
    """Every citation quotes its document exactly: document.text[start:end] == quote."""
    texts: dict[str, str] = {}
    for c in citations:
        if c["doc_id"] not in texts:
            texts[c["doc_id"]] = client.predict(c["doc_id"], api_name="/document")["text"]
        assert texts[c["doc_id"]][c["start"]:c["end"]] == c["quote"]


def test_only_the_three_documented_endpoints_are_public(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert set(api["named_endpoints"]) == {"/ask", "/document", "/status"}
    assert not api["unnamed_endpoints"]
    params = [p["parameter_name"] for p in api["named_endpoints"]["/ask"]["parameters"]]
    assert params == ["question", "history", "as_of", "since", "until", "sources"]


def test_ask_returns_the_structured_answer_with_exact_offsets(client):
    answer = client.predict(AUKUS, [], api_name="/ask")
    assert answer["answered"] is True
    assert "$40 billion" in answer["text"]
    assert answer["span"]["quote"] == answer["text"]
    assert 0 < answer["confidence"] <= 1
    first = answer["citations"][0]
    assert first["doc_id"] == "000_3a9375036b298c0f.txt"
    assert first["title"] == "Vladimir Putin and Xi Jinping Stake Out a New World Order"
    assert first["start"] <= answer["span"]["start"] <= answer["span"]["end"] <= first["end"]
    assert_exact(client, [answer["span"], *answer["citations"]])


def test_as_of_is_checked_and_used(client):
    answer = client.predict(AUKUS, [], "2023-03-24", api_name="/ask")
    assert answer["answered"] is True and "$40 billion" in answer["text"]
    with pytest.raises(AppError, match="2024-03-22"):
        client.predict(AUKUS, [], "next Tuesday", api_name="/ask")


BUDGET = "How much is the Eskerby harbour budget?"


def test_filters_by_date_and_source_are_checked_and_used(news_server):
    client = Client(news_server.url, verbose=False)
    answer = client.predict(BUDGET, [], None, "2024-03-10", None, None, api_name="/ask")
    assert answer["text"] == "15 million euros" and answer["span"]["doc_id"] == "courier-budget.md"
    answer = client.predict(BUDGET, [], None, None, "2024-03-10", ["HERALD.example"], api_name="/ask")
    assert answer["text"] == "12 million euros" and answer["span"]["doc_id"] == "herald-budget.md"
    assert_exact(client, [answer["span"], *answer["citations"]])
    refusal = client.predict(BUDGET, [], None, "2030-01-01", api_name="/ask")
    assert refusal["answered"] is False and refusal["reason"].startswith("no article matches the filter (dated 2030-01-01 or later)")
    for args, message in (((None, "2024-03-20", "2024-03-01", None), "after until"), ((None, None, None, []), "sources is empty"), ((None, None, "soon", None), "until must look like")):
        with pytest.raises(AppError, match=message):
            client.predict(BUDGET, [], *args, api_name="/ask")
    # the answers remembered by the server are remembered with their filters
    assert news_server.holder.ask(BUDGET, [], sources=["courier.example"]).text == "15 million euros"
    assert news_server.holder.ask(BUDGET, [], sources=["herald.example"]).text == "12 million euros"


def test_history_makes_follow_ups_work(client):
    history = [{"question": "Who is South Korea's president?", "answer": "Yoon Suk-yeol"}]
    answer = client.predict("When did he meet Kishida?", history, api_name="/ask")
    assert answer["answered"] is True
    assert "March 16" in answer["text"]
    assert "Yoon" in answer["query"]
    assert_exact(client, answer["citations"])


def test_a_question_the_articles_cannot_answer_is_refused_with_the_closest_passages(client):
    answer = client.predict("What is the GDP of Brazil?", None, api_name="/ask")
    assert answer["answered"] is False
    assert answer["text"] is None and answer["span"] is None and answer["citations"] == []
    assert answer["reason"]
    assert answer["closest"]
    assert_exact(client, answer["closest"])


@pytest.mark.parametrize(
    ("question", "history", "message"),
    [
        ("", [], "empty"),
        ("   ", None, "empty"),
        ("x" * 600, [], "limit"),
        ("When?", [{"nope": 1}], "history"),
        ("When?", "not a list", "history"),
    ],
)
def test_unusable_questions_are_errors_that_say_why(client, question, history, message):
    with pytest.raises(AppError, match=message):
        client.predict(question, history, api_name="/ask")


def test_status_and_documents(client, ui_server):
    status = client.predict(api_name="/status")
    assert status["documents"] == ui_server.holder.qa.status().documents >= 3
    assert status["passages"] > 0 and "MiniLM" in status["embedder"]
    with pytest.raises(AppError, match="no document"):
        client.predict("../../etc/passwd", api_name="/document")


def test_the_api_returns_article_text_raw_for_the_caller_to_escape(client):
    doc = client.predict("marrowby-festival.md", api_name="/document")
    assert "<script>" in doc["text"]
    assert doc["title"].startswith("<img")
    assert doc["date"] == "2023-04-02"


def test_parallel_clients_all_get_answers(ui_server):
    questions = [AUKUS, "What did North Korea stage last weekend?", "What is the GDP of Brazil?", "How many visitors did the Marrowby lantern festival draw?"] * 2

    def ask(question: str) -> dict:
        return Client(ui_server.url, verbose=False).predict(question, [], api_name="/ask")

    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        answers = list(pool.map(ask, questions))
    assert [a["question"] for a in answers] == questions
    assert answers[0] == answers[len(questions) // 2]  # the same question, the same answer


def test_a_refused_upload_changes_nothing(ui_server, tmp_path):
    before = sorted(p.name for p in ui_server.corpus.iterdir())
    status = ui_server.holder.qa.status()
    good = tmp_path / "fine.txt"
    good.write_text("A fine article\n\nIt says something about the harbour and the weather on Friday.\n")
    bad = tmp_path / "payload.sh"
    bad.write_text("rm -rf /")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    for files, reason in (([good, bad], "only"), ([empty], "empty"), ([tmp_path / "..%2F..%2Fescape.exe"], "only"), ([], "choose")):
        with pytest.raises(UploadError, match=reason):
            add_files(ui_server.holder, files)
    assert sorted(p.name for p in ui_server.corpus.iterdir()) == before
    assert ui_server.holder.qa.status().documents == status.documents


def test_repeated_questions_are_answered_from_the_cache_of_the_current_index(ui_server):
    from qa.types import Turn

    holder = ui_server.holder
    question = "What did North Korea stage last weekend?"
    first = holder.ask(question, [])
    assert holder.ask(f"  {question} ", []) is first
    follow_up = holder.ask(question, [Turn(question="Who?", answer="Kim")])
    assert follow_up is not first  # another conversation, another key
    holder._answers.clear()
    assert holder.ask(question, []) == first  # recomputed, the same
