"""One error hierarchy; each error carries the exit code the CLI maps it to."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from esslex.glossary.model import Theme

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_BAD_DATA = 3
# An optional library (a pip extra such as esslex[pdf]) is missing: not a "not found" answer.
EXIT_MISSING_LIBRARY = 4
EXIT_INTERRUPTED = 130


# The system's own wording (`strerror`) is in English: what the user needs to know, in French.
_OS_ERRORS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "opération non permise",
    errno.EROFS: "support en lecture seule",
    errno.ENOSPC: "plus d’espace disque",
    errno.EDQUOT: "quota disque dépassé",
    errno.EISDIR: "c’est un dossier",
    errno.ENOTDIR: "un élément du chemin n’est pas un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques",
    errno.EIO: "erreur d’entrée-sortie du support",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EBUSY: "fichier ou support occupé",
}


def os_error_text(error: OSError) -> str:
    """Why a file operation failed, in French."""
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    name = errno.errorcode.get(error.errno or 0, str(error.errno or ""))
    return f"erreur du système{f' ({name})' if name else ''}"


def quoted(text: str, limit: int = 60) -> str:
    """Text the user typed, quoted in a message: on one line, shortened if it is long."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"«\u00a0{text}\u00a0»"


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

    def __init__(self, query: str, suggestions: tuple[str, ...] = (), occurs_in: str = "") -> None:
        self.query = query
        self.suggestions = suggestions
        message = f"Aucun terme trouvé pour {quoted(query)}."
        if suggestions:
            listed = ", ".join(suggestions)
            message += f" Vouliez-vous dire\u00a0: {listed}\u00a0?"
        if occurs_in:  # where the words occur in texts, and the search that lists them
            message += f" {occurs_in}"
        super().__init__(message)


class AmbiguousTerm(EsslexError):
    exit_code = EXIT_NOT_FOUND
    is_failure = False

    def __init__(
        self, query: str, candidates: tuple[str, ...], candidate_ids: tuple[str, ...] = ()
    ) -> None:
        self.query = query
        self.candidates = candidates  # labels, shown to the user
        self.candidate_ids = candidate_ids  # the same entries' ids, in the same order
        listed = ", ".join(candidates)
        super().__init__(
            f"Plusieurs termes correspondent à {quoted(query)}\u00a0: {listed}."
            " Précisez votre recherche."
        )


class ChoiceCancelled(EsslexError):
    """The user picked none of the candidates on screen: nothing more to say."""

    exit_code = EXIT_NOT_FOUND
    is_failure = False

    def __init__(self) -> None:
        super().__init__("")


class ThemeNotFound(EsslexError):
    """No theme of the glossaries in use has this name (exit 1, like an entry not found)."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, query: str, themes: Sequence[Theme], suggestions: Sequence[Theme]) -> None:
        self.query = query
        message = f"Aucun thème trouvé pour {quoted(query)}."
        if suggestions:
            listed = ", ".join(f"{theme.label} ({theme.id})" for theme in suggestions)
            message += f" Vouliez-vous dire\u00a0: {listed}\u00a0?"
        elif themes:
            listed = ", ".join(theme.id for theme in themes)
            message += f" Thèmes disponibles\u00a0: {listed}."
        else:
            message += " Les glossaires en usage n’ont aucun thème."
        super().__init__(message)


class AmbiguousTheme(EsslexError):
    exit_code = EXIT_NOT_FOUND

    def __init__(self, query: str, candidates: Sequence[Theme]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        listed = ", ".join(f"{theme.label} ({theme.id})" for theme in candidates)
        super().__init__(
            f"Plusieurs thèmes correspondent à {quoted(query)}\u00a0: {listed}."
            " Précisez votre choix."
        )


class UsageError(EsslexError):
    exit_code = EXIT_USAGE


class UnknownFormat(UsageError):
    """An export format esslex does not write; the formats it writes, and the nearest one."""

    def __init__(self, name: str, formats: Sequence[str], suggestion: str | None) -> None:
        self.suggestion = suggestion
        message = (
            f"valeur invalide pour «\u00a0--format / -f\u00a0»\u00a0: format inconnu {quoted(name)}"
        )
        if suggestion:
            message += f" (vouliez-vous dire «\u00a0{suggestion}\u00a0»\u00a0?)"
        message += f"\u00a0; formats\u00a0: {', '.join(formats)}."
        super().__init__(message)


class OutputError(EsslexError):
    """The output cannot be written (exists, folder missing, read-only, disk full)."""

    exit_code = EXIT_NOT_FOUND


class Location(NamedTuple):
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


class MissingDependency(EsslexError):
    """A library (an optional extra of esslex) or a system library is not installed."""

    exit_code = EXIT_MISSING_LIBRARY

    @classmethod
    def for_extra(cls, what: str, module: str, extra: str) -> MissingDependency:
        """« `what` demande la bibliothèque « module », absente ; … » with the README's
        install form for the extra that brings it."""
        return cls(
            f"{what} demande la bibliothèque «\u00a0{module}\u00a0», absente\u00a0; installez"
            f" l’extra «\u00a0{extra}\u00a0» d’esslex\u00a0: .venv/bin/pip install '.[{extra}]'"
            " (depuis le dossier d’esslex, comme dans le README)"
        )


def missing_module(error: ImportError) -> str | None:
    """The top-level module an ImportError could not import, when it is a library (None for
    esslex's own modules: a fault of esslex is not a missing library)."""
    name = (error.name or "").split(".")[0]
    return None if not name or name == "esslex" else name


@contextlib.contextmanager
def needs_libraries(
    what: str, extra: str, message: Callable[[str], str] | None = None
) -> Iterator[None]:
    """The one road of a missing optional library: inside, an ImportError of a library
    becomes MissingDependency (exit 4), « `what` demande la bibliothèque … » with the
    README's install form of `extra` (or `message(module)`, a format's own wording)."""
    try:
        yield
    except ImportError as error:
        module = missing_module(error)
        if module is None:
            raise
        if message is not None:
            raise MissingDependency(message(module)) from None
        raise MissingDependency.for_extra(what, module, extra) from None
