"""Retrievers for other frameworks: LangChain (`rag.adapters.langchain`, the `langchain`
extra) and LlamaIndex (`rag.adapters.llamaindex`, the `llamaindex` extra).

Both wrap an `Assistant` and return the same records (`rag.adapters.records`): by default
one per cited quote (text = the quote), or with `unit="passages"` one per retrieved passage.
Importing this package imports neither framework.
"""
