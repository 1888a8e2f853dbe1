"""The asked kind of answer, the question's constraints and the confidence model (no model needed)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.answer_types import Expected, a_party_for_a_seat, agreement, counts_something_else, expected_type, names_a_rank, other_sex, span_types, the_asked_count
from qa.confidence import FEATURES, MODEL_FILE, ConfidenceModel, Signals, in_words
from qa.constraints import Constraint, _folded, aliased, contrast, describes_answer, in_phrases, met, people, question_constraints, referred_to, shorthand_words, spelled_shorthands, swapped_name
from qa.opposites import DENIED, opposite_degree, other_group, other_measure, other_number, other_thing_counted, unsaid, untold_event
from qa.owners import other_body, other_body_owning, other_clause_subject, other_ones, other_owner, other_owner_of_thing, other_place, rival_person, shared_figure, the_buyer_instead, the_owner_instead, the_roles_reversed, the_speaker_for_whose
from qa.periods import a_change, a_level, first_since, forecast, other_month, other_period, other_stage, other_subject_of_change, other_year
from qa.places import a_country_s_first_word, country_of_people
from qa.roles import as_role_question, asks_holder, left_unnamed, other_office, other_role, qualified_role, role_in_other_body, unqualified_role

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How old is Bekele?", Expected.AGE),
        ("Who chairs Ryanair?", Expected.PERSON),
        ("Which judge threw out the case?", Expected.PERSON),
        ("Where did Razorlight's Up All Night finish in the poll?", Expected.ORDINAL),  # a place in an order, not a place
        ("Where did the race finish?", Expected.PLACE),
        ("What is the name of the parent company that owns both MTV and CBS?", Expected.ORGANISATION),
        ("What is the name of the town where he was born?", Expected.PLACE),
        ("What is the name of the water body that is found to the east?", Expected.OTHER),  # no body of people
        ("What was Gebrselassie's winning time?", Expected.SCORE),
        ("how high was UK inflation in December", Expected.PERCENT),
        ("How much did Barclays make before tax in 2004?", Expected.MONEY),
        ("What is the fine in Wales?", Expected.MONEY),
        ("How many WorldCom bosses face charges?", Expected.COUNT),
        ("How long will the strike last?", Expected.DURATION),
        ("When did he leave?", Expected.DATE),
        ("Why did shares fall?", Expected.REASON),
        ("What did the summit fail to produce?", Expected.OTHER),
        ("What is the longest prison sentence Scott Sullivan could get?", Expected.DURATION),
        ("What was the UK's annual inflation rate in November?", Expected.PERCENT),
        ("What is the exchange rate?", Expected.OTHER),
        ("What growth rate has the UNECE forecast for the Czech Republic?", Expected.PERCENT),
        ("What exchange rate did the bank set?", Expected.OTHER),
        ("What was ITV1's audience share in January?", Expected.PERCENT),
        ("What is the share price?", Expected.MONEY),
        ("How much pre-tax profit did Barclays make in 2003?", Expected.MONEY),
        ("What was Marsh & McLennan's net loss for the whole of 2004?", Expected.MONEY),
        ("What is the common term for the loss of skilled emigrants?", Expected.OTHER),  # "loss" is not what is asked
        ("How much land did the council buy?", Expected.AMOUNT),  # an amount, not of money
        ("How much of the vote did Labour win?", Expected.NUMBER),
        ("How much did house prices rise?", Expected.NUMBER),  # a change: a sum or a percentage
        ("How often did Ebbers say the two of them talked?", Expected.FREQUENCY),
        ("How fast does light travel?", Expected.SPEED),
        ("How fast did Gebrselassie run the 10,000m?", Expected.SCORE),  # a race time
        ("What's the most the FCC can fine a broadcaster for indecency at the moment?", Expected.MONEY),
        ("What did the tickets cost?", Expected.MONEY),
        ("What is the most popular song?", Expected.OTHER),
        ("How much time was left in the game?", Expected.DURATION),
        ("Who was Warsz?", Expected.DESCRIPTION),  # "a 12th/13th-century nobleman"
        ("Who was the Polish king?", Expected.PERSON),
        ("What body part did Thomas Davis break?", Expected.OTHER),
        ("In which minute did Rooney score?", Expected.ORDINAL),  # the 68th of the match
        ("How many pounds did the game cost?", Expected.MONEY),
        ("How many levels does Metal Slug 3 have?", Expected.COUNT),
        ("What was the attendance at Middlesbrough v Charlton?", Expected.COUNT),  # not the score
        ("How much electricity did the Three Gorges Dam generate in 2004?", Expected.MEASURE),  # never money
        ("How much will Toshiba's HD-DVD players cost?", Expected.MONEY),
        ("What number did the original Band Aid record get to in the US chart?", Expected.ORDINAL),  # a chart place
        ("What position did The Game reach in the poll?", Expected.ORDINAL),
        ("Which trade and industry secretary wants bigger warnings?", Expected.PERSON),
        ("How fast did US consumer spending grow in Q3?", Expected.NUMBER),  # a rate of change, "4.6%"
        ("How fast does light travel?", Expected.SPEED),
        ("What is the name of the reporter Ken Livingstone likened to a guard?", Expected.PERSON),
        ("What is the reporter's name?", Expected.PERSON),
        ("What is the name of the new sister channel?", Expected.ORGANISATION),  # a channel, not a sister: its name
        ("What is the name of the band's new album?", Expected.OTHER),  # an album, not a band
        ("What is the name of the Host Committee's charitable initiative?", Expected.OTHER),  # "Host" names a body
        ("What was Tesla's father's name?", Expected.PERSON),
        ("What is the theory that this King's name is the origin of the word called?", Expected.OTHER),
        ("How big was the quarterly loss Winn-Dixie reported?", Expected.MONEY),  # not "10-month restructuring plan"
        ("How big was the crowd?", Expected.NUMBER),
        ("What funding increase is Torfaen council getting this year?", Expected.NUMBER),  # a figure, "6%"
        ("What growth does the UNECE expect for the eurozone?", Expected.NUMBER),
        ("What caused the fall in profits?", Expected.OTHER),
        ("Which movie is considered to be the first summer blockbuster?", Expected.TITLE),  # the name of a work
        ("Which social media app is facing a ban?", Expected.TITLE),
        ("What type of movies were produced there?", Expected.OTHER),  # a kind, no name
        ("What followed The Late Show with Stephen Colbert?", Expected.OTHER),  # "Show" of a title the question gives
        ("What must a teacher show towards the course?", Expected.OTHER),  # a verb
        ("What other former halftime show performer joined Coldplay?", Expected.OTHER),  # a performer, no show
        ("Which state passed a law banning children under the age of 14 from social media?", Expected.PLACE),  # "age of" is the law's
        ("We also lost Nichelle Nichols, who passed away at the age of 89. Which iconic role did she bring to life?", Expected.OTHER),  # the lead-in's
        ("How are Verizon and Qwest paying for MCI?", Expected.MANNER),
        ("How much did M&S cut prices by?", Expected.NUMBER),  # a change: "24%" as well as a sum
        ("How much did the tax cut cost?", Expected.MONEY),
        ("How did Blackburn respond to the bid?", Expected.MANNER),
    ],
)
def test_expected_type(question, kind):
    assert expected_type(question) == kind


@pytest.mark.parametrize(
    ("span", "after", "expected", "agrees"),
    [
        ("10,000m", "", Expected.AGE, -1),  # "How old is Bekele?" is not answered by a distance
        ("22", "", Expected.AGE, 1),
        ("the 22-year-old", "", Expected.AGE, 1),
        ("Sunday", "", Expected.SCORE, -1),  # nor a race time by a day
        ("27:02.62", "", Expected.SCORE, 1),
        ("12.91", " seconds in the final", Expected.SCORE, 1),  # the unit follows the span
        ("£4.6bn ($8.6bn)", "", Expected.PERSON, -1),  # a "who" question is never answered with an amount
        ("Philip Shaw", "", Expected.PERSON, 1),
        ("Boeing plane deal", "", Expected.PERSON, -1),  # "Who chairs Ryanair?" is not answered by a phrase about a deal
        ("Paris-based pressure group", "", Expected.ORGANISATION, -1),
        ("London hospice", "", Expected.PLACE, 0),  # a place may be described ("Where did he die?")
        ("in bed", "", Expected.PLACE, 0),  # or be no name at all
        ("in bed", "", Expected.PERSON, -1),
        ("the Florida legislature", "", Expected.PERSON, 0),  # "who" may be a body of people
        ("14th century", "", Expected.DATE, 1),
        ("the Second World War", "", Expected.DATE, 1),
        ("5½", "", Expected.COUNT, 1),
        ("500", " points in the season", Expected.COUNT, 1),  # no age, so a count
        ("twice", "", Expected.COUNT, 0),  # "How many times has it won?"
        ("11:28", "", Expected.DURATION, 0),  # "How much time was left?"
        ("the plane deal", "", Expected.PERSON, -1),
        ("1.6%", "", Expected.PERCENT, 1),
        ("2004", "", Expected.DATE, 1),
        ("2004", "", Expected.COUNT, -1),
        ("six", "", Expected.COUNT, 1),
        ("five", "-month deal", Expected.MONEY, -1),  # "What fee did Bolton pay?" is not answered by a count
        ("£17m", "", Expected.MONEY, 1),
        ("41 million euros", "", Expected.MONEY, 1),
        ("5m barrels", "", Expected.MONEY, 0),  # "how much oil" asks for an amount that is no money
        ("a much-hyped peace plan", "", Expected.OTHER, 0),
        ("82%", "", Expected.MONEY, -1),  # "How much pre-tax profit?" is not answered by a percentage
        ("42, has already pleaded guilty", "", Expected.DURATION, -1),  # a number in a clause is no prison sentence
        ("Mr Sullivan, 42", "", Expected.DURATION, -1),  # a name and an age are no prison sentence
        ("three", "", Expected.DURATION, 0),
        ("from 4 August 1915 until November 1918", "", Expected.DURATION, 0),  # a period from one date to another
        ("Brixton riots", "", Expected.PLACE, -1),  # "Where did he die?": an event, not a place
        ("Paris", "-based pressure group", Expected.ORGANISATION, -1),  # "which group": a place the group is based in is not it
        ("Paris", "-based pressure group", Expected.PLACE, 1),
        ("30bn", " text messages", Expected.COUNT, 1),
        ("over two million", "", Expected.AMOUNT, -1),  # "how much area" is not answered by a bare count
        ("5m barrels", "", Expected.AMOUNT, 1),
        ("Scottish rivers", "", Expected.PLACE, 0),
        ("three or four times", "", Expected.FREQUENCY, 1),
        ("two days", "", Expected.FREQUENCY, -1),
        ("40 minutes", "", Expected.SPEED, -1),
        ("300,000 km per second", "", Expected.SPEED, 1),
        ("70mph", "", Expected.SPEED, 1),  # "How often did they talk?" is not answered by a duration
        ("16.2 times", "", Expected.SCORE, -1),  # "How fast did the offer sell out?" is not answered by how often
        ("Seven minutes", " later", Expected.ORDINAL, -1),  # "In which minute?" is not answered by a while
        ("the 68th", " minute", Expected.ORDINAL, 1),
        ("fifth place", "", Expected.ORDINAL, 1),  # "Where did the album finish in the poll?"
        ("Q Magazine", "", Expected.ORDINAL, -1),
        ("68", ", Dunne 75", Expected.ORDINAL, 0),
        ("nine", " points", Expected.ORDINAL, -1),  # "In which minute?": a count of something else
        ("nine points", "", Expected.ORDINAL, -1),
        ("68", " minutes", Expected.ORDINAL, -1),  # a duration
        ("29th", "", Expected.COUNT, -1),  # "How many days are in the year?"
        ("10th", "", Expected.DATE, -1),  # "What century?" is answered by "10th century"
        ("10th and 11th centuries", "", Expected.DATE, 1),
        ("A prospective candidate for the UK Independence Party", "", Expected.PERSON, -1),  # someone unnamed
        ("March 16", "", Expected.PLACE, -1),  # "Where did they meet?" is not answered by a day
        ("Thursday of November", "", Expected.PLACE, -1),  # nor by a day's names
        ("Sunday", "", Expected.PERSON, -1),
        ("Easter Island", "", Expected.PLACE, 0),  # a name that holds a day's name may be a place
        ("seltzer tequila", "", Expected.TITLE, -1),  # names no film
        ("Four-Kings", "", Expected.COUNT, -1),  # a team's name counts nothing
        ("Twenty-Five", "", Expected.COUNT, 1),
        ("Massachusetts doughnut and coffee chain is preparing to launch drinks under the name Dunkin’ Spiked", "", Expected.ORGANISATION, -1),  # a clause
        ("Bank of England", "", Expected.ORGANISATION, 1),
        ("Jaws", "", Expected.TITLE, 0),
        ("“Everything Everywhere All at Once”", "", Expected.TITLE, 0),
        ("Theresa May", "", Expected.PERSON, 0),
        ("Sunday Times", "", Expected.ORGANISATION, 0),  # a weekday in a name does not make it a day
        ("British Sky Broadcasting Group plc", "", Expected.ORGANISATION, 1),  # a lower-case suffix of a name
        ("Clearing Services", "", Expected.PERSON, 0),  # of "the Association of Payment and Clearing Services": a body
        ("£20", "", Expected.COUNT, -1),  # "How many levels does the game have?"
        ("2-2", "", Expected.COUNT, -1),  # "What was the attendance?"
        ("three minutes", " later", Expected.COUNT, -1),
        ("$250m", "", Expected.MANNER, -1),  # "How are they paying?" is not answered by a sum
        ("£6m", "", Expected.MANNER, -1),
        ("a mixture of cash and shares", "", Expected.MANNER, 0),
        ("by a quarter percentage point", "", Expected.MANNER, 0),  # a figure in a phrase says how
        ("2-1", "", Expected.MANNER, 0),  # "How did the final end?"
        ("Alex McLeish", "", Expected.DESCRIPTION, -1),  # "Who is Barry Ferguson?" is answered by what he is, not by someone else
        ("McLeish", "", Expected.DESCRIPTION, -1),
        ("Courtney Love, the widow of Nirvana frontman", "", Expected.DESCRIPTION, -1),  # "Who was Kurt Cobain?"
        ("Chelsea boss", "", Expected.DESCRIPTION, 0),
        ("Scotland captain", "", Expected.DESCRIPTION, 0),
        ("Landgrave of Hesse", "", Expected.DESCRIPTION, 0),  # a title
        ("Agriculture Minister", "", Expected.DESCRIPTION, 0),  # a role, capitalised
    ],
)
def test_span_agreement(span, after, expected, agrees):
    assert agreement(expected, span_types(span, after), span, after) == agrees


def test_a_name_in_an_address_is_a_place():
    before, after = "Mr Betts-Green, of ", ", Suffolk, has also resigned"
    assert agreement(Expected.PERSON, span_types("Woodbridge", after, before), "Woodbridge") == -1  # "Who has UKIP picked?"
    assert agreement(Expected.PLACE, span_types("Woodbridge", after, before), "Woodbridge") == 1
    assert agreement(Expected.PERSON, span_types("Smith", ", the chairman, said", "the son of "), "Smith") == 1


def test_a_name_described_as_a_business_is_an_organisation():
    before = "accountancy firm "
    assert Expected.ORGANISATION in span_types("Ernst & Young", " said", before)
    assert agreement(Expected.PERSON, span_types("Ernst & Young", " said", before), "Ernst & Young") == 0  # "who" may be a firm
    for party in ("Labour", "the Tories", "Lib Dems"):  # "Labour's Ken Livingstone": a party, no person
        assert agreement(Expected.PERSON, span_types(party), party) == 0
    assert agreement(Expected.PERSON, span_types("Tory MP Michael Howard"), "Tory MP Michael Howard") == 1
    assert agreement(Expected.ORGANISATION, span_types("Ernst & Young", " said", before), "Ernst & Young") == 1
    assert Expected.ORGANISATION not in span_types("Gordon Brown", " said", "Chancellor ")


def test_may_is_a_month_where_the_words_before_make_it_one():
    assert Expected.DATE in span_types("May", ", and he", "Hiroshima in ")  # "When will the summit be held?"
    assert Expected.DATE in span_types("March", "", "since early ")
    assert Expected.DATE not in span_types("May", " said", "Prime Minister ")  # Theresa May
    assert Expected.DATE not in span_types("May", "", "a letter from ")


def test_a_number_after_a_currency_sign_is_money():
    assert span_types("20", ", Metal Slug 3 is cheap", "at a mere £") == {Expected.MONEY}  # the reader may cut the sign off
    assert agreement(Expected.COUNT, span_types("20", "", "at a mere £"), "20") == -1
    assert Expected.MONEY not in span_types("20", " levels", "There are ")


def test_who_holds_a_role_asks_for_a_person():
    assert asks_holder("Who is the Chancellor of the Exchequer?")  # never answered by "accountancy firm Ernst & Young"
    assert asks_holder("Who was Qantas's finance director?")
    assert asks_holder("Who is the health secretary?")
    assert asks_holder("Who is Stephen Pound's wife?")  # kin is a person: never "Labour" of "Labour MP Stephen Pound"
    assert asks_holder("Who is the Evening Standard reporter Livingstone insulted?")  # a person described: never "Labour"
    assert not asks_holder("Who said the forecasts were too optimistic?")  # a firm may have said so
    assert not asks_holder("Who bought Rover?")


def test_constraints_of_a_question():
    found = question_constraints("Who at Investec Securities expects UK rates to stay at 4.75% all year in 2005?")
    assert [(c.text, c.kind) for c in found] == [("2005", "year"), ("4.75", "number"), ("Investec", "name"), ("Securities", "name"), ("UK", "name")]
    assert question_constraints("Which export controls did the Japan-South Korea agreement end?")[0].text == "Japan"


def test_constraints_met_by_inflections_and_aliases_only():
    wales = question_constraints("What is the fine for smoking in Wales?")
    assert met(wales, "Smokers in Wales face a fine") == [True]
    assert met(wales, "a Welsh fine") == [True]
    assert met(wales, "Smokers in Scotland face a fine of £1,000") == [False]
    assert met(question_constraints("how high was UK inflation"), "the Bank of England said") == [True]  # England is in the UK
    assert met(question_constraints("Who is South Korea's president?"), "South Korean President Yoon") == [True]
    assert met(question_constraints("What did the Chinese leader say?"), "China's leader") == [True]
    assert met(question_constraints("What did Umbro make in 2003?"), "Umbro's profits for 2004") == [False, True]  # the year is unmet
    assert met(question_constraints("Which team won the Copa América final?"), "the Copa America final") == [True, True]  # accents aside
    assert met(question_constraints("How many Americans were under flood alerts?"), "across the U.S. this week") == [True]
    assert met(question_constraints("Which channel showed it on TV?"), "It was televised by CBS") == [True]  # a common abbreviation
    assert met(question_constraints("What did the PM say?"), "the prime minister said") == [True]
    mps = question_constraints("How many Scottish MPs are there?")
    assert met(mps, "Scottish MPs sit in the Commons") == [True, True] and met(mps, "59 Scottish members of parliament") == [True, True]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from(["Amérique", "e\u0301\u0323x", "Zoë Ball — “quoted”", "ﬁnance ½"]))
@pytest.mark.unit
def test_accents_are_folded_as_the_whole_text_decomposed_would_be(text):
    whole = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    assert _folded(text) == whole


def test_a_span_of_years_is_one_year_constraint():
    assert question_constraints("what is india's budget deficit target for 2005-6") == [Constraint("2005", "year")]
    assert question_constraints("How many were sold in 2004/05?") == [Constraint("2004", "year")]


def test_a_number_joined_to_a_name_is_part_of_it():
    assert [(c.text, c.kind) for c in question_constraints("Who tested positive for Covid-19?")] == [("Covid", "name")]  # "Covid" alone names it
    k12 = question_constraints("Which state lets teachers carry guns at K-12 schools?")
    assert [(c.text, c.kind) for c in k12] == [("K-12", "name")]
    assert met(k12, "guns in K-12 schools") == [True] and met(k12, "guns in schools serving 12 districts") == [False]
    assert [(c.text, c.kind) for c in question_constraints("What was built pre-1875?")] == [("1875", "year")]  # a prefix, no name


def test_may_is_a_name_unless_it_dates():
    assert question_constraints("How much will the merger cost May in one-off charges?") == [Constraint("May", "name")]
    assert [c.text for c in question_constraints("Why did Theresa May resign?")] == ["Theresa", "May"]
    assert question_constraints("What happened in May 2005?") == [Constraint("2005", "year")]
    assert question_constraints("What did he say on 5 May?") == [Constraint("5", "number")]
    assert question_constraints("May I ask who won?") == []


def test_contrast_names_what_the_text_gives_instead():
    wales, year = question_constraints("What is the fine in Wales?")[0], question_constraints("Umbro's profit in 2003?")[0]
    assert contrast(wales, "Smokers in Scotland face a fine of £1,000.") == "Scotland"
    assert contrast(year, "Umbro said profits for 2004 rose.") == "2004"
    white = "How much was Alan White fined?"
    assert contrast(question_constraints(white)[0], "Liam Gallagher and Noel Gallagher were fined.", exclude=["Liam Gallagher"], question=white) == "Noel Gallagher"  # not the answer's words
    # only a name of the same kind: not a person for a painting, nor a city the lists do not know for a country or an event
    mona, france, cup = "Who painted the Mona Lisa?", "What is the capital of France?", "Who won the 2022 World Cup?"
    assert contrast(question_constraints(mona)[0], "Putin met Xi Jinping in Moscow.", question=mona) is None
    assert contrast(question_constraints(france)[0], "Kishida met Xi in Kiev.", question=france) is None
    assert contrast(question_constraints(cup)[1], "Kishida visited Kiev after Tokyo.", question=cup) is None
    assert contrast(question_constraints(cup)[1], "Tickets for the Euro Cup sold out.", question=cup) == "Euro Cup"


def test_confidence_model_is_a_logistic_map_of_the_signals(tmp_path):
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps({"weights": {"evidence": 0.5, "unmet_article": -2.0}, "bias": -1.0, "threshold": 0.3}))
    model = ConfidenceModel.load(path)
    zero = dict.fromkeys(FEATURES, 0.0)
    assert model.probability(Signals(**zero | {"evidence": 2.0})) == pytest.approx(0.5)
    assert model.probability(Signals(**zero | {"evidence": 2.0, "unmet_article": 1.0})) < 0.2  # an unmet constraint lowers it
    with pytest.raises(ValueError, match="unknown signals"):
        ConfidenceModel({"nonsense": 1.0}, 0.0, 0.5)


def test_shipped_confidence_model_loads_and_words_read_in_order():
    model = ConfidenceModel.load(MODEL_FILE)
    assert 0 < model.threshold < 1
    assert [in_words(p) for p in (0.95, 0.7, 0.5, 0.1)] == ["very likely right", "likely right", "uncertain", "doubtful"]


def test_a_figure_given_for_another_person_has_a_rival():
    question = "How much was Oasis drummer Alan White fined over the Munich brawl?"
    sentence = "Oasis singer Liam Gallagher has been fined 50,000 euros (£35,000) after a fight in a German hotel."
    assert rival_person(question, sentence, sentence.index("50,000")) == ("Alan White", "Liam Gallagher")
    own = "Drummer Alan White and singer Liam Gallagher were fined 50,000 euros."
    assert rival_person(question, own, own.index("50,000")) is None  # the person asked about is named
    later = "The 71-year-old served in Northern Ireland during the premiership of Margaret Thatcher."
    assert rival_person("How old was Sir Nicholas Scott?", later, later.index("71")) is None  # named after the answer: not whose age it is
    assert people("The Bank of England and Mr Brown met Paul Murphy in March.") == ["Paul Murphy"]
    robben = "Chiropractor Jean Pierre Meersseman, who treated the Dutchman after he fractured his foot at the start of February, disagrees."
    assert rival_person("When did Arjen Robben fracture his foot?", robben, robben.index("February")) is None  # someone described after him
    choir = "The punk-rappers used three notes from flautist James Newton's Choir in their track from 1992."
    assert rival_person("What year did the Beastie Boys' Pass the Mic come out?", choir, choir.index("1992")) is None  # a named thing of his
    fiat = "The car business, best known for its Alfa Romeo marque, is expected to make a loss of about 800m euros in 2004."
    assert rival_person("How much is Fiat Auto expected to lose in 2004?", fiat, fiat.index("about")) is None  # "its Alfa Romeo": a brand, no person


def test_a_figure_in_a_clause_with_another_subject_is_that_subjects():
    shares = "Shares in the UK's Corus and France's Arcelor fell while Japan's Nippon Steel slid after it agreed to pay 72% more for ore."
    ore = shares.index("72%")
    assert other_clause_subject("How much more will Corus pay for iron ore?", shares, ore) == ("Corus", "Japan's Nippon Steel")
    assert other_clause_subject("How much more will Nippon Steel pay for iron ore?", shares, ore) is None
    sales = "Sales at Tesco rose 5%, while Sainsbury's fell 2%."
    assert other_clause_subject("How much did Tesco's sales rise?", sales, sales.index("5%")) is None  # its own clause
    assert other_clause_subject("How much did Tesco's sales fall?", sales, sales.index("2%")) == ("Tesco", "Sainsbury's")
    itself = "Corus shares fell, but it said it would pay 72% more."
    assert other_clause_subject("How much more will Corus pay?", itself, itself.index("72%")) is None  # no name opens the clause


def test_the_price_of_what_the_asked_one_bought_is_not_its_own():
    chain = "It was bought for $9.4bn by a previously unknown group, which was in turn bought by oil company Rosneft."
    assert the_buyer_instead("How much was Rosneft bought for?", chain) == ("Rosneft", "what Rosneft bought")
    assert the_buyer_instead("How much was Yugansk bought for?", chain) is None
    direct = "Rosneft bought Yugansk for $9.3bn."
    assert the_buyer_instead("How much was Rosneft sold for?", direct) == ("Rosneft", "what Rosneft bought")
    assert the_buyer_instead("How much was Yugansk sold for?", direct) is None
    sold = "A few days later, Baikal gave control of the company to state-run oil group Rosneft for $9.3bn."
    assert the_buyer_instead("How much did Baikal Finance Group pay for Yuganskneftegas?", sold) == ("Baikal Finance Group", "what Baikal Finance Group sold for")
    assert the_buyer_instead("How much did Rosneft pay for Yuganskneftegas?", sold) is None  # the buyer


def test_the_speaker_of_a_sentence_owns_nothing_it_tells_of():
    party = "Prince Harry should apologise for wearing a Nazi uniform to a friend's fancy dress party, says Tory leader Michael Howard."
    howard = party.index("Michael Howard"), party.index("Michael Howard") + 14
    assert the_speaker_for_whose("Whose fancy dress party was Prince Harry attending?", party, *howard)
    assert the_speaker_for_whose("Whose fancy dress party was Prince Harry attending?", party, party.index("friend's"), len(party) - 1)  # a clause that ends with the speaker
    home = "It was a party at the home of Tom Smith."
    assert not the_speaker_for_whose("Whose party was it?", home, home.index("Tom"), home.index("Tom") + 9)
    assert not the_speaker_for_whose("Who said Prince Harry should apologise?", party, *howard)  # no "whose"
    opening = "Michael Howard said the party was at a friend's house."
    assert the_speaker_for_whose("Whose party was it?", opening, 0, 14)
    owner = "It was Michael Howard's party, says the Sun."
    assert not the_speaker_for_whose("Whose party was it?", owner, 7, 21)


def test_what_the_other_one_does_to_the_asked_one_is_not_asked():
    title = "GM pays $2bn to evade Fiat buyout"
    assert the_roles_reversed("How much did Fiat pay GM?", title) == ("Fiat paying GM", "GM paying Fiat")
    assert the_roles_reversed("How much did GM pay Fiat?", title) is None
    both = "Porto paid Chelsea nothing; Chelsea paid Porto £20m."
    assert the_roles_reversed("What did Chelsea pay Porto for Carvalho?", both) is None  # the sentence says it too
    defeat = "Barcelona's title hopes took a blow on Sunday as they fell to a 2-0 defeat at home to Atletico Madrid."
    assert the_roles_reversed("By what score did Barcelona beat Atletico Madrid?", defeat) == (
        "Barcelona beating Atletico Madrid", "Atletico Madrid beating Barcelona")  # the other won
    assert the_roles_reversed("By what score did Atletico Madrid beat Barcelona?", defeat) is None
    assert the_roles_reversed("By what score did Chelsea beat Arsenal?", "Chelsea beat Arsenal 2-1.") is None


def test_a_figure_in_a_who_clause_is_the_described_persons():
    sentence = "Chelsea manager Jose Silva, who was fined £20,000 last month for his remarks, said Smith's punishment was too light."
    fine = sentence.index("£20,000")
    assert rival_person("How much was Smith fined?", sentence, fine) == ("Smith", "Jose Silva")
    assert rival_person("How much was Silva fined?", sentence, fine) is None  # the one the clause describes
    assert rival_person("How much was the Chelsea manager fined?", sentence, fine) is None  # named only before the clause
    own = "Smith, who was fined £20,000 last month, said he would appeal."
    assert rival_person("How much was Smith fined?", own, own.index("£20,000")) is None


def test_a_sentence_may_speak_of_the_named_thing_by_the_noun_the_question_gives_it_with():
    question = "When does the Golden Rose festival take place?"
    golden, rose = question_constraints(question)
    sentence = "The festival, which honours the best TV from around the globe, will take place in Lucerne from 3-8 May."
    assert not any(met([golden, rose], sentence))
    assert referred_to(golden, question, sentence) and referred_to(rose, question, sentence)
    assert not referred_to(golden, question, "The awards will take place in Lucerne.")
    assert not referred_to(golden, question, "It won in the final minutes of the festival.")  # not its subject
    gieve = "When was John Gieve appointed permanent secretary at the Home Office?"
    surname = next(c for c in question_constraints(gieve) if c.text == "Gieve")
    assert referred_to(surname, gieve, "Sir John was made permanent secretary in April 2001.")  # a knight by his first name
    assert not referred_to(surname, gieve, "Sir John Major was made prime minister in 1990.")  # another Sir John
    assert met(question_constraints("Which former Tory leader called it a charade?"), "Former Conservative leader Iain Duncan Smith")[0]


def test_a_surname_or_another_subject_is_a_rival():
    article = "Dutch coach Rinus Michels has died. Michels, named coach of the century, also won five caps for the Netherlands."
    sentence = article[article.index("Michels,") :]
    caps = "How many caps did Johan Cruyff win for the Netherlands?"
    assert rival_person(caps, sentence, sentence.index("five"), article) == ("Johan Cruyff", "Michels")  # the article gives the whole name
    assert rival_person(caps, sentence, sentence.index("five")) is None  # without it, "Michels" may be anything
    browsers = "Opera and Firefox compete with Microsoft. Firefox wants to capture 10% of the market by the end of 2005."
    share = browsers[browsers.index("Firefox wants") :]
    assert rival_person("What share of the browser market does Opera have?", share, share.index("10%"), browsers) == ("Opera", "Firefox")
    band = "Liam Gallagher and Alan White were fined. Gallagher was arrested after the brawl in Munich in December 2002."
    brawl = band[band.index("Gallagher was") :]
    assert rival_person("When did the Oasis fight in Germany happen?", brawl, brawl.index("December"), band) is None  # a person may belong to the band
    irs = "The Internal Revenue Service started accepting returns on Monday, Jan. 23."
    assert rival_person("When did the IRS start accepting returns?", irs, irs.index("Monday"), "It is the Internal Revenue Service.") is None  # its initials
    brewers = "Heineken and Carlsberg reported results. Despite the dip in profits, Heineken's revenue for the year was 10bn euros."
    revenue = brewers[brewers.index("Despite") :]
    assert rival_person("What was Carlsberg's revenue for the year?", revenue, revenue.index("10bn"), brewers) == ("Carlsberg", "Heineken")  # after an opening phrase
    assert rival_person("What was Heineken's revenue for the year?", revenue, revenue.index("10bn"), brewers) is None
    owen = "England forward Michael Owen spoke to the BBC. Owen has grabbed 11 goals for Real but has been unable to replace Raul."
    goals = owen[owen.index("Owen has") :]
    assert rival_person("How many goals has Raul scored for Real?", goals, goals.index("11"), owen) == ("Raul", "Owen")  # named in a later clause
    assert rival_person("How many goals has Owen scored for Real?", goals, goals.index("11"), owen) is None


def test_a_count_of_things_does_not_answer_how_many_people():
    question = "How many members did the Carderplanet website have?"
    assert counts_something_else(question, "three", " websites - Shadowcrew, Carderplanet")  # three websites, not members
    assert not counts_something_else(question, "4,000", " registered members were")
    assert names_a_rank("went to number ", "one") and names_a_rank("went to ", "number one in September")  # a chart place
    assert names_a_rank("reached No ", "13") and not names_a_rank("it sold ", "300,000")
    assert not counts_something_else(question, "4,000", ", police said")  # nothing counted after it: cannot tell
    assert not counts_something_else("How many websites were shut?", "three", " websites")  # only groups of people are told apart
    assert not counts_something_else("How many workers will lose their jobs?", "200", " jobs")


def test_a_figure_for_another_period_is_not_the_one_asked_about():
    sentence = "Marsh posted a $676m (£352m) loss for the last three months of 2004, against a $375m profit a year before."
    assert other_period("What was Marsh's net loss for the whole of 2004?", sentence) == ("whole of 2004", "the last three months of 2004")
    assert other_period("What was Marsh's loss in the last three months of 2004?", sentence) is None
    winner = "Last year's big winner at the MTV Europe Awards was Justin Timberlake, who walked away with three trophies."
    assert other_period("How many awards did Timberlake win at this year's MTV Europe Awards?", winner) == ("this year's", "Last year's")
    assert other_period("How many goals has he scored this season?", "He has 12 goals this season, after 20 last season.") is None
    turkey = "16-pound turkey: $21.50 (down 16.3% from last year’s nationwide average)"
    assert other_period("What is the average price for a 16-pound turkey this year?", turkey) is None  # last year's is the comparison
    assert other_period("What was Marsh's annual loss?", "Marsh lost $1bn in 2004.") is None
    quarter = "The first quarter showed annual growth of 6.3%, the second 1.1%."
    assert other_period("What was the annual growth rate in the first quarter?", quarter) is None  # the rate of a part of the year, asked
    assert other_period("What was the annual growth rate in the second quarter?", quarter) == ("second quarter", "The first quarter")
    weekend = "It took $42.8m at the weekend, making its overall takings more than $163m in 12 days."
    opening = "How much did Meet the Fockers take on its opening weekend?"
    assert other_period(opening, weekend) == ("opening weekend", "the weekend")
    club = "The Club2School policy would provide up to £250m yearly for local sports clubs."
    assert other_period("How much would Club2School provide each month?", club) == ("each month", "yearly")  # a rate per another unit
    assert other_period("How much would Club2School provide a year?", club) is None
    assert other_period("How much does it cost a month?", "It costs £5 a month, or £60 a year.") is None  # the unit asked is given too
    assert other_period("How many people die each year?", "A year ago, 300 people died.") is None  # no rate
    assert other_period(opening, "The film took $46m in its first weekend.") is None  # the same period in other words
    assert other_period(opening, "The film opened with $46m at the weekend.") is None
    assert other_period(opening, "The film took $46m, studio figures show.") is None  # no period given: cannot tell
    jump = "Its Global Investors wing made £347m, an 82% jump on 2003 figures."
    assert other_period("How much pre-tax profit did Barclays make in 2003?", jump) == ("2003", "another year (compared with 2003)")
    assert other_period("How much did it make in 2003?", "It made £3bn in 2003, up from £2bn in 2002.") is None
    assert other_period("How much has it grown since 2003?", "It has grown 5% since 2003.") is None  # asked as a comparison too


def test_a_forecast_does_not_answer_what_happened():
    sentence = "It is predicted that the Band Aid 20 song will sell 300,000 copies in the UK by Sunday."
    at = sentence.index("300,000")
    assert forecast("How many copies did Band Aid 20 sell in its second week?", sentence, at) == "will"
    assert forecast("How many copies will Band Aid 20 sell?", sentence, at) is None  # a forecast is asked for
    assert forecast("How many hunt meets were expected on the last day?", sentence, at) is None
    sold = "The song sold 300,000 copies, and it will stay at number one."
    assert forecast("How many copies did the song sell?", sold, sold.index("300,000"), sold.index(" copies")) is None  # a later clause's forecast
    ban = "The midfielder faces a possible seven-match ban when he goes before the Football Association."
    assert forecast("How many matches was the midfielder banned for?", ban, ban.index("seven")) == "faces a possible"
    fine = "The fine was far less than the expected amount of about £22,000."
    assert forecast("How much was the coach fined?", fine, fine.index("about")) == "expected amount"
    assert forecast("What was the expected amount of the fine?", fine, fine.index("about")) is None
    show = "About 120,000 people are expected to attend the trade show."
    at = 0, show.index(" people")
    assert forecast("How many people attended the show last year?", show, *at) == "people are expected to"  # just after the figure
    assert forecast("How many people work at the show?", show, *at) is None
    tapes = "The six unedited reel-to-reel tapes are valued at up to $50,000 (£29,000)."
    at = tapes.index("up to")
    assert forecast("How much did the Elvis tapes sell for at the auction?", tapes, at) == "valued at"  # an estimate before the sale
    assert forecast("How much were the Elvis tapes worth?", tapes, at) is None  # a value is asked for
    band = "It is predicted that the Band Aid 20 song will sell 300,000 copies."
    assert forecast("How many copies of the Band Aid 20 single did Tony Blair buy?", band, band.index("300,000")) == "will"  # a long subject
    assert forecast("How much did Carlsberg's profit rise?", "Carlsberg is projecting a 15% rise.", 26) == "projecting"
    founded = "Jay-Z will continue to run Roc-A-Fella, which he founded with Damon Dash in 1995."
    assert forecast("When was Roc-A-Fella founded?", founded, founded.index("1995")) is None  # the main clause's forecast
    plan = "The label, which will sell 300,000 copies, is new."
    assert forecast("How many copies did the label sell?", plan, plan.index("300,000")) == "will"  # the answer's own clause


def test_a_question_about_what_did_not_happen_needs_a_sentence_that_says_so():
    assert unsaid("What didn't Washington do?", "Washington surprised the Canadians on May 28.") == "what did not happen"
    assert unsaid("Who did not attend the summit?", "Mr Brown did not attend the summit.") is None
    assert unsaid("Which team failed to score?", "City failed to score.") is None  # only a negated question is checked
    assert unsaid("Who was left out of the squad?", "Rooney was left out, without an explanation.") is None
    paid = "Who could not recover the money it paid?"
    assert unsaid(paid, "Van Gend en Loos could recover the money, though it failed later.") == "what did not happen"  # negates something else
    assert unsaid("Which country did not sign the treaty?", "Britain refused to sign the treaty.") is None


@pytest.mark.parametrize(
    "question, passage, event",
    [
        ("Why did Ian Rush resign as manager of Chester?", "Ian Rush's future as Chester manager is uncertain after he refused a severance package.", "a resignation"),
        ("Why was Alastair Campbell thrown out of the Commons chamber?", "The devices gained prominence after Alastair Campbell used his to send a message.", "an expulsion"),
        ("Why was the striker arrested?", "The striker was questioned about the incident.", "an arrest"),
        ("Why was the coach sacked?", "The coach lost his job after a run of defeats.", None),  # told in other words
        ("Why did Smith step down?", "Smith, who stood down in May, blamed the board.", None),
        ("Why did Brian McFadden quit Westlife?", "The video of former Westlife singer Brian McFadden was pulled.", None),  # "former": he did leave
        ("Why was Ethelred kicked out?", "Ethelred fled to Normandy when he was forced from his kingdom.", None),
        ("Why was Brian McFadden expelled from school?", "The video of former Westlife singer Brian McFadden was pulled.", "an expulsion"),
        ("Why was Mido kicked out of the national team?", "Mido was axed by the former coach after failing to answer a call-up.", None),
        ("Why hasn't the chairman sacked Ian Rush?", "The chairman cannot afford it.", None),  # what did not happen needs no telling
        ("Why did Westinghouse not secure the patent?", "Westinghouse decided Tesla's patent would control the market.", None),
        ("Why did the poet die in Rome?", "The poet moved to Rome in 1820 for his health.", "a death"),
        ("Why did the shares fall?", "Shares fell after the warning.", None),  # no event of the kind asked
    ],
)
def test_a_why_question_takes_an_event_as_done_that_its_reason_must_tell(question, passage, event):
    assert untold_event(question, passage) == event


def test_what_a_sentence_denies_did_not_happen():
    report = "He denied an earlier report that he planned to make a direct appeal to the kidnappers via the Al-Jazeera channel."
    assert unsaid("What did George Galloway say in his appeal to the kidnappers on Al-Jazeera?", report) == DENIED
    assert unsaid("Which channel did Galloway deny using?", report) is None  # asks about the denial itself
    assert unsaid("What did the minister deny?", "The minister denied claims that he had lied.") is None


def test_the_time_a_first_is_compared_with_is_not_when_it_happened():
    before = "It was the first visit by a Japanese prime minister to a country at war since "
    assert first_since(before, "World War II")
    assert first_since("It was the ", "first visit by a Japanese prime minister to a country at war since World War II")
    assert not first_since("His ", "March 21")
    assert not first_since("The company has traded since ", "1990")  # no "first": since when it traded


def test_a_question_about_a_birth_a_death_or_a_part_played_needs_a_sentence_that_tells_it():
    riots = "Lord Scarman will be remembered for the inquiry he led into race riots which began in Brixton."
    assert unsaid("Where did Lord Scarman die?", riots) == "a death"
    assert unsaid("Where did Sir Nicholas Scott die?", "Sir Nicholas Scott has died at a London hospice.") is None
    assert unsaid("In what year was Henry of Navarre born?", "Henry of Navarre was killed in 1610.") == "a birth"
    assert unsaid("When was Zhu Shijie born?", "Zhu Shijie (born 1249) was a mathematician.") is None
    assert unsaid("Dick Cheney died this week. Under which president did he serve?", "He served under George W. Bush.") is None  # the question proper
    assert unsaid("Where did Harold II die?", "William conquered England, killing King Harold II at Hastings.") is None
    braddock = "Following the death of Braddock, William Shirley assumed command."
    assert unsaid("After Braddock was born, who controlled the forces?", braddock) == "a birth"  # any question
    births = "Of 624,828 live births registered, 320,713 were to women who were not married - 51.3% of the total."
    assert unsaid("What percentage of babies were born out of wedlock?", births) is None
    brooker = 'Nathan Barley will be "a character-driven comedy", according to Charlie Brooker, who created TV Go Home in 1999.'
    assert unsaid("Who plays Nathan Barley?", brooker) == "a part played"
    assert unsaid("Who plays Nathan Barley?", "Nicholas Burns stars in the title role.") is None
    assert unsaid("Who plays for Celtic in goal?", "Celtic keeper David Marshall was injured.") is None  # a player, not a part
    assert unsaid("Who played quarterback after Manning was benched?", "He was benched in favour of Brock Osweiler.") is None
    assert unsaid("Who played a part in the development of radar?", "Émile Girardeau worked on radar.") is None




def test_a_name_is_met_by_its_last_word_as_a_name():
    carolina = question_constraints("Which Carolina Panthers player was named MVP?")[0]
    assert (carolina.text, carolina.head) == ("Carolina", "Panthers")
    assert met([carolina], "The Panthers quarterback Cam Newton was named MVP.") == [True]
    christmas = question_constraints("How many texts were sent in the UK on Christmas Day?")[1]
    assert met([christmas], "A record day for texts: 133m were sent on 1 January.") == [False]  # "day" is no name
    recall = Constraint("125,000", "number")
    assert met([recall], "Ford is recalling 125,232 vehicles.") == [True]  # "around 125,000" rounds it
    assert met([recall], "Ford is recalling 12,500 vehicles.") == [False]
    assert met([Constraint("73", "number")], "He hit 74 home runs.") == [False]  # only round figures are rounded


def test_the_opposite_end_does_not_answer():
    assert opposite_degree("What is the lowest court in the EU?", "The Court of Justice is the highest court in the EU.") == ("the lowest", "the highest")
    assert opposite_degree("How is best-case complexity written?", "The worst-case complexity is written T(n).") == ("the best", "the worst")
    assert opposite_degree("Which team scored the most goals?", "They scored at least 5 goals, the most in the league.") is None
    # a place in an order is not the top of it
    smfg = "Combining SMFG, Japan's third-biggest lender, and Daiwa would create a giant."
    assert opposite_degree("Which is Japan's biggest lender?", smfg) == ("the biggest", "the third-biggest")
    assert opposite_degree("Which is Japan's third-biggest lender?", smfg) is None
    assert opposite_degree("What rank for most populous city does Warsaw hold?", "Warsaw is the 9th most-populous capital city.") is None
    assert opposite_degree("Which is Japan's biggest lender?", "Mizuho, Japan's biggest lender, and the third-biggest, SMFG") is None
    lessons = "Children would be offered two hours' free sports training a week."
    assert opposite_degree("How many hours of free sport would adults get?", lessons) == ("adults", "children")  # another group
    assert opposite_degree("How many children were killed?", "Five adults and three children were killed.") is None
    marijuana = "Which state approved a ballot measure this week that will legalize marijuana?"
    assert opposite_degree(marijuana, "Arkansas voters rejected a measure to legalize marijuana.") == ("approved", "rejected")
    assert opposite_degree(marijuana, "Maryland voters approved it; Arkansas rejected it.") is None  # the sentence says both
    assert opposite_degree("How much did shares rise?", "Shares fell 5% this fall.") == ("rise", "fell")
    assert opposite_degree("What will launch this fall?", "Sales rose 5%.") is None  # "fall" the season
    # the other of a pair of kinds: primary and secondary schooling, inpatients and outpatients
    assert opposite_degree("How much is India raising spending on secondary education?", "Spending on primary education rose to 71bn rupees.") == ("secondary", "primary")
    wales = "The number waiting more than 18 months as an inpatient in Wales has fallen by 9.8%."
    assert opposite_degree("How many in Wales wait 18 months for an outpatient appointment?", wales) == ("outpatient", "inpatient")
    assert opposite_degree("How many women were elected?", "Of the 120 women and men elected, most were new.") is None  # both said
    assert opposite_degree("Which gymnast won the gold medal on floor?", "Simone Biles won silver on floor, her third medal.") == ("gold", "silver")
    assert opposite_degree("Normally silver, what color was used for the number 50?", "The 50-yard line was colored gold.") is None  # no medal
    assert opposite_degree("By what percentage did Carlsberg's profits fall?", "Carlsberg is projecting a 15% rise in profits.") == ("fall", "rise")
    assert opposite_degree("Which is the most popular?", "At least 5 people said it was popular.") is None  # "at least" is no superlative
    assert opposite_degree("What is the largest city?", "Warsaw is a city.") is None  # neither: cannot tell
    assert opposite_degree("What does the treaty allow today?", "Today the treaty prohibits cartels.") == ("allow", "prohibits")
    assert opposite_degree("Who was subject to a qualified minority vote?", "They are subject to a qualified majority vote.") == ("minority", "majority")
    assert opposite_degree("Why did the operations succeed?", "The operations all failed, due to poor management.") == ("succeed", "failed")
    assert opposite_degree("Why are the committees weaker there?", "They are stronger there, partly to compensate.") == ("the weaker", "the stronger")
    assert opposite_degree("Imperialism caused the slow spread of what?", "It allowed the rapid spread of ideas.") == ("slow", "rapid")
    assert opposite_degree("What debates are closed to the public?", "Debates are open to the public.") == ("closed to", "open to")
    assert opposite_degree("What is inside its competence?", "Defence lies outside its competence.") == ("inside", "outside")
    # a nomination is not a win, unless the question asks about both
    keys = "Newcomer Ciara has four nominations, while Alicia Keys has three."
    assert opposite_degree("How many American Music Awards did Alicia Keys win?", keys) == ("win", "nominations")
    assert opposite_degree("How many awards did she win?", "She won three of her five nominations.") is None
    adriano = "Inter are reported to have slapped a price tag in the region of £40m on the head of Adriano."
    assert opposite_degree("How much did Inter pay Parma for Adriano?", adriano) == ("pay", "price tag")  # a value, not a payment
    assert opposite_degree("How much did Inter pay for Adriano?", "Inter paid £20m, below the asking price of £25m.") is None
    assert opposite_degree("How many of her nominations did she win?", keys) is None
    inquiry = "The Tories and the Lib Dems have called for a second inquiry into the visa."
    assert opposite_degree("Who carried out the inquiry into the visa affair?", inquiry) == ("carried out", "called for")  # asked for, not done
    assert opposite_degree("Who carried out the inquiry?", "Sir Alan Budd, who carried out the inquiry, called for calm.") is None
    assert opposite_degree("Which state approved the measure others rejected?", "Arkansas rejected the measure.") is None
    assert opposite_degree("Who agreed to sign the charter?", "The UK refused to sign the charter.") == ("agreed", "refused")
    assert opposite_degree("A decline in nationalism fuelled what?", "A rise in nationalism fuelled demands.") == ("decline", "rise")
    assert opposite_degree("What is unimportant in SAR?", "The important thing in SAR is speed.") == ("unimportant", "important")
    assert opposite_degree("Which drug is illegal there?", "Cannabis is legal there.") == ("illegal", "legal")
    assert opposite_degree("What is unknown about it?", "It is not known whether it holds.") is None  # negated too
    assert opposite_degree("What is unknown about it?", "Much is unknown about it, though its size is known.") is None  # says both
    assert opposite_degree("Who discovered it?", "The cover was blown.") is None  # "dis" is no negation here


def test_another_name_in_the_asked_names_place_is_a_rival():
    site = "Investigators went undercover on the Shadowcrew website and found some of the site's 4,000 members."
    members = "How many members did the Carderplanet website have?"
    assert swapped_name(members, site) == ("Carderplanet", "Shadowcrew")  # another website's members: the same word after
    assert swapped_name(members, "The Shadowcrew website had 4,000 members.") == ("Carderplanet", "Shadowcrew")
    assert swapped_name(members, "The Carderplanet website had 4,000 members.") is None
    brooker = "Nathan Barley is a comedy, according to Charlie Brooker, who created TV Go Home in 1999."
    assert swapped_name("When did Chris Morris create TV Go Home?", brooker, (brooker.index("1999"), brooker.index("1999") + 4)) == ("Chris Morris", "Charlie Brooker")
    school = "It is the largest medical school in Poland and one of the most prestigious."
    assert swapped_name("What is the largest medical school in Chopin?", school) == ("Chopin", "Poland")  # the same words before
    assert swapped_name("What textile industry did the Huguenots contribute?", "Huguenot weavers brought silk.") is None  # a form of the name
    mpc = "However, MPC member Paul Tucker voted for a rise to 5%."
    assert swapped_name("Which Monetary Policy Committee member voted for 5%?", mpc) is None  # its initials
    assert swapped_name("What did the UK ban on Sundays?", "In the Netherlands, driving was banned on Sundays.") is None  # nothing in common around it
    moldova = "Leaders also agreed to approve Moldova's candidacy."
    at = moldova.index("Moldova")
    asked = "Which country was recommended for Nato candidacy alongside Ukraine?"
    assert swapped_name(asked, moldova, (at, at + 7)) is None  # the answer itself, and a possessive, are not rivals
    sunday = "2024 Copa America: Sunday's final and how to watch Argentina vs Colombia"
    assert swapped_name("Which soccer team won the 2024 Copa Cup final?", sunday) is None
    prussia = "When was the Royal University of Prussia established?"
    assert swapped_name(prussia, "The Royal University of Warsaw was established in 1816.") == ("Prussia", "Royal University of Warsaw")  # one part of a longer name
    assert swapped_name(prussia, "Royal University of Warsaw, established in 1816.") == ("Prussia", "Royal University of Warsaw")
    assert swapped_name("What did the Jewish Government rule?", "Warsaw came under the General Government.") == ("Jewish", "General Government")
    assert swapped_name("Who besides Woodrow Wilson had the idea?", "The idea came from President Wilson's aides, not President Wilson.") is None  # a title, not another first name
    assert swapped_name("Which date did the IRS give?", "The date the Internal Revenue Service gave.") is None  # the asked name spelled out
    convention = "Which city will host the 2024 Democratic National Convention?"
    gop = "A GOP committee recommends Milwaukee host 2024 Republican National Convention"
    assert swapped_name(convention, gop) == ("Democratic", "Republican National Convention")  # the same last word is no mention
    assert swapped_name(convention, "GOP committee recommends Milwaukee host 2024 Republican ...") == ("Democratic", "Republican")  # another adjective
    vance = "Democrat Tim Walz and Republican JD Vance faced off. Where did the debate take place?"
    assert swapped_name(vance, "The debate between Ohio Sen. JD Vance and Minnesota Gov. Tim Walz was in New York.") is None  # "Republican" is no part of his name
    assert swapped_name("A volcano erupted on which European island?", "It erupted on the Italian island of Stromboli.") is None  # an adjective
    assert swapped_name("Which US state is considering it?", "Republican state senator John Kissel said no.") is None  # "US" is often left unsaid
    assert swapped_name("What could lava from the Mauna Loa volcano reach?", "It stopped 1.9 miles from the Daniel K. Inouye Highway.") is None  # "from the" says nothing


def test_a_sentence_opener_a_weekday_and_a_name_with_aliases_are_read_as_news_writes_them():
    asked = question_constraints("Meta announced cuts this week. Approximately how many employees were affected at Facebook?")
    assert [c.text for c in asked] == ["Facebook"]  # "Approximately" opens a sentence; "Meta" the question
    assert [c.text for c in question_constraints("How many homes in Florida were without power Thursday?")] == ["Florida"]
    uk = question_constraints("Which is the most famous site for winter solstice celebrations in the United Kingdom?")
    assert [c.text for c in uk] == ["United Kingdom"] and met(uk, "Crowds gathered at Stonehenge in England.") == [True]
    war = question_constraints("Which campaign did the regime begin after WWII?")
    assert met(war, "After the Second World War the regime began it.") == [True] and met(war, "After the war it began.") == [False]
    nhs = question_constraints("How many nurses does the NHS employ?")
    assert met(nhs, "The National Health Service employs 350,000 nurses.") == [True]  # spelled out
    assert met(nhs, "The health service employs 350,000 nurses.") == [False]
    snp = question_constraints("Which SNP politician called the case a fiasco?")
    assert met(snp, "Scottish National Party Justice Minister Kenny MacAskill said so.") == [True]  # spelled out within a longer name
    ieds = question_constraints("How many IEDs were found?")
    assert met(ieds, "Police found three Improvised Explosive Devices.") == [True]  # a plural spelled out


def test_a_person_named_by_another_role_does_not_answer_who_holds_the_asked_one():
    boss = "Qantas boss Mr Dixon also said he would review the group's cost-cutting measures."
    at = boss.index("Mr"), boss.index(" also")
    assert other_role("Who is the finance director at Qantas?", boss, *at) == ("finance director", "boss")
    assert other_role("Who is the chief executive of Qantas?", boss, *at) is None  # a boss is its chief executive
    giggs = "Giggs revealed how club manager Sir Alex Ferguson talked him into extending his Wales career."
    at = giggs.index("Sir"), giggs.index(" talked")
    assert other_role("Who is the Wales manager?", giggs, *at) == ("Wales manager", "club manager")  # a nation's is no club's
    assert other_role("Who is the Everton manager?", giggs, *at) is None  # a club's may be
    named = "Finance director Peter Gregg said profits rose."
    assert other_role("Who is the finance director at Qantas?", named, named.index("Peter"), named.index(" said")) is None
    assert other_role("What did the finance director say?", boss, *at) is None  # only "who" asks for the holder
    both = "Both the prime minister and Chancellor Gordon Brown have called for urgent action."
    brown = both.index("Chancellor"), both.index(" have")
    assert other_role("Who is the prime minister?", both, *brown) == ("prime minister", "chancellor")  # his own title counts first
    assert other_role("Who is the chancellor?", both, *brown) is None
    assert other_role("Who is the chancellor?", both, both.index("Gordon"), brown[1]) is None  # the title just before the span
    winger = "The SFA is awaiting the referee's report before acting against Hearts winger Saulius Mikoliunas."
    assert other_role("Who is the Hearts manager?", winger, winger.index("Saulius"), len(winger) - 1) == ("manager", "winger")
    tory = "The Tory leader argued there was a mass of people whom he says feel let down by Tony Blair and who share Tory values."
    blair = tory.index("Tony"), tory.index(" and who")
    assert other_role("Who is the Tory leader?", tory, *blair) == ("leader", "")  # the sentence calls someone else the leader
    head = "The head of Christian Brothers' school St Fintian's, Richard Fogarty, said the video implied it."
    assert other_role("Who is the head of St Fintian's school?", head, head.index("Richard"), head.index(", said")) is None  # beside the role
    rosneft = "Yugansk will operate as a separate oil firm headed by current Rosneft chief Sergei Bogdanchikov."
    at = rosneft.index("Sergei"), len(rosneft) - 1
    assert other_role("Who is the head of Gazprom?", rosneft, *at) == ("head", "Rosneft chief")  # another body's chief
    assert other_role("Who is the head of Rosneft?", rosneft, *at) is None
    day = "Queens Park Rangers keeper Chris Day is joining Preston on loan."
    assert other_role("Who is QPR's goalkeeper joining Preston on loan?", day, day.index("Chris"), day.index(" is")) is None  # QPR spelled out


def test_a_person_holding_the_asked_role_qualified_does_not_answer_who_holds_it():
    shadow = "Conservative shadow foreign secretary Michael Ancram said the move would be wrong."
    at = shadow.index("Michael"), shadow.index(" said")
    assert qualified_role("Who is the foreign secretary?", shadow, *at) == ("foreign secretary", "shadow foreign secretary")
    assert qualified_role("Who is the shadow foreign secretary?", shadow, *at) is None  # the qualified role asked
    assert qualified_role("Who said the move would be wrong?", shadow, *at) is None  # no role asked
    unnamed = "The SEC had accused Titan of paying $2.1m to an unnamed agent in Benin claiming ties with President Kerekou."
    assert left_unnamed("Who was the agent in Benin that Titan paid?", unnamed) == ("agent", "")
    assert left_unnamed("Who is the president of Benin?", unnamed) is None  # the sentence names him
    assert left_unnamed("Who was the agent?", "Titan paid its agent, Mr Dossou.") is None



def test_a_person_holding_the_role_unqualified_does_not_answer_who_holds_it_qualified():
    zhang = '"It has changed," said Zhang Hemin, director of the Wolong Nature Reserve.'
    at = zhang.index("Zhang"), zhang.index(", director")
    assert unqualified_role("Who is the deputy director of the Wolong Nature Reserve?", zhang, *at) == ("deputy director", "director")
    assert unqualified_role("Who is the director of the Wolong Nature Reserve?", zhang, *at) is None  # no qualifier asked
    deputy = "Zhang Hemin, deputy director of the reserve, said so."
    assert unqualified_role("Who is the deputy director of the reserve?", deputy, 0, deputy.index(", deputy")) is None
    blair = "Labour leader Tony Blair said so."
    assert unqualified_role("Who is the deputy leader of Labour?", blair, blair.index("Tony"), blair.index(" said")) == ("deputy leader", "leader")
    assert unqualified_role("Who is the deputy prime minister?", "Prime Minister Tony Blair said so.", 15, 25) == ("deputy prime minister", "prime minister")


def test_who_runs_a_firm_asks_for_its_chief_executive():
    assert as_role_question("Who runs GlaxoSmithKline?") == "Who is the chief executive of GlaxoSmithKline?"
    assert as_role_question("who runs france telecom") == "who is the chief executive of france telecom"
    assert as_role_question("Who now owns the Commodore name?") == "Who is now the owner of the Commodore name?"
    assert as_role_question("Who chairs the working party?") == "Who is the chairman of the working party?"
    for asked in ("Who runs in the 100m final?", "Who ran the company?", "Who said it?"):
        assert as_role_question(asked) == asked
    comma = "The deputy prime minister, John Prescott, opened the debate."
    assert qualified_role("Who is the prime minister?", comma, comma.index("John"), comma.index(", opened")) == ("prime minister", "deputy prime minister")
    after = "He was joined by Damien Hockney who is now Veritas' deputy leader."
    assert qualified_role("Who is the UKIP leader?", after, after.index("Damien"), after.index(" who")) == ("leader", "deputy leader")
    apposition = "John Prescott, the deputy prime minister, opened the debate."
    assert qualified_role("Who is the prime minister?", apposition, 0, apposition.index(",")) == ("prime minister", "deputy prime minister")
    former = "Former secretary of state Colin Powell said so."
    assert qualified_role("Who is the secretary of state?", former, former.index("Colin"), former.index(" said")) == ("secretary of state", "former secretary of state")
    law = "Union law binds states, though the former is enforced by the European Court of Justice."
    assert qualified_role("Who can enforce the law?", law, law.index("European"), len(law) - 1) is None  # "former" here is no title
    quit = "Mr Blunkett quit as home secretary last week after being told of the findings."
    at = quit.index("Mr"), quit.index(" quit")
    assert qualified_role("Who is the home secretary?", quit, *at) == ("home secretary", "former home secretary")  # a role left
    assert qualified_role("Who is the former home secretary?", quit, *at) is None


def test_a_person_holding_another_office_of_the_asked_kind_does_not_answer_who_holds_it():
    general = "General secretary Brendan Barber said it should not be a firing offence."
    at = general.index("Brendan"), general.index(" said")
    assert other_office("Who is the health secretary?", general, *at) == ("health secretary", "general secretary")
    assert other_office("Who is the general secretary?", general, *at) is None  # the office asked
    assert other_office("Who is the party's new secretary?", general, *at) is None  # an office anyone of the kind may hold
    deputy = "Ministerial responsibility rests with Rhona Brankin, the deputy health minister."
    at = deputy.index("Rhona"), deputy.index(", the")
    assert other_office("Who is the deputy prime minister?", deputy, *at) == ("deputy prime minister", "deputy health minister")
    assert other_office("Who is the health minister?", deputy, *at) is None  # qualified_role tells the deputy apart
    by = "His retirement was announced by Work and Pensions Secretary Alan Smith in November."
    assert other_office("Who is the work and pensions secretary?", by, by.index("Alan"), by.index(" in")) is None  # the title's case does not matter
    howard = "Conservative leader Michael Howard said so."
    at = howard.index("Michael"), howard.index(" said")
    assert other_office("Who is the Tory leader?", howard, *at) is None  # names (and their aliases) are for swapped_name to check
    assert other_office("Who said so?", howard, *at) is None  # no office asked


def test_another_number_with_the_asked_noun_is_a_rival():
    asked = "Who holds the single-season record with 73 home runs?"
    assert other_number(asked, "Roger Maris hit 61 home runs in 1961.") == ("73 home runs", "61 home runs")
    assert other_number(asked, "Barry Bonds hit 73 home runs in 2001.") is None  # the number asked
    assert other_number(asked, "Maris hit 61 in 1961.") is None  # nothing says what 61 counts
    assert other_number("Which airline is slashing 31,000 flights?", "American Airlines cut 30,949 flights.") is None  # rounded
    assert other_number("Which airline is slashing 31,000 flights?", "Delta cut 12,000 flights.") == ("31,000 flights", "12,000 flights")
    rents = "Rents hit a record high for the 17th month in a row. Which US city saw the biggest increase?"
    assert other_number(rents, "Miami was 10th on the list, with the biggest increase.") is None  # the statement before the question
    moon = "Which country is attempting to be the second nation to put people on the moon?"
    assert other_number(moon, "A landing would make India the fourth country to do it.") == ("second", "fourth")
    assert other_number("Who finished second?", "Smith finished second and Jones third.") is None
    waves = "Across three waves (first in the Americas, second in Asia and lastly in Africa) it spread."
    assert other_number("Europe colonised the Americas, then Asia; which continent was third?", waves) is None  # an order listed
    state = "Which state will be the second state to ban it?"
    assert other_number(state, "Utah became the first state to ban it.") == ("second", "first state")
    assert other_number(state, "It was the first time a state banned it.") is None  # "first" for anything new
    queen = "Queen Elizabeth I opened the building on what date?"
    assert other_number(queen, "Queen Elizabeth II opened it on 9 October 2004.") == ("Elizabeth I", "Elizabeth II")
    assert other_number(queen, "Elizabeth I, not Elizabeth II, opened it.") is None  # the one asked is there
    assert other_number("Who was the MVP of Super Bowl II?", "Bart Starr was MVP of Super Bowl I and II.") is None


def test_another_year_than_the_asked_one_is_a_rival():
    cups = "The Lightning won the last two Stanley Cups in 2020 and 2021."
    asked = "Which team won the 2022 Stanley Cup Finals?"
    assert other_year(asked, cups, (0, 13)) == ("2022", "2020")
    assert other_year(asked, cups, (0, 13), heading="Avalanche win 2022 Stanley Cup") is None  # the article's title gives it
    died = "He died in 2005."
    assert other_year("When did he die after leaving office in 2001?", died, (11, 15)) is None  # the year answered is no rival
    profits = "The airline announced net profits of 400m euros, compared with a loss of 984m euros in 2003."
    answer = profits.index("400m"), profits.index(", compared")
    assert other_year("How much net profit did Lufthansa make in 2004?", profits, answer) is None  # 2003 is what it is compared with
    assert other_year("How much net profit did Lufthansa make in 2004?", "It made 400m euros in 2003.", (8, 18)) == ("2004", "2003")
    fiat = "GM swapped a 6% stake in itself for 20% of Fiat - and gave Fiat an option to sell it the rest from January 2004."
    at = fiat.index("20%"), fiat.index("20%") + 3
    assert other_year("What share of Fiat did GM take when their alliance was set up in 2000?", fiat, at) is None  # the next clause's year
    assert other_year("What share of Fiat did GM take in 2000?", "GM took 20% of Fiat in 2004.", (8, 11)) == ("2000", "2004")


def test_another_month_than_the_asked_one_is_a_rival():
    reading = "A second reading could follow on 16 or 17 March."
    answer = reading.index("16"), len(reading) - 1
    assert other_month("When is the Crossrail bill's second reading in February?", reading, answer) == ("February", "March")
    assert other_month("When did he die after leaving office in February?", reading, answer) is None  # another event's month
    china = "China will scrap quarantine for arrivals from 8 January."
    assert other_month("Which country is dropping quarantine after sealing its borders in March 2020?", china, (0, 5)) is None
    prices = "Halifax said house prices rose by 0.8% in January, up from 0.2% in October."
    rose = prices.index("rose"), prices.index(" in January")
    assert other_month("What did the Halifax say happened to house prices in november", prices[: prices.index(",")], rose) == ("november", "January")
    assert other_month("What did the Halifax say happened to house prices in October?", prices, rose) is None  # the sentence names it
    assert other_month("What happened to prices in September?", "Prices rose 0.4%, up from 0.2% in September.", (12, 16)) is None
    assert other_month("What happened to prices in March?", "Prices rose 0.4%, up from 0.2% in September.", (12, 16)) is None  # compared with
    rate = "The unemployment rate went up to 5.5% from 5.4% in September."
    assert other_month("What was the unemployment rate in October?", rate, (rate.index("up to"), rate.index(" from"))) is None
    assert other_month("When did Theresa May resign?", "The prime minister resigned in June.", (31, 35)) is None  # a name
    assert other_month("What happened between October and December?", "Sales fell in October.", (0, 10)) is None


def test_a_word_that_says_what_the_answer_is_need_not_be_mentioned():
    county = "Graves have been rediscovered in which English county?"
    assert [describes_answer(c, county) for c in question_constraints(county)] == [True]
    primary = "Wyoming elected which Trump-backed Republican in the primary?"
    assert not any(describes_answer(c, primary) for c in question_constraints(primary))  # "Republican" is who, not what kind
    programme = "On which TV programme did Neil Kinnock discuss the Lords?"
    assert [describes_answer(c, programme) for c in question_constraints(programme)] == [True, False, False, False]
    city = "Which major US city is sinking under the weight of its skyscrapers?"
    assert [describes_answer(c, city) for c in question_constraints(city)] == [True]  # the answer's place is checked instead
    said = "What did the US say about the city?"
    assert not any(describes_answer(c, said) for c in question_constraints(said))
    fine = "What was the Welsh fine?"
    assert not any(describes_answer(c, fine) for c in question_constraints(fine))


def test_a_figure_another_name_owns_is_theirs():
    """"one of UKIP's two London Assembly members" does not say how many members the Assembly has."""
    ukip = "Mr Damian Hockney, one of UKIP's two London Assembly members, said the party would fight on."
    assert other_owner("How many members does the London Assembly have?", ukip, ukip.index("two")) == ("London Assembly", "UKIP")
    ryanair = "But Ryanair's 25 new planes arrive in May."
    assert other_owner("How many planes does BA own?", ryanair, ryanair.index("25")) == ("BA", "Ryanair")
    britain = "Britain's 3% growth was the fastest."
    assert other_owner("What was the UK growth rate?", britain, britain.index("3%")) is None  # an alias of the asked name
    brown = "Mr Brown's £2bn plan was welcomed."
    assert other_owner("How much did the Chancellor pledge?", brown, brown.index("£2bn"), "Chancellor Gordon Brown spoke. " + brown) is None  # a person may hold the asked role


def test_a_figure_for_the_place_there_stands_for_is_not_the_asked_place_s():
    """"95% of all mobiles sold there", after a sentence on Japan, does not say how many sold in the US will."""
    before = "Japan still dominates mobile phone technology, and the uptake there is huge. "
    sentence = "By 2008, according to Gartner, 95% of all mobiles sold there will have cameras on them."
    at = _at(sentence, "95%")
    assert other_place("What share of mobiles sold in the US will have cameras by 2008?", sentence, before, at) == ("US", "Japan")
    assert other_place("What share of mobiles sold in Japan will have cameras by 2008?", sentence, before, at) is None
    assert other_place("What share of mobiles sold in America will have cameras?", sentence, "Sales in the US rose. ", at) is None  # one country, two names
    orange = "Orange grew outside France and the United Kingdom, swelling its subscriber base to 5.4 million."
    figure = (orange.index("5.4"), orange.index("5.4") + 11)
    assert other_place("How many Orange subscribers are there in the UK?", orange, "", figure) == ("UK", "outside France and the United Kingdom")
    inside = "Orange has 5.4 million subscribers in the UK, and more outside France."
    assert other_place("How many Orange subscribers are there in the UK?", inside, "", (11, 22)) is None
    said = "He said there were 200 cameras sold."
    assert other_place("How many cameras were sold in the US?", said, before, _at(said, "200")) is None  # "there were" stands for no place


def test_a_people_named_in_the_question_asks_about_its_country():
    sentence = "In the UK 69% of those questioned said they kept their fixed phone because it was cheaper."
    at = _at(sentence, "69%")
    assert other_place("What share of German people keep a fixed phone because it is cheaper?", sentence, "", at) == ("Germany", "UK")
    assert other_place("What share of Germans keep a fixed phone?", sentence, "", at) == ("Germany", "UK")
    assert other_place("What share of British people keep a fixed phone?", sentence, "", at) is None  # the UK is Britain
    germans = "Some 69% of German users said so, against 50% in the UK."
    assert other_place("What share of German users said so?", germans, "", _at(germans, "69%")) is None  # it speaks of Germans
    assert country_of_people("Iranians") == "Iran" and country_of_people("Scottish") == "Scotland" and country_of_people("Smith") is None


def test_a_figure_for_the_place_beside_it_is_not_the_asked_place_s():
    """"growth of 2.2% across the European Union" does not say what growth is forecast for the Czech Republic."""
    asked = "What growth rate has the UNECE forecast for the Czech Republic in 2005?"
    sentence = "UNECE is forecasting average economic growth of 2.2% across the European Union in 2005."
    assert other_place(asked, sentence, "", _at(sentence, "2.2%")) == ("Czech Republic", "European Union")
    opening = "In Scotland the fine is £50, the minister said."
    assert other_place("What is the fine in Wales?", opening, "", _at(opening, "£50")) == ("Wales", "Scotland")
    korn = "Their best performance in the UK has been Here To Stay, which reached number 12, while their album Untouchables made it to number four."
    assert other_place("What number did Untouchables reach in the US charts?", korn, "", _at(korn, "four")) == ("US", "UK")  # however far before it
    far = "Growth of 2.2% is forecast, with the strongest, at 5%, in Poland."
    assert other_place(asked, far, "", _at(far, "2.2%")) is None  # another clause's place
    city = "Sales of 200,000 were made in London alone."
    assert other_place("How many were sold in the UK?", city, "", _at(city, "200,000")) is None  # a city of the asked country


def _at(sentence: str, answer: str) -> tuple[int, int]:
    return sentence.index(answer), sentence.index(answer) + len(answer)


def test_a_figure_of_another_ministry_is_not_the_asked_one_s():
    sentence = "Cameroon says widespread corruption in its finance ministry has cost it 1bn CFA francs a month."
    assert other_body("How much has corruption in the health ministry cost Cameroon?", sentence) == ("health ministry", "finance ministry")
    assert other_body("How much has corruption in the finance ministry cost Cameroon?", sentence) is None
    assert other_body("How much has corruption cost Cameroon?", sentence) is None


def test_a_figure_beside_a_name_is_not_the_figure_of_whom_that_name_owns():
    """"Lucy, 36" gives Lucy's age, not her birth mother's."""
    sentence = "Lucy, 36, tracked down Mr Pound after her birth mother told her he was known as Precious at school."
    at = sentence.index("36")
    assert the_owner_instead("How old was Lucy's birth mother when she was born?", sentence, at) == ("Lucy's birth mother", "Lucy")
    assert the_owner_instead("How old is Stephen Pound's daughter Lucy?", sentence, at) is None
    assert the_owner_instead("How old is Lucy?", sentence, at) is None
    assert the_owner_instead("How old was Stephen Pound when Lucy was born?", sentence, at) == ("Stephen Pound", "Lucy")
    pound = "Mr Pound, 61, said he was delighted."
    assert the_owner_instead("How old is Stephen Pound?", pound, pound.index("61")) is None
    winger = "Mikoliunas, 20, barged linesman Andy Davis in Hearts's 2-1 defeat."
    assert the_owner_instead("How old is Hearts winger Saulius Mikoliunas?", winger, winger.index("20")) is None  # a role between club and name
    lupoli = "Arsenal, without Thierry Henry, partnered 17-year-old Italian striker Arturo Lupoli with Ljungberg."
    at = lupoli.index("17")
    assert the_owner_instead("How old is Thierry Henry?", lupoli, at) == ("Thierry Henry", "Arturo Lupoli")  # the age before the one it is of
    assert the_owner_instead("How old is Arturo Lupoli?", lupoli, at) is None
    assert the_owner_instead("How old is Lupoli?", "The 17-year-old was called up.", 4) is None  # of no one named
    scott = "The 71-year-old served in Northern Ireland from 1981 to 1987."
    assert the_owner_instead("How old was Sir Nicholas Scott?", scott, 4) is None  # a verb, not a name, follows the age
    beckham = "The 29-year-old former England captain David Beckham scored."
    assert the_owner_instead("How old is David Beckham?", beckham, 4) is None  # "England" describes him
    assert the_owner_instead("How old is Michael Owen?", beckham, 4) == ("Michael Owen", "David Beckham")


def test_an_age_describing_someone_is_not_the_person_named_before_it():
    """"... Steve Vaughan claims he cannot afford to sack the 43-year-old Liverpool legend": the age is of the one sacked."""
    sentence = "Chairman Steve Vaughan claims he cannot afford to sack the 43-year-old Liverpool legend."
    assert rival_person("How old is Chester manager Ian Rush?", sentence, sentence.index("43")) is None
    apposed = "Chairman Steve Vaughan, the 43-year-old owner, spoke."
    assert rival_person("How old is Chester manager Ian Rush?", apposed, apposed.index("43")) == ("Ian Rush", "Chairman Steve Vaughan")
    sang = "The 62-year-old sang Hey Jude and other Beatles songs in a 12-minute set at half-time."
    assert rival_person("How long was Paul McCartney's Super Bowl set?", sang, sang.index("12-minute")) is None  # he, described


def test_a_verb_before_a_title_is_no_office():
    sentence = "John Terry is out, leaving coach Sven-Goran Eriksson with a real problem."
    at = sentence.index("Sven"), sentence.index(" with")
    assert other_office("Who is the England football coach?", sentence, *at) is None
    assert other_office("Who is the England football coach?", "Hockey coach Jim Bell said so.", 13, 21) == ("football coach", "hockey coach")


def test_the_thing_asked_about_owned_by_another_name_is_theirs():
    """"Labour's spring conference" is not the Conservatives'."""
    sentence = "Speaking at Labour's spring conference in Gateshead, Mr Brown claimed the NHS was not safe."
    assert other_owner_of_thing("Where are the Conservatives holding their spring conference?", sentence) == ("Conservatives", "Labour")
    assert other_owner_of_thing("Where is Labour holding its spring conference?", sentence) is None
    assert other_owner_of_thing("How much did British Airways pre-tax profits rise?", "BA's pre-tax profits rose 5%.") is None  # its initials
    assert other_owner_of_thing("Where did the Chancellor give his budget speech?", "Mr Brown's budget speech was in the Commons.") is None  # a person
    homeless = "California's homeless population is the largest in the US."
    assert other_owner_of_thing("Which state has the largest homeless population in the US?", homeless, (0, 10)) is None  # the answer's own
    midway = "The midway point is around 11 miles south of California's north-south midway point."
    assert other_owner_of_thing("How far south of San Jose is the north-south midway point?", midway) is None  # a place owns loosely


