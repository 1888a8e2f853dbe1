"""The Python API on the seed articles, with the real model: answers, citations, refusals, bad input."""

from pathlib import Path

import pytest

from index.errors import CorpusError, IndexFormatError, QuestionError
from index.update import build_index
from qa import QA, Answer
from qa.answer_types import agreement, expected_type, span_types
from qa.api import NOTHING_ASKED
from qa.extract import NO_REASON

from conftest import CHUNKING, EAST_ASIA, LUNAR, PUTIN_XI, read_corpus

# (question in our own words, a string the answer must contain, the seed it must cite)
ANSWERABLE = [
    ("Who did Kishida meet in Tokyo on March 16?", "Yoon Suk-yeol", EAST_ASIA),
    ("Who accused NATO of expanding toward the Asia-Pacific?", "Putin", PUTIN_XI),
    ("Who is Japan's prime minister?", "Kishida", EAST_ASIA),
    ("When did Kishida visit Bucha?", "March 21", EAST_ASIA),
    ("When did North Korea fire cruise missiles toward Japan?", "March 22", EAST_ASIA),
    ("Where will the G7 summit be held in May?", "Hiroshima", EAST_ASIA),
    ("How much was the AUKUS submarine deal worth?", "$40 billion", PUTIN_XI),
    ("Which newspaper run by the Chinese Communist Party carried Putin's article?", "People’s Daily", PUTIN_XI),
    ("Which court accused Putin?", "International Criminal Court", EAST_ASIA),
    ("In what year was shuttle diplomacy between the two countries discontinued?", "2011", EAST_ASIA),
    # paraphrases sharing few words with the article
    ("How big was the submarine agreement with Britain and Australia?", "$40 billion", PUTIN_XI),
    ("What did the Chinese and Russian leaders agree must end?", "world order", PUTIN_XI),  # the reader leaves out "U.S.-led"
]

UNANSWERABLE = [
    "What is the population of Brazil?",
    "Who won the football World Cup in 2018?",
    "How much does a litre of milk cost in Paris?",
]


@pytest.mark.parametrize("question, expected, source", ANSWERABLE)
def test_answers_and_cites_the_right_seed(seeds_qa, question, expected, source):
    answer = seeds_qa.ask(question)
    assert answer.answered, answer.reason
    assert expected.lower() in answer.text.lower()
    assert answer.span.doc_id == source and answer.citations[0].doc_id == source
    assert answer.citations[0].source == source
    assert 0 < answer.confidence <= 1
    for citation in [answer.span, *answer.citations]:
        assert seeds_qa.document(citation.doc_id).text[citation.start : citation.end] == citation.quote
    sentence = answer.citations[0]
    # the sentence holds the span, or the word of a name the article gives in full elsewhere ("Putin")
    assert (sentence.start <= answer.span.start and answer.span.end <= sentence.end) or answer.text.split()[-1] in sentence.quote


# near misses: an answerable question with one constraint swapped for one the seeds never mention
NEAR_MISSES = [
    ("When did Macron visit Bucha?", "Macron"),
    ("Where will the G7 summit be held in May 2030?", "2030"),
    ("Who did Kishida meet in Berlin on March 16?", "Berlin"),
    ("Who painted the Mona Lisa?", "does not mention Mona Lisa"),  # the name as the question words it, not "Mona"
]


@pytest.mark.parametrize("question, constraint", NEAR_MISSES)
def test_refuses_a_near_miss_and_says_which_constraint_failed(seeds_qa, question, constraint):
    answer = seeds_qa.ask(question)
    assert not answer.answered, answer.text
    assert constraint in answer.reason


def test_a_question_typed_in_lower_case_is_checked_for_the_names_it_gives(seeds_qa):
    answer = seeds_qa.ask("who did kishida meet in tokyo on march 16")
    assert answer.answered and "Yoon Suk-yeol" in answer.text
    assert answer.query == "who did Kishida meet in Tokyo on March 16"  # as understood: the articles' names
    near_miss = seeds_qa.ask("who did kishida meet in berlin on march 16")
    assert not near_miss.answered and "Berlin" in near_miss.reason


