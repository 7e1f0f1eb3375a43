"""Article analysis on the write path: per sentence, who claims it, its hedge, its entities
and its event date, worked out once at index time with spaCy and stored in meta.sqlite.

Stages (as in BBC's Citron): `quotes` (content), `cue`, `source`, `coreference`, `claims`
(cue + source + coreference -> claimant), `speakers` (who speaks each quotation), `hedge`,
`dates`; `article` runs them over one article, `analyse` batches articles through spaCy
(`model` loads the hash-checked pipeline), `store` keeps the results in meta.sqlite and
`indexing` is the step `rag index` runs. Word lists are in `data/*.txt` (`lexicon`); those
shared with the question parse, the entity record and the dateparser wrapper are in
`news_rag.index.language`.

Query time only reads: `store.read_analysis(conn, article_id)` / `store.read_all(conn)`.

Nothing is imported here (an import of the stages would make cycles with them): import the
module you need, e.g. `from news_rag.index.analysis.analyse import Analyser`.
"""
