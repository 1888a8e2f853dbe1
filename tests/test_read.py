"""qa.read: the windows the reader reads and the spans it answers with, as document offsets."""

import dataclasses

import pytest

from index.types import Document, Passage
from qa.confidence import Signals
from qa.constraints import question_constraints
from qa.read import (
    GAP_CHARS,
    Candidate,
    _DETERMINERS,
    _theirs,
    _unmet_reason,
    _family_name,
    _the_family_alone,
    _gives_asked_name,
    _name_to_check,
    _repeats_question,
    _whole_name_span,
    _describes_what_follows,
    _closed,
    _names_the_asked_one,
    _opening,
    _whole_words,
    _Window,
    _within_a_sentence,
    candidate_windows,
)
from qa.types import Hit

pytestmark = pytest.mark.unit


def test_spans_cut_inside_a_word_widen_to_the_word():
    text = "President Zelenskyy spoke."
    assert _whole_words(text, 10, 17) == (10, 19)
    assert _whole_words(text, 12, 19) == (10, 19)
    assert _whole_words(text, 10, 19) == (10, 19)
    assert _whole_words(text, len(text), len(text)) == (len(text), len(text))
    webster = "Merriam-Webster's choice, a Paris-based firm."
    assert _whole_words(webster, 0, 7) == (0, 15)  # a name joined by a hyphen, without its possessive
    paris = webster.index("Paris")
    assert _whole_words(webster, paris, paris + 5) == (paris, paris + 5)  # "Paris" of "Paris-based"


def test_the_lines_between_two_top_passages_of_an_article_are_read_too():
    paragraphs = ["Mr Ebbers denied the charges in court.", "\"We would speak three or four times,\" Mr Ebbers said.", "The trial goes on."]
    text = "\n\n".join(paragraphs)
    doc = Document(id="a.txt", title="Trial", source="a.txt", text=text, content_hash="0")
    first, last = (text.index(p) for p in (paragraphs[0], paragraphs[2]))

    def hit(start: int, end: int, score: float) -> Hit:
        return Hit(passage=Passage(doc_id=doc.id, start=start, end=end, text=text[start:end]), document=doc, score=score)

    hits = [hit(first, first + len(paragraphs[0]), 0.9), hit(last, len(text), 0.8)]
    read = [text[w.start : w.end] for w in candidate_windows(hits)]
    assert read == [paragraphs[0], paragraphs[2], paragraphs[1]], "the hits' windows first, then the lines between"
    far = text[: first + len(paragraphs[0])] + " " * GAP_CHARS + text[first + len(paragraphs[0]) :]
    doc = doc.model_copy(update={"text": far})
    shift = GAP_CHARS
    hits = [hit(first, first + len(paragraphs[0]), 0.9), Hit(passage=Passage(doc_id=doc.id, start=last + shift, end=len(far), text=far[last + shift :]), document=doc, score=0.8)]
    assert [far[w.start : w.end] for w in candidate_windows(hits)] == [paragraphs[0], paragraphs[2]], "a long stretch between is not read"


def test_an_answer_does_not_run_on_into_the_next_sentence():
    text = "Its wing made £347m, an 82% jump. Profits at Barclaycard rose by 5% to £801m."
    window = _Window(Document(id="d", title="Barclays", source="d", content_hash="0", text=text), 0, len(text), 0, [(0, 33), (34, len(text))])
    assert _within_a_sentence(window, text.index("82%"), text.index("£801m") + 5) is False
    assert _within_a_sentence(window, text.index("£801m"), text.index("£801m") + 5) is True


def test_a_name_answer_is_the_whole_name():
    text = "Valencia lost 2-1 to Racing Santander last week. Santander players celebrated."
    at = text.index("Santander")
    assert text[slice(*_whole_name_span(text, 0, at, at + len("Santander")))] == "Racing Santander"
    later = text.index("Santander players")
    sentence = text.index("Santander players")
    assert _whole_name_span(text, sentence, later, later + len("Santander")) == (later, later + len("Santander"))  # nothing before the sentence
    titled = "Kishida met South Korean President Yoon in Tokyo."
    yoon = titled.index("Yoon")
    assert _whole_name_span(titled, 0, yoon, yoon + 4) == (yoon, yoon + 4)  # a title or a nationality is no part of the name
    particle = "The leader was Omar al-Bashir. His party won."
    bashir = particle.index("al-Bashir")
    assert particle[slice(*_whole_name_span(particle, 0, bashir, bashir + 9))] == "Omar al-Bashir"
    expelled = "Rep. George Santos was expelled from Congress Friday after a report."
    congress = expelled.index("Congress")
    assert _whole_name_span(expelled, 0, congress, congress + 8) == (congress, congress + 8)  # a weekday is no part of a name
    pope = "The Polish pope John Paul II visited Warsaw."
    john = pope.index("John")
    assert pope[slice(*_whole_name_span(pope, 0, john, john + 9))] == "John Paul II"  # a Roman numeral is


