import pytest

from qa.conversation import asked_noun, is_person, names, repeats, understand
from qa.types import Turn

pytestmark = pytest.mark.unit


def turn(question: str, answer: str | None) -> list[Turn]:
    return [Turn(question=question, answer=answer)]


def resolved(question: str, history: list[Turn]) -> str:
    return understand(question, history).question


# -- references ------------------------------------------------------------------------------------


def test_a_personal_pronoun_stands_for_a_person_answer():
    history = turn("Who is South Korea's president?", "Yoon Suk-yeol")
    assert resolved("When did he meet Kishida?", history) == "When did he (Yoon Suk-yeol) meet Kishida?"
    assert resolved("Where is his office?", history) == "Where is his (Yoon Suk-yeol) office?"


def test_a_year_or_an_amount_never_stands_for_a_pronoun():
    history = turn("When did Ken Olsen leave Digital Equipment?", "1978")
    assert resolved("Why did he leave the company for good?", history).startswith("Why did he (Ken Olsen) leave")
    history = turn("How much did Sir Philip Green pay for the chain?", "£850m")
    assert "£850m" not in resolved("When did he buy it?", history)
    assert "he (Sir Philip Green)" in resolved("When did he buy it?", history)



def test_a_film_or_a_book_answer_is_no_person():
    history = turn("Which film won Daniel Day-Lewis his Oscar?", "My Left Foot")
    assert resolved("How many times has he competed in Berlin?", history) == "How many times has he (Daniel Day-Lewis) competed in Berlin?"
    assert resolved("When was it released?", history) == "When was it (My Left Foot) released?"


def test_it_stands_for_a_thing_never_for_a_person():
    assert resolved("What film was it in?", turn("Which Beach Boys hit did Terry Melcher help write?", "Kokomo")) == "What film was it (Kokomo) in?"
    history = turn("Who founded the Mozilla Foundation?", "Mitchell Baker")
    assert "Mitchell Baker" not in resolved("When was it set up?", history)
    assert "it (Mozilla Foundation)" in resolved("When was it set up?", history)


def test_an_expletive_it_is_left_alone():
    history = turn("Which Oasis member was arrested in Munich?", "drummer Alan White")
    assert "kicked off" in resolved("And where was Noel when it all kicked off?", history)
    assert "it (" not in resolved("And where was Noel when it all kicked off?", history)


def test_the_people_of_the_last_turn_together_are_not_one_of_them():
    history = turn("Who is the prosecution's star witness against Bernie Ebbers?", "Scott Sullivan")
    question = resolved("How often did Ebbers say the two of them talked?", history)
    assert "them (" not in question
    assert question == "How often did Ebbers say the two of them talked (Bernie Ebbers, Scott Sullivan)?"


def test_a_bare_that_after_an_amount_is_the_amount():
    history = turn("How much did Barclays Capital earn last year?", "£1.04bn")
    assert resolved("By what percentage was that up?", history) == "By what percentage was that (£1.04bn) up?"
    assert resolved("Who had brought that lawsuit?", turn("What did Marsh pay to settle?", "$850m")).startswith("Who had brought that lawsuit")


