"""The attribute ruler's lookup (`index/analysis/attribute_rules.py`) finds what spaCy's
Matcher finds, on the real model and real text, and steps aside for patterns it cannot read."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.analysis.attribute_rules import IndexedRules, install
from news_rag.index.analysis.model import load_pipeline
from news_rag.index.paths import sample_dir
from news_rag.index.sentences import split_sentences

# Text with the rules' rare cases: contractions ("ain't", "gonna", "let's", "y'all"),
# auxiliaries, "nothin'", pronoun objects, expletive "there is", whitespace tokens.
ODD_CASES = [
    "We ain't gonna sign it, let's be clear, y'all know there is nothin' in it for us.",
    "They told it to you and me; it was  done,\n\nbut did they have to?",
    "C'mon, the minister said he'd gotta go, whether or not it's over.",
    "That is what this does: those who were asked gets paid, he got it.",
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def _texts() -> list[str]:
    texts = list(ODD_CASES)
    for path in sorted(sample_dir().glob("*.txt"))[:8]:
        text = path.read_text(encoding="utf-8")
        texts += [text[start:end] for start, end in split_sentences(text)]
    return texts


def test_the_lookup_finds_what_spacys_matcher_finds(nlp: Any) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    rules = IndexedRules.of(ruler)
    assert rules is not None, "the pinned model's rules are all readable"
    compared = 0
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in nlp.pipe(_texts()):
            assert rules.match(doc) == type(ruler).match(ruler, doc), doc.text
            compared += len(doc)
    assert compared > 1000


def test_the_loaded_pipeline_uses_it_and_tags_as_spacy_does(nlp: Any) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match.__self__, IndexedRules)
    text = " ".join(ODD_CASES)
    looked_up = nlp(text)
    own = type(ruler).match
    ruler.match = lambda doc: own(ruler, doc)
    try:
        matched = nlp(text)
    finally:
        install(nlp)
    attributes = [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in looked_up]
    assert attributes == [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in matched]
    assert ("AUX", "be") in {(t.pos_, t.lemma_) for t in looked_up}


def test_a_pattern_it_cannot_read_keeps_spacys_matching() -> None:
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"IS_TITLE": True, "OP": "+"}]], {"POS": "PROPN"})
    assert IndexedRules.of(ruler) is None
    assert install(blank) is False
    assert not isinstance(getattr(ruler.match, "__self__", None), IndexedRules)
