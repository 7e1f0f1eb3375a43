"""Who holds a role, and what kind of time or number answers "how long" and "how old".

Of two people titled with the asked role, the one titled with more of the question's words
answers (`titles.title_fit`); a capitalised title ("the U.S. Agriculture Secretary") is a
role as the lower-case one is; a name NER took for an organisation in apposition to the role
is the person holding it (`titles.person_in_apposition`). "How long does it take?" is not
answered by a point in time ("by the end of the year"), nor "How old is X?" by a day or a
count of something else ("two break points"); "How much does X weigh?" not by "256
gigabytes" (`amount_units.other_dimension`). Real spaCy model and embedder over a real
index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

WILDFIRE = (
    "Title: Wildfire forces evacuations in Copper Ridge\n"
    "Outlet: Western Herald\nAuthor: Dana Cole\nDate: 2025-07-09\n\n"
    "A fast-moving wildfire in the Copper Ridge hills has burned more than 18,000 acres.\n\n"
    "Fire chief Maria Delgado said strong winds were pushing the flames toward the town of "
    "Pine Hollow, where residents were told to leave.\n"
)
DERAILMENT = (
    "Title: Freight train derails near Millbrook\n"
    "Outlet: Evening Post\nAuthor: Grace Whitfield\nDate: 2025-08-03\n\n"
    "A freight train carrying chlorine derailed near the town of Millbrook early on "
    "Saturday.\n\n"
    "Twenty-two of the train's 80 cars left the tracks, and three of them caught fire, "
    "according to the county fire chief, Ray Donovan.\n"
)
FARM_TALKS = (
    "Title: Lyng welcomes European farm reform plan\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-20\n\n"
    '"When Mr. Nikonov (communist party secretary for agriculture) was here he said trade in '
    'wheat was not a priority," a U.S. official said.\n\n'
    "U.S. Agriculture Secretary Richard Lyng said he is pleased the European Community plans "
    "to offer a global farm reform plan.\n"
)
TENNIS = (
    "Title: Novak wins first Grand Slam title\n"
    "Outlet: Court Side\nAuthor: Elena Marsh\nDate: 2025-07-13\n\n"
    "Andrej Novak won his first Grand Slam title on Sunday, beating top seed Luca Bianchi in "
    "four sets.\n\n"
    "The 23-year-old Slovak, seeded ninth, saved two break points in the final game before "
    "sealing victory.\n"
)
METRO = (
    "Title: City opens airport metro line\n"
    "Outlet: City Chronicle\nAuthor: Marco Bellini\nDate: 2025-10-20\n\n"
    "The city opened Line 5, its new metro line to the airport, on Monday.\n\n"
    "The 18-kilometre line has 16 stations and links the airport with the city centre in 24 "
    "minutes.\n"
)
AIRLINE = (
    "Title: Nordair expands its fleet\n"
    "Outlet: Finance Today\nAuthor: Omar Haddad\nDate: 2025-04-24\n\n"
    "The carrier expects to take delivery of 11 new aircraft from Boeing by the end of the "
    "year, and will add flights from the airport to the city's twin.\n"
)
PHONE = (
    "Title: Nimbus unveils its first folding phone\n"
    "Outlet: Gadget Review\nAuthor: Leo Martins\nDate: 2025-09-10\n\n"
    "The Nimbus Fold will go on sale on October 3 with 256 gigabytes of storage.\n\n"
    "When unfolded, the phone has an 8-inch screen. It weighs 239 grams, the company said.\n"
)
CUP_FINAL = (
    "Title: Redcastle win the National Cup\n"
    "Outlet: Sport Weekly\nAuthor: Daniel Reyes\nDate: 2025-05-25\n\n"
    "Redcastle United won the National Cup on Saturday, beating Port Linden 2-1 after extra "
    "time.\n\n"
    '"We were the better side against Port Linden all night," said Redcastle manager Fiona '
    "Blake.\n\n"
    "It was the third defeat in a cup final in five years for the visitors, who had led at "
    "half-time. Their manager, Henrik Sorensen, said he was proud of his team but angry about "
    "the red card.\n"
)
SURVEY = (
    "Title: Observatory releases first images\n"
    "Outlet: Astronomy Today\nAuthor: Ravi Menon\nDate: 2025-06-23\n\n"
    "The Vera Ridge Observatory released its first images on Monday.\n\n"
    "The telescope's main mirror is 8.4 metres wide, and its camera, the largest ever built "
    "for astronomy, has 3,200 megapixels and weighs about 3 tonnes.\n\n"
    "The observatory will begin a ten-year survey of the southern sky in October, "
    "photographing the entire visible sky every three nights.\n"
)
STRIKE = (
    "Title: Bangladesh drops budget tax proposals\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-06-29\n\n"
    "Bangladesh's government dropped several tax proposals from its budget.\n\n"
    "Opposition parties had said the taxes would affect the poor, and the secretary-general "
    "of the opposition Bangladesh Nationalist Party, K.M. Obaidur Rahman, said the "
    "government's action would not avert tomorrow's strike.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "wildfire.txt": WILDFIRE, "derailment.txt": DERAILMENT, "farm.txt": FARM_TALKS,
        "tennis.txt": TENNIS, "metro.txt": METRO, "airline.txt": AIRLINE,
        "strike.txt": STRIKE, "phone.txt": PHONE, "cup.txt": CUP_FINAL,
        "survey.txt": SURVEY,
    }  # fmt: skip
    return assistant_over(tmp_path_factory.mktemp("roles"), stories, real_embedder)


def _short(assistant: Any, question: str) -> str:
    answer = assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None, answer.answer
    return str(answer.short_answer.text)


def test_the_person_titled_with_more_of_the_question_holds_the_role(assistant: Any) -> None:
    assert _short(assistant, "Who is the county fire chief?") == "Ray Donovan"


def test_a_title_naming_another_owner_holds_no_role_asked(assistant: Any) -> None:
    assert _short(assistant, "Who is Port Linden's manager?") == "Henrik Sorensen"


def test_a_capitalised_title_is_a_role(assistant: Any) -> None:
    assert _short(assistant, "Who is the U.S. Agriculture Secretary?") == "Richard Lyng"


def test_an_age_is_no_day_nor_a_count_of_something_else(assistant: Any) -> None:
    assert _short(assistant, "How old is Andrej Novak?") == "23-year-old"


def test_how_long_it_takes_is_no_point_in_time(assistant: Any) -> None:
    assert _short(assistant, "How long does the trip from the airport take?") == "24 minutes"


def test_a_weight_is_in_a_unit_of_mass(assistant: Any) -> None:
    assert _short(assistant, "How much does the Nimbus Fold weigh?") == "239 grams"
    assert _short(assistant, "How heavy is the Nimbus Fold?") == "239 grams"


def test_how_long_a_thing_is_is_a_length(assistant: Any) -> None:
    assert _short(assistant, "How long is Line 5?") == "18-kilometre"


def test_a_name_in_apposition_to_the_role_is_the_person(assistant: Any) -> None:
    # the small model tags "K.M. Obaidur Rahman" an organisation, and a secretary-general
    # is a person's role: only a person answers
    question = "Who is the secretary-general of the Bangladesh Nationalist Party?"
    assert _short(assistant, question) == "K.M. Obaidur Rahman"


def test_a_count_with_its_own_noun_counts_that_noun() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_units import counts_other_thing
    from news_rag.rag.question.parse import parse

    intent = parse("How many firefighters are battling the fire?")
    text = "About 900 firefighters and 14 aircraft are battling the fire."
    at, to = text.index("14 aircraft"), text.index("900 firefighters")
    aircraft = Entity("14 aircraft", "QUANTITY", at, at + 11, ("aircraft",), "nummod")
    crews = Entity("900 firefighters", "QUANTITY", to, to + 16, ("firefighter",), "nummod")
    assert counts_other_thing(aircraft, intent, text)
    assert not counts_other_thing(crews, intent, text)


def test_how_often_is_answered_by_a_recurrence(assistant: Any) -> None:
    question = "How often will the observatory photograph the whole sky?"
    assert _short(assistant, question) == "every three nights"


def test_what_is_weighed_is_the_asked_thing(assistant: Any) -> None:
    # the phone's "It weighs 239 grams" is a mass too, of another thing
    assert _short(assistant, "How much does the camera weigh?") == "about 3 tonnes"


def test_a_hyphenated_role_is_typed_by_its_last_word() -> None:
    # the tokenizer splits "vice-chancellor" in three and the parse reads the role as "vice",
    # which no word list types; its head, "chancellor", is a person's role
    from news_rag.rag.question.parse import parse

    intent = parse("Who is the vice-chancellor of Westmarch University?")
    assert intent.expected_types == ("PERSON",)
    assert parse("Who is the vice-president of Acme?").expected_types == ("PERSON",)
    # and it is asked whole: "co-chairman", not "co" (nor "chairman", another role)
    assert parse("Who is Eurotunnel's co-chairman?").target == "co-chairman"
    assert intent.target == "vice-chancellor"
    assert parse("Who is the chairman of Eurotunnel?").target == "chairman"