def test_the_same_ordinal_of_another_period_is_another_period():
    sentence = "More than 72,000 copies of the new Band Aid single were sold on its first day of release."
    assert other_period("How many copies did the Band Aid single sell in its first week?", sentence) == ("first week", "its first day")
    assert other_period("How many copies did the Band Aid single sell on its first day?", sentence) is None


def test_a_figure_for_another_stage_than_the_asked_one_is_a_rival():
    """"against a current target of 18 months" is not the new target."""
    hutt = "Jane Hutt said no patient would wait more than 12 months by March 2006, against a current target of 18 months."
    asked = "what's the new outpatient waiting time target in Wales for March 2006"
    assert other_stage(asked, hutt, hutt.index("18 months")) == ("the new", "the current")
    assert other_stage(asked, hutt, hutt.index("12 months")) is None
    assert other_stage("What is the current target?", hutt, hutt.index("18 months")) is None
    assert other_stage("How many people live in New York?", "The old town of 300 people.", 19) is None  # a name, not a stage
    lopez = "Former assistant Antonio Lopez takes over."
    assert other_stage("Who is Valencia's new coach?", lopez, lopez.index("Antonio")) is None  # another thing was former
    assert other_stage("Who is Valencia's new coach?", "Former coach Antonio Lopez left.", 13) == ("the new", "the former")


