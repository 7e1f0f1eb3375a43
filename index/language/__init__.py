"""Language data and helpers shared by the write path (`index.analysis`) and the read path
(`rag.question`): the word-list loader (`wordlists`) and the lists both sides use
(`data/`), the named-entity record (`entities`) and the dateparser wrapper (`dates`).

Nothing is imported here: import the module you need.
"""
