"""Who a document for people is from, and what it credits: branding, profiles, credits.

Every export that people read (handouts, worksheets, slides, quizzes) takes the same
branding and prints the same credits. The API, small on purpose:

- `Branding`: title, subtitle, organisation, author, date, logo, licence; every field
  optional. `Branding.over(base)` lays command-line values over a profile's.
- `load_profile(path)`: a `--profile FILE.toml` whose top-level keys are named like the
  options (`organisation = "…"`, `logo = "logo.png"`, a path relative to the profile).
  Checked like a glossary: `ProfileError` (exit code 3) with `file:line` for a syntax
  error, an unknown key or a value of the wrong type.
- `read_logo(path)`: a `Logo` (PNG, JPEG or SVG, at most `LOGO_MAX_BYTES`), or
  `BrandingError` saying in French what is wrong with the file.
- `credits(selection)`: the glossaries the exported entries come from, each with its
  title, version, publishers and the rights of its entries (`Term.rights`): the rights
  most of them share, and the entries under other rights (a Wikipédia text under CC
  BY-SA) by name. A handout made only of a user's entries names only the user's glossary.

The Typer options that fill a `Branding` live in `esslex.cli.branding_options`, so another
command attaches them with the same help and checks.
"""

from __future__ import annotations

import base64
import datetime
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from esslex.errors import EXIT_BAD_DATA, EXIT_USAGE, EsslexError, Location
from esslex.glossary.model import Rights
from esslex.text.typography import french_date

if TYPE_CHECKING:
    from esslex.find.selection import Selection
    from esslex.glossary.model import GlossaryInfo, Term

# A logo is printed a few centimetres wide: 2 MB is plenty, and keeps a handout light.
LOGO_MAX_BYTES = 2_000_000
LOGO_MAX_PIXELS = 6000  # per side; a larger image is a photo, not a logo
# A profile holds seven short texts: a larger file is not one.
PROFILE_MAX_BYTES = 1_000_000
PROFILE_KEYS = ("title", "subtitle", "organisation", "author", "date", "logo", "licence")


class BrandingError(EsslexError):
    """A branding value given on the command line that cannot be used (bad logo, date)."""

    exit_code = EXIT_USAGE


class ProfileError(EsslexError):
    """A profile file that cannot be used; reported like a glossary error, `file:line`."""

    exit_code = EXIT_BAD_DATA

    def __init__(self, location: Location, message: str) -> None:
        self.location = location
        super().__init__(f"{location}: {message}")


@dataclass(frozen=True)
class Logo:
    """A checked image: its bytes and media type, ready to embed."""

    name: str
    media_type: str  # image/png, image/jpeg, image/svg+xml
    data: bytes

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def raster(self) -> bool:
        return self.media_type != "image/svg+xml"


@dataclass(frozen=True)
class Branding:
    """What a trainer or a network puts on a document; None means "not given"."""

    title: str | None = None
    subtitle: str | None = None
    organisation: str | None = None
    author: str | None = None
    date: str | None = None  # shown as given, an ISO date (2027-03-12) in French
    logo: Logo | None = None
    licence: str | None = None

    def over(self, base: Branding) -> Branding:
        """These values, and `base`'s where these are not given (command line over profile)."""
        chosen = {
            item.name: getattr(self, item.name)
            if getattr(self, item.name) is not None
            else getattr(base, item.name)
            for item in fields(self)
        }
        return Branding(**chosen)

    def shown_date(self, today: datetime.date) -> str:
        """The date a document shows: the session's date, else today's, in French."""
        if self.date is None:
            return french_date(today)
        try:
            return french_date(datetime.date.fromisoformat(self.date.strip()))
        except ValueError:
            return self.date


# -- logo ------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        # Start-of-frame markers carry the size (C4, C8 and CC are not frames).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            width = int.from_bytes(data[position + 7 : position + 9], "big")
            return width, height
        position += 2 + length
    return None


_SVG_ROOT = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.S)