def test_a_level_reached_does_not_answer_how_much_it_changed():
    profits = "Carlsberg saw annual pre-tax profits fall to 3.4bn Danish kroner, after a 3% fall in sales."
    assert a_level("How much did Carlsberg's profits fall?", profits, _at(profits, "3.4bn")) == "fall to"
    assert a_level("How much did Carlsberg's profits fall to?", profits, _at(profits, "3.4bn")) is None  # the level is asked for
    assert a_level("How much did Carlsberg's sales fall?", profits, _at(profits, "3%")) is None
    sales = "Sales rose 5% to £1bn."
    assert a_level("How much did sales rise?", sales, _at(sales, "5%")) is None


def test_a_change_does_not_answer_for_a_level():
    """"Its share of the audience soared by 20%" does not say what the share was."""
    itv = "Its share of the audience soared by 20% in January 2005, and currently stands at an average of 28.6%."
    assert a_change("What was ITV1's audience share in January?", itv, _at(itv, "20%")) == "soared by"
    assert a_change("What was ITV1's audience share in January?", itv, _at(itv, "28.6%")) is None
    assert a_change("How much did ITV1's share rise?", itv, _at(itv, "20%")) is None  # a change is asked for
    work = "This would involve an extra one million older people joining the work force."
    assert a_change("How many older people are in work at the moment?", work, _at(work, "one million")) == "an extra"
    assert a_change("How many extra older people would join the work force?", work, _at(work, "one million")) is None
    snp = "The SNP took a further eight seats from the Liberal Democrats."
    assert a_change("How many seats did the SNP take from the Liberal Democrats?", snp, _at(snp, "eight")) is None  # how many were taken
    lift = "Desperate Housewives helped lift Channel 4's January audience share by 12% compared to last year."
    assert a_change("What was Channel 4's audience share in January?", lift, _at(lift, "12%")) == "by"
    profits = "The comments came as it reported a 6% rise in profits to £280.2m."
    assert a_change("What were B&B's profits?", profits, _at(profits, "6%")) == "rise"
    assert a_change("What were B&B's profits?", profits, _at(profits, "£280.2m")) is None
    cadbury = "Underlying pre-tax profits rose 1% to £933m."
    assert a_change("How much were Cadbury Schweppes' pre-tax profits in 2004?", cadbury, _at(cadbury, "1% to £933m")) is None  # the level too
    vote = "Caprice gained just 5% of the public vote."
    assert a_change("What percentage of the public vote did Caprice get?", vote, _at(vote, "5%")) is None  # a share, not a change
    up = "The initiative to set up four countries claiming to co-ordinate, up by 2,400 on last month."
    assert a_change("How many countries are in it?", up, _at(up, "four")) is None and a_change("How many are waiting?", up, _at(up, "2,400")) == "up by"


