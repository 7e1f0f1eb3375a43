"""The articles that name what the question names, read whole: a long story names its
company, person or place in its first paragraphs and calls it "the company" or "he" after,
so the chunk holding the answer ("..., chief executive Erik Dahl said") shares no rare word
with "Who is Halvorsen's chief executive?" and ranks below other stories' chunks about
other chief executives. The retrieved articles naming the most of the question's names
lend every chunk they have to the candidate sentences (never to the passages shown), and
the pool reads their sentences beyond its first `POOL_SIZE` (`pool_candidates`); the
articles naming fewer are off-topic (`off_topic_articles`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from news_rag.index.store.lexical import lexical_search, tokenize_query
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.called_names import articles_calling
from news_rag.rag.answer.corpus import tables
from news_rag.rag.answer.coverage import name_forms, names_covered, question_names
from news_rag.rag.answer.rare_words import rare_words
from news_rag.rag.candidates import Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.question.intent import Intent
from news_rag.rag.types import Passage

# How many top candidates the answer-type terms are computed for (the rest keep their
# retrieval order; 24 covers a 5-sentence answer plus the conflict pool).
POOL_SIZE = 24


def named_articles(
    passages: Sequence[Passage], intent: Intent, reader: IndexReader, limit: int
) -> list[str]:
    """The ids of at most `limit` retrieved articles, best ranked first, that name as many
    of the question's names as any retrieved article does (at least one)."""
    names = question_names(intent)
    if not names or limit <= 0:
        return []
    corpus = tables(reader)
    forms = [name_forms(name, corpus) for name in names]
    order = list(dict.fromkeys(p.article_id for p in passages))
    covered = {aid: names_covered(reader.article(aid), forms) for aid in order}
    best = max(covered.values(), default=0)
    if best == 0:
        return []
    return [aid for aid in order if covered[aid] == best][:limit]


# The most sentences of the named articles read beyond the pool's first `POOL_SIZE`, best
# first: a dozen covers a long story's likeliest (each costs its analysis, ~0.1 ms).
FURTHER_READ = 12
# The lexical search for the question's names alone reads this many chunks; a name found
# in more than `SPECIFIC_NAME_ARTICLES` articles among them is too common to say which story
# the question is about ("US", "Reuters"), and only retrieval decides.
NAME_SEARCH_DEPTH = 20
SPECIFIC_NAME_ARTICLES = 3


def articles_naming(
    intent: Intent, reader: IndexReader, allowed: Collection[str] | None = None
) -> list[str]:
    """The few articles that name every name of the question, found by a lexical search for
    the names alone ("Kestria" for "Who is Kestria's chief medical officer?": the chunk
    naming the officer says only "the region's"); [] when more than
    `SPECIFIC_NAME_ARTICLES` do."""
    names = question_names(intent)
    if not names:
        return []
    tokens = tokenize_query(" ".join(names))
    hits = lexical_search(reader.bm25(), tokens, NAME_SEARCH_DEPTH, None, reader.chunk_count())
    ids = reader.chunk_article_ids()
    order = list(dict.fromkeys(ids[chunk_id] for chunk_id, _ in hits))
    if allowed is not None:
        order = [aid for aid in order if aid in allowed]
    forms = [name_forms(name, tables(reader)) for name in names]
    found = [aid for aid in order if names_covered(reader.article(aid), forms) == len(forms)]
    return found if len(found) <= SPECIFIC_NAME_ARTICLES else []


def unretrieved_chunks(
    passages: Sequence[Passage],
    intent: Intent,
    reader: IndexReader,
    limit: int,
    naming: Sequence[str] = (),
) -> list[Passage]:
    """The chunks of the `named_articles` and of `naming` (the `articles_naming` the
    question's names) that were not retrieved, as passages scored 0, in article then text
    order."""
    have = {p.chunk_id for p in passages}
    out: list[Passage] = []
    articles = named_articles(passages, intent, reader, limit)
    if limit > 0:
        articles += [a for a in naming if a not in articles]
    for article_id in articles:
        label = source_label(reader.article(article_id))
        for chunk_id in reader.chunk_ids_where("a.id = ?", (article_id,)):
            if chunk_id in have:
                continue
            record = reader.chunk(chunk_id)
            out.append(
                Passage(
                    article_id=article_id,
                    chunk_id=chunk_id,
                    text=record.text,
                    score=0.0,
                    char_start=record.char_start,
                    char_end=record.char_end,
                    source=label,
                )
            )
    return out


def off_topic_articles(
    candidates: Sequence[Candidate], intent: Intent, reader: IndexReader
) -> set[str]:
    """The candidates' articles that name fewer of the question's names than the best one."""
    covered = coverage(candidates, intent, reader)
    best = max(covered.values(), default=0)
    return {aid for aid, count in covered.items() if count < best}


def coverage(
    candidates: Sequence[Candidate], intent: Intent, reader: IndexReader
) -> dict[str, int]:
    """How many of the question's names, and of its rare words (`rare_words`), each
    candidate's article names ({} with none)."""
    names = question_names(intent)
    rare = rare_words(intent, reader, names)  # "veltrastat": a thing NER does not tag
    if not names and not rare:
        return {}
    corpus = tables(reader)
    forms = [name_forms(name, corpus) for name in names] + [[word] for word in rare]
    articles = {c.article.id: c.article for c in candidates}
    return {aid: names_covered(a, forms) for aid, a in articles.items()}


def pool_candidates(
    candidates: Sequence[Candidate], intent: Intent, reader: IndexReader, articles: int
) -> list[Candidate]:
    """The candidates the pool reads: the best `POOL_SIZE`, then those further down or from
    chunks not retrieved (`expansion`) of the first `articles` articles naming the most of
    the question's names ("..., chief executive Erik Dahl said" in the Halvorsen story,
    below two dozen other companies' chief executives); `score_candidates` keeps these
    only when anchored. And the sentences of the best articles that name the asked thing by
    its noun (`called_names`: "the European Heart Journal" for "Which journal ...?"), read
    from chunks not retrieved as well."""
    top = [c for c in candidates[:POOL_SIZE] if c.retrieved]
    if not articles:
        return top
    covered = coverage(candidates, intent, reader)
    best = max(covered.values(), default=0)
    named = [aid for aid, count in covered.items() if count == best][:articles] if best else []
    kept = {id(c) for c in top}
    further = [c for c in candidates if id(c) not in kept and c.article.id in named]
    calling = articles_calling(intent, (c.article.id for c in candidates), reader)
    target = (intent.target or "").casefold()
    read = [*top, *further[:FURTHER_READ]]
    kept.update(id(c) for c in read)
    return read + [
        c for c in candidates
        if id(c) not in kept and c.article.id in calling and target in c.quote.casefold()
    ]  # fmt: skip


def answered_elsewhere(
    best: Candidate,
    candidates: Sequence[Candidate],
    intent: Intent,
    reader: IndexReader,
    naming: Sequence[str],
) -> str | None:
    """The question's names, when the best sentence's article names none of them while
    another candidate's article names them all: the answer would be about something else
    ("Kelvinport's current mayor, Grace Liu" for "Who is the mayor of Ashby?", with the
    festival story naming Ashby read); else None. Only for names few articles carry
    (`naming`, the `articles_naming` them, is not empty): a common one ("the United
    States") is written too many ways ("U.S.", "Washington") to say an article does not
    name it."""
    covered = coverage(candidates, intent, reader)
    names = question_names(intent)
    if not covered or covered.get(best.article.id, 0) or max(covered.values()) < len(names):
        return None
    return " and ".join(names) if naming else None
