"""The glossary as an offline web page: one HTML file, its style, script and search index inline.

The page works from a `file://` address as from any web server: no external resource, no
framework. Every entry is written in the page (it reads without script, and prints); the
script only filters it as one types. The search index holds each entry's labels and text
already folded by `normalize.fold`, so the page and the command line read a query alike:
the script folds the query with the same rules (site.js, `fold`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from esslex.documents.entryview import entry_anchor, web_url
from esslex.documents.handout import Handout, build
from esslex.documents.printable import line
from esslex.exporters import ExportOptions
from esslex.exporters.html import page
from esslex.find.selection import Selection
from esslex.text.normalize import fold, sort_key
from esslex.text.typography import french_typography

_ANCHOR_PREFIX = entry_anchor("")


@dataclass(frozen=True)
class ThemeChoice:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class Site:
    handout: Handout
    themes: tuple[ThemeChoice, ...]
    # Theme ids of each entry, for the theme filter.
    entry_themes: dict[str, str]
    # The concept URI of each entry when --base-uri is given.
    concepts: dict[str, str]
    # Who holds each entry's text, and the address of its licence if it has one.
    rights: dict[str, tuple[str, str | None]]
    index_json: str
    total: int


def entry_id(handout_anchor: str) -> str:
    """The page anchor of an entry: its id (`#cooperation`), as in the handout's links."""
    return handout_anchor.removeprefix(_ANCHOR_PREFIX)


def _index_json(selection: Selection) -> str:
    """The search index: folded labels (shown and hidden) and folded text of each entry."""
    rows = []
    for term in selection.glossary:
        names = (term.label, *term.alt_labels, *term.hidden_labels)
        labels = [fold(label) for label in (*names, *(item.label for item in term.equivalents))]
        text = " ".join(fold(part) for part in (term.definition, *term.notes))
        rows.append({"id": term.id, "labels": [label for label in labels if label], "text": text})
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    # Inside <script type="application/json">: no "</script>", no HTML comment opener.
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_site(selection: Selection, options: ExportOptions) -> Site:
    import dataclasses

    handout = build(selection, dataclasses.replace(options, order="label"))
    glossary = selection.glossary
    themes = tuple(
        # The filter's list: one clean line each, like every text of the page.
        ThemeChoice(theme.id, line(theme.label), len(glossary.terms_of_theme(theme.id)))
        for theme in sorted(glossary.themes, key=lambda theme: sort_key(theme.label))
        if glossary.terms_of_theme(theme.id)
    )
    concepts: dict[str, str] = {}
    if options.base_uri is not None:
        from esslex.exporters.skos import base_uri

        base = base_uri(glossary, options)
        concepts = {term.id: base + term.id for term in glossary}
    rights = {
        term.id: (french_typography(line(term.rights.text())), web_url(term.rights.licence_url))
        for term in glossary
        if term.rights
    }
    return Site(
        handout=handout,
        themes=themes,
        entry_themes={term.id: " ".join(term.themes) for term in glossary},
        concepts=concepts,
        rights=rights,
        index_json=_index_json(selection),
        total=len(glossary),
    )


def render(site: Site) -> str:
    from markupsafe import Markup

    # The script is code of ours, not a template: inserted as it is.
    script = (
        resources.files("esslex.exporters")
        .joinpath("templates")
        .joinpath("site.js")
        .read_text("utf-8")
    )
    return page(
        "site.html.j2",
        filters={"entry_id": entry_id},
        s=site,
        h=site.handout,
        index_json=Markup(site.index_json),
        script=Markup(script),
    )


def export(selection: Selection, options: ExportOptions) -> str:
    return render(build_site(selection, options))
