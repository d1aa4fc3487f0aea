"""The maintainers' review of sources: which are not cited from their official publisher,
lack the identifier or date of the version read, were read only in a copy, or have not been
confirmed current for a year (`esslex check --sources`)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from esslex.glossary.model import Source, Term

# A version confirmed longer ago than this is to be checked again against the law in force.
RECHECK_AFTER = datetime.timedelta(days=365)

# The official publishers of legal and international texts: an address elsewhere is a copy.
OFFICIAL_HOSTS = (
    "legifrance.gouv.fr",
    "eur-lex.europa.eu",
    "ejustice.just.fgov.be",
    "etaamb.openjustice.be",
    "wallex.wallonie.be",
    "ilo.org",
    "un.org",
    "undocs.org",
    "oecd.org",
)
# Official identifiers that mark a legal text (the Moniteur belge's numac is ten digits).
_LEGAL_IDS = ("LEGIARTI", "LEGITEXT", "JORFTEXT", "JORFARTI", "CELEX")
# Titles of legal texts, as they are cited.
_LEGAL_TITLES = (
    "loi",
    "code",
    "décret",
    "ordonnance",
    "arrêté",
    "directive",
    "règlement",
    "décret-loi",
    "ordonnance-loi",
    "résolution",
    "recommandation",
)


class SourceReview(NamedTuple):
    """One source of one entry that the maintainers should look at again."""

    term: Term
    source: Source
    problems: tuple[str, ...]

    @property
    def checked(self) -> str | None:
        return self.source.checked

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.term.id,
            "label": self.term.label,
            "glossary": self.term.glossary,
            "source": self.source.citation(),
            "url": self.source.url,
            "identifier": self.source.identifier,
            "in_force_since": self.source.in_force_since,
            "checked": self.source.checked,
            "read_in": None
            if self.source.read_in is None
            else dict(zip(("title", "url"), self.source.read_in, strict=True)),
            "problems": list(self.problems),
        }


def is_official(url: str | None) -> bool:
    host = (urlsplit(url).hostname or "") if url else ""
    return any(host == known or host.endswith("." + known) for known in OFFICIAL_HOSTS)


def is_legal(source: Source) -> bool:
    """A law, code, decree or international text: one whose version matters."""
    identifier = source.identifier or ""
    if identifier.startswith(_LEGAL_IDS) or (identifier.isdigit() and len(identifier) == 10):
        return True
    title = source.title.lower()
    return title.startswith(_LEGAL_TITLES) or is_official(source.url)


def problems_of(source: Source, today: datetime.date) -> tuple[str, ...]:
    """What a maintainer must still do for `source`, in French; nothing when it is fine."""
    found = []
    legal = is_legal(source)
    if not source.url:
        found.append("sans adresse")
    elif legal and not is_official(source.url):
        found.append("adresse qui n’est pas celle de l’éditeur officiel")
    if legal:
        if not source.identifier:
            found.append("sans identifiant officiel de la version lue")
        if not source.in_force_since:
            found.append("sans date de la version lue")
        if not source.checked:
            found.append("jamais confirmée en vigueur")
        elif today - datetime.date.fromisoformat(source.checked) > RECHECK_AFTER:
            found.append(f"confirmée en vigueur le {source.checked}, il y a plus d’un an")
    if source.read_in is not None:
        found.append("lue seulement dans une copie")
    return tuple(found)


def review_sources(terms: Iterable[Term], today: datetime.date | None = None) -> list[SourceReview]:
    """Every source that needs a maintainer's attention, the longest unchecked first (never
    checked before all), then by entry."""
    day = today or current_date()
    found = [
        SourceReview(term, source, problems)
        for term in terms
        for source in term.sources
        if (problems := problems_of(source, day))
    ]
    found.sort(key=lambda review: (review.checked or "", review.term.id))
    return found


def current_date() -> datetime.date:
    """Today, or the date of `ESSLEX_NOW` (ISO 8601) when set, for tests and demonstrations."""
    now = os.environ.get("ESSLEX_NOW", "")
    if now:
        try:
            return datetime.datetime.fromisoformat(now).date()
        except ValueError:
            pass
    return datetime.date.today()
