"""Completing a reader's span into the whole answer (``qa.phrases.complete_answer``), and the phrase rules under it."""

from __future__ import annotations

import pytest

from qa.phrases import answer_key, bare_amount, complete_answer, full_name, gives_asked_unit, head_noun, named_by_apposition, past_what_is_dated, question_stems, to_asked_unit, whole_title, with_ago, with_approximation, with_asked_noun, with_counted_times, with_other_party, with_place_preposition, with_time_unit

pytestmark = pytest.mark.unit

KISHIDA = (
    "Japan will host the G7 summit in May, and he was the only G7 leader yet to visit Ukraine. "
    "It was the first visit by a Japanese prime minister to a country at war since World War II, "
    "and he also went to Bucha, site of a mass grave."
)
EXPORTS = "The two countries agreed to end Japanese controls on South Korean exports and to share intelligence."
TANCRED = "Tancred played a role in the conquest of Jerusalem."


def complete(question: str, text: str, sentence: tuple[int, int], span: str) -> str:
    start = text.index(span, sentence[0])
    begin, end = complete_answer(question, text, sentence, start, start + len(span), question_stems(question))
    return text[begin:end]


def test_a_restated_it_was_sentence_points_back_to_what_it_stands_for():
    sentence = (KISHIDA.index("It was"), len(KISHIDA))
    question = "What was the first visit by a Japanese prime minister to a country at war since World War II?"
    assert complete(question, KISHIDA, sentence, "mass grave") == "visit Ukraine"


def test_an_it_was_sentence_the_question_does_not_restate_keeps_the_span():
    sentence = (KISHIDA.index("It was"), len(KISHIDA))
    assert complete("What was the site of a mass grave?", KISHIDA, sentence, "Bucha") == "Bucha"


def test_a_span_inside_the_asked_noun_phrase_grows_to_the_whole_phrase():
    question = "Which export controls did the agreement end?"
    assert head_noun(question) == ("control", frozenset({"export", "control"}))
    assert complete(question, EXPORTS, (0, len(EXPORTS)), "South Korean exports") == "Japanese controls on South Korean exports"


def test_a_bare_complement_stays_bare():
    # SQuAD's answer here is "Jerusalem": the span repeats no word of "conquest", so it is kept.
    assert complete("What major conquest did Tancred play a role in?", TANCRED, (0, len(TANCRED)), "Jerusalem") == "Jerusalem"


@pytest.mark.parametrize("question", ["Who ended the controls?", "When did the agreement end the controls?"])
def test_other_questions_keep_the_span(question):
    assert complete(question, EXPORTS, (0, len(EXPORTS)), "South Korean exports") == "South Korean exports"


WATCHDOG = "China has been accused of blocking Google News by the media watchdog, Reporters Without Borders."


def named(text: str, span: str) -> str | None:
    start = text.index(span)
    found = named_by_apposition(text, start, start + len(span), len(text))
    return text[found[0] : found[1]] if found else None


def test_a_description_gives_way_to_the_name_beside_it():
    assert named(WATCHDOG, "media watchdog") == "Reporters Without Borders"
    assert named("It was confirmed by its chief executive, Geoff Dixon, on Monday.", "chief executive") == "Geoff Dixon"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (WATCHDOG, "Google News"),  # a name already
        ("Asked by its finance chief, the Bank of England governor said no.", "finance chief"),  # a description of another
        ("He met the media watchdog on Monday.", "media watchdog"),  # no name beside it
    ],
)
def test_no_name_beside_the_span_keeps_it(text, span):
    assert named(text, span) is None


def test_how_many_times_over_keeps_the_times():
    text = "The offer was oversubscribed 16.2 times, bankers said."
    start = text.index("16.2")
    assert text[start : with_counted_times("How many times over was the offer subscribed?", text, start, start + 4)] == "16.2 times"
    assert with_counted_times("How many shares were sold?", text, start, start + 4) == start + 4
    assert with_counted_times("How many times was it offered?", text, start, start + 4) == start + 4  # a count: "16.2"


def test_a_duration_keeps_its_unit():
    text = "Robson added of the man who worked for him for six years."
    start = text.index("six")
    asked = "How long did Mourinho work for Bobby Robson?"
    assert text[start : with_time_unit(asked, text, start, start + 3)] == "six years"
    assert with_time_unit("For how many years did Mourinho work for Robson?", text, start, start + 3) == start + 3  # the question measures it
    assert with_time_unit(asked, text, start, start + 9) == start + 9  # already whole
    assert with_time_unit(asked, "He waited six.", 10, 13) == 13
    arcade = "It was released in arcades four years ago."
    assert arcade[arcade.index("four") : with_ago(arcade, arcade.index(" ago"))] == "four years ago"


