"""Widgets of the chat app; each owns its behaviour and declares its events."""
