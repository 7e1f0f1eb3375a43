"""The Textual chat app (`rag chat`)."""