def test_a_name_the_question_gives_is_no_answer_even_spelled_out():
    asked = {"ukip", "robben"}
    assert _gives_asked_name(asked, "UK Independence Party")  # "Who has UKIP picked?"
    assert _gives_asked_name(asked, "Arjen Robben")
    assert not _gives_asked_name(asked, "British National Party")
    assert not _gives_asked_name({"u"}, "Unilever")  # one letter is no acronym
    assert not _gives_asked_name({"america"}, "BBC America")  # a longer name a country's is part of: "which channel showed it in America?"
    assert _gives_asked_name({"america"}, "America")
    csa = "The outgoing head of the troubled Child Support Agency Doug Smith also earns an honour."
    asked = {"child", "support", "agency"}
    assert _name_to_check(asked, csa, csa.index("Doug"), csa.index(" also")) == "Doug Smith"  # a name of its own after the asked one
    king = "King Charles Philip Arthur George Windsor was crowned."
    at = king.index("Philip")
    assert _name_to_check({"charles"}, king, at, king.index(" was")) == "King Charles Philip Arthur George Windsor"  # the asked one's own name
    robben = "Arjen Robben broke his foot."
    assert _name_to_check({"robben"}, robben, 0, 5) == "Arjen Robben"
    assert _gives_asked_name({"france"}, "New France") and _gives_asked_name({"france"}, "southern France")  # the country itself
    assert not _gives_asked_name({"hawaiian", "airlines"}, "Alaska Airlines")  # only the common word of the asked name
    assert _family_name("Which member of the Biden family was convicted?", "Biden")  # Hunter Biden answers it
    assert not _family_name("Who did Biden meet?", "Biden")
    assert _family_name("What was Tesla's father's name?", "Tesla")  # "Milutin Tesla" answers it
    assert not _family_name("Who was Tesla's rival?", "Tesla")
    assert not _the_family_alone(["Tesla"], "Milutin Tesla") and not _the_family_alone(["Tesla"], "Milutin")
    assert not _the_family_alone(["Tesla"], "Đuka Tesla")  # a capital of any alphabet
    assert _the_family_alone(["Margaret"], "Edgar's sister Margaret") and _the_family_alone(["Biden"], "Biden")


def test_a_rival_found_in_another_window_is_not_one_where_the_sentence_says_what_is_asked():
    text = "TikTok allowed it before. TikTok's political fundraising ban starts now. TikTok spoke."
    signals = Signals(evidence=1.0, type_agrees=1.0, unmet_sentence=0.0, unmet_article=0.0, passage_score=0.5, agreeing_windows=1.0)

    def at(sentence: str) -> Candidate:
        start = text.index(sentence)
        return Candidate(Document(id="d", title="TikTok", source="d", content_hash="0", text=text), start, start + 6, (start, start + len(sentence)), signals, ())

    found = [("banned", "allowed")]
    assert _theirs(found, at("TikTok's political fundraising ban starts now.")) is None  # "ban" says "banned"
    assert _theirs(found, at("TikTok spoke.")) == ("banned", "allowed")


def test_a_span_that_repeats_the_question_is_no_answer():
    asked = "Starbucks brought back the “PSL.” What does “PSL” stand for?"
    assert _repeats_question(asked, "PSL") and _repeats_question(asked, "the PSL")
    assert not _repeats_question(asked, "Pumpkin Spice Latte")
    assert not _repeats_question("Who succeeded Smith?", "Jones")


def test_a_span_of_determiners_alone_is_no_answer():
    assert _DETERMINERS.fullmatch("The") and _DETERMINERS.fullmatch("this ") and _DETERMINERS.fullmatch("the a")
    for span in ("The Times", "Thea", "not", "T", "its own"):
        assert not _DETERMINERS.fullmatch(span), span


