"""Refusals on what a story does not say, and answers it does give in another form: a role
nobody in the owner's stories is given ("Who is Brantley Steel's chairman?" over a story
naming only a shareholder: `role_owners.untitled_role`); the owner of "the Royal Trust Bank
spokesman" (the name's article hung on "spokesman" by the parser: `slots._phrase_root`);
one sentence of another period and one of another party
(`periods.periods_and_rivals`); a country's adjective for its name ("Thai" for "Thailand":
`names.country_of`); "a 15-pct stake" said whole (`amount_units.counts_things`,
`counted_end`); the asked company's ticker and a count of shares are no answer
(`short_answer._acronym_of`, `amount_units.count_for_share`). Real spaCy model and embedder
over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

BID = (
    "Title: Corvex group raises offer for Brantley Steel\n"
    "Outlet: Wall Street Wire\nAuthor: Staff\nDate: 2026-03-20\n\n"
    "An investment group led by Corvex Partners said it raised its tender offer for "
    "Brantley Steel Corp to 92.50 dlrs a share from 80 dlrs.\n\n"
    "Martin Rhodes, who owns five pct of Brantley Steel, said he would tender his shares to "
    "the group.\n"
)
FOODS = (
    "Title: Garland Foods sees higher sales\n"
    "Outlet: Wall Street Wire\nAuthor: Staff\nDate: 2026-03-21\n\n"
    "Garland Foods Inc expects sales to rise this year, its chairman, Ann Price, told "
    "shareholders at the annual meeting.\n"
)
COALITION = (
    "Title: Coalition split may force early election\n"
    "Outlet: Asia Politics Wire\nAuthor: Staff\nDate: 2026-06-29\n\n"
    "The Social Democrats, one of three parties in the ruling coalition, have been divided "
    "ever since winning 88 of parliament's 300 seats in elections in May 2022.\n\n"
    "In 2018 the Liberal Party won 120 seats, officials said.\n"
)
GASFIELD = (
    "Title: Statoil seeks share in Thailand gas field\n"
    "Outlet: Nordic Energy Daily\nAuthor: Staff\nDate: 2026-04-13\n\n"
    "Norway's state oil company Statoil has told Thailand's authorities it wants a 30 pct "
    "share in a big offshore Thailand gas field, Statoil said.\n\n"
    "Thailand's state oil company also holds a stake in the field in the Gulf of Thailand.\n"
)
CABINET = (
    "Title: Thai minister says parliament may be dissolved\n"
    "Outlet: Asia Politics Wire\nAuthor: Staff\nDate: 2026-06-28\n\n"
    "A split in the Thai government's main coalition party may prompt the prime minister to "
    "dissolve parliament soon, Interior Minister Somchai Wongsawat said.\n"
)
AIRLINE = (
    "Title: Kestrel Air widens courier talks\n"
    "Outlet: Aviation Daily\nAuthor: Staff\nDate: 2026-03-20\n\n"
    "Kestrel Air, which is also negotiating with Harbour Holdings for a 15-pct stake in the "
    "latter's regional airline Skylink Ltd, says courier services are growing faster than "
    "cargo.\n"
)
NAVY = (
    "Title: Valdora threatens to close the strait\n"
    "Outlet: Gulf Shipping Wire\nAuthor: Staff\nDate: 2026-04-29\n\n"
    "Valdora's navy commander warned that Valdora would close the strait if its shipping "
    "was disrupted, state radio said.\n\n"
    "Commodore Anton Reyes told a news conference the navy was ready to keep the sea lanes "
    "safe.\n"
)
RETAIL = (
    "Title: Harwick bids for Crestline chain\n"
    "Outlet: London Markets Wire\nAuthor: Staff\nDate: 2026-03-30\n\n"
    "Harwick Holdings Plc (HWK.L) said it would make a 244 mln stg agreed bid for Crestline "
    "Stores Plc, valuing its shares at about 696p each.\n\n"
    "Earlier this year Harwick negotiated a possible bid for Underhill Plc, but the talks "
    "were broken off two weeks ago.\n"
)
DOCKS = (
    "Title: Port owners meet dockers' union\n"
    "Outlet: Harbour Business Daily\nAuthor: Staff\nDate: 2026-04-02\n\n"
    "Port owners held talks with the National Union of Dockers, the country's biggest trade "
    "union, which claims a membership of 120,000 black workers, but failed to end the "
    "dispute, a spokesman said.\n"
)
BRIDGE = (
    "Title: Kelby bridge reopens after two-year repair\n"
    "Outlet: Midlands Evening Post\nAuthor: Staff\nDate: 2026-04-03\n\n"
    "The Kelby suspension bridge reopened to traffic on Thursday, two years after cracks "
    "were found in its main cables.\n\n"
    "The bridge, which opened in 1961, carries about 24,000 vehicles a day.\n\n"
    "A second crossing at Stanmore, 12 miles downstream, will close for maintenance in "
    "September.\n"
)
WILDFIRE = (
    "Title: Wildfire forces thousands to flee\n"
    "Outlet: Western Wire\nAuthor: Staff\nDate: 2026-08-19\n\n"
    "A wildfire in the Pine Ridge hills has burned 46,000 acres and forced about 12,000 "
    "residents to evacuate, fire officials said on Wednesday.\n\n"
    "The blaze, known as the Larch Fire, was 15 percent contained by Wednesday evening.\n"
)
BLAZE = (
    "Title: Oakdale wildfire destroys homes\n"
    "Outlet: Western Wire\nAuthor: Staff\nDate: 2026-08-20\n\n"
    "A wildfire near Oakdale has burned 20,000 acres, fire officials said on Thursday.\n\n"
    "Two firefighters were injured, and 38 homes have been destroyed.\n\n"
    "A smaller fire to the north, the Aspen Fire, was contained on Tuesday after burning 900 "
    "acres.\n"
)
HORMONE = (
    "Title: Lilly to pay royalties on growth hormone\n"
    "Outlet: Pharma Business Wire\nAuthor: Staff\nDate: 2026-05-12\n\n"
    "Roche said Eli Lilly will pay it royalties on its growth hormone Humatrope.\n\n"
    "Last year Harmetech Inc's sales of Protrovin, a rival hormone, were about 35 mln "
    "dlrs.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "bid.txt": BID,
        "foods.txt": FOODS,
        "coalition.txt": COALITION,
        "gasfield.txt": GASFIELD,
        "cabinet.txt": CABINET,
        "airline.txt": AIRLINE,
        "navy.txt": NAVY,
        "retail.txt": RETAIL,
        "docks.txt": DOCKS,
        "bridge.txt": BRIDGE,
        "wildfire.txt": WILDFIRE,
        "blaze.txt": BLAZE,
        "hormone.txt": HORMONE,
    }
    return assistant_over(tmp_path_factory.mktemp("roles"), stories, real_embedder)


def test_a_role_nobody_is_given_in_the_owner_s_stories_is_refused(assistant: Any) -> None:
    assert_refused(assistant.ask("Who is Brantley Steel's chairman?"), "chairman is")
    assert_said_first(assistant.ask("Who is Garland Foods' chairman?"), "Ann Price")


def test_a_role_qualified_otherwise_in_the_owner_s_stories_is_refused(assistant: Any) -> None:
    assert_refused(assistant.ask("Who is Valdora's air force commander?"), "air force commander")
    assert_said_first(assistant.ask("Who is Valdora's navy commander?"), "Anton Reyes")


def test_a_role_s_qualifiers_are_the_words_before_it() -> None:
    from news_rag.rag.answer.role_qualifiers import asked_qualifiers
    from news_rag.rag.question.parse import parse

    assert asked_qualifiers(parse("Who is Valdora's air force commander?")) == ["air", "force"]
    assert asked_qualifiers(parse("Who is Harwick Bank's chairman?")) == []


def test_another_target_beside_a_name_with_its_ticker_refuses(assistant: Any) -> None:
    assert_refused(assistant.ask("How much did Harwick bid for Underhill?"), "only for Crestline")
    assert_said_first(assistant.ask("How much did Harwick bid for Crestline Stores?"), "244 mln")


def test_a_count_the_asked_thing_is_made_of_answers(assistant: Any) -> None:
    answer = assistant.ask("How many members does the National Union of Dockers claim?")
    assert_said_first(answer, "120,000")


def test_a_figure_before_its_story_names_the_participant_is_not_its(assistant: Any) -> None:
    question = "How many vehicles does the Stanmore crossing carry a day?"
    assert_refused(assistant.ask(question), "Stanmore")
    asked = "How many vehicles does the Kelby bridge carry a day?"
    assert_said_first(assistant.ask(asked), "24,000")
    fled = "How many residents were forced to evacuate because of the Larch Fire?"
    assert_said_first(assistant.ask(fled), "12,000")  # the lead introduces, then names
    # the sentence naming the Aspen Fire counts acres, no homes: it answers nothing here
    assert_refused(assistant.ask("How many homes has the Aspen Fire destroyed?"), "Aspen Fire")


def test_a_name_the_story_misspells_is_no_rival(assistant: Any) -> None:
    answer = assistant.ask("What were Harmotech Inc's sales of Protrovin last year?")
    assert_said_first(answer, "35 mln dlrs")


def test_another_period_and_another_party_together_refuse(assistant: Any) -> None:
    question = "How many seats did the Social Democrats win in the 2018 elections?"
    assert_refused(assistant.ask(question), "only for")
    asked = "How many seats did the Social Democrats win in the May 2022 elections?"
    assert_said_first(assistant.ask(asked), "88")


def test_a_country_s_adjective_names_the_country(assistant: Any) -> None:
    answer = assistant.ask("Who is Thailand's interior minister?")
    assert_said_first(answer, "Somchai Wongsawat")


def test_a_hyphened_percentage_is_said_whole(assistant: Any) -> None:
    answer = assistant.ask("What stake in Skylink is Kestrel Air negotiating for?")
    assert_said_first(answer, "15-pct")


def test_the_name_s_article_does_not_hide_its_role() -> None:
    from news_rag.rag.answer.role_owners import _asked_owner
    from news_rag.rag.question.parse import parse

    assert _asked_owner(parse("Who is the Royal Trust Bank spokesman?")) == "Royal Trust Bank"
    assert _asked_owner(parse("Who is Brantley Steel's chairman?")) == "Brantley Steel"


def test_a_ticker_of_the_asked_company_is_in_the_question() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.question_names import in_question
    from news_rag.rag.question.parse import parse

    ticker = Entity("HBJ", "ORG", 0, 3, ("bid",), "appos")
    other = Entity("KPC", "ORG", 0, 3, ("bid",), "appos")
    intent = parse("Which firm is advising Harcourt Brace Jovanovich Inc on its bid?")
    assert in_question(ticker, intent)
    assert not in_question(other, intent)
    motors = parse("How much did General Motors Corp pay its workers?")
    assert in_question(Entity("GM", "ORG", 0, 2, ("pay",), "appos"), motors)


def test_a_count_of_shares_is_no_price_and_countries_have_adjectives() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_units import count_for_share
    from news_rag.rag.answer.names import claimant_matches, country_of
    from news_rag.rag.question.parse import parse

    text = "It holds 20 pct of the roughly 4.26 mln Cyclops shares outstanding."
    held = Entity("roughly 4.26 mln", "CARDINAL", 23, 39, ("share", "hold"), "nummod")
    assert text[held.start : held.end] == "roughly 4.26 mln"
    assert count_for_share(held, parse("What was Dixons' tender offer price?"), text)
    assert not count_for_share(held, parse("How many Cyclops shares are outstanding?"), text)
    assert country_of("thai") == "thailand" and country_of("syrian") == "syrian"
    assert claimant_matches("France", "French Finance Ministry")
    assert not claimant_matches("France", "Italian Finance Ministry")


def test_the_claimant_s_cue_is_no_verb_of_the_answer() -> None:
    from news_rag.rag.question.parse import parse

    question = "According to Lord Harwick, by how much did the trading losses depress profits?"
    intent = parse(question)
    assert "depress" in intent.anchors and intent.slots.predicate == "depress"
    assert intent.claimant is not None and "Harwick" in intent.claimant.text


def test_an_abbreviation_does_not_end_a_title() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.titles import titled_as_asked
    from news_rag.rag.question.parse import parse

    text = "The options rose, according to Rudolph Giuliani, U.S. Attorney in Manhattan, who spoke."
    giuliani = Entity("Rudolph Giuliani", "PERSON", 31, 47, ("accord",), "pobj:to")
    assert text[giuliani.start : giuliani.end] == "Rudolph Giuliani"
    assert titled_as_asked(giuliani, parse("Who is the U.S. Attorney in Manhattan?"), text, 0)


def test_a_title_of_another_role_names_no_other_owner() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.titles import other_owner
    from news_rag.rag.question.parse import parse

    text = "Tomas Vela, a member of the Workers Front, was named president of the Miners Union."
    vela = Entity("Tomas Vela", "PERSON", 0, 10, ("name",), "nsubjpass")
    assert text[vela.start : vela.end] == "Tomas Vela"
    named = parse("Who was named president of the Miners Union?")
    assert other_owner(vela, named, text, 0) == ""
    chaired = "Tomas Vela, president of the Workers Front, spoke."
    assert "Workers" in other_owner(vela, named, chaired, 0)


def test_a_distance_placing_something_is_no_amount_of_it() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_nouns import placing_distance
    from news_rag.rag.question.parse import parse

    text = "The Trail smelter, about 400 miles east of Vancouver, produced 240,000 tons of zinc."
    miles = Entity("about 400 miles", "QUANTITY", 19, 34, ("smelter",), "appos")
    assert text[miles.start : miles.end] == "about 400 miles"
    assert placing_distance(miles, parse("How much zinc did the Trail smelter produce?"), text)
    assert not placing_distance(miles, parse("How far is the Trail smelter from Vancouver?"), text)
    laid = "The company laid about 400 miles of new track."
    track = Entity("about 400 miles", "QUANTITY", 17, 32, ("lay",), "dobj")
    assert laid[track.start : track.end] == "about 400 miles"
    assert not placing_distance(track, parse("How much track did the company lay?"), laid)


def test_a_count_reaches_its_noun_past_an_abbreviation() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.counted_phrase import counted_end
    from news_rag.rag.question.parse import parse

    text = "SAS may land at only four U.S. Cities and has no rights beyond them."
    four = Entity("only four", "CARDINAL", 16, 25, ("city", "land"), "nummod")
    assert text[four.start : four.end] == "only four"
    asked = parse("How many U.S. cities is SAS allowed to land at?")
    assert text[four.start : counted_end(four, text, asked)] == "only four U.S. Cities"