def test_a_count_of_what_another_organisation_owns_is_not_the_asked_ones():
    slammer = "The worm knocked out 13,000 cash machines of the Bank of America and many operated by the Canadian Imperial Bank of Commerce."
    end = _at(slammer, "13,000")[1]
    asked = "How many Canadian Imperial Bank of Commerce cash machines did Slammer knock out?"
    assert other_body_owning(asked, slammer, end) == ("Canadian Imperial Bank", "Bank of America")
    assert other_body_owning("How many Bank of America cash machines did Slammer knock out?", slammer, end) is None
    assert other_body_owning("How many cash machines did Slammer knock out?", slammer, end) is None  # no organisation asked about
    regions = "Southern California is one of the 11 megaregions of the United States."
    assert other_body_owning("How many megaregions are there in the United States?", regions, _at(regions, "11")[1]) is None  # a country


def test_the_year_a_figure_is_compared_with_is_not_its_own():
    bbc2 = "BBC Two's share of the audience fell from 11.2% to 9.6% last month in comparison with January 2004."
    assert other_period("What was BBC Two's audience share in January 2004?", bbc2) == ("2004", "another year (compared with 2004)")


def test_an_answer_beside_other_ones_of_the_asked_kind_is_theirs():
    ward = "It follows allegations against three other Birmingham councillors in the Bordesley Green ward, which are denied."
    at = _at(ward, "Bordesley Green ward")
    asked = "Which ward were the three Birmingham Labour councillors elected to?"
    assert other_ones(asked, ward, at) == ("councillors", "three other Birmingham councillors")
    assert other_ones("Which ward were the other councillors elected to?", ward, at) is None  # others asked about
    assert other_ones("Which ward did the allegations concern?", ward, at) is None  # not the asked kind
    saudi = "Saudi Arabia and the other Arab oil-producing states joined the embargo."
    assert other_ones("Which oil producing states joined the embargo?", saudi, _at(saudi, "Saudi Arabia")) is None  # with them, not others