def test_a_refusal_names_what_is_missing_as_the_question_words_it():
    text = "Several people have been charged over the attack. The Tory MP was hurt."
    signals = Signals(evidence=1.0, type_agrees=1.0, unmet_sentence=2.0, unmet_article=0.0, passage_score=0.5, agreeing_windows=0.0)
    doc = Document(id="d", title="Mugging", source="d", content_hash="0", text=text)
    question = "How many people have been charged over the mugging of Quentin Davies?"
    unmet = tuple(question_constraints(question))
    sentence = (0, text.index(" The"))
    # a figure in a sentence that mentions neither word of one name: the name, not "none of" one thing
    off = Candidate(doc, 0, 7, sentence, signals, unmet, off_subject=True)
    assert _unmet_reason(question, off) == "the sentence with the closest answer, “Several”, does not mention Quentin Davies"
    # a name of two words that is missing is named whole ("Mona Lisa", not "Mona")
    asked = "Who painted the Mona Lisa?"
    missing = Candidate(doc, 0, 7, sentence, signals, tuple(question_constraints(asked)))
    assert _unmet_reason(asked, missing) == "the sentence with the closest answer, “Several”, does not mention Mona Lisa"
    # missing from the whole article, it is the article that is said not to mention it
    nowhere = Candidate(doc, 0, 7, sentence, dataclasses.replace(signals, unmet_article=2.0), tuple(question_constraints(asked)))
    assert _unmet_reason(asked, nowhere) == "the article with the closest answer, “Several”, does not mention Mona Lisa"


def test_another_name_of_the_one_asked_about_is_no_answer():
    cook = "DJ Norman Cook - aka Fatboy Slim - lives on a private road where Paul McCartney is a neighbour."
    asked = "which famous musician is fatboy slim's neighbour"
    assert _names_the_asked_one(asked, cook, cook.index("Norman"), cook.index(" - aka"))
    assert not _names_the_asked_one(asked, cook, cook.index("Paul"), cook.index(" is a"))
    real = "Fatboy Slim (real name Norman Cook) spoke."
    assert _names_the_asked_one(asked, real, real.index("Norman"), real.index(")"))
    union = "The Screen Actors Guild (SAG-AFTRA), the union of actors, led by Fran Drescher (president), struck."
    leads = "Who leads SAG-AFTRA, the union for actors?"
    assert _names_the_asked_one(leads, union, 0, union.index(" (SAG"))  # the union itself, by the name the question uses
    assert not _names_the_asked_one(leads, union, union.index("Fran"), union.index(" (president"))
    assert not _names_the_asked_one("Who leads SAG?", union, 0, union.index(" (SAG"))  # "SAG" is not "SAG-AFTRA"
    heat = "Joao Chianca (Brazil) 9.33, John Florence (USA) 8.10"
    for asked in ("Which island is hosting the events Gabriel Medina of Brazil won?", "Which USA surfer scored 8.10?"):
        assert not _names_the_asked_one(asked, heat, 0, heat.index(" (Brazil")), asked  # a competitor's country
        assert not _names_the_asked_one(asked, heat, heat.index("John"), heat.index(" (USA")), asked


def test_a_name_that_describes_the_noun_after_it_answers_only_for_that_relation():
    yugansk = "Gazprom chief Alexei Miller confirmed Rosneft-owned Yugansk was not part of the deal."
    end = yugansk.index("-owned")
    assert _describes_what_follows("who will run Yugansk once it is spun off as a separate oil firm", yugansk, end)
    assert not _describes_what_follows("Which company owns Yugansk?", yugansk, end)  # the relation asked
    assert not _describes_what_follows("Who confirmed it?", yugansk, yugansk.index(" confirmed"))


def test_the_subject_a_next_sentence_points_back_to_is_the_last_clause_s_own():
    cech = "Cudicini kept a club record 24 clean sheets last season for Chelsea, but Petr Cech has established himself as first choice. "
    assert _opening(cech).startswith("Petr Cech has")  # whom "The 22-year-old" after it means
    assert _opening("Cudicini kept 24 clean sheets, but he was dropped. ").startswith("Cudicini kept")  # "he" is Cudicini
    assert _opening("It rained. Cudicini kept 24 clean sheets last season for Chelsea. ").startswith("Cudicini kept")


def test_a_span_that_opens_a_bracket_closes_it_within_its_sentence():
    text = "It was Catholicism (Christianity) that spread. Then (more"
    assert _closed(text, 7, text.index(")"), len(text)) == text.index(")") + 1
    assert _closed(text, 7, 18, len(text)) == 18  # nothing opened
    assert _closed(text, text.index("Then"), len(text), len(text)) == len(text)  # no close: as it was