def read_logo(path: Path) -> Logo:
    """The image at `path`, checked: a PNG, JPEG or SVG file of reasonable size."""
    from esslex.glossary.files import FileTooLarge, read_input

    shown = f"logo «\u00a0{path}\u00a0»"
    try:
        data = read_input(path, "une image", LOGO_MAX_BYTES)  # UnreadableFile: exit code 3
    except FileTooLarge as error:
        raise BrandingError(
            f"{shown} trop lourd ({error.size // 1000} ko\u00a0; {LOGO_MAX_BYTES // 1_000_000} Mo"
            " au plus)\u00a0: réduisez l’image."
        ) from None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        media_type, dimensions = "image/png", _png_size(data)
    elif data.startswith(b"\xff\xd8\xff"):
        media_type, dimensions = "image/jpeg", _jpeg_size(data)
    elif _SVG_ROOT.match(data[:4096]):
        media_type, dimensions = "image/svg+xml", (0, 0)
    else:
        raise BrandingError(f"{shown}\u00a0: ce n’est pas une image PNG, JPEG ou SVG.")
    if dimensions is None:
        raise BrandingError(f"{shown}\u00a0: image abîmée (dimensions illisibles).")
    if max(dimensions) > LOGO_MAX_PIXELS:
        width, height = dimensions
        raise BrandingError(
            f"{shown} trop grand ({width} × {height} pixels\u00a0; {LOGO_MAX_PIXELS} au plus)."
        )
    return Logo(path.name, media_type, data)


# -- profile ---------------------------------------------------------------------------


def load_profile(path: Path) -> Branding:
    """The branding a profile file holds; ProfileError (file:line) when it is not usable."""
    from esslex.glossary import tomlsyntax
    from esslex.glossary.files import UnreadableFile, read_input

    try:
        raw = read_input(path, "un fichier de profil", PROFILE_MAX_BYTES)
    except UnreadableFile as error:
        raise ProfileError(error.location, error.detail) from None
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProfileError(Location(str(path), line), "le fichier n’est pas en UTF-8") from None
    try:
        document = tomlsyntax.parse(text)
    except tomlsyntax.TOMLDecodeError as error:
        syntax = tomlsyntax.describe_decode_error(error, text)
        raise ProfileError(Location(str(path), syntax.line), syntax.message) from None
    lines = tomlsyntax.LineIndex.scan(text)

    def at(key: str) -> Location:
        return Location(str(path), lines.line_of("", 0, key) or lines.line_of(key, 0))

    values: dict[str, str] = {}
    for key, value in document.items():
        if key not in PROFILE_KEYS:
            import difflib

            guess = difflib.get_close_matches(key, PROFILE_KEYS, n=1, cutoff=0.6)
            hint = f" (vouliez-vous dire «\u00a0{guess[0]}\u00a0»\u00a0?)" if guess else ""
            raise ProfileError(
                at(key),
                f"champ inconnu «\u00a0{key}\u00a0» dans le profil{hint}\u00a0;"
                f" champs admis\u00a0: {', '.join(PROFILE_KEYS)}",
            )
        if isinstance(value, datetime.date) and key == "date":
            value = value.isoformat()
        if not isinstance(value, str):
            raise ProfileError(at(key), f"«\u00a0{key}\u00a0» doit être une chaîne de caractères")
        values[key] = value
    logo = None
    if values.get("logo"):
        try:
            logo = read_logo(path.parent / values["logo"])
        except BrandingError as error:
            raise ProfileError(at("logo"), error.message) from None
        except UnreadableFile as error:
            raise ProfileError(at("logo"), f"logo {error.message}") from None
    if "date" in values:
        try:
            check_date(values["date"])
        except BrandingError as error:
            raise ProfileError(at("date"), error.message) from None
    return Branding(
        title=values.get("title"),
        subtitle=values.get("subtitle"),
        organisation=values.get("organisation"),
        author=values.get("author"),
        date=values.get("date"),
        logo=logo,
        licence=values.get("licence"),
    )


def check_date(text: str) -> str:
    """A session date: an ISO date must be a real one; other text ("12 et 13 mars") is kept."""
    if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", text):
        try:
            datetime.date.fromisoformat(text.strip())
        except ValueError:
            raise BrandingError(
                f"date «\u00a0{text.strip()}\u00a0» impossible (format AAAA-MM-JJ)."
            ) from None
    return text


