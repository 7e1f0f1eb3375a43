"""Slot alignment (issue 19): the question's arguments, unit and part of the year against a
sentence's index-time analysis, both parsed by the real spaCy model; and the answerability
model's arithmetic."""

from __future__ import annotations

import numpy as np
import pytest
from news_rag.eval.train_answerability import fit, threshold
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.language.entities import Entity
from news_rag.index.language.units import unit_of
from news_rag.rag.answer.alignment import (
    Contradiction,
    name_contradictions,
    part_contradiction,
    unit_contradiction,
)
from news_rag.rag.answer.answerability import (
    Features,
    contradicted,
    contradiction_reason,
    other_part,
    probability,
)
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import argument_forms
from news_rag.rag.answer.swaps import swapped_roles
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.parse import parse
from news_rag.rag.question.slots import part_name, parts_in


def _sentence(text: str) -> SentenceAnalysis:
    [record] = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    return record


def _names(question: str, sentence: str) -> list[tuple[str, str, bool]]:
    intent = parse(question)
    forms = [(a.text,) for a in intent.slots.arguments]
    found = name_contradictions(_sentence(sentence), sentence, intent, forms)
    return [(c.found, c.asked, c.same_role) for c in found]


HEARST = "How much did Hearst pay for the San Francisco Examiner?"


def test_the_question_parses_into_a_predicate_and_its_arguments() -> None:
    slots = parse(HEARST).slots
    assert slots.predicate == "pay"
    roles = {a.text: a.role for a in slots.arguments}
    assert roles["Hearst"] == "nsubj"
    assert roles["the San Francisco Examiner"] == "pobj:for"


def test_another_entity_in_the_same_role_contradicts() -> None:
    sentence = (
        "The Hearst Corp is buying the Houston Chronicle from Houston Endowment Inc "
        "for 400 mln dlrs."
    )
    found = _names(HEARST, sentence)
    assert [(f, a) for f, a, _role in found] == [
        ("the Houston Chronicle", "the San Francisco Examiner")
    ]
    assert found[0][2]  # it hangs from "buy", as the 400 mln dlrs do


def _clause(question: str, sentence: str) -> list[bool]:
    intent = parse(question)
    forms = [(a.text,) for a in intent.slots.arguments]
    return [c.in_clause for c in name_contradictions(_sentence(sentence), sentence, intent, forms)]


def test_a_rival_beside_another_of_the_questions_names_is_in_its_clause() -> None:
    # Hearst, named by the question, is buying the rival: the same deal, another paper
    buying = "The Hearst Corp is buying the Houston Chronicle for 400 mln dlrs."
    assert _clause(HEARST, buying) == [True]
    # nobody the question names does anything with the rival: another paper, not a rival deal
    other = "Houston Endowment Inc sold the Houston Chronicle for 400 mln dlrs."
    assert not any(_clause(HEARST, other))


def test_every_value_contradicted_beside_a_named_argument_refuses() -> None:
    clause = Contradiction("name", "the Houston Chronicle", "the Examiner", True, True)
    loose = Contradiction("name", "the Houston Post", "the Examiner", False, False)
    assert contradicted([[clause], [loose]])  # the best one in the clause, every one a rival
    assert not contradicted([[clause], []])  # one sentence holding a value is not contradicted
    assert not contradicted([[loose], [clause]])  # the best sentence's rival is loose
    # ... unless that loose rival does the asked thing in another sentence, short or in full
    chronicle = Contradiction("name", "the Houston Chronicle Co", "the Examiner", False, False)
    assert contradicted([[chronicle], [clause]])
    assert not contradicted([])


def test_a_person_is_also_named_by_the_surname() -> None:
    tables = CorpusTables({}, {})
    assert argument_forms("Vsevolod Murakhovsky", "PERSON", tables)[-1] == "Murakhovsky"
    assert "Bank" not in argument_forms("Bank of Japan", "ORG", tables)


@pytest.mark.parametrize(
    "sentence",
    [
        "The company is buying the newspaper for 400 mln dlrs.",  # merely absent
        "Hearst is buying the San Francisco Examiner for 400 mln dlrs.",  # named
    ],
)
def test_an_absent_or_named_argument_is_no_contradiction(sentence: str) -> None:
    assert _names(HEARST, sentence) == []


