"""One error hierarchy; each error carries the exit code the CLI maps it to."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_BAD_DATA = 3
EXIT_INTERRUPTED = 130


class EsslexError(Exception):
    """Base of every foreseeable fault; its message is French and fits on one line."""

    exit_code = EXIT_NOT_FOUND
    # Shown after "Erreur :"; an answer such as "not found" is shown as it is.
    is_failure = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TermNotFound(EsslexError):
    exit_code = EXIT_NOT_FOUND
    is_failure = False

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        self.query = query
        self.suggestions = suggestions
        message = f"Aucun terme trouvé pour «\u00a0{query}\u00a0»."
        if suggestions:
            listed = ", ".join(suggestions)
            message += f" Vouliez-vous dire\u00a0: {listed}\u00a0?"
        super().__init__(message)


class AmbiguousTerm(EsslexError):
    exit_code = EXIT_NOT_FOUND
    is_failure = False

    def __init__(self, query: str, candidates: tuple[str, ...]) -> None:
        self.query = query
        self.candidates = candidates
        listed = ", ".join(candidates)
        super().__init__(
            f"Plusieurs termes correspondent à «\u00a0{query}\u00a0»\u00a0: {listed}."
            " Précisez votre recherche."
        )


class UsageError(EsslexError):
    exit_code = EXIT_USAGE


class OutputError(EsslexError):
    """The output cannot be written (exists, folder missing, read-only, disk full)."""

    exit_code = EXIT_NOT_FOUND


@dataclass(frozen=True)
class Location:
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class GlossaryError(EsslexError):
    """A glossary file that cannot be used: unreadable, bad TOML, invalid data."""

    exit_code = EXIT_BAD_DATA

    def __init__(self, location: Location, message: str, more: int = 0) -> None:
        self.location = location
        self.detail = message
        text = f"{location}: {message}"
        if more:
            text += f" (et {more} autre{'s' if more > 1 else ''} erreur{'s' if more > 1 else ''}\u00a0; voir «\u00a0esslex check\u00a0»)"
        super().__init__(text)