# -- credits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RightsLine:
    """Rights shared by some entries of a glossary: « © Apes, … » or « …, licence CC BY-SA »."""

    text: str
    licence_url: str
    # The labels of the entries under these rights; empty when they cover all the others.
    entries: tuple[str, ...] = ()
    # Who the texts are credited to, how many entries, and what a reader may do with them
    # (« licence MIT », « © Apes, … »): « esslex (27 entrées, licence MIT) ».
    author: str = ""
    count: int = 0
    terms: str = ""

    @property
    def credit(self) -> str:
        noun = "entrée" if self.count < 2 else "entrées"
        details = ", ".join(part for part in (f"{self.count} {noun}", self.terms) if part)
        return f"{self.author} ({details})" if self.author else details


@dataclass(frozen=True)
class GlossaryCredit:
    """One glossary that entries of the document come from."""

    title: str
    version: str
    publishers: tuple[str, ...]
    rights: tuple[RightsLine, ...]  # the most common rights last, for « the other entries »
    entries: int  # how many of the exported entries come from it


@dataclass(frozen=True)
class Credits:
    glossaries: tuple[GlossaryCredit, ...]

    @property
    def title(self) -> str:
        """The glossaries' titles: « A », « A et B », « A, B et C »."""
        titles = [credit.title for credit in self.glossaries]
        if len(titles) <= 1:
            return "".join(titles)
        return ", ".join(titles[:-1]) + " et " + titles[-1]

    @property
    def publishers(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(name for credit in self.glossaries for name in credit.publishers)
        )

    @property
    def authors_line(self) -> str:
        """Who wrote the texts of the document, with counts and licences, computed from its
        entries: « esslex (27 entrées, licence MIT) ; Glossaire DEVISUS (2 entrées, © Apes,
        …) ». A work none of the entries comes from is never named."""
        groups: dict[tuple[str, str], int] = {}
        for credit in self.glossaries:
            for line in credit.rights:
                key = (line.author, line.terms)
                groups[key] = groups.get(key, 0) + line.count
        ranked = sorted(groups.items(), key=lambda group: -group[1])  # most entries first
        return "\u00a0; ".join(
            RightsLine("", "", author=author, count=count, terms=terms).credit
            for (author, terms), count in ranked
        )


def _rights_lines(info: GlossaryInfo, terms: list[Term]) -> tuple[RightsLine, ...]:
    groups: dict[Rights, list[str]] = {}
    for term in terms:
        groups.setdefault(term.rights, []).append(term.label)
    if set(groups) == {Rights()}:
        # A glossary that states no rights per entry: its own licence text covers them all.
        return (
            RightsLine(
                info.licence,
                "",
                author=info.title,
                count=len(terms),
                terms=info.licence.strip().rstrip("."),
            ),
        )
    # The rights most entries share are said last, as those of « the other entries », when
    # they cover most of them; the entries under other rights are named.
    common = max(groups, key=lambda rights: len(groups[rights]))
    others = len(terms) - len(groups[common])
    if len(groups) > 1 and (len(groups[common]) < 3 or len(groups[common]) <= others):
        common = Rights("\x00")  # no majority: every group names its entries
    lines = [
        _line(rights, labels, tuple(labels), info)
        for rights, labels in groups.items()
        if rights != common
    ]
    if common in groups:
        lines.append(_line(common, groups[common], (), info))
    return tuple(lines)


def _line(
    rights: Rights, labels: list[str], named: tuple[str, ...], info: GlossaryInfo
) -> RightsLine:
    # What a reader may do with the texts: their licence, else who holds them.
    terms = f"licence {rights.licence}" if rights.licence else rights.statement
    if terms == rights.credited_to:
        terms = ""
    return RightsLine(
        rights.text() or "droits non précisés",
        rights.licence_url,
        named,
        author=rights.credited_to or info.title,
        count=len(labels),
        terms=terms,
    )


def credits(selection: Selection) -> Credits:
    """The glossaries the exported entries come from, in load order, with their rights."""
    exported = selection.glossary
    parts = {part.path: part for part in (exported.parts or (exported.info,))}
    members: dict[str, list[Term]] = {}
    for term in exported:
        info = parts.get(term.glossary, exported.info)
        members.setdefault(info.path, []).append(term)
    glossaries = tuple(
        GlossaryCredit(
            info.title,
            info.version,
            info.publishers,
            _rights_lines(info, members[path]),
            len(members[path]),
        )
        for path, info in parts.items()
        if path in members
    )
    if not glossaries:  # a Glossary built by hand may name no file
        info = exported.info
        glossaries = (GlossaryCredit(info.title, info.version, info.publishers, (), 0),)
    return Credits(glossaries)
