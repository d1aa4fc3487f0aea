"""Names in French of the places where a definition holds and of the languages of its
equivalents: what `define`, the handouts and the page print for the codes of the data."""

from __future__ import annotations

from collections.abc import Sequence

# ISO 3166-1 codes, ISO 3166-2 subdivisions, and the two codes of esslex's own.
_PLACES = {
    "FR": "France",
    "BE": "Belgique",
    "BE-WAL": "Wallonie",
    "BE-BRU": "Région de Bruxelles-Capitale",
    "BE-VLG": "Flandre",
    "LU": "Luxembourg",
    "CH": "Suisse",
    "CA": "Canada",
    "CA-QC": "Québec",
    "ES": "Espagne",
    "IT": "Italie",
    "EU": "Union européenne",
    "INT": "textes internationaux",
}

# BCP 47 primary subtags, the adjective used after « équivalent ».
_LANGUAGES = {
    "fr": "français",
    "en": "anglais",
    "es": "espagnol",
    "nl": "néerlandais",
    "de": "allemand",
    "it": "italien",
    "pt": "portugais",
    "ca": "catalan",
    "eu": "basque",
    "oc": "occitan",
    "br": "breton",
    "wa": "wallon",
    "ar": "arabe",
}


def place_name(code: str) -> str:
    """« Wallonie » for BE-WAL; an unknown code is shown as written."""
    return _PLACES.get(code, code)


def place_and_code(code: str) -> str:
    """« Belgique (BE) » for a message; an unknown code once."""
    name = place_name(code)
    return code if name == code else f"{name} ({code})"


def places_text(codes: Sequence[str]) -> str:
    """« France, Belgique »: the entry's places, in the order of the data."""
    return ", ".join(place_name(code) for code in codes)


def language_name(tag: str) -> str:
    """« anglais » for en or en-GB; an unknown tag is shown as written."""
    primary = tag.split("-", 1)[0].lower()
    return _LANGUAGES.get(primary, tag)
