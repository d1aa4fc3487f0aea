"""The glossary as frozen data: what the loader builds and every command reads.

The records are named tuples, not dataclasses: every command builds them, and creating a
frozen dataclass costs 0.5 ms at import against 0.1 ms for a named tuple, a third of the
start-up time esslex adds to Typer's (docs/performance.md). They are compared and hashed
field by field, and `_replace` gives a changed copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

# A well-formed language tag (BCP 47, RFC 5646 § 2.1): « fr », « fr-BE », « oc-aranes »,
# « x-… ». SKOS, TBX, HTML and DOCX write it as it is: « français » would break them.
_LANGUAGE_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+",
    re.IGNORECASE | re.ASCII,
)


def is_language_tag(text: str) -> bool:
    return _LANGUAGE_TAG.fullmatch(text) is not None


class Rights(NamedTuple):
    """Who holds the text of an entry and under which licence it may be reused.

    `statement` is the attribution or copyright line (« © Apes, … », « Contributeurs de
    Wikipédia, article « Coopération » »); `licence` names a licence (« CC BY-SA 4.0 »)
    and `licence_url` is its address; both are empty for a text reproduced with
    attribution under no licence.
    """

    statement: str = ""
    licence: str = ""
    licence_url: str = ""
    # The name the texts are credited to in a document's credits (« esslex », « Glossaire
    # DEVISUS »); the statement stands for it when empty.
    author: str = ""

    @property
    def credited_to(self) -> str:
        return self.author or self.statement

    def __bool__(self) -> bool:
        return bool(self.statement or self.licence)

    def text(self) -> str:
        """One line for credits: the statement, then « licence … » when there is one."""
        parts = [self.statement] if self.statement else []
        if self.licence:
            parts.append(f"licence {self.licence}")
        return ", ".join(parts)


class Source(NamedTuple):
    title: str
    author: str | None = None
    publisher: str | None = None
    year: int | None = None
    article: str | None = None
    url: str | None = None
    # The version of the text used (« version en vigueur depuis le 24 mai 2019 »).
    version: str | None = None
    # A remark on the source itself (« titre lu dans l’adresse de la page »).
    note: str | None = None
    # Set only on a source whose text the entry reproduces under its own terms (a
    # Wikipédia article under CC BY-SA): they then replace the origin's default rights.
    rights: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    # The official id of the version read (LEGIARTI…, JORFTEXT…, CELEX, numac).
    identifier: str | None = None
    # ISO dates: the version read is in force since; it was last confirmed current on.
    in_force_since: str | None = None
    # The text that gave the version read its wording.
    amended_by: str | None = None
    checked: str | None = None
    # Where the text was actually read when not at `url`, as (title, address): for the
    # maintainers, never printed for readers.
    read_in: tuple[str, str] | None = None

    def citation(self) -> str:
        """One-line citation: author, title, article, version, publisher, year, address."""
        parts = [self.author] if self.author else []
        parts.append(self.title)
        if self.article:
            parts.append(f"article {self.article}")
        extras = (self.version_text(), self.publisher, self.year, self.url)
        parts.extend(str(extra) for extra in extras if extra)
        return ", ".join(parts)

    def short_citation(self) -> str:
        """The citation a reader needs beside a definition, its link aside: « Code du
        travail, art. L5132-1 (version du 3 décembre 2008) »."""
        text = self.title
        if self.article:
            text += f", art.\u00a0{self.article}"
        elif self.publisher and self.publisher not in self.title:
            # A page or a report: who says it matters as much as its title.
            text += f", {self.publisher}"
        if self.in_force_since:
            text += f" (version du {_french_date(self.in_force_since)})"
        elif self.year is not None:
            text += f" ({self.year})"
        return text

    def version_text(self) -> str | None:
        """The version read, in words: from its date when known, else as written."""
        if self.in_force_since:
            return f"version en vigueur depuis le {_french_date(self.in_force_since)}"
        return self.version

    @property
    def declares_rights(self) -> bool:
        return bool(self.rights or self.licence)


def _french_date(iso: str) -> str:
    import datetime

    from esslex.text.typography import french_date

    return french_date(datetime.date.fromisoformat(iso))


# The fields of a source, in order: its keys in a glossary file and in JSON.
SOURCE_FIELDS = Source._fields


class Equivalent(NamedTuple):
    """The entry's name in another language, as a text official in that language gives it
    (an ILO, UN or EU text, the Dutch version of the Moniteur belge): never invented."""

    lang: str  # BCP 47 tag: « en », « es », « nl »
    label: str
    # The text that gives it (its title, the language version read).
    source: str
    url: str = ""


# Where a definition holds: an ISO 3166-1 code (« FR », « BE »), an ISO 3166-2 subdivision
# (« BE-WAL », « BE-BRU »), « EU » for the European Union, « INT » for international texts.
_JURISDICTION = re.compile(r"(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?|EU|INT)")


def is_jurisdiction(code: str) -> bool:
    return _JURISDICTION.fullmatch(code) is not None


def in_jurisdiction(term_codes: Sequence[str], wanted: str) -> bool:
    """Whether an entry's jurisdictions fall within `wanted`: « BE » takes its subdivisions
    (« BE-WAL »); an entry without jurisdictions is in none."""
    prefix = wanted + "-"
    return any(code == wanted or code.startswith(prefix) for code in term_codes)


class Theme(NamedTuple):
    id: str
    label: str
    description: str = ""


class Term(NamedTuple):
    id: str
    label: str
    definition: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    related: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    origin: str = ""
    # Path of the glossary file the entry was read from (shown to the user).
    glossary: str = ""
    # Who holds the text and its licence, resolved by the loader (see `resolve_rights`).
    rights: Rights = Rights()
    # For the maintainers: how the texts were read, what remains unverified. Shown by
    # `define --editorial`, `--json` and the data exports, never in documents for readers.
    editorial_notes: tuple[str, ...] = ()
    # How `esslex annotate` finds the entry in a course: "" for always (any inflection, the
    # default), "exact" (only a name as written) or "never" (an everyday word).
    annotate: str = ""
    # Where the definition holds (see `is_jurisdiction`), and the entry's names in other
    # languages, each with the text that gives it.
    jurisdictions: tuple[str, ...] = ()
    equivalents: tuple[Equivalent, ...] = ()


class GlossaryInfo(NamedTuple):
    id: str
    title: str
    language: str = "fr"
    version: str = ""
    publishers: tuple[str, ...] = ()
    description: str = ""
    licence: str = ""
    path: str = ""
    # Default rights of the entries of each origin ([glossary.origins.<origin>]).
    origins: tuple[tuple[str, Rights], ...] = ()

    def origin_rights(self, origin: str) -> Rights:
        return next((rights for name, rights in self.origins if name == origin), Rights())


def resolve_rights(sources: Sequence[Source], origin: str, info: GlossaryInfo) -> Rights:
    """The rights of an entry's text.

    The sources that declare rights or a licence are those whose text the entry
    reproduces: their statements, joined, and the first licence named. Otherwise the
    default of the entry's origin in its own file's [glossary.origins].
    """
    declaring = [source for source in sources if source.declares_rights]
    if not declaring:
        return info.origin_rights(origin)
    licensed = next((source for source in declaring if source.licence), None)
    return Rights(
        statement=" ; ".join(source.rights for source in declaring if source.rights),
        licence=licensed.licence or "" if licensed else "",
        licence_url=licensed.licence_url or "" if licensed else "",
    )


class Glossary:
    """Terms and themes of one or more glossary files, relations resolved (read-only)."""

    __slots__ = (
        "_by_id",
        "_themes_by_id",
        "derived",
        "info",
        "overrides",
        "parts",
        "terms",
        "themes",
    )

    def __init__(
        self,
        info: GlossaryInfo,
        themes: tuple[Theme, ...],
        terms: tuple[Term, ...],
        # Every file that contributed, in load order (the first one gives `info`).
        parts: tuple[GlossaryInfo, ...] = (),
        # (id, overridden file, overriding file) for each entry replaced by a later glossary.
        overrides: tuple[tuple[str, str, str], ...] = (),
    ) -> None:
        self.info = info
        self.themes = themes
        self.terms = terms
        self.parts = parts
        self.overrides = overrides
        self._by_id = {term.id: term for term in terms}
        self._themes_by_id = {theme.id: theme for theme in themes}
        # What the layers above compute from the glossary, kept while it lives (its index).
        self.derived: dict[object, object] = {}

    def __repr__(self) -> str:
        return f"Glossary({self.info.id!r}, {len(self.terms)} entrées)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        return (self.info, self.themes, self.terms, self.parts, self.overrides) == (
            other.info,
            other.themes,
            other.terms,
            other.parts,
            other.overrides,
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, but holds dicts

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def __getitem__(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def theme(self, theme_id: str) -> Theme | None:
        return self._themes_by_id.get(theme_id)

    def terms_of_theme(self, theme_id: str) -> list[Term]:
        return [term for term in self.terms if theme_id in term.themes]

    def neighbours(self, term: Term) -> list[Term]:
        """Broader, narrower and related entries, in that order, without repeats."""
        return neighbours(term, self._by_id.get)

    def rights_groups(self) -> list[tuple[Rights, list[Term]]]:
        """The entries grouped by the rights of their text, in order of first use (for
        credits: « CC BY-SA 4.0, contributeurs de Wikipédia : Coopération, … »)."""
        groups: dict[Rights, list[Term]] = {}
        for term in self.terms:
            groups.setdefault(term.rights, []).append(term)
        return list(groups.items())

    def subset(self, term_ids: Sequence[str]) -> Glossary:
        """The same glossary restricted to these entries (themes kept if used)."""
        wanted = set(term_ids)
        terms = tuple(term for term in self.terms if term.id in wanted)
        used = {theme_id for term in terms for theme_id in term.themes}
        themes = tuple(theme for theme in self.themes if theme.id in used)
        return Glossary(self.info, themes, terms, self.parts, self.overrides)


def neighbours(term: Term, get: Callable[[str], Term | None]) -> list[Term]:
    """Broader, narrower and related entries of `term` found by `get`, without repeats."""
    seen: dict[str, Term] = {}
    for term_id in (*term.broader, *term.narrower, *term.related):
        neighbour = get(term_id)
        if neighbour is not None and neighbour.id != term.id:
            seen.setdefault(neighbour.id, neighbour)
    return list(seen.values())
