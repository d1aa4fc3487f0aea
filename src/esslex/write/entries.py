"""A new entry's id chosen against the glossaries in use, and its TOML block, appended."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from esslex.errors import UsageError
from esslex.glossary.loader import ID_PATTERN
from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import fold_key, slug, strip_controls

UTF8_BOM = b"\xef\xbb\xbf"


class EntryRefused(UsageError):
    """An entry that will not be written; the file is left as it was."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"{reason}\u00a0; rien n’a été écrit.")


def title_of(stem: str) -> str:
    # A file name may hold anything, undecodable bytes and controls included: keep text.
    words = re.sub(r"[-_]+", " ", strip_controls(stem, keep_newlines=False)).strip()
    return words[:1].upper() + words[1:] if words else "Mon glossaire"


def bad_id_message(value: str) -> str:
    return (
        f"identifiant «\u00a0{value}\u00a0» invalide\u00a0: minuscules ASCII, chiffres et tirets"
        " seulement (ex. «\u00a0tiers-lieu\u00a0»)"
    )


def split_list(text: str) -> list[str]:
    """The items of a typed list: « a ; b » (a comma also separates when there is no « ; »)."""
    separator = ";" if ";" in text else ","
    return [item.strip() for item in text.split(separator) if item.strip()]


def clean_items(items: Iterable[str]) -> tuple[str, ...]:
    cleaned = (strip_controls(item, keep_newlines=False).strip() for item in items)
    return tuple(dict.fromkeys(item for item in cleaned if item))


# tomli-w's escapes, found by one regular expression (in C): tomli-w looks at each character
# in Python, and writing the 200,000 entries of an import took it longer than loading them.
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPES = {chr(code): f"\\u{code:04x}" for code in (*range(0x20), 0x7F) if code != ord("\t")}
_ESCAPES.update(_COMPACT)
_TO_ESCAPE = re.compile('[\x00-\x08\x0a-\x1f\x7f"\\\\]')
_TO_ESCAPE_MULTILINE = re.compile('[\x00-\x08\x0b-\x1f\x7f"\\\\]')
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _escape(found: re.Match[str]) -> str:
    return _ESCAPES[found.group()]


def toml_string(text: str, multiline: bool = True) -> str:
    """`text` as a TOML basic string, exactly as tomli-w writes it (`multiline_strings=True`:
    a text of several lines in triple quotes, one line per line)."""
    if multiline and "\n" in text:
        text = text.replace("\r\n", "\n")
        return '"""\n' + _TO_ESCAPE_MULTILINE.sub(_escape, text) + '"""'
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _toml_value(value: object) -> str | None:
    """A value of an entry's table as tomli-w writes it; None for one of another kind."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        if not value:
            return "[]"
        return "[\n" + "".join(f"    {toml_string(item)},\n" for item in value) + "]"
    return None


def table_block(header: str, values: Mapping[str, object]) -> str:
    """`[[header]]` then the values, as tomli-w writes them.

    Each table is written on its own: given a whole array, tomli-w may write it inline
    (`term = [{ … }]`), which could not be appended to nor followed by `[[term]]` blocks.
    Texts, lists of texts and numbers (all an entry, a theme or a source holds) are written
    here, anything else by tomli-w itself; a table within the table is written inline, after
    the rest: tomli-w would give it a header of its own, relative to the document's root.
    """
    import tomli_w

    plain = {key: value for key, value in values.items() if not isinstance(value, Mapping)}
    lines = [f"[[{header}]]\n"]
    for key, value in plain.items():
        written = _toml_value(value)
        if written is None:
            lines[1:] = [tomli_w.dumps(plain, multiline_strings=True)]
            break
        name = key if _BARE_KEY.fullmatch(key) else toml_string(key, multiline=False)
        lines.append(f"{name} = {written}\n")
    for key, value in values.items():
        if isinstance(value, Mapping):
            items = (tomli_w.dumps({name: item}).strip() for name, item in value.items())
            lines.append(f"{key} = {{ {', '.join(items)} }}\n")
    return "".join(lines)


def entry_block(term: Term) -> str:
    """The entry as a `[[term]]` block, its sources as `[[term.sources]]` and its
    equivalents as `[[term.equivalents]]`."""
    from esslex.glossary.serialize import term_to_file_dict

    values = term_to_file_dict(term)
    sources = values.pop("sources", [])
    equivalents = values.pop("equivalents", [])
    return "\n".join(
        [
            table_block("term", values),
            *(table_block("term.sources", item) for item in sources),
            *(table_block("term.equivalents", item) for item in equivalents),
        ]
    )


def appended(original: bytes, block: str) -> bytes:
    """`original`, byte for byte, then a blank line and `block` in the file's line endings."""
    newline = "\r\n" if original.count(b"\r\n") * 2 > original.count(b"\n") else "\n"
    end = newline.encode()
    head = original
    if head and not head.endswith(b"\n"):
        head += end
    if head.replace(UTF8_BOM, b"").strip() and not head.endswith((b"\n\n", b"\n\r\n")):
        head += end
    if newline != "\n":
        block = block.replace("\r\n", "\n").replace("\n", newline)
    return head + block.encode("utf-8")