def test_a_date_is_cut_from_the_name_it_dates():
    g7 = "Japan will host the G7 summit in Hiroshima in May, and he went."
    start, end = g7.index("Hiroshima"), g7.index(",")
    assert g7[past_what_is_dated(g7, start, end) : end] == "May"  # "When will the G7 summit be held?"
    trip = "He met Yoon in Tokyo on 16 March."
    assert trip[past_what_is_dated(trip, trip.index("Tokyo"), len(trip) - 1) : -1] == "16 March"
    for kept in ("early May", "In May", "Hiroshima in Japan"):
        assert past_what_is_dated(kept, 0, len(kept)) == 0, kept


def test_an_unnamed_place_keeps_its_preposition():
    text = "His brother and bandmate Noel was in bed at the time, not at the Bayerischer Hof."
    bed, hof = text.index("bed"), text.index("Bayerischer Hof")
    assert text[with_place_preposition(text, bed, bed + 3) : bed + 3] == "in bed"  # "Where was Noel?"
    assert with_place_preposition(text, hof, hof + 15) == hof  # a named place stays as it is


def test_a_name_takes_the_asked_noun_after_it():
    text = "Northeastern University’s law school apologised. The Texas State legislature was first."
    school, texas = text.index("Northeastern"), text.index("Texas")
    assert text[school : with_asked_noun("Which university apologised?", text, school + 12)] == "Northeastern University"
    assert text[texas : with_asked_noun("Which state was first?", text, texas + 5)] == "Texas State"
    assert with_asked_noun("Which school was first?", text, texas + 5) == texas + 5


def test_a_case_takes_its_other_party():
    text = "In Commission v Italy the Court ruled, as in Roe v. Wade. Then the vote."
    commission, roe = text.index("Commission"), text.index("Roe")
    assert text[commission : with_other_party(text, commission, commission + 12)] == "Commission v Italy"
    assert text[roe : with_other_party(text, roe, roe + 5)] == "Roe v. Wade"
    assert with_other_party(text, roe, roe + 3) == roe + 3  # no "v": nothing to complete


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("US gymnast Simone Biles won again. Biles said it was fun.", "Simone Biles"),
        ("The gymnast Simone Biles won again. Simone Biles said it was fun. Biles left.", "Simone Biles"),
        ("The Buffalo Bills won. The Bills are top.", "Buffalo Bills"),
        ("The New York Jets won. The Jets are top.", "New York Jets"),
        ("It was said by President Joe Biden. Biden left.", "Joe Biden"),  # no title
        ("Florida Gov. Ron DeSantis said so. DeSantis left.", "Ron DeSantis"),
        ("He saw Brazilian Gabriel Medina surf. Medina won.", "Gabriel Medina"),  # no nationality
        ("US striker Christian Pulisic scored. Pulisic left.", "Christian Pulisic"),
        ("He met George W. Bush. Bush left.", "George W. Bush"),
        ("He met Conan O'Brien. O'Brien left.", "Conan O'Brien"),
    ],
)
def test_a_one_word_name_is_given_in_full_where_the_article_names_it(text, full):
    start = text.rindex(full.split()[-1])
    found = full_name(text, start, start + len(full.split()[-1]))
    assert text[found[0] : found[1]] == full
    assert found[0] == text.index(full)  # quoted where the article gives it


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("President Joe Biden spoke. His son Hunter Biden listened. Biden left.", "Biden"),  # two full forms: which is meant is unknown
        ("Gymnast Simone Biles won again. Later Biles said it was fun.", "Biles"),  # a sentence's first word may be no name
        ("Alphabet's Google was sued. Google won.", "Google"),  # a possessive is no first name
        ("Prince William came. William left.", "William"),  # only a title before it
        ("Biden spoke. Biden left.", "Biden"),
        ("The Warsaw President was elected. The President left.", "President"),  # a title is no surname
        ("Buying Parler was his plan. Parler agreed.", "Parler"),  # a sentence's first word is no first name of itself
        ("Simone Biles won again. Biles said it was fun.", "Biles"),  # nor when it is one
        ("Hunter Biden spoke. President Joe Biden listened. Biden left.", "Biden"),  # but it may be one: two full forms
        ("The US TikTok ban and the NASA UFO team. TikTok said no.", "TikTok"),  # an acronym before is no first name
        ("Robyn Rihanna Fenty sang. Rihanna left.", "Rihanna"),  # not the name's last word
        ("More news:New Google alert. Google said so.", "Google"),  # words run together are no name
    ],
)
def test_a_name_without_one_full_form_stays_as_it_is(text, word):
    start = text.rindex(word)
    assert full_name(text, start, start + len(word)) == (start, start + len(word))


