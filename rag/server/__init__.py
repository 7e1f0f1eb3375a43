"""`rag serve`: the HTTP API (FastAPI + uvicorn, the `server` extra).

`create_app(assistant)` builds the app (`rag.server.app`), `serve()` runs it and
`ServerThread` runs it in a background thread on a free loopback port (`rag.server.run`).
Importing this package imports nothing heavy.
"""
