"""A source typed on one line (`add --source`, an import's source column), read and checked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from esslex.errors import UsageError
from esslex.glossary.model import Source
from esslex.text.normalize import fold, strip_controls

_YEAR = re.compile(r"^\d{4}$")
_ARTICLE = re.compile(r"^(?:article|art\.?)\s+(.+)$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
# The names a source's fields are given by (folded), in French and as in the file format.
SOURCE_FIELD_NAMES = {
    "titre": "title",
    "title": "title",
    "auteur": "author",
    "autrice": "author",
    "author": "author",
    "editeur": "publisher",
    "publisher": "publisher",
    "annee": "year",
    "year": "year",
    "article": "article",
    "url": "url",
    "adresse": "url",
    "version": "version",
    "note": "note",
}


# An import names the same few fields on each of its rows: each spelling is folded once.
@lru_cache(maxsize=256)
def field_named(name: str) -> str | None:
    """The field of a source `name` stands for (« Éditeur » → publisher), if any."""
    return SOURCE_FIELD_NAMES.get(fold(name))


NAMED_SOURCE_FORM = "«\u00a0titre=…\u00a0; auteur=…\u00a0; éditeur=…\u00a0; année=…\u00a0; article=…\u00a0; url=…\u00a0»"
_NAMED_FIELD = re.compile(r"^\s*([^\W\d_][^=;|]*?)\s*=")


def parse_source(text: str) -> Source:
    """A source written on one line: named fields separated by « ; » (« titre=Loi n° 2014-856
    ; article=1 ; url=https://… »), or its parts separated by « | ».

    With « | », the title comes first; the year (four digits), the article (« article 2 »)
    and the URL (http…) are recognised by their shape, in any order; the other parts are the
    author, then the publisher, by position (an empty part keeps its place).
    """
    line = strip_controls(text, keep_newlines=False)
    first = _NAMED_FIELD.match(line)
    if first and field_named(first.group(1)) is not None:
        return source_from_fields(_named_fields(line), text)
    parts = [part.strip() for part in line.split("|")]
    title, rest = parts[0], parts[1:]
    if not title:
        raise UsageError(
            f"source «\u00a0{text.strip()}\u00a0» sans titre (le titre vient en premier)"
        )
    year: int | None = None
    url = article = None
    names: list[str] = []
    for part in rest:
        article_match = _ARTICLE.match(part)
        if _YEAR.match(part) and year is None:
            year = int(part)
        elif _URL.match(part) and url is None:
            url = part
        elif article_match and article is None:
            article = article_match.group(1).strip()
        else:
            names.append(part)
    while names and not names[-1]:
        names.pop()  # « TITRE | AUTEUR | | 2020 »: empty parts at the end name nothing
    if len(names) > 2:
        raise UsageError(
            f"source «\u00a0{text.strip()}\u00a0»\u00a0: trop de parties\u00a0; écrivez-la avec"
            f" des champs nommés, {NAMED_SOURCE_FORM}"
        )
    author, publisher = [*names, "", ""][:2]
    return Source(title, author or None, publisher or None, year, article, url)


def _named_fields(line: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in line.split(";"):
        if not part.strip():
            continue
        name, equals, value = part.partition("=")
        field_name = field_named(name)
        if not equals or field_name is None:
            known = "titre, auteur, éditeur, année, article, url, version, note"
            raise UsageError(
                f"champ de source inconnu «\u00a0{part.strip()}\u00a0»\u00a0; champs\u00a0: {known}"
            )
        if field_name in fields:
            raise UsageError(f"champ de source «\u00a0{name.strip()}\u00a0» donné deux fois")
        fields[field_name] = value.strip()
    return fields


def source_from_fields(fields: Mapping[str, str | None], text: str = "") -> Source:
    """A source from its fields by name (title, author, publisher, year, article, url,
    version, note), each checked: a title, a year of four digits, an address in http(s)."""
    values = {name: (value or "").strip() for name, value in fields.items()}
    shown = text.strip() or "; ".join(f"{k}={v}" for k, v in values.items() if v)
    title = values.get("title", "")
    if not title:
        raise UsageError(f"source «\u00a0{shown}\u00a0» sans titre (titre=…)")
    year_text = values.get("year", "")
    if year_text and not _YEAR.match(year_text):
        raise UsageError(f"source «\u00a0{shown}\u00a0»\u00a0: l’année s’écrit en quatre chiffres")
    url = values.get("url", "")
    if url and not _URL.match(url):
        raise UsageError(
            f"source «\u00a0{shown}\u00a0»\u00a0: l’adresse commence par http:// ou https://"
        )
    article = values.get("article", "")
    article_match = _ARTICLE.match(article)
    return Source(
        title,
        values.get("author") or None,
        values.get("publisher") or None,
        int(year_text) if year_text else None,
        (article_match.group(1).strip() if article_match else article) or None,
        url or None,
        version=values.get("version") or None,
        note=values.get("note") or None,
    )