def test_a_question_typed_in_capitals_is_read_as_typed_in_lower_case(seeds_qa):
    answer = seeds_qa.ask("WHO DID KISHIDA MEET IN TOKYO ON MARCH 16?")
    assert answer.answered and "Yoon Suk-yeol" in answer.text, answer
    assert answer.question == "WHO DID KISHIDA MEET IN TOKYO ON MARCH 16?"  # as the user typed it
    assert answer.query == "who did Kishida meet in Tokyo on March 16?"  # as understood
    near_miss = seeds_qa.ask("WHO DID KISHIDA MEET IN BERLIN ON MARCH 16?")
    assert not near_miss.answered and "Berlin" in near_miss.reason


def test_a_lower_case_name_the_passages_lack_is_looked_up_in_the_index(seeds_qa):
    from qa.api import _texts_of_words

    index = seeds_qa.index
    east_asia = next(d for d in index.documents.values() if "Kishida" in d.text)
    assert east_asia.id in _texts_of_words("who did kishida meet", {}, index)  # the article that writes "Kishida"
    held = {east_asia.id: east_asia.text}
    assert _texts_of_words("who did kishida meet", held, index) == held  # the passages hold it: nothing more


def test_never_answers_with_a_span_of_another_kind(seeds_qa):
    for question in ("How old is Kishida?", "Who paid $40 billion?", "When did Putin and Xi meet?"):
        answer = seeds_qa.ask(question)
        if answer.answered:  # a refusal is fine; an answer must be of the asked kind
            kind = expected_type(question)
            assert agreement(kind, span_types(answer.text), answer.text) >= 0, (question, answer.text)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_refuses_what_the_seeds_do_not_say(seeds_qa, question):
    answer = seeds_qa.ask(question)
    assert not answer.answered and answer.text is None and answer.span is None
    assert answer.reason
    assert answer.closest, "a refusal offers the closest passages"
    for c in answer.closest:
        assert seeds_qa.document(c.doc_id).text[c.start : c.end] == c.quote


def test_follow_up_question_uses_the_conversation(seeds_qa):
    first = seeds_qa.ask("Who is the president of South Korea?")
    assert first.answered and "Yoon" in first.text
    follow = seeds_qa.ask("When did he meet Kishida?", history=[{"question": first.question, "answer": first.text}])
    assert follow.answered and "March 16" in follow.text
    assert "Yoon" in follow.query


def test_a_follow_up_is_not_answered_by_the_answer_it_follows(seeds_qa):
    question = "Where did Kishida and Yoon meet?"
    hits = seeds_qa.search(question, k=60)
    assert seeds_qa.answer_from_hits(question, hits).text == "Tokyo"
    again = seeds_qa.answer_from_hits(question, hits, said="Tokyo")
    assert again.text != "Tokyo" and "Tokyo" not in (again.text or "")


@pytest.mark.parametrize("question", ["Who?", "When?", "How many?", "the", "?"])
def test_a_question_that_names_nothing_is_refused_and_told_why(seeds_qa, question):
    answer = seeds_qa.ask(question)
    assert not answer.answered and answer.text is None
    assert answer.reason == NOTHING_ASKED


def test_a_bare_question_word_in_a_conversation_asks_about_its_last_turn(seeds_qa):
    first = seeds_qa.ask("Where did Kishida and Yoon meet?")
    follow = seeds_qa.ask("When?", history=[{"question": first.question, "answer": first.text}])
    assert follow.reason != NOTHING_ASKED and "Kishida" in follow.query


@pytest.mark.parametrize(
    "question, message",
    [("", "empty"), ("   \n\t ", "empty"), ("why " * 200, "limit"), (None, "must be text")],
)
def test_bad_questions_are_refused_clearly(seeds_qa, question, message):
    with pytest.raises(QuestionError, match=message):
        seeds_qa.ask(question)


def test_no_seed_furniture_in_any_indexed_passage(seeds_qa):
    from test_clean import SEED_FURNITURE

    passages = list(seeds_qa.index.passages())
    assert passages
    for passage in passages:
        for furniture in SEED_FURNITURE:
            assert furniture not in passage.text


def test_answer_round_trips_as_json(seeds_qa):
    answer = seeds_qa.ask("Where did Kishida and Yoon meet?")
    assert Answer.model_validate_json(answer.model_dump_json()) == answer


def test_reopened_index_gives_the_same_answers(seeds_index_dir, seeds_qa):
    again = QA.open(seeds_index_dir)
    for question, _, _ in ANSWERABLE[:4]:
        assert again.ask(question) == seeds_qa.ask(question)


