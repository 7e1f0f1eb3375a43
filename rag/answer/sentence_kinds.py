"""What kind of sentence a candidate is for a question: one that only restates (a question
in the text, the headline, a subheading), one that adds what was asked (an entity of the
asked-for type the question does not name), one that echoes the question's names and adds
nothing."""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.index.analysis.records import SentenceAnalysis
from news_rag.rag.answer.evidence import VALUE_LABELS
from news_rag.rag.answer.question_names import named_in_question, normal
from news_rag.rag.answer.time_kinds import other_kind_of_time
from news_rag.rag.question.intent import Intent

# Characters that end a sentence (a subheading or headline ends without one).
_SENTENCE_ENDS = frozenset(".!?\"'”’)…;")  # not ":" (a sentence cut before its quote)
# A line without a sentence end is a subheading when this short; a longer one is a sentence
# whose end the wire text lost (quoted as it is stored). Subheadings in the sample and news
# sites run 3-10 words.
SUBHEADING_MAX_WORDS = 12


def restates(quote: str, title: str | None) -> bool:
    """A question in the text, the headline, or a subheading: restates, never answers."""
    text = quote.strip()
    if not text:
        return True
    if text.endswith("?"):
        return True
    if title and normal(text) == normal(title):
        return True
    return text[-1] not in _SENTENCE_ENDS and len(text.split()) <= SUBHEADING_MAX_WORDS


def adds_expected(ev_entities: Sequence[tuple[str, str]], intent: Intent) -> bool:
    """Whether the sentence holds an entity of an expected type not named in the question."""
    wanted = set(intent.expected_types)
    if not wanted:
        return False
    return any(
        label in wanted
        and not named_in_question(text, intent.question)
        and not other_kind_of_time(text, label, intent)
        for text, label in ev_entities
    )


def echoes(info: SentenceAnalysis | None, intent: Intent) -> bool:
    """A sentence that names only what the question names, when the question asks for a
    type of entity: it restates the topic and adds nothing that was asked ("the SAA Tiger
    Forces advanced along the Euphrates" for "Which villages did the SAA Tiger Forces
    capture along the Euphrates?")."""
    if info is None or not intent.expected_types:
        return False
    names = [e.text for e in info.entities if e.label not in VALUE_LABELS]
    return bool(names) and all(named_in_question(name, intent.question) for name in names)