def test_a_change_of_something_else_does_not_answer_how_much_the_asked_thing_changed():
    france = "Consumer spending was up by 1.2% in the fourth quarter, and there also was a rebound in business investment."
    asked = "By how much did business investment in France rise in the fourth quarter?"
    assert other_subject_of_change(asked, france, _at(france, "1.2%")) == ("business investment", "Consumer spending")
    assert other_subject_of_change("By how much did consumer spending rise?", france, _at(france, "1.2%")) is None
    profits = "It reported a 6% rise in profits, helped by sales."
    assert other_subject_of_change("How much did profits rise?", profits, _at(profits, "6%")) is None  # what rose follows the figure
    assert other_subject_of_change("How much did sales rise?", "Profits rose 10%, helped by sales.", (13, 16)) == ("sales", "Profits")


def test_a_figure_of_another_thing_counted_does_not_answer():
    ptc = "The PTC said it witnessed 3,056 flashes of nudity and 2,881 verbal references to sex."
    at = ptc.index("2,881") + 5
    assert other_thing_counted("How many references to drugs did the PTC count?", ptc, at) == ("references to drugs", "references to sex")
    assert other_thing_counted("How many references to sex did the PTC count?", ptc, at) is None
    assert other_thing_counted("How many flashes of nudity did the PTC count?", ptc, at) is None  # another noun: not this check's
    assert other_thing_counted("How many references to drugs were there?", ptc.replace("sex.", "sex and drugs."), at) is None
    media = "Media day was held on the Tuesday afternoon prior to the game."
    assert other_thing_counted("What day is Media Day held prior to a Super Bowl?", media, media.index(" prior")) is None  # counts nothing
    faa = "Pilots need at least 1,500 hours of flying experience."
    assert other_thing_counted("How many hours of pilot experience are required?", faa, faa.index("1,500") + 5) is None  # the same head
    cholera = "Officials reported 300 deaths from malaria this year."
    assert other_thing_counted("How many deaths from cholera were reported?", cholera, cholera.index("300") + 3) == ("deaths from cholera", "deaths from malaria")


