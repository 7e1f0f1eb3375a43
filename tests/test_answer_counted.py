"""What a count counts (`rag/answer/counted.py`), on sentences the real spaCy model analyses
and questions it parses; the similarity of two nouns is a stand-in here (the real one is
the query embedder's cosine, measured in the module's notes)."""

from __future__ import annotations

from dataclasses import replace

from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.types import Article
from news_rag.rag.answer.answerability import names_no_relation
from news_rag.rag.answer.counted import counted_nouns, counts_things, other_count
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.candidates import Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.question.parse import parse
from news_rag.rag.types import Passage

SYNONYMS = {frozenset({"workers", "employees"})}


def _similar(one: str, other: str) -> float:
    return 0.9 if frozenset({one, other}) in SYNONYMS else 0.3


def _evidence(text: str) -> Evidence:
    [info] = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "2017-11-20")])[0]
    article = Article(id="a1", text=text, source_path="a.txt", content_hash="h", outlet="Wire")
    passage = Passage("a1", 0, text, 1.0, 0, len(text), source_label(article))
    cand = Candidate(article, 0, len(text), passage, 0, 0.9, 0.5, 0.9, 0)
    return Evidence(cand, info, 0, 0.9, True, False)


CIVILIANS = "How many civilians were killed in the battle?"


def test_a_count_of_another_thing_is_contrary_evidence() -> None:
    intent = parse(CIVILIANS)
    assert counts_things(intent)
    terrorists = _evidence("According to the ministry, 28 terrorists were killed in the battle.")
    assert counted_nouns(terrorists, intent) == ["terrorists"]
    assert other_count([terrorists], intent, _similar) == ("civilians", "terrorists")


def test_the_asked_for_thing_or_a_synonym_answers() -> None:
    civilians = _evidence("At least 12 civilians were killed in the battle, the ministry said.")
    assert other_count([civilians], parse(CIVILIANS), _similar) is None
    workers = parse("How many workers will the company lay off?")
    employees = _evidence("The company will lay off 1,200 employees next year.")
    assert other_count([employees], workers, _similar) is None


def test_one_sentence_counting_the_asked_thing_is_enough() -> None:
    intent = parse(CIVILIANS)
    terrorists = _evidence("According to the ministry, 28 terrorists were killed in the battle.")
    civilians = _evidence("At least 12 civilians were killed in the battle, the ministry said.")
    assert other_count([terrorists, civilians], intent, _similar) is None


def test_people_bare_numbers_money_and_units_are_never_contrary() -> None:
    terrorists = _evidence("According to the ministry, 28 terrorists were killed in the battle.")
    assert other_count([terrorists], parse("How many people were killed?"), _similar) is None
    bare = _evidence("The ministry said 28 were killed in the battle.")
    assert other_count([bare], parse(CIVILIANS), _similar) is None
    tonnes = parse("How many tonnes of wheat did Egypt buy?")
    assert not counts_things(tonnes)
    assert not counts_things(parse("How much did Hearst pay for the paper?"))
    assert other_count([terrorists], parse(CIVILIANS), None) is None  # no embedder: no check
    assert replace(parse(CIVILIANS), target=None).target is None


def test_the_refusal_says_what_is_counted_with_the_questions_modifiers() -> None:
    intent = parse("How many PMU fighters were killed in the attack?")
    bombers = _evidence("Two suicide bombers attacked a gathering of the fighters.")
    assert other_count([bombers], intent, _similar) == ("PMU fighters", "suicide bombers")


def test_what_is_the_relation_of_x_needs_a_sentence_saying_the_relation() -> None:
    peru = parse("What is the capital of Peru?")
    mexico = _evidence("Peru's attitude contrasts with that of Mexico, which signed a loan.")
    lima = _evidence("Lima, the capital of Peru, was quiet on Tuesday.")
    assert names_no_relation(peru, [mexico])
    assert not names_no_relation(peru, [mexico, lima])
    # the question word's own noun: the sentence may name companies without the word
    leaders = parse("Which companies are the world leaders in test equipment?")
    assert not names_no_relation(leaders, [mexico])
    # amounts are not relations a sentence must name ("the population of X")
    assert not names_no_relation(parse("What is the population of Peru?"), [mexico])


def test_the_same_noun_with_other_words_before_it_is_another_thing() -> None:
    intent = parse("How many Tu-22M3 bombers took part in the strike?")
    bombers = _evidence("Two suicide bombers attacked a gathering of the fighters.")
    assert other_count([bombers], intent, _similar) == ("Tu-22M3 bombers", "suicide bombers")
    # the noun alone on either side, or a shared word, still is the asked thing
    plain = _evidence("Six bombers took part in the strike, the ministry said.")
    assert other_count([plain], intent, _similar) is None
    strategic = _evidence("Six Tu-22M3 strategic bombers took part in the strike.")
    assert other_count([strategic], intent, _similar) is None
    assert other_count([bombers], parse("How many bombers attacked?"), _similar) is None
