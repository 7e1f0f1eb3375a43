"""The answer stage of the read path: `(Intent, passages, reader, settings) -> Answer`
(`respond`; a follow-up's preferences in `follow_up`).

Stage by stage, from the index-time sentence analysis (`IndexReader.sentence_analysis`):
`select` (by answer type, with the neighbour a sentence points to) or `claims` ("What did X
say?"), abstention (on a calibrated relevance, in `engine`; the text in `refusal`),
`conflicts` (on evidence), `compose` (verbatim quotes, claimants, event dates), `balance`;
`from_metadata` answers questions about an article's metadata; `corpus` reads the acronyms
and spellings learned once per generation.
"""