def label_owner(glossary: Glossary, label: str) -> Term | None:
    """The entry whose label is `label`, case, accents and plural aside."""
    wanted = fold_key(label)
    return next((term for term in glossary if fold_key(term.label) == wanted), None)


def label_owners(glossary: Glossary) -> dict[str, Term]:
    """`label_owner` for many labels: each entry by its folded label (the first one wins)."""
    owners: dict[str, Term] = {}
    for term in glossary:
        owners.setdefault(fold_key(term.label), term)
    return owners


def choose_id(
    glossary: Glossary,
    label: str,
    term_id: str | None,
    override: bool,
    taken: Mapping[str, str],
    owner: Term | None,
    make_id: Callable[[str], str] = slug,
) -> tuple[str, Term | None]:
    """The id of a new entry, checked against the glossaries in use; EntryRefused if it clashes.

    `taken`: ids already written in the file being made, with where; `owner`: the entry
    that already bears this label (`label_owner`); `make_id`: `slug`, or a quicker one that
    gives the same id. Returns the id and, with `override`, the entry of another glossary
    the new one replaces.
    """
    if term_id is None and override and owner is not None:
        term_id = owner.id  # replace the entry that bears this label
    term_id = term_id.strip() if term_id is not None else make_id(label)
    if not term_id:
        raise EntryRefused(f"impossible de tirer un identifiant de «\u00a0{label}\u00a0»")
    if not ID_PATTERN.match(term_id):
        raise EntryRefused(bad_id_message(term_id))
    if term_id in taken:
        raise EntryRefused(f"identifiant «\u00a0{term_id}\u00a0» déjà utilisé ({taken[term_id]})")
    if owner is not None and owner.id in taken:
        raise EntryRefused(
            f"le libellé «\u00a0{label}\u00a0» est déjà celui de «\u00a0{owner.id}\u00a0»"
            f" ({taken[owner.id]})"
        )
    if owner is not None and not (override and owner.id == term_id):
        raise EntryRefused(
            f"le libellé «\u00a0{label}\u00a0» est déjà celui de «\u00a0{owner.id}\u00a0»"
            f" ({owner.glossary})"
            + ("" if override else "\u00a0; --override pour remplacer cette entrée")
        )
    existing = glossary.get(term_id)
    if existing is not None and not override:
        raise EntryRefused(
            f"l’identifiant «\u00a0{term_id}\u00a0» existe déjà dans {existing.glossary}"
            f" («\u00a0{existing.label}\u00a0»)\u00a0; choisissez-en un autre (--id), ou"
            " --override pour remplacer cette entrée"
        )
    return term_id, existing