def test_from_folder_builds_then_reuses_then_rebuilds_on_change(tmp_path, corpus):
    index = tmp_path / "idx"
    qa = QA.from_folder(corpus, index)
    built = (index / "manifest.json").stat().st_mtime_ns
    assert qa.status().documents == 2
    QA.from_folder(corpus, index)
    assert (index / "manifest.json").stat().st_mtime_ns == built, "an up-to-date index is reused"
    (corpus / "new.txt").write_text("Lunar base\n\nThe lunar base opened on Tuesday near the south pole.\n", encoding="utf-8")
    qa = QA.from_folder(corpus, index)
    assert qa.status().documents == 3
    assert qa.ask("When did the lunar base open?").text == "Tuesday"


@pytest.mark.unit
def test_bad_corpus_and_index_folders(tmp_path):
    with pytest.raises(CorpusError, match="does not exist|not found|missing"):
        QA.build(tmp_path / "nowhere", tmp_path / "idx")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError):
        QA.build(tmp_path / "empty", tmp_path / "idx")
    assert not (tmp_path / "idx").exists(), "a failed build leaves nothing behind"
    (tmp_path / "notindex").mkdir()
    (tmp_path / "notindex" / "x.txt").write_text("hello")
    with pytest.raises(IndexFormatError, match="not an index"):
        QA.open(tmp_path / "notindex")


def test_skipping_sentences_that_cannot_win_changes_no_answer(seeds_index_dir, monkeypatch):
    """The heuristic extractor embeds only candidates that could still reach the top: the answers equal embedding them all."""
    import qa.extract

    seeds_qa = QA.open(seeds_index_dir)
    seeds_qa.use_extractor("heuristic")

    questions = [
        "What did the Chinese and Russian leaders agree must end?",
        "How much was the AUKUS submarine deal worth?",
        "Where did Kishida and Yoon meet?",
        "Who is South Korea's president?",
        "What is the GDP of Brazil?",
    ]

    requested = []
    embed_sentences = qa.extract._sentence_vectors
    monkeypatch.setattr(qa.extract, "_sentence_vectors", lambda e, cs: requested.append(len(cs)) or embed_sentences(e, cs))

    def answers():
        requested.clear()
        found = [(a.text, a.answered, round(a.confidence, 6), [(c.doc_id, c.start, c.end) for c in a.citations]) for a in map(seeds_qa.ask, questions)]
        return found, sum(requested)

    pruned, fewer = answers()
    monkeypatch.setattr(qa.extract, "FIRST_ROUND", 10_000)
    every, all_candidates = answers()
    assert every == pruned
    assert fewer < all_candidates


def _councils(corpus: Path) -> Path:
    """A hundred council budget articles beside the seeds: enough for a word's absence to mean something."""
    towns = ["Ashford", "Bexley", "Croydon", "Dartford", "Epsom", "Fareham", "Gosport", "Harlow", "Ilford", "Jarrow"]
    for i in range(100):
        town = towns[i % len(towns)]
        (corpus / f"council-{i:03d}.txt").write_text(
            f"{town} council approves budget {i}\n\nThe council of {town} approved a budget of £{i + 2} million on Monday, "
            f"its leader said. The money pays for roads, schools and {i % 7 + 2} new libraries.\n",
            encoding="utf-8",
        )
    return corpus


def test_refuses_a_question_about_what_no_article_mentions(tmp_path, corpus):
    """Past a hundred articles, a word no article uses means the question is about something else."""
    qa = QA.from_folder(_councils(corpus), tmp_path / "index")
    assert "octopus" in qa.index.lexical.unknown_words("How many hearts does an octopus have?")
    answer = qa.ask("How many hearts does an octopus have?")
    assert not answer.answered and "no article mentions “hearts”" in answer.reason
    assert "no article mentions “Renault”" in qa.ask("How big is Renault's budget?").reason  # the name, not its possessive
    assert qa.ask("Who is Japan's prime minister?").answered  # a question the articles answer keeps its answer


