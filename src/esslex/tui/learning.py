"""What `browse` asks of the learner's store (favourites, history, review queue), and a
store kept in memory for a session without one."""

from __future__ import annotations

from typing import Protocol


class LearnerStore(Protocol):
    """The learner's favourites, lookups and review queue, by glossary and entry id."""

    def is_favourite(self, glossary_id: str, entry_id: str) -> bool: ...
    def set_favourite(self, glossary_id: str, entry_id: str, on: bool) -> None: ...
    def record_lookup(self, glossary_id: str, entry_id: str, query: str) -> None: ...
    def queue_for_review(self, glossary_id: str, entry_id: str) -> None: ...
    def close(self) -> None: ...


class MemoryLearnerStore:
    """A `LearnerStore` that forgets everything when the program ends."""

    def __init__(self) -> None:
        self.favourites: set[tuple[str, str]] = set()
        self.lookups: list[tuple[str, str, str]] = []
        self.review: list[tuple[str, str]] = []

    def is_favourite(self, glossary_id: str, entry_id: str) -> bool:
        return (glossary_id, entry_id) in self.favourites

    def set_favourite(self, glossary_id: str, entry_id: str, on: bool) -> None:
        if on:
            self.favourites.add((glossary_id, entry_id))
        else:
            self.favourites.discard((glossary_id, entry_id))

    def record_lookup(self, glossary_id: str, entry_id: str, query: str) -> None:
        self.lookups.append((glossary_id, entry_id, query))

    def queue_for_review(self, glossary_id: str, entry_id: str) -> None:
        if (glossary_id, entry_id) not in self.review:
            self.review.append((glossary_id, entry_id))

    def close(self) -> None:
        pass
