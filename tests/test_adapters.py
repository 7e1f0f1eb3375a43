"""The LangChain and LlamaIndex retrievers, each inside a real pipeline of its framework."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from news_rag.rag.adapters.records import LABEL_FIELDS
from news_rag.rag.types import Filters

pytestmark = pytest.mark.model
QUESTION = "Who said the US is training militants at al-Tanf?"


def _check_offsets(assistant: Any, text: str, metadata: dict[str, Any]) -> None:
    article = assistant.article(metadata["article_id"])
    assert article.text[metadata["char_start"] : metadata["char_end"]] == text
    for field in LABEL_FIELDS:
        assert field in metadata
    assert "claimant" in metadata


def test_langchain_retriever_in_an_lcel_chain(sample_assistant: Any) -> None:
    pytest.importorskip("langchain_core")
    from langchain_core.documents import Document
    from langchain_core.prompts import PromptTemplate
    from langchain_core.runnables import RunnableLambda, RunnablePassthrough
    from news_rag.rag.adapters.langchain import NewsRagRetriever

    retriever = NewsRagRetriever(assistant=sample_assistant)

    def cite(docs: list[Document]) -> str:
        return "\n".join(
            f"{d.metadata['claimant']} ({d.metadata['source_label']}): {d.page_content}"
            for d in docs
        )

    prompt = PromptTemplate.from_template("Context:\n{context}\n\nQuestion: {question}")
    chain = {
        "context": retriever | RunnableLambda(cite),
        "question": RunnablePassthrough(),
    } | prompt
    rendered = chain.invoke(QUESTION).to_string()

    docs = retriever.invoke(QUESTION)
    assert docs and "Zakharova" in docs[0].metadata["claimant"]
    for doc in docs:
        _check_offsets(sample_assistant, doc.page_content, doc.metadata)
        assert doc.page_content in rendered and doc.metadata["claimant"] in rendered
    assert rendered.endswith(f"Question: {QUESTION}")


def test_langchain_filters_and_passages_pass_through(sample_assistant: Any) -> None:
    pytest.importorskip("langchain_core")
    from news_rag.rag.adapters.langchain import NewsRagRetriever

    early = NewsRagRetriever(
        assistant=sample_assistant, unit="passages", k=4, filters=Filters(until="2017-12-31")
    )
    docs = early.batch(["ISIS in Deir Ezzor", "al-Bukamal"])
    assert all(batch for batch in docs)
    for doc in (d for batch in docs for d in batch):
        assert doc.metadata["published"] <= "2017-12-31"
        _check_offsets(sample_assistant, doc.page_content, doc.metadata)
    nothing = NewsRagRetriever(assistant=sample_assistant, filters=Filters(outlet="No Such"))
    assert nothing.invoke(QUESTION) == []


@pytest.fixture
def no_llm() -> Iterator[None]:
    """No LLM anywhere: LlamaIndex's NoText synthesizer still reads `Settings.llm`, whose
    default would need the OpenAI package, so a MockLLM stands in (it is never called)."""
    pytest.importorskip("llama_index.core")
    from llama_index.core import Settings
    from llama_index.core.llms import MockLLM

    previous = Settings._llm
    Settings.llm = MockLLM()
    yield
    Settings._llm = previous


def test_llamaindex_retriever_in_a_query_engine(sample_assistant: Any, no_llm: None) -> None:
    from llama_index.core import get_response_synthesizer
    from llama_index.core.query_engine import RetrieverQueryEngine
    from news_rag.rag.adapters.llamaindex import NewsRagRetriever

    retriever = NewsRagRetriever(sample_assistant, unit="passages", filters=Filters(since="2017"))
    engine = RetrieverQueryEngine(
        retriever=retriever, response_synthesizer=get_response_synthesizer(response_mode="no_text")
    )
    response = engine.query(QUESTION)
    nodes = response.source_nodes
    assert nodes
    assert any("Zakharova" in (n.node.metadata["claimant"] or "") for n in nodes)
    for scored in nodes:
        metadata = scored.node.metadata
        _check_offsets(sample_assistant, scored.node.get_content(), metadata)
        assert metadata["published"] >= "2017-01-01"
        assert scored.score is not None

    quotes = NewsRagRetriever(sample_assistant).retrieve(QUESTION)
    assert quotes and "Zakharova" in quotes[0].node.metadata["claimant"]
    _check_offsets(sample_assistant, quotes[0].node.get_content(), quotes[0].node.metadata)


def test_langchain_metadata_carries_the_dateline_and_filters_on_it(wire_assistant: Any) -> None:
    pytest.importorskip("langchain_core")
    from news_rag.rag.adapters.langchain import NewsRagRetriever

    retriever = NewsRagRetriever(
        assistant=wire_assistant, unit="passages", filters=Filters(dateline="houston")
    )
    docs = retriever.invoke("Bank of England money market assistance")
    assert docs
    for doc in docs:
        assert doc.metadata["dateline"] == "HOUSTON"
        assert doc.metadata["source_label"].startswith("Reuters · HOUSTON · ")