def test_a_figure_of_another_measure_of_the_accounts_does_not_answer():
    inbev = "Inbev said pre-tax profits for 2004 rose 56% to 1.16bn euros ($1.5bn; £800m), and said it expected solid growth."
    assert other_measure("What were Inbev's total sales in 2004?", inbev, inbev.index("1.16bn")) == ("total sales", "pre-tax profits")
    assert other_measure("How much did Inbev's net profit rise?", inbev, inbev.index("56%")) == ("net profit", "pre-tax profits")
    net = "Overall, net profits were up 42% to 719m euros."
    assert other_measure("How much did Inbev's net profit rise?", net, net.index("42%")) is None
    both = "Profits rose 10% to £2bn, while sales fell to £9bn."
    assert other_measure("What were the sales?", both, both.index("£9bn")) is None  # the measure of its own clause
    assert other_measure("What was the profit?", both, both.index("£9bn")) == ("profit", "sales")
    assert other_measure("How many people work there?", both, both.index("£9bn")) is None  # no measure asked


def test_the_count_of_the_asked_noun_is_the_one_beside_it():
    sentence = "About 900,000 military and civilian staff at the defence department are among the 1.2 million affected."
    question = "How many defence department staff are among those hit?"
    start = sentence.index("900,000")
    assert the_asked_count(question, sentence, sentence.index("1.2"), sentence.index(" affected")) == (start, start + len("900,000"))
    assert the_asked_count(question, sentence, start, start + 7) is None  # the span's own number counts the staff
    votes = "Bez was nominated by five of his fellow housemates, whilst John received four votes against him."
    assert the_asked_count("How many nominations did John get?", votes, votes.index("five"), votes.index(" of his")) is None  # none names nominations
    judges = "There is one judge from each member state, 28 at present."
    assert the_asked_count("How many judges are there?", judges, judges.index("28"), judges.index(" at present")) is None  # "one judge ... from each" counts no judges
    staff = "The firm has 1,200 staff, and 300 shops."
    assert the_asked_count("How many staff does it have?", staff, staff.index("300"), staff.index(" shops")) == (staff.index("1,200"), staff.index(" staff"))


