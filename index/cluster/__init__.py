"""`rag index --ray`: the new articles' sentences, chunks, analysis and vectors computed on a
Ray cluster (Ray Data actor pools), published by the driver as a local build would.

Nothing here imports `ray` at module level: the local path never loads it.
"""