def test_another_origin_contradicts() -> None:
    question = "What average price per tonne did Japan pay for Australian iron ore?"
    found = _names(question, "Japan paid an average 18 dlrs a tonne for Indian iron ore.")
    assert [(f, a) for f, a, _role in found] == [("Indian", "Australian")]


def _decisive(question: str, sentence: str) -> list[tuple[str, str, bool]]:
    intent = parse(question)
    forms = [(a.text,) for a in intent.slots.arguments]
    found = name_contradictions(_sentence(sentence), sentence, intent, forms)
    return [(c.found, c.asked, c.decisive) for c in found]


def test_a_rival_modifying_the_questions_own_noun_is_decisive() -> None:
    question = "How many tonnes of U.S. soybeans did Japanese importers buy last month?"
    sentence = "Japanese importers bought some 95,000 tonnes of Chinese soybeans last month."
    assert _decisive(question, sentence) == [("Chinese", "U.S.", True)]
    # the same rival elsewhere in the sentence is a rival, not about the asked-for thing
    beside = "Japanese importers bought 95,000 tonnes of soybeans, Chinese traders said."
    assert all(not decisive for _f, _a, decisive in _decisive(question, beside))


def test_a_name_sharing_only_an_organisation_word_is_a_rival() -> None:
    question = "How many seats did the Centre Party win in the election?"
    sentence = "The Conservative Party won 53 seats in the election."
    assert [(f, a) for f, a, _d in _decisive(question, sentence)] == [
        ("The Conservative Party", "the Centre Party")
    ]


def test_another_arguments_acronym_is_no_rival() -> None:
    question = "What were West German exports to the United States in January?"
    sentence = "Exports were 3.85 billion marks in January, the lowest exported to the U.S."
    assert _decisive(question, sentence) == []


def _unit(question: str, sentence: str) -> tuple[str, str] | None:
    found = unit_contradiction(_sentence(sentence), parse(question))
    return (found.found, found.asked) if found else None


def test_a_figure_in_another_unit_contradicts() -> None:
    tonnes = "How many tonnes of crude shale oil a day does the plant produce?"
    assert _unit(tonnes, "The plant produces about 4,000 barrels a day of crude shale oil.") == (
        "barrels",
        "tonnes",
    )
    assert _unit(tonnes, "The plant produces about 500 tonnes a day of crude shale oil.") is None
    dollars = "What was Denmark's 1986 current account deficit in U.S. dollars?"
    found = _unit(dollars, "The current account deficit rose to 34.5 billion crowns in 1986.")
    assert found == ("crowns", "dollars")
    # no unit asked: any currency answers
    assert _unit("What was Denmark's deficit?", "The deficit was 34.5 billion crowns.") is None


def test_a_figure_for_another_part_of_the_year_contradicts() -> None:
    question = "What were Phelps Dodge's first-quarter net earnings?"
    intent: Intent = parse(question)
    assert intent.slots.part == "q1"
    third = _sentence("Phelps Dodge said net earnings tripled in the third quarter.")
    first = _sentence("Phelps Dodge said net earnings tripled in the first quarter.")
    assert part_contradiction(third, intent) is not None
    assert part_contradiction(first, intent) is None
    assert parts_in("the 1st qtr and first-half results") == {"q1", "h1"}
    # A part ending a question or a sentence is read without its punctuation.
    assert parts_in("What were its net earnings in its second quarter?") == {"q2"}
    assert parts_in("Profit rose in the third quarter.") == {"q3"}
    # a week, with the month it is of between ("the first March week")
    assert parts_in("Holdings fell in the first March week.") == {"w1"}
    weekly = parse("By how much did holdings at the central bank fall in the second March week?")
    first_week = _sentence("Holdings at the central bank fell in the first March week.")
    found = part_contradiction(first_week, weekly)
    assert found is not None and part_name(found.found) == "the first week"
    year = _sentence("It expects net income of two mln dlrs during the full year 1987.")
    found = part_contradiction(year, intent)
    assert found is not None and found.found == "the year"
    undated = _sentence("Phelps Dodge said net earnings tripled.")
    assert part_contradiction(undated, intent) is None  # no date: no contrary evidence