def test_a_while_is_no_count():
    times = "How many times have Blackburn won the FA Cup?"
    assert agreement(expected_type(times), span_types("45", " years ago, it also required"), "45", " years ago") == -1
    seasons = "How many seasons did he play at Ewood Park?"
    assert expected_type(seasons) == Expected.DURATION  # a count of a unit of time is a while
    assert agreement(Expected.DURATION, span_types("12", " seasons at the club"), "12", " seasons") == 1


def test_a_day_is_no_while_and_a_count_of_millions_no_share():
    weeks = expected_type("How many weeks did Jailhouse Rock spend at number one?")
    assert agreement(weeks, span_types("Sunday"), "Sunday") == -1
    assert agreement(weeks, span_types("three"), "three") == 0
    share = expected_type("What percentage of UK households have internet access?")
    assert agreement(share, span_types("More than five million"), "More than five million") == -1
    assert agreement(share, span_types("one in five"), "one in five") == 0
    high = expected_type("How high is Mount Bogong?")  # a height, which a percentage's question words also ask
    assert agreement(high, span_types("1,986 m", " (6,516 ft)"), "1,986 m", " (6,516 ft)") >= 0


def test_a_count_the_sentence_leaves_unsaid_or_one_of_a_number_stays():
    unions = "Amicus has 1.2 million members and the TGWU has 800,000."
    assert the_asked_count("How many members does the TGWU have?", unions, unions.index("800,000"), unions.index(".")) is None
    staff = "Cadbury Schweppes employs more than 50,000 people worldwide, with about 7,000 in the UK."
    assert the_asked_count("How many people does it employ in the UK?", staff, staff.index("7,000"), staff.index(" in the UK")) is None
    schools = "It has about 100 Muslim, 100 Evangelical Christian and 50 Jewish schools."
    assert the_asked_count("How many Muslim schools are there?", schools, schools.index("100"), schools.index(" Muslim")) is None
    turnovers = "The defence sacked Newton seven times and forced three turnovers."
    at = turnovers.index("three")
    assert the_asked_count("How many times did the defence force turnovers?", turnovers, at, at + 5) is None
    partners = "BT is one of 13 partners involved in the project."
    at = partners.index("13")
    assert the_asked_count("How many partners are involved in the project?", partners, at, at + 2) is None


def test_a_measure_is_no_money_and_money_no_measure():
    cost = expected_type("How much will Toshiba's HD-DVD players cost?")
    assert agreement(cost, span_types("30GB"), "30GB") == -1  # a capacity, not a price
    assert agreement(cost, span_types("151 votes"), "151 votes") == 0  # "by how much" may be a margin of votes
    power = expected_type("How much electricity did the Three Gorges Dam generate in 2004?")
    assert agreement(power, span_types("1.4bn yuan", " in 2003"), "1.4bn yuan", " in 2003") == -1
    assert agreement(power, span_types("$365m; £190m), compared with 1.4bn yuan"), "$365m; £190m), compared with 1.4bn yuan") == -1  # "365m" is no measure
    assert agreement(power, span_types("84.8bn kWh"), "84.8bn kWh") == 1


def test_a_number_inside_a_name_is_no_count():
    assert Expected.COUNT not in span_types("double CD album Speakerboxxx/The Love Below, which saw Andre 3000")
    assert a_party_for_a_seat("Which constituency is Stephen Pound MP for?", "Labour") and a_party_for_a_seat("Which seat does he hold?", "Labour backbencher")
    assert not a_party_for_a_seat("Which seat does he hold?", "Ealing North") and not a_party_for_a_seat("Which party is he in?", "Labour")
    assert Expected.DATE in span_types("four years ago") and Expected.DATE in span_types("four years", " ago.")  # says when
    assert Expected.DATE not in span_types("four years", " later")
    assert Expected.COUNT not in span_types("Five", " to cease promotion", "the ASA contacted ")  # the channel, named mid-sentence
    assert Expected.COUNT in span_types("Five", " people died", "said.\n\n") and Expected.COUNT in span_types("five", " complaints", "received ")
    assert Expected.COUNT in span_types("About 900,000") and Expected.COUNT in span_types("Mr Sullivan, one of six")


def test_an_attendance_or_a_count_of_people_is_not_a_count_of_something_else():
    gate = "What was the attendance at Celtic Park for Rangers' Old Firm win?"
    assert counts_something_else(gate, "three", " points clear of the champions")
    assert counts_something_else(gate, "11", "-game unbeaten run at home")  # the number describes a run
    people_ = "How many people watched Elton John in Paris?"
    assert not counts_something_else(people_, "2,700", "-strong audience on Sunday")  # a group of 2,700
    assert not counts_something_else("How many people were arrested?", "Twenty-eight", " people, including a Briton")
    assert counts_something_else("How many times has he competed at the festival?", "47", "-year-old, whose credits include")  # an age
    assert counts_something_else("How many people were there?", "47", " years old")
    assert not counts_something_else("How many years has he lived?", "47", "-year-old")


def test_nine_eleven_and_names_with_digits_are_names():
    telethon = question_constraints("How much did the 9/11 telethon raise?")
    assert [c.text for c in telethon] == ["9/11"] and met(telethon, "after the 11 September attacks") == [True]
    assert [c.text for c in question_constraints("Which 1Xtra presenter predicts it?")] == ["1Xtra"]
    assert [c.text for c in question_constraints("Who won the 10th race for £5m?")] == ["10", "5"]  # numbers stay numbers


