"""qa.spans: answer-shaped phrases of a sentence, as exact character offsets."""

import pytest

from qa.spans import is_credit, not_the_doer, past_dateline, past_list_marker, the_other_end, trim_span, typed_spans

pytestmark = pytest.mark.unit


def _found(text):
    return {(text[s.start : s.end], s.shape) for s in typed_spans(text)}


def test_names_join_across_connectors_but_not_across_and():
    text = "According to Reuters, the Bank of the West and Charles de Gaulle met."
    names = {span for span, shape in _found(text) if shape == "name"}
    assert names == {"Reuters", "Bank of the West", "Charles de Gaulle"}


def test_numbers_come_with_and_without_their_unit_and_money_with_its_currency():
    found = _found("About 300 soldiers crossed; the plan costs 45 million euros.")
    assert {("About 300 soldiers", "number"), ("About 300", "number"), ("45 million euros", "money")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose 4.5% in the spring of 2022.", {("4.5%", "percent"), ("spring of 2022", "date")}),
        ("They landed on 3 June 2023 at 10:30 GMT.", {("3 June 2023", "date"), ("10:30 GMT", "date")}),
        ("In the 1990s, as in the 21st century.", {("1990s", "date"), ("the 21st century", "date")}),
        ("He called it ‘historic’ and the “new era” began.", {("historic", "quote"), ("new era", "quote")}),
    ],
)
def test_shapes(text, expected):
    assert expected <= _found(text)


def test_trim_keeps_quotes_balanced_inside_and_an_empty_span_is_empty():
    text = "(the “friendship” pact)"
    assert text[slice(*trim_span(text, 0, len(text)))] == "the “friendship” pact"
    start, end = trim_span("  ... ", 0, 6)
    assert start == end


def test_a_dateline_or_an_agency_credit_is_no_answer():
    text = "Title\nWASHINGTON – Rep. George Santos was expelled.\nHong Kong CNN — Kenya's president flew to China."
    asked = "Which state is Santos from?"
    assert is_credit(asked, text, 6, 16)  # "WASHINGTON" before the dash
    at = text.index("Hong Kong")
    assert is_credit(asked, text, at, at + len("Hong Kong CNN"))
    assert not is_credit(asked, text, text.index("Kenya"), text.index("Kenya") + 5)
    assert is_credit(asked, "(CNN) The House voted.", 1, 15)
    met = "He met Biden — who said little."
    assert not is_credit(asked, met, 7, 12)  # a dash inside a sentence is no dateline
    assert not is_credit("Which network did CNN buy?", "CNN bought it.", 0, 3)  # the agency asked about
    told = "Will Davies of the IPPR told the BBC News website it liked eBay; he told the BBC's Today programme so."
    site = "Which website does the IPPR suggest as a blueprint?"
    at = told.index("BBC News")
    assert is_credit(site, told, at, at + len("BBC News"))  # the outlet a quote was given to
    assert is_credit(site, told, told.index("BBC's"), told.index("BBC's") + 3)
    assert not is_credit(site, told, told.index("eBay"), told.index("eBay") + 4)
    assert not is_credit("Which website did Will Davies tell?", told, at, at + len("BBC News"))  # asked for
    title = "Jane Austen book sells for £375,000 | The Week UK\nA first edition of Emma sold."
    at = title.index("The Week")
    assert is_credit("Which Jane Austen novel sold?", title, at, at + len("The Week UK"))  # the site a title ends with
    assert is_credit("Which Jane Austen novel sold?", title, at, at + len("The Week"))
    assert is_credit("Which Jane Austen novel sold?", title, 0, at + len("The Week UK"))  # the whole title with it
    assert not is_credit("Which Jane Austen novel sold?", title, 0, len("Jane Austen"))
    assert not is_credit("Which news agency broke the story?", "It was broken by Reuters.", 17, 24)  # an agency asked for


