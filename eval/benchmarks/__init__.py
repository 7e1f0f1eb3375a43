"""Retrieval benchmarks: BEIR-format datasets (SciFact), peer pipelines, `rag ask` latency.

Heavy libraries (the model, FAISS, LangChain) load only inside the functions that run a
benchmark; importing this package is cheap.
"""

from news_rag.eval.benchmarks.beir import BeirDataset, BenchmarkDataError, load_beir
from news_rag.eval.benchmarks.scoring import BeirScores, score_run

__all__ = ["BeirDataset", "BeirScores", "BenchmarkDataError", "load_beir", "score_run"]
