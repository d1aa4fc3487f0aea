"""The learner's clock: the system's, or ESSLEX_NOW (ISO 8601 with a zone) for tests and
demonstrations."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from esslex.errors import UsageError

NOW_VARIABLE = "ESSLEX_NOW"


def fixed_now() -> datetime | None:
    """The moment ESSLEX_NOW sets, or None when it is not set."""
    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise UsageError(
            f"{NOW_VARIABLE} doit être une date ISO 8601 avec son fuseau, par exemple"
            f" 2026-03-02T09:00:00+01:00 (reçu\u00a0: «\u00a0{text}\u00a0»)."
        )
    return moment


def now() -> datetime:
    """The current moment, with its zone (ESSLEX_NOW's zone, else the system's)."""
    return fixed_now() or datetime.now(timezone.utc).astimezone()


def stored(moment: datetime) -> str:
    """A moment as the store keeps it: UTC, microseconds always written, so the text sorts
    in time order (and Python's `fromisoformat` reads it back)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def parsed(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