def test_things_and_people_s_adjectives_are_no_rivals():
    assert people("the Boxing Day tsunami hit the Indian Ocean before the Consumer Electronics Show; Leonardo DiCaprio") == ["Leonardo DiCaprio"]
    festival = "Man to Man, a historical epic starring Kristin Scott Thomas, opens the German festival on 10 February."
    assert swapped_name("Which film opens this year's Berlin Film Festival?", festival, (0, 10)) is None  # a people's adjective describes
    carmaker = "The German-US carmaker saw fourth quarter operating profits fall to 785m euros ($1bn) from 2.4bn euros in 2003."
    question = "What were DaimlerChrysler's fourth quarter operating profits?"
    assert rival_person(question, carmaker, carmaker.index("785m"), "DaimlerChrysler, the German carmaker. " + carmaker) is None
    riggs = "A US bank has said it will donate more than $8m to victims of Augusto Pinochet's regime."
    assert swapped_name("How much is Riggs Bank giving to Pinochet's victims?", riggs, (38, 51)) is None  # a bank it describes, no other "Bank"
    argonaut = "The London-based company behind the Harry Potter games has sacked about 100 employees."
    assert swapped_name("How many employees has Argonaut Games sacked?", argonaut, (66, 75)) is None
    assert swapped_name("How many members did the Carderplanet website have?", "The Shadowcrew website had 4,000 members.", (27, 32)) == ("Carderplanet", "Shadowcrew")
    rights = "BSkyB paying £304m for the Premier League rights would give them a monopoly."
    assert swapped_name("How much was BSkyB going to pay for the Primier League rights?", rights, (13, 18)) is None  # misspelt, no other name
    dfid = "The five-year Department for International Development funding will enable more survivors to get treatment."
    assert other_body("Which UK government department is funding treatment?", dfid) is None  # any department is the government's


def test_a_figure_of_the_name_a_which_clause_speaks_of_or_of_the_person_before_it_is_theirs():
    yahoo = '"They are playing poker," said Geoff Graber, director of Yahoo Games, which attracts about 12 million gamers a month.'
    at = yahoo.index("about")
    assert other_owner("How many gamers a month does AOL's games site attract?", yahoo, at) == ("AOL", "Yahoo Games")
    assert other_owner("How many gamers a month does Yahoo Games attract?", yahoo, at) is None
    luther = "Luther introduced the new order of worship during their visitation of the Electorate of Saxony, which began in 1527."
    assert other_owner("When did Luther introduce the new worship?", luther, luther.index("1527")) is None  # the asked one is named: the clause may be his
    aid = 'Actress Sandra Bullock has donated $1m to The American Red Cross and actor Leonardo DiCaprio pledged a "sizable" aid contribution.'
    at = aid.index("$1m")
    assert rival_person("How much money did Leonardo DiCaprio give?", aid, at) == ("Leonardo DiCaprio", "Actress Sandra Bullock")
    assert rival_person("How much did Sandra Bullock donate?", aid, at) is None


def test_a_forecast_in_another_clause_or_what_could_have_been():
    sanctions = "It is the first time the US Air Force will attend the air show since sanctions imposed in 1998 after India's nuclear tests were lifted."
    assert forecast("When were the sanctions imposed on India?", sanctions, sanctions.index("1998")) is None  # the since-clause tells what was done
    olympics = "It will be the oldest U.S. women's gymnastics team to compete at the Olympics since 1952."
    assert forecast("In which year did women first compete?", olympics, olympics.index("1952")) == "will"  # no clause: "since 1952"
    grammys = "OutKast will add their awards to the four they won at the US MTV Awards in August and three Grammys in February."
    assert forecast("How many Grammys did OutKast win this year?", grammys, grammys.index("three")) is None
    lisbon = '"We could have sold a million tickets."'
    assert forecast("How many tickets have been sold for U2's Lisbon concert?", lisbon, lisbon.index("a million")) == "could have"
    bail = "Pete Doherty will have to spend the weekend in jail because he could not come up with £150,000 bond money for his bail."
    assert forecast("How much bond money did Pete Doherty need for his bail?", bail, bail.index("£150,000")) is None  # the because-clause's own
    cost = "It will cost £5m because of delays."
    assert forecast("How much did it cost?", cost, cost.index("£5m")) == "will"
    jail = "Mr Lebedev and Mr Khodorkovsky, who each face a possible 10 year jail sentence if convicted, will be questioned."
    assert forecast("How long a prison sentence was Mikhail Khodorkovsky given?", jail, jail.index("10 year")) == "face a possible"


def test_a_figure_of_the_other_sex_does_not_answer():
    aol = "Sports-based games attracted 90% of 18 to 24-year-old males, while puzzle games were played by 80% of females."
    women = "According to AOL, what percentage of 18 to 24-year-old women play sports-based games?"
    assert other_group(women, aol, aol.index("90%") + 3) == ("women", "males")
    assert other_group(women, aol, aol.index("80%") + 3) is None
    assert other_group("What share of men play puzzle games?", aol, aol.index("80%") + 3) == ("men", "females")
    assert other_group("What share of young people play sports games?", aol, aol.index("90%") + 3) is None  # no sex asked
    assert other_group("What share of men and women play?", aol, aol.index("90%") + 3) is None


def test_a_claim_is_not_a_payment():
    claim = "The Justice Department is to try to overturn a ruling that threw out its claim for $280bn in damages from tobacco firms."
    assert opposite_degree("How much did the tobacco firms have to pay after the ruling?", claim) == ("pay", "claim for")
    assert opposite_degree("How much did the tobacco firms have to pay?", "The firms paid $10bn after a claim for $280bn.") is None


def test_a_holder_of_the_asked_role_in_another_body_or_office():
    atwood = '"It exploits the emotions of adoption," said Thomas Atwood, president of the National Council for Adoption.'
    at = atwood.index("Thomas"), atwood.index(", president")
    assert role_in_other_body("Who is the president of the Parents Television Council?", atwood, at[1]) == (
        "president of Parents Television Council", "president of National Council for Adoption")
    assert role_in_other_body("Who is the president of the National Council for Adoption?", atwood, at[1]) is None
    finance = "Defence is a priority for Finance Minister Palaniappan Chidambaram."
    at = finance.index("Palaniappan"), len(finance) - 1
    assert other_office("What's the name of the Indian defence minister?", finance, *at) == ("defence minister", "finance minister")
    coach = "Barcelona assistant coach Henk Ten Cate called it pathetic."
    assert qualified_role("Which Barcelona coach called it pathetic?", coach, coach.index("Henk"), coach.index(" called")) is None  # any of its coaches


def test_a_quarter_s_shorthand_is_met_by_its_words_and_read_and_searched_so():
    q3 = question_constraints("How fast did US consumer spending grow in Q3?")
    assert met(q3, "consumer spending in the US grew at 4.6% in the third quarter") == [True, True]
    assert aliased("Q3") and not aliased("Q7")
    assert spelled_shorthands("How fast did spending grow in Q3?") == "How fast did spending grow in third quarter?"  # for the reader
    assert shorthand_words("spending in Q3") == ["third quarter"] and shorthand_words("spending") == []  # searched for beside "Q3"
    bush = "Bush is expected to point to figures showing that consumer spending grew at 4.6% in the third quarter."
    assert forecast("How fast did consumer spending grow?", bush, bush.index("4.6%")) is None  # what the figures show was done


def test_a_name_joined_by_a_hyphen_or_described_by_its_place_and_a_year_s_final_quarter():
    winn = "How much debt has Winn-Dixie run up?"
    assert in_phrases(question_constraints(winn), winn) == ["Winn-Dixie"]  # one subject
    firm = "The Jacksonville, Florida-based firm has total debts of $1.87bn (£980m)."
    assert rival_person(winn, firm, firm.index("$1.87bn"), f"Winn-Dixie files for bankruptcy. {firm}") is None  # described by where it is
    daimler = "The German-US carmaker saw fourth quarter operating profits fall to 785m euros ($1bn) from 2.4bn euros in 2003."
    asked = "What were DaimlerChrysler's operating profits in the final quarter of 2004?"
    assert other_period(asked, daimler) is None  # a year's final quarter is its fourth
    assert other_period("What were its profits in the final round?", "It made 2m in the fourth round.") == ("final round", "the fourth round")
    at = daimler.index("785m"), daimler.index(" ($1bn)")
    assert other_year(asked, daimler, at) is None  # 2003's is the figure it fell from
    assert other_year(asked, daimler, (daimler.index("2.4bn"), daimler.index(" in 2003"))) == ("2004", "2003")


def test_a_year_in_another_clause_is_not_the_one_last_year_s_figure_is_for():
    glaxo = "GlaxoSmithKline saw its profits fall 9% last year to £6.2bn ($11.5bn), but the drugmaker says a recovery during 2005 is on the way."
    at = glaxo.index("£6.2bn"), glaxo.index(" ($11.5bn)")
    assert other_year("How much profit did GlaxoSmithKline make in 2004?", glaxo, at) is None
    assert other_year("How much profit did GlaxoSmithKline make in 2004?", "Its profits fell to £6.2bn, but in 2005 it expects more.", (21, 27)) == ("2004", "2005")


def test_a_person_of_the_other_sex_than_the_asked_noun_says():
    assert other_sex("What is the name of Lucy's birth mother?", "Mr Pound")
    assert other_sex("What is the name of Lucy's birth mother?", "Pound", before="tracked down Mr ")
    assert not other_sex("What is the name of Lucy's birth mother?", "Mrs Pound")
    assert not other_sex("Which actor won the award?", "Ms Staunton") and not other_sex("Who won the award?", "Ms Staunton")  # "actor" is either
    assert other_sex("Which actor said she was angered about the voice?", "Mr. Altman")
    assert other_sex("Which lawmaker announced that he is leaving Congress?", "Ms Pelosi")
    assert not other_sex("Which lawmaker announced that he is leaving Congress?", "Mr McHenry")
    assert not other_sex("Who did she marry?", "Mr Pound")  # she is someone else


def test_a_given_name_says_the_sex_when_nearly_all_its_bearers_share_it():
    spokeswoman = "What is the name of the SEC spokeswoman who talked to the BBC?"
    assert other_sex(spokeswoman, "James Tambone") and not other_sex(spokeswoman, "Kate Moss")
    assert other_sex(spokeswoman, "James Tambone, who it says headed CFD's sales operations")  # the name a clause begins with
    assert other_sex("What is the name of the man who was assaulted?", "Kate Moss")
    assert other_sex("What is the name of the man who was assaulted?", "Dr Kate Moss")  # past a title
    for either in ("Taylor Swift", "Jean Smith", "Andrea Pirlo", "Joao Chianca"):  # both sexes bear it, in Italy a man does, or the lists lack it
        assert not other_sex("What is the name of the man who scored?", either)
    assert not other_sex(spokeswoman, "James") and not other_sex(spokeswoman, "Tambone")  # a name alone says too little
    assert not other_sex("Who scored the goal?", "Kate Moss")  # no sex asked


@pytest.mark.parametrize(
    ("span", "place", "organisation"),
    [
        ("Tom DeLonge", -1, 0),  # no island; a band may bear a person's name
        ("Harriet Hageman", -1, 0),
        ("Dr Kate Moss", -1, 0),
        ("Cleveland Browns", 1, 1),  # the given name is a place's
        ("Georgia Tech", 1, 1),
        ("Sierra Leone", 1, 1),
        ("Virginia Beach", 1, 1),
        ("Myrtle Beach", 1, 1),  # a place named after someone
        ("Rocky Mountains", 1, 1),
        ("Penny Lane", 1, 1),
        ("Christian Democrats", 1, 1),  # a party
        ("Nova Scotia", 1, 1),  # no surname
        ("Santa Clara Marriott", 1, 1),  # a place's first words
        ("Monte Gargano", 1, 1),
        ("Al Nassr", 1, 1),  # the Arabic article, no given name
        ("Han Chinese", 1, 1),
        ("Joao Chianca", 1, 1),  # the lists lack the name: cannot tell
    ],
)
def test_a_person_s_name_is_no_place(span, place, organisation):
    types = span_types(span)
    assert (agreement(Expected.PLACE, types, span), agreement(Expected.ORGANISATION, types, span)) == (place, organisation)
    assert agreement(Expected.PERSON, types, span) == 1


def test_a_country_named_by_its_first_word_is_the_asked_place():
    eu = "UNECE is forecasting average economic growth of 2.2% across the European Union in 2005."
    czech = "How fast will the Czech economy grow in 2005 according to the UNECE?"
    assert other_place(czech, eu, "", (eu.index("2.2%"), eu.index("2.2%") + 4)) == ("Czech", "European Union")
    assert other_place(czech, "Growth of 4% in the Czech Republic.", "", (10, 12)) is None
    assert not a_country_s_first_word("South") and a_country_s_first_word("Saudi")


def test_a_figure_shared_by_names_is_not_one_of_theirs_alone():
    iaea = "So far it has only received $11m from the US and the UK."
    at = iaea.index("$11m"), iaea.index(" from")
    assert shared_figure("How much has the UK given the IAEA?", iaea, at) == ("UK alone", "the US and the UK together")
    assert shared_figure("How much have the US and the UK given the IAEA together?", iaea, at) is None
    chip = "Sony, IBM and Toshiba have spent $400m on the chip."
    assert shared_figure("How much has Sony spent on the chip?", chip, (chip.index("$400m"), chip.index(" on the"))) == ("Sony alone", "Sony, IBM and Toshiba together")
    assert shared_figure("How much has Sony spent on the chip?", "Sony has spent $400m, and IBM and Toshiba more.", (15, 20)) is None
    sacks = "Defensive ends Derek Wolfe and Malik Jackson each had 5½ sacks."
    assert shared_figure("How many sacks did Derek Wolfe register?", sacks, (sacks.index("5½"), sacks.index(" sacks"))) is None  # each one's
    colonies = "Britain gained control of French Canada and Acadia, colonies containing approximately 80,000 residents."
    at = colonies.index("approximately"), colonies.index(" residents")
    assert shared_figure("How many French colonists were gained by British?", colonies, at) is None  # "French Canada" is no "French"