def test_every_value_for_another_part_of_the_year_refuses_and_says_so() -> None:
    second = Contradiction("part", "q2", "q1")
    rival = Contradiction("name", "the Houston Post", "the Examiner", False, False)
    assert other_part([[second], [second, rival]])
    assert not other_part([[second], []])  # one value is not dated in another part
    assert not other_part([])
    assert part_name("q1") == "the first quarter" and part_name("h2") == "the second half"
    assert part_name("the year") == "the year"
    # a loose rival beside the date: the refusal names the date, the reason for it
    reason = contradiction_reason([[rival, second]])
    assert reason == "this for the first quarter, only for the second quarter"


def test_unit_words() -> None:
    assert unit_of("dlrs") == ("dollar", "currency")
    assert unit_of("Tonnes") == ("tonne", "measure")
    assert unit_of("pounds") is None  # a currency and a weight: never a contradiction


def test_the_model_is_a_calibrated_logistic_regression() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 1.0).astype(float)
    mean, scale, coef, intercept = fit(x, y)
    assert coef[0] > 2 * abs(coef[1])  # the informative feature carries the weight
    probs = 1 / (1 + np.exp(-(((x - mean) / scale) @ coef + intercept)))
    cut = threshold(probs, y, 0.01)
    assert ((probs >= cut) & (y == 0)).sum() <= 0.01 * (y == 0).sum()
    names = Features.names()
    fitted = {"mean": [0.0] * len(names), "scale": [1.0] * len(names),
              "coef": [0.0] * len(names), "intercept": 0.0}  # fmt: skip
    assert probability(Features(*([0.0] * len(names))), fitted) == pytest.approx(0.5)


def test_the_shipped_model_matches_the_features_and_says_how_it_was_made() -> None:
    from news_rag.rag.answer.answerability import model

    fitted = model()
    assert fitted is not None  # a file whose features differ from `Features` is not loaded
    assert fitted["command"].startswith("python -m news_rag.eval.train_answerability")
    assert set(fitted["trained_on"]) <= {"sample", "reuters-dev"}  # never a held-out set
    assert 0.0 < fitted["threshold"] < 1.0


def _swapped(question: str, sentence: str) -> bool:
    intent = parse(question)
    forms = [(a.text,) for a in intent.slots.arguments]
    return swapped_roles(_sentence(sentence), intent, forms)


def test_a_question_name_on_the_other_side_of_the_verb_is_swapped() -> None:
    asked = "How much did Globex pay for Initech?"
    # Initech pays here; the question has it paid for
    assert _swapped(asked, "Initech had paid around 1.25 billion dlrs for Vandelay Industries.")
    assert not _swapped(asked, "Globex paid 72.50 dlrs a share for Initech.")
    assert not _swapped(asked, "Initech's owners welcomed the offer.")  # not under "pay"
    record = _sentence("Initech had paid around 1.25 billion dlrs for Vandelay Industries.")
    roles = {e.text: e.role for e in record.entities}
    assert roles["Initech"] == "nsubj" and roles["Vandelay Industries"] == "pobj:for"
    assert [Entity.from_dict(e.to_record()) for e in record.entities] == list(record.entities)


def test_a_company_acronym_with_its_legal_form_is_no_rival() -> None:
    # "AMC" is American Motors (Corp): the acronym of the name and its legal form's letter
    question = "How much did American Motors pay for the Renault stake?"
    assert _names(question, "AMC paid 40 mln dlrs for the Renault stake.") == []
    for rival in ("Chrysler", "AMX"):
        found = _names(question, f"{rival} paid 40 mln dlrs for the Renault stake.")
        assert found == [(rival, "American Motors", True)]


def test_a_swap_contradicts_only_values_of_the_swapped_act() -> None:
    from news_rag.rag.answer.swaps import swap_contradiction

    intent = parse("How much did Brightline pay for Northwind?")
    forms = [(a.text,) for a in intent.slots.arguments]
    bought = _sentence("Northwind agreed to buy Brightline for 2.3 billion dlrs.")
    found = swap_contradiction(bought, intent, forms)
    assert found is not None and found.kind == "swap" and found.decisive
    rose = _sentence("Northwind agreed to buy Brightline, whose shares rose to 39 dlrs.")
    assert swap_contradiction(rose, intent, forms) is None  # the price hangs from "rise"