@pytest.mark.parametrize(
    "previous, answer, question, expected",
    [
        ("Which constituency does Quentin Davies represent?", "Grantham and Stamford", "Where was he heading after Kenya?",
         "Where was he (Quentin Davies) heading after Kenya?"),
        ("Who knocked Valencia out of the Uefa Cup?", "Steaua Bucharest", "And who beat them the weekend before?",
         "Who beat them (Valencia) the weekend before?"),
        ("Which agency led Operation Firewall against Shadowcrew?", "the US Secret Service", "When was the agency first tipped off?",
         "When was the agency (the US Secret Service) first tipped off?"),
        ("When did Commodore International go bankrupt?", "1994", "Who bought the company afterwards?",
         "Who bought the company (Commodore International) afterwards?"),
        ("When did Rinus Michels win the Spanish title with Barcelona?", "1974", "And how did his Netherlands side do at the World Cup that same year?",
         "How did his (Rinus Michels) Netherlands side do at the World Cup that same year (1974)?"),
        ("Which club did Graham Stuart keep up with a late winner in 1994?", "Everton", "What minute was that goal scored in?",
         "What minute was that goal scored in (Graham Stuart, 1994, Everton)?"),
        ("Which firm bought Rover?", "Nanjing Automobile", "What did they announce?", "What did they (Nanjing Automobile) announce?"),
        ("Which Royal Bank of Scotland economist commented on the minutes?", "Ross Walker", "When does he think rates will go up?",
         "When does he (Ross Walker) think rates will go up?"),
        ("Which film topped the US box office?", None, "What is it about?", "What is it about (US)?"),
        ("When did he (Yoon Suk-yeol) meet Kishida in 2023?", "March 16", "And in 2024?", "When did he (Yoon Suk-yeol) meet Kishida in 2024?"),
    ],
    ids=["he skips an answer that is no person", "they skips a single person for the group named", "the asked noun again is the answer",
         "the company is the organisation named when the answer is a date", "that same year is the date answered",
         "a reference nothing agrees with gets the last turn's names", "an organisation asked for is a they, whatever its name looks like", "a person asked for behind an organisation's name is a he",
         "an unanswered turn's thing is nobody's name", "a reference resolved in an earlier turn is not resolved again"],
)
def test_a_reference_stands_for_what_agrees_with_it(previous, answer, question, expected):
    assert resolved(question, turn(previous, answer)) == expected


# -- ellipsis --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "previous, answer, question, expected",
    [
        ("How many texts are expected to be sent in the UK over the whole of 2004?", "exceed 25bn", "And in 2005?",
         "How many texts are expected to be sent in the UK over the whole of 2005?"),
        ("Which carmaker sold the most cars in Germany?", "Volkswagen", "And which one in France?", "Which carmaker sold the most cars in France?"),
        ("Which carmaker sold the most cars in Germany?", "Volkswagen", "What about in Italy?", "Which carmaker sold the most cars in Italy?"),
        ("How old is Fumio Kishida?", "65", "What about Yoon Suk-yeol?", "How old is Yoon Suk-yeol?"),
        ("What was the unemployment rate in France?", "10%", "What about Germany?", "What was the unemployment rate in Germany?"),
        ("How many texts were sent in the UK on Christmas Day?", "133m", "And Boxing Day?", "How many texts were sent in the UK on Boxing Day?"),
        ("How many texts did Vodafone customers send in the UK?", "26bn", "And O2?", "How many texts did Vodafone customers send in the UK O2?"),
        ("How many texts were sent in the UK in 2004?", "26bn", "And on Monday?", "How many texts were sent in the UK in 2004 on Monday?"),
        ("Who put Manchester United ahead against City?", "Wayne Rooney", "In which minute?",
         "In which minute (Wayne Rooney put Manchester United ahead against City)?"),
        ("Who did Band Aid 20 keep off the top of the chart?", "Kylie Minogue", "With which song?",
         "With which song (who did Band Aid 20 keep off the top of the chart: Kylie Minogue)?"),
        ("Who is South Korea's president?", "Yoon Suk-yeol", "And what did North Korea stage last weekend?", "What did North Korea stage last weekend?"),
        ("How old is Tony Blair?", "51", "And his wife?", "How old is Tony Blair's wife?"),
        ("How long should he (Jeremy Jaynes) serve?", "nine years", "And his sister?", "How long should his (Jeremy Jaynes) sister serve?"),
        ("Who is South Korea's president?", "Yoon Suk-yeol", "And did he resign?", "Did he (Yoon Suk-yeol) resign?"),
    ],
    ids=["a new year for the old", "a new place for the old", "what about a place", "a new name for one of its kind", "a new country for the only other one", "a name of a name's shape for its like", "two names of things: added, none replaced", "a day is no name",
         "a question word with the frame stated", "a question word with the frame and its answer", "a whole question only loses its and",
         "someone of the person asked about", "someone of the one a pronoun stands for", "a question that asks yes or no is whole"],
)
def test_a_fragment_carries_the_previous_question_with_what_it_gives_in_place(previous, answer, question, expected):
    assert resolved(question, turn(previous, answer)) == expected


# -- retrieval and what stands alone ---------------------------------------------------------------


