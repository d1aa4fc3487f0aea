"""The entries seen, in order, with a position to go back and forward from, as a browser."""

from __future__ import annotations


class Trail:
    """Visited entry ids. An entry only previewed (the list's highlight moving over it) is
    replaced by the next preview, so arrowing through a list leaves one step, not fifty."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._previews: list[bool] = []
        self._position = -1

    @property
    def current(self) -> str | None:
        return self._ids[self._position] if self._ids else None

    def visit(self, term_id: str, preview: bool = False) -> None:
        """`term_id` shown next; what was ahead of the position is dropped."""
        if self.current == term_id:
            self._previews[self._position] = self._previews[self._position] and preview
            return
        del self._ids[self._position + 1 :]
        del self._previews[self._position + 1 :]
        if preview and self._previews and self._previews[-1]:
            self._ids[-1] = term_id
            return
        self._ids.append(term_id)
        self._previews.append(preview)
        self._position = len(self._ids) - 1

    def back(self) -> str | None:
        """The entry before, now current (None: nothing before)."""
        if self._position <= 0:
            return None
        self._position -= 1
        return self._ids[self._position]

    def forward(self) -> str | None:
        """The entry after, now current, after going back (None: nothing after)."""
        if self._position >= len(self._ids) - 1:
            return None
        self._position += 1
        return self._ids[self._position]
