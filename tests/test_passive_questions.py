"""A passive question's subject is what is done to (`rag/question/passive.py`): the small
model reads an unknown name after "was" as the doer ("How long was Darren Pike sentenced
to?": "was" the root; "How much was Dunley Haulage fined?": an active subject beside a
passive auxiliary). Read as the doer, "Darren Pike was sentenced to nine years" had him on
the other side of the act and the answer was refused; and the one done to owns the value
(`owners`: "Investors value Brightpay at ..." is no answer for another company; "nine
years" is Darren Pike's sentence, not Liam Fenn's). Real spaCy
model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

COURT = (
    "Title: Two men jailed over jewellery shop raid\n"
    "Outlet: Northern Courts Reporter\nAuthor: Sarah Quinn\nDate: 2026-02-27\n\n"
    "Two men who stole watches worth 1.2 million pounds from a jewellery shop in Leeds were "
    "jailed on Friday.\n\n"
    "Darren Pike, 34, was sentenced to nine years and Kyle Marsh, 29, to seven years at "
    "Leeds Crown Court.\n\n"
    "Judge Peter Lowe said the raid had been carefully planned.\n\n"
    "A third man, Liam Fenn, was cleared of handling stolen goods.\n"
)
FUNDING = (
    "Title: Fintech startup Brightpay raises 75 million dollars\n"
    "Outlet: Tech Funding Daily\nAuthor: Raj Patel\nDate: 2026-03-30\n\n"
    "Brightpay Ltd, a London-based payments startup, has raised 75 million dollars in a "
    "funding round led by Northgate Capital Inc, the company said on Monday.\n\n"
    "Investors value Brightpay at about 600 million dollars, according to people familiar "
    "with the matter.\n\n"
    "Its rival Kestrel Bank opened an office in Madrid in January.\n"
)


@pytest.mark.parametrize(
    ("question", "verb", "subject"),
    [
        ("How long was Darren Pike sentenced to?", "sentenced", "Pike"),
        ("How much was Dunley Haulage fined?", "fined", "Haulage"),
        ("When was Payvia founded?", "founded", "Payvia"),
    ],
)
def test_a_passive_question_s_subject_is_passive(question: str, verb: str, subject: str) -> None:
    from news_rag.rag.question.nlp import parse_text

    doc = parse_text(question)
    roots = [t for t in doc if t.head.i == t.i]
    assert [t.text for t in roots] == [verb]
    assert [t.text for t in doc if t.dep_ == "nsubjpass"] == [subject]
    assert not [t for t in doc if t.dep_ == "nsubj"]
    for token in doc:  # every word reaches the root
        assert roots[0] in [token, *token.ancestors], token.text


def test_an_active_question_is_left_alone() -> None:
    from news_rag.rag.question.nlp import parse_text

    doc = parse_text("How many shares did Chrysler buy back?")
    assert [t.text for t in doc if t.dep_ == "nsubj"] == ["Chrysler"]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("passive")
    stories = {"court.txt": COURT, "funding.txt": FUNDING}
    return assistant_over(root, stories, real_embedder)


def test_the_one_sentenced_is_answered(assistant: Any) -> None:
    answer = assistant.ask("How long was Darren Pike sentenced to?")
    assert not answer.abstained, answer.answer
    assert "nine years" in answer.answer, answer.answer


def test_a_sentence_given_to_others_is_refused_and_a_joined_name_answered(
    assistant: Any,
) -> None:
    # a length of time is an amount, owned by who is sentenced ("owners"); the second of
    # two joined names owns its own ("... and Kyle Marsh, 29, to seven years")
    answer = assistant.ask("How long was Liam Fenn sentenced to?")
    assert answer.abstained, answer.answer
    assert "Darren Pike" in answer.answer, answer.answer
    answer = assistant.ask("How long was Kyle Marsh sentenced to?")
    assert not answer.abstained, answer.answer
    assert "seven years" in answer.answer, answer.answer


def test_another_company_s_valuation_is_refused_with_its_name(assistant: Any) -> None:
    answer = assistant.ask("How much is Kestrel Bank valued at?")
    assert answer.abstained, answer.answer
    assert "Brightpay" in answer.answer, answer.answer


def test_the_company_s_own_valuation_is_answered(assistant: Any) -> None:
    answer = assistant.ask("How much is Brightpay valued at?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.endswith("600 million dollars"), answer.answer
