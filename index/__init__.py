"""The write path: load articles, clean them, extract metadata, chunk, embed, store.

Heavy libraries (torch, sentence-transformers, faiss) are imported only where used.
"""