def test_a_question_leaning_on_the_last_turn_is_searched_with_its_words_first():
    history = turn("Who is South Korea's president?", "Yoon Suk-yeol")
    followup = understand("When did he meet Kishida?", history)
    assert followup.leans
    assert followup.queries == (f"{followup.question} Who is South Korea's president? Yoon Suk-yeol", followup.question)


def test_a_question_that_stands_alone_is_left_alone_but_still_searched_with_the_conversation():
    history = turn("Who is South Korea's president?", "Yoon Suk-yeol")
    followup = understand("When are the new fighter jets due to be delivered to the air force?", history)
    assert followup.question == "When are the new fighter jets due to be delivered to the air force?"
    assert not followup.leans
    assert followup.queries[0] == followup.question and "Yoon Suk-yeol" in followup.queries[1]


def test_they_stands_for_the_people_together_never_for_a_place():
    assert resolved("Where did they meet before?", turn("Where did Kishida and Yoon meet?", "Tokyo")) == "Where did they (Kishida and Yoon) meet before?"
    assert resolved("When did they split?", turn("Which band did Noel Gallagher found?", "Oasis")) == "When did they (Oasis) split?"


def test_a_new_question_about_the_last_answer_is_not_answered_by_it_again():
    history = turn("Which constituency does Quentin Davies represent?", "Grantham and Stamford")
    assert understand("Where was he heading after Kenya?", history).said == "Grantham and Stamford"
    assert understand("And in 2005?", turn("Who won the title in 2004?", "Arsenal")).said is None  # the same frame: Arsenal may win again
    assert understand("When are the new fighter jets due?", history).said is None  # stands alone
    assert repeats("Stamford", "Grantham and Stamford") and repeats("the Grantham and Stamford", "Grantham and Stamford")
    assert not repeats("Sudan", "Grantham and Stamford") and not repeats("the", "Grantham and Stamford")


def test_no_history_changes_nothing():
    followup = understand("When did he meet Kishida?", [])
    assert followup.question == "When did he meet Kishida?"
    assert followup.queries == ("When did he meet Kishida?",) and not followup.leans


def test_a_refused_last_turn_offers_its_question_only():
    followup = understand("When did he die?", turn("Who founded the Tate gallery?", None))
    assert followup.question == "When did he die (Tate)?"  # no person to stand for "he": the names the turn gave
    assert followup.queries[0] == "When did he die (Tate)? Who founded the Tate gallery?"


# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What illness did Sir Nicholas Scott have?", ["Sir Nicholas Scott"]),
        ("Which Royal Bank of Scotland economist commented on the Bank of England minutes?", ["Royal Bank of Scotland", "Bank of England"]),
        ("When did Rinus Michels win the Spanish title with Barcelona?", ["Rinus Michels", "Barcelona"]),
        ("Who is the prosecution's star witness against Bernie Ebbers?", ["Bernie Ebbers"]),
        ("what did the Pope's aide say?", ["Pope"]),
    ],
)
def test_names_of_a_question(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "name, person",
    [("Sir Nicholas Scott", True), ("Quentin Davies", True), ("Commodore International", False), ("Valencia", False),
     ("Grantham and Stamford", False), ("Manchester United", False), ("1974", False), ("France Telecom", False)],
)
def test_what_looks_like_a_person(name, person):
    assert is_person(name) is person


@pytest.mark.parametrize(
    "question, noun",
    [("Which Royal Bank of Scotland economist commented on the minutes?", "economist"), ("Which agency led Operation Firewall?", "agency"),
     ("What illness did Sir Nicholas Scott have?", "illness"), ("What did Marsh pay?", None), ("Who bought Rover?", None)],
)
def test_the_noun_a_which_question_asks_for(question, noun):
    assert asked_noun(question) == noun


def test_a_turn_typed_in_capitals_is_read_as_typed_in_lower_case():
    asked = "HOW MUCH DID MARSH AGREE TO PAY TO SETTLE THE PRICE-RIGGING CASE?"
    shouted = understand("who had brought that lawsuit?", [Turn(question=asked, answer="$850m")])
    assert shouted == understand("who had brought that lawsuit?", [Turn(question=asked.lower(), answer="$850m")])
    assert "MUCH" not in shouted.question