def test_a_polite_lead_in_asks_the_question_it_leads_to(seeds_qa):
    plain = seeds_qa.ask("Where did Kishida and Yoon meet?")
    polite = seeds_qa.ask("Could you tell me where did Kishida and Yoon meet, please?")
    assert polite.query == "Where did Kishida and Yoon meet?"
    assert (polite.text, polite.confidence, polite.citations) == (plain.text, plain.confidence, plain.citations)
    assert seeds_qa.as_understood("Can you tell me who runs Gazprom?") == "Who is the chief executive of Gazprom?"  # as news words it


def test_reads_a_mistyped_word_as_the_word_the_articles_use(tmp_path, corpus):
    qa = QA.from_folder(_councils(corpus), tmp_path / "index")
    answer = qa.ask("What did the council of Ilford aprove on Monday?")
    assert answer.query == "What did the council of Ilford approve on Monday?"  # shown as "Understood as"
    assert answer.answered and answer.citations[0].doc_id.startswith("council-")
    assert qa.as_understood("how many new libaries did the council of ashford pay for") == "how many new libraries did the council of ashford pay for"
    assert qa.as_understood("Aproved by whom?") == "Approved by whom?"
    assert qa.as_understood("Did Jarow approve it?") == "Did Jarrow approve it?"  # the one town one edit away
    for as_typed in ("How many hearts does an octopus have?", "Did Yorkshire approve it?", "Who is Yoon?"):
        assert qa.as_understood(as_typed) == as_typed  # a word English knows, a name no article writes, a short word


def test_from_folder_repairs_a_damaged_segment_without_a_rebuild(tmp_path, corpus, caplog):
    index = tmp_path / "idx"
    QA.from_folder(corpus, index)
    (corpus / "new.txt").write_text("Lunar base\n\nThe lunar base opened on Tuesday near the south pole.\n", encoding="utf-8")
    QA.from_folder(corpus, index)
    segments = sorted(p.name for p in (index / "segments").iterdir())
    assert len(segments) == 2
    newest = max((index / "segments").iterdir(), key=lambda p: p.stat().st_mtime_ns) / "documents.jsonl"
    newest.write_text(newest.read_text(encoding="utf-8").replace("Tuesday", "Friday"), encoding="utf-8")
    with caplog.at_level("WARNING", logger="qa.api"):
        qa = QA.from_folder(corpus, index)
    assert "repaired 1 damaged segment" in caplog.text
    assert set(segments) - {newest.parent.name} <= {p.name for p in (index / "segments").iterdir()}  # the sound segment is kept
    assert qa.ask("When did the lunar base open?").text == "Tuesday"