def test_an_amount_keeps_the_words_that_say_it_is_approximate_or_a_bound():
    text = "The relief is worth up to $20,000, and more than 250 meets and around 9% of plastic are counted; 5 apples."
    for quote in ("up to $20,000", "more than 250", "around 9%"):
        figure = quote.split()[-1]
        start = text.index(figure)
        assert text[with_approximation(text, start) : start + len(figure)] == quote
    assert with_approximation(text, text.index("5 apples")) == text.index("5 apples")  # nothing to widen
    assert answer_key("around 9%") == answer_key("9%") == "9%"  # one answer, found in two windows
    assert answer_key("Up to  $20,000") == "$20,000"
    assert bare_amount("at least 40") == "40"  # of the same kind as "52" (qa.disagree)


@pytest.mark.parametrize(
    ("question", "date", "narrowed"),
    [
        ("Title 42 is set to expire in which month?", "May 11", "May"),
        ("In which month will the emergency end?", "11 May 2023", "May"),
        ("What year is the latest the election could take place?", "January 2025", "2025"),
        ("In what year did the war end?", "June 19, 1865", "1865"),
        ("What month are the elections held in?", "Thursday in May", "May"),
        ("Which month does the recess begin?", "April and October", "April and October"),  # two months: which one is not for the unit to say
        ("When will the emergency end?", "May 11", "May 11"),  # no unit asked
        ("What month, day and year did the final take place?", "February 7, 2016", "February 7, 2016"),  # more than the month
        ("In what year did the war end?", "1759-60", "1759-60"),  # a span of years stays whole
        ("In what year did the war end?", "the 1990s", "the 1990s"),
        ("In which month did it open?", "Monday 11", "Monday 11"),  # a weekday is no month
    ],
)
def test_a_date_is_narrowed_to_the_unit_asked(question, date, narrowed):
    text = f"It ends on {date}, officials said."
    start = text.index(date)
    assert text[slice(*to_asked_unit(question, text, start, start + len(date)))] == narrowed


def test_a_date_of_another_unit_does_not_answer():
    assert not gives_asked_unit("In which month did the trial begin?", "Wednesday")  # a day, no month
    assert gives_asked_unit("In which month did the trial begin?", "last month")
    assert not gives_asked_unit("What year did the euro launch?", "June")
    for year in ("1169", "the 1980s", "last year", "January 2025"):
        assert gives_asked_unit("What year did the euro launch?", year), year
    assert gives_asked_unit("When did the trial begin?", "Wednesday")  # no unit asked
    for day in ("20 February", "Monday", "tomorrow", "Feb. 6", "July 4, 1776", "the 5th", "6/2/2005"):
        assert gives_asked_unit("On what date will the sale be held?", day), day
    for vaguer in ("next month", "in May", "the spring", "2004", "Yukos made its surprise Chapter 11 bankruptcy filing in Houston in December"):
        assert not gives_asked_unit("On what date will the sale be held?", vaguer), vaguer


@pytest.mark.parametrize(
    ("text", "span", "title"),
    [
        ("Do They Know It's Christmas, featuring artists including Chris Martin", "Christmas", "Do They Know It's Christmas"),
        ("after his song, Like Toy Soldiers, stormed to the top", "Toy Soldiers", "Like Toy Soldiers"),
        ("Minogue's latest release I Believe in You went in at number two", "Believe", "I Believe in You"),
        ("Like Toy Soldiers, from Eminem's Encore album", "Encore", "Encore"),  # the owner is no part of it
        ("Elvis' Wooden Heart, which entered the chart", "Wooden Heart", "Wooden Heart"),
        ("by Fatboy Slim's Palookaville and The Prodigy's Always Outnumbered", "Palookaville", "Palookaville"),  # two titles
        ("He starred in The Late Show with Stephen Colbert.", "Late", "The Late Show with Stephen Colbert"),
        ("the movie seltzer tequila", "seltzer", "seltzer"),  # no capital, no title
        ("a Cinderella story Ke Huy Quan lived", "Cinderella story", "Cinderella story"),  # a title ends at a lower-case word
        ("joined Coldplay and Beyoncé and Bruno Mars on stage", "Bruno Mars", "Bruno Mars"),  # a list, no title
    ],
)
def test_a_title_is_taken_whole(text, span, title):
    at = text.index(span)
    start, end = whole_title(text, 0, at, at + len(span))
    assert text[start:end] == title
