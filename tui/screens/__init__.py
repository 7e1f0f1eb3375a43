"""Screens of the chat app; each owns its layout."""