@pytest.mark.unit
def test_in_memory_qa_updates_too(article_folders, fake_embedder):
    corpus, _ = article_folders
    qa = QA(build_index(read_corpus(corpus).documents, fake_embedder, CHUNKING), fake_embedder)
    (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
    report = qa.update_from_folder(corpus)
    assert report.added == ["lunar.txt"]
    assert qa.search("zanzibarite lunar base", 3)[0].passage.doc_id == "lunar.txt"
    qa.remove_documents(["lunar.txt"])
    assert all(h.passage.doc_id != "lunar.txt" for h in qa.search("zanzibarite lunar base", 10))


@pytest.mark.slow
def _one_article_qa(tmp_path, text: str) -> QA:
    """A QA over a corpus folder holding one article, ``text``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(text, encoding="utf-8")
    return QA.from_folder(corpus, tmp_path / "index")


def test_a_surname_answer_is_given_as_the_article_names_the_person_in_full(tmp_path):
    """News names someone in full once and by surname after: the answer is the full name, quoted where
    the article gives it, and the sentence cited is the one that answers."""
    text = (
        "Gymnastics championships end in Texas\n\n"
        "The US gymnast Simone Biles arrived in Fort Worth on Thursday with her coach and a small team. "
        "Fans queued for hours outside the arena, and tickets for the final day sold out within a week.\n\n"
        "The weather in Texas stayed hot all weekend, and organisers handed out water to the crowds waiting outside. "
        "Local hotels said they had been full since the start of the month.\n\n"
        "On Sunday Biles won a record ninth all-around national title, ahead of two younger rivals."
    )
    qa = _one_article_qa(tmp_path, text)
    answer = qa.ask("Which gymnast won a record ninth all-around national title?")
    assert answer.answered, answer.reason
    assert answer.text == "Simone Biles"
    document = qa.document(answer.span.doc_id)
    assert (answer.span.start, answer.span.end) == (document.text.index("Simone Biles"), document.text.index("Simone Biles") + 12)
    assert "ninth all-around national title" in answer.citations[0].quote
    assert document.text[answer.citations[0].start : answer.citations[0].end] == answer.citations[0].quote


_ANCRAM = (
    "Straw attacked on China arms\n\n"
    "Plans to lift the EU ban on arms sales to China have been criticised by the opposition. "
    "Conservative shadow foreign secretary Michael Ancram said the move would be \"profoundly wrong\". "
    "The decision could undermine Nato as it severely damaged relations with the US, which is opposed to ending the ban."
)
_BARBER = (
    "Unions attack sick pay plans\n\n"
    "Union leaders have criticised plans to discipline staff who refuse to work in unsafe conditions. "
    "General secretary Brendan Barber said: \"It shouldn't be a firing offence to object to unsafe work.\" "
    "Ministers said the plans would be published in the spring after talks with employers."
)


@pytest.mark.parametrize(
    ("text", "asked", "held", "name"),
    [(_ANCRAM, "foreign secretary", "shadow foreign secretary", "Michael Ancram"), (_BARBER, "health secretary", "general secretary", "Brendan Barber")],
)
def test_a_person_holding_another_role_than_the_asked_one_is_refused_and_the_refusal_says_so(tmp_path, text, asked, held, name):
    """"Who is the foreign secretary?" is not answered by the shadow foreign secretary, "Who is the health
    secretary?" by a union's general secretary; asked for the role they hold, they are the answer."""
    qa = _one_article_qa(tmp_path, text)
    refused = qa.ask(f"Who is the {asked}?")
    assert not refused.answered, refused.text
    assert f"“{name}”, is given for {held}, not {asked}" in refused.reason
    answer = qa.ask(f"Who is the {held}?")
    assert answer.answered and answer.text == name, answer.reason


_BRIDGE = (
    "Riverton bridge shut\n\n"
    "The Riverton bridge was closed on Monday because engineers found cracks in two of its steel cables. "
    "Drivers face a detour of 12 miles while repairs go on, the council said."
)


def test_a_why_question_is_answered_by_the_reason_clause_and_its_sentence_is_cited(tmp_path):
    """Sentence scoring finds the sentence that gives the reason; the reader narrows it to the reason."""
    qa = _one_article_qa(tmp_path, _BRIDGE)
    answer = qa.ask("Why was the Riverton bridge closed?")
    assert answer.answered, answer.reason
    sentence = answer.citations[0]
    assert "cracks" in answer.text and len(answer.text) < len(sentence.quote)
    assert sentence.start <= answer.span.start and answer.span.end <= sentence.end
    assert qa.document(answer.span.doc_id).text[answer.span.start : answer.span.end] == answer.text


def test_a_reason_no_causal_word_introduces_is_not_cut_short(seeds_qa):
    """The reader's span of "..., and he was the only G7 leader yet to visit Ukraine" stops before
    the question's own words; without "because" to mark where the reason starts, the sentence stays whole."""
    answer = seeds_qa.ask("Why did Kishida have to go to Ukraine?")
    assert answer.answered and "he was the only G7 leader yet to visit Ukraine" in answer.text, answer.text


_NEW_MANAGER = (
    "Scotland name squad\n\n"
    "The new Scotland manager has chosen a training camp instead of a friendly for his first week in charge since replacing Berti Vogts. "
    "It is the sort of move you would expect from Walter Smith, who is a canny manager. "
    "The squad meets in Glasgow on Monday."
)


_SEVERANCE = (
    "Rush's future at Chester in doubt\n\n"
    "Ian Rush's future as Chester manager is uncertain after he and his assistant refused a severance package. "
    "The club's chairman said the board would meet on Friday."
)


_ARSON = (
    "Arson campaign theory\n\n"
    "Plaid Cymru MP Elfyn Llwyd believes the security services were behind some of the arson attacks on holiday cottages, "
    "because they wanted to discredit the nationalist movement.\n\n"
    "More than 200 properties were damaged in the campaign between 1979 and the early 1990s, most of them in north and west Wales. "
    "Only one man was ever convicted over the fires, and police investigations ran for more than a decade without a breakthrough. "
    "Many of the cottages were owned by families from England who used them for summer holidays.\n\n"
    "The theory has been questioned by the party's former president, Dafydd Wigley."
)


@pytest.mark.parametrize(
    "article, question, refused_because",
    [
        # a reason one person gives is not another's, though the article names both
        (_ARSON, "Why does Elfyn Llwyd believe the security services were behind the arson attacks?", None),
        (_ARSON, "Why does Dafydd Wigley believe the security services were behind the arson attacks?", "the closest passage is not about Dafydd Wigley"),
        # the article tells that Vogts was replaced and goes on with the story: the next sentence is no reason
        (_NEW_MANAGER, "Why was Berti Vogts replaced as Scotland manager?", NO_REASON),
        # a resignation taken as done that the article never tells: its "after ..." is the reason of something else
        (_SEVERANCE, "Why did Ian Rush resign as manager of Chester?", "the question asks about a resignation"),
        (_SEVERANCE, "Why is Ian Rush's future as Chester manager uncertain?", None),
        (_NEW_MANAGER, "Why was Berti Vogts arrested?", "the question asks about an arrest"),  # the check that refuses it is named
    ],
)
def test_a_why_question_is_answered_only_with_a_reason_for_what_it_asks(tmp_path, article, question, refused_because):
    answer = _one_article_qa(tmp_path, article).ask(question)
    assert answer.answered is (refused_because is None), answer
    assert refused_because is None or answer.reason.startswith(refused_because) and answer.confidence < 0.1, answer


_COCOA = (
    "Nigeria to boost cocoa production\n\n"
    "The government of Nigeria is hoping to triple cocoa production over the next three years with the launch of an ambitious development programme. "
    "Nigeria is currently the world's fourth-largest cocoa producer.\n\n"
    "Cocoa was the main export product in Nigeria during the 1960s. "
    "But with the coming of oil, production began to fall from a peak of about 400,000 tonnes a year in 1970."
)


_PRICES = (
    "US producer prices rise\n\n"
    "US producer prices rose 0.3% in January, the Labor Department said. Food and energy costs pushed the index up. "
    "But Ian Shepherdson, chief US economist at High Frequency Economics, said the PPI report was \"much less alarming\" than at first glance. "
    "Other economists expect the Federal Reserve to keep raising interest rates."
)


@pytest.mark.parametrize(
    "article, question, answer, refused_because",
    [
        # the sentence that tells yes or no, whole: "the fourth-largest" is the other end of "the largest", which says no
        (_COCOA, "Is Nigeria the world's largest cocoa producer?", "Nigeria is currently the world's fourth-largest cocoa producer", None),
        (_COCOA, "Is it true that cocoa was Nigeria's main export in the 1960s?", "Cocoa was the main export product in Nigeria during the 1960s", None),
        (_COCOA, "Is Ghana the world's largest cocoa producer?", None, "the closest article does not mention Ghana"),  # another country's fact
        (_COCOA, "Was cocoa Nigeria's main export product in 1985?", None, "the closest article does not mention 1985"),  # another year's
        # what someone said about something: the sentence that says it
        (_PRICES, "What did Ian Shepherdson make of the PPI report?",
         'But Ian Shepherdson, chief US economist at High Frequency Economics, said the PPI report was "much less alarming" than at first glance', None),
        (_PRICES, "What did Alan Greenspan say about the PPI report?", None, "the closest article does not mention Alan Greenspan"),  # someone it does not quote
    ],
)
def test_a_yes_or_no_question_or_one_on_what_was_said_is_answered_by_the_sentence_that_tells_it(tmp_path, article, question, answer, refused_because):
    """Such a question is answered word for word by the whole sentence that tells it (the reader's phrase for the
    first would be "fourth"), and refused when the article speaks of another name or year."""
    got = _one_article_qa(tmp_path, article).ask(question)
    assert got.answered is (answer is not None) and got.text == answer, got
    assert refused_because is None or got.reason.startswith(refused_because) and got.confidence == 0.0, got


_CALLED_UP = (
    "Squad changes\n\n"
    "Manchester United defender Wes Brown has been added to the England squad for the friendly in Madrid. "
    "The 25-year-old was only called into the squad on Sunday night as cover for the injured Matthew Upson."
)


def test_a_sentence_about_someone_described_answers_for_the_one_named_before_it(tmp_path):
    """"The 25-year-old ..." names no one, but speaks of the defender the sentence before names."""
    qa = _one_article_qa(tmp_path, _CALLED_UP)
    answer = qa.ask("How old is Manchester United defender Wes Brown?")
    assert answer.answered and answer.text == "25", answer.reason


def test_a_figure_given_for_another_company_is_refused_by_name_whatever_its_confidence(tmp_path):
    """"How much will the merger cost May?" is not answered by the $1bn it will cost Federated; the refusal
    names the check, not a threshold the confidence passed."""
    text = (
        "Federated to buy May Department Stores\n\n"
        "US retail giant Federated Department Stores is to buy rival May Department Stores for $11bn.\n\n"
        "May has struggled to compete against larger department store groups such as Federated. "
        "Federated expects the merger to boost earnings from 2007 but the deal will cost it $1bn in one-off charges.\n"
    )
    qa = _one_article_qa(tmp_path, text)
    refused = qa.ask("How much will the merger cost May in one-off charges?")
    assert not refused.answered and refused.reason == "the closest answer, “$1bn”, is given for Federated, not May", refused.reason
    answer = qa.ask("How much will the merger cost Federated in one-off charges?")
    assert answer.answered and answer.text == "$1bn", answer.reason
    elsewhere = qa.ask("How many stores does Federated run in France?")  # the check's reason, and no chance left to the closest answer
    assert not elsewhere.answered and elsewhere.reason.endswith("does not mention France") and elsewhere.confidence == 0.0, elsewhere.reason
    low = qa.ask("How many stores does Federated run?")  # no check refuses it: the threshold does
    assert not low.answered and low.reason.endswith(f"(confidence {low.confidence:.2f}, needed {qa.extractor.threshold:.2f})"), low.reason


def _answers_exactly(tmp_path, article: str, cases: list[tuple[str, str]]) -> None:
    """Each question of ``cases`` asked of ``article`` alone is answered with exactly its expected quote."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "article.txt").write_text(article, encoding="utf-8")
    qa = QA.build(folder, tmp_path / "index")
    for question, expected in cases:
        answer = qa.ask(question)
        assert answer.answered and answer.text == expected, (question, answer)
        assert qa.document(answer.span.doc_id).text[answer.span.start : answer.span.end] == expected


def test_a_place_or_date_answer_is_given_in_the_unit_asked(tmp_path, embedder):
    _answers_exactly(
        tmp_path,
        "Snow and floods\n\n"
        "A paralyzing lake-effect snowstorm took aim at western New York this week, dumping more than five feet of snow near Buffalo. "
        "Officials in southwestern Virginia say dozens of people are unaccounted for and likely over 100 homes were damaged after heavy "
        "rains caused devastating flooding in rural Buchanan County. "
        "The administration plans to end the public health emergency on May 11, officials said.\n",
        [
            ("A ferocious lake-effect snowstorm took aim at which state this week?", "New York"),  # not "western New York"
            ("Dozens of people were unaccounted for after severe flooding in which state?", "Virginia"),
            ("In which month will the public health emergency end?", "May"),  # not "May 11"
        ],
    )


def test_a_work_and_a_lead_in_question_get_the_kind_asked(tmp_path, embedder):
    _answers_exactly(
        tmp_path,
        "Band Aid retains number one spot\n\n"
        "Do They Know It's Christmas, featuring artists including Chris Martin and Jamelia, held off Kylie Minogue to remain "
        "the week's biggest single.\n\n"
        "WASHINGTON − California Gov. Gavin Newsom said he will appoint Laphonza Butler to fill the vacant Senate seat.\n",
        [
            ("Which song held off Kylie Minogue?", "Do They Know It's Christmas"),  # the whole title, not "Christmas"
            # a lead-in with "when" asks no date; the dateline is no part of the answer
            ("Laphonza Butler made history this week when she joined the Senate. Which state does she represent?", "California"),
        ],
    )


def test_a_date_of_another_unit_than_asked_is_no_answer(tmp_path, embedder):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "trial.txt").write_text(
        "Ebbers trial\n\nThe fraud trial of the former WorldCom chief executive opened in the New York court on Wednesday, his lawyer said.\n",
        encoding="utf-8",
    )
    qa = QA.build(folder, tmp_path / "index")
    assert qa.ask("When did the fraud trial open?").text == "Wednesday"
    month = qa.ask("In which month did the fraud trial open?")  # a weekday names no month
    assert not month.answered and month.text is None
