"""Errors storyline raises about the user's input, one catalogue.

Stages raise these; only the CLI and web layers print them. Each carries the
input it is about, so a batch can report it and go on.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the report's type only: errors stay importable before every stage
    from storyline.pipeline import IngestReport


class StorylineError(Exception):
    """Base class for every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input that cannot be read or parsed: names the input and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):  # pickles (to and from a worker process) with both fields, in any subclass
        return type(self), (self.source, self.reason)


class NoArticleError(InputError):
    """The input was read but holds nothing that looks like an article."""


class StoreError(StorylineError):
    """The store cannot be opened or is not a storyline store, or failed while an ingest wrote to it.

    ``report`` is what that ingest had done before the failure (articles added, inputs skipped), set by the
    pipeline so the caller can show it; None when the failure came before any work."""

    report: IngestReport | None = None


class StoreBusy(StoreError):
    """Another writer held the store past this one's wait (``store.writelock``): worth trying again later."""


class SettingError(StorylineError):
    """A ``STORYLINE_<NAME>`` environment variable whose value the setting cannot take: names the variable, the
    value and what is allowed."""