def test_whom_someone_passed_or_a_name_quoted_from_the_asked_speaker_is_not_the_doer():
    lebron = "Reaction poured in after LeBron James passed Kareem Abdul-Jabbar to become the NBA's all-time leading scorer."
    asked = "Which athlete became the NBA's all-time leading scorer this week?"
    assert not_the_doer(asked, lebron, lebron.index("Kareem"), 0)
    assert not not_the_doer(asked, lebron, lebron.index("LeBron"), 0)
    assert not not_the_doer("Whom did LeBron James pass this week?", lebron, lebron.index("Kareem"), 0)  # asked for
    normans = "Their descendants replaced the Anglo-Saxons as the ruling class."
    assert not not_the_doer("Who was the ruling class ahead of the Normans?", normans, normans.index("Anglo"), 0)  # those before
    broncos = "The Broncos defeated the Atlanta Falcons in Super Bowl XXXIII."
    assert not not_the_doer("What team did the Denver Broncos play in Super Bowl XXXIII?", broncos, broncos.index("Atlanta"), 0)  # the opponent
    assert not_the_doer("What team won Super Bowl XXXIII?", broncos, broncos.index("Atlanta"), 0)
    lee = "Minjee Lee has won the US Women's Open, finishing four strokes ahead of American golfer Mina Harigae."
    assert not_the_doer("Which golfer won the US Women's Open?", lee, lee.index("Mina"), 0)
    assert not not_the_doer("Which golfer won the US Women's Open?", lee, lee.index("Minjee"), 0)
    assert not not_the_doer("Who finished behind Minjee Lee?", lee, lee.index("Mina"), 0)
    clyde = "The home side's Craig Bryson had a goal chopped off before Stan Varga headed Celtic into the lead."
    assert not_the_doer("Who scored Clyde's goal against Celtic?", clyde, clyde.index("Craig"), 0)
    assert not not_the_doer("Who scored Celtic's first goal?", clyde, clyde.index("Stan"), 0)
    assert not not_the_doer("Who had a goal chopped off?", clyde, clyde.index("Craig"), 0)  # not asked who scored
    quote = "Title\n\u201cI was angered that Mr. Altman would pursue a voice so similar,\u201d Johansson said."
    speaker = "Which actor said she was angered about the voice?"
    assert not_the_doer(speaker, quote, quote.index("Mr. Altman"), quote.index("I was"))  # the quote opened before the sentence
    assert not not_the_doer(speaker, quote, quote.index("Johansson"), quote.index("I was"))
    assert not not_the_doer("Who would pursue the voice?", quote, quote.index("Mr. Altman"), quote.index("I was"))  # not who said it
    doom = "It won Ultimate Game of the year at the awards, presented by Little Britain star Matt Lucas."
    assert not_the_doer("Who won the Ultimate Game award?", doom, doom.index("Matt"), 0)  # he only presented it
    assert not not_the_doer("Who presented the Golden Joystick awards?", doom, doom.index("Matt"), 0)
    assert not not_the_doer("Who hosted the awards?", doom, doom.index("Matt"), 0)  # hosting is presenting
    film = "The film, directed by Mike Leigh, won the prize."
    assert not not_the_doer("Who made the film?", film, film.index("Mike"), 0)  # a director is no mere presenter
    duty = "The notion of duty was first introduced by Watt."
    assert not not_the_doer("Who invented the notion of a steam engine's duty?", duty, duty.index("Watt"), 0)


def test_where_something_came_from_does_not_answer_where_it_goes_nor_the_reverse():
    totp = "Top of the Pops is to move from BBC One on Fridays to Sundays on BBC Two."
    asked = "Which channel is Top of the Pops moving to?"
    one, two = totp.index("BBC One"), totp.index("BBC Two")
    assert the_other_end(asked, totp, one, one + 7) and not the_other_end(asked, totp, two, two + 7)
    leeds = "He moved from Leeds to Chelsea in 2003."
    assert the_other_end("Which club did he move from?", leeds, leeds.index("Chelsea"), leeds.index(" in"))
    assert not the_other_end("Which club did he move from?", leeds, leeds.index("Leeds"), leeds.index(" to"))
    assert not the_other_end("Which channel shows it?", totp, one, one + 7)  # no end asked for
    tapes = "The tapes went missing while being shipped to a back-up data centre."
    at = tapes.index("shipped")
    assert the_other_end("Where were the tapes stolen from?", tapes, at, len(tapes) - 1)  # the preposition inside the span


def test_a_span_opening_a_list_item_starts_past_its_number_or_letter():
    quiz = "Which landmark needs repair?\nA. Eiffel Tower\nB. Big Ben\n1. Covid-19"
    for item in ("Eiffel Tower", "Covid-19"):
        at = quiz.index(item) - 3
        assert quiz[past_list_marker(quiz, at, at + 3 + len(item)) :].startswith(item)
    milne = "A. A. Milne wrote it."
    assert past_list_marker(milne, 0, 11) == 0  # an initial, no list
    rowling = "He met J. K. Rowling."
    assert past_list_marker(rowling, 7, 20) == 7  # not at the start of a line


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("WASHINGTON − California Gov. Gavin Newsom said", "California Gov. Gavin Newsom said"),
        ("DUBAI, United Arab Emirates (AP) — Saudi Arabia and others", "Saudi Arabia and others"),
        ("LONDON - Britain said", "Britain said"),
        ("NATO leaders met", "NATO leaders met"),  # an acronym, no dateline
        ("WASHINGTON −", "WASHINGTON −"),  # nothing after it: the span is left to the credit check
    ],
)
def test_a_span_starts_past_its_dateline(text, rest):
    assert text[past_dateline(text, 0, len(text)) :] == rest


def test_a_dateline_stands_only_at_a_line_start():
    text = "He said: WASHINGTON − a city"
    assert past_dateline(text, 9, len(text)) == 9
