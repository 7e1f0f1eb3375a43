"""Errors users see as one-line messages. Each says what went wrong and what to do."""

from __future__ import annotations


class RagError(Exception):
    """Base class for every error this project reports to users (never a traceback)."""


class InputError(RagError):
    """A path given on the command line cannot be used (missing, nothing to index)."""


class IndexNotFoundError(RagError):
    """No index exists at the given location."""


class IndexCorruptError(RagError):
    """An index file is truncated, tampered with or unreadable."""


class IndexMismatchError(RagError):
    """The index was made by a different model or format version."""


class IndexLockedError(RagError):
    """Another process is writing to the index."""


class ModelError(RagError):
    """The embedding model is missing or its weights fail the integrity check."""
