"""Imported drafts made entries: ids, themes and links settled; what cannot be taken, why.

Ids are chosen against the glossaries in use, themes found or created, links to other
entries resolved, each name looked up once however many rows name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from esslex.errors import AmbiguousTerm
from esslex.glossary.model import Glossary, Term, Theme, is_jurisdiction
from esslex.text.normalize import WordFolder, fold, fold_key, slug, strip_controls
from esslex.write.drafts import Draft, RowProblem
from esslex.write.entries import EntryRefused, choose_id, label_owners

# What `slug` keeps of a folded label.
_ID_PART = re.compile(r"[a-z0-9]+")


@dataclass
class _Settled:
    draft: Draft
    id: str
    label: str
    definition: str


class _Names:
    """Entries found by id, label or alternative label, case and accents aside."""

    def __init__(self, folded: WordFolder) -> None:
        self.folded = folded
        self.by_key: dict[str, str] = {}

    def add(self, term_id: str, names: Iterable[str]) -> None:
        self.by_key.setdefault(term_id, term_id)
        for name in names:
            key = self.folded(name)
            if key:
                self.by_key.setdefault(key, term_id)

    def find(self, name: str) -> str | None:
        return self.by_key.get(name) or self.by_key.get(self.folded(name))


class _ContextLinks(dict[str, tuple[str | None, str]]):
    """Entries of the glossaries in use, named as every command names one: for each name,
    the entry's id and how it was understood when it was not named exactly (a notice for the
    user). Each name is looked up once: a spreadsheet repeats them."""

    def __init__(self, context: Glossary) -> None:
        super().__init__()
        self.context = context

    def __missing__(self, name: str) -> tuple[str | None, str]:
        from esslex.errors import TermNotFound
        from esslex.find import resolve

        try:
            found = resolve.entry(self.context, name)
        except (TermNotFound, AmbiguousTerm):
            link: tuple[str | None, str] = (None, "")
        else:
            understood = f"«\u00a0{name}\u00a0» compris comme «\u00a0{found.term.label}\u00a0»"
            link = (found.term.id, "" if found.kind in ("exact", "folded", "id") else understood)
        self[name] = link
        return link


def settle(
    drafts: Sequence[Draft],
    context: Glossary,
    override: bool,
    declared_themes: Sequence[Theme] = (),
) -> tuple[list[Term], list[Theme], list[RowProblem], list[RowProblem]]:
    """Ids, themes and links of the drafts: the entries, the new themes, refusals, notices."""
    rejected: list[RowProblem] = []
    notices: list[RowProblem] = []
    settled: list[_Settled] = []
    taken: dict[str, str] = {}
    labels: dict[str, str] = {}
    # Labels share most of their words: each word is folded once (the same key as fold_key).
    folded = WordFolder(fold_key)
    names = _Names(folded)
    owners = label_owners(context)
    plain = WordFolder(fold)

    def make_id(label: str) -> str:  # `slug`, folding each distinct word once
        return "-".join(_ID_PART.findall(plain(label)))

    for draft in drafts:
        label = strip_controls(draft.label, keep_newlines=False).strip()
        definition = strip_controls(draft.definition).strip()
        label_key = folded(label)
        try:
            if not label:
                raise EntryRefused("libellé vide")
            if not definition:
                raise EntryRefused(f"définition vide pour «\u00a0{label}\u00a0»")
            if label_key in labels:
                raise EntryRefused(f"même libellé que {labels[label_key]}")
            owner = owners.get(label_key)
            term_id, replaced = choose_id(context, label, draft.id, override, taken, owner, make_id)
        except EntryRefused as refusal:
            rejected.append(RowProblem(draft.place, refusal.reason))
            continue
        if replaced is not None:
            notices.append(
                RowProblem(draft.place, f"remplace «\u00a0{term_id}\u00a0» de {replaced.glossary}")
            )
        taken[term_id] = draft.place
        labels[label_key] = draft.place
        names.add(term_id, [label, *draft.alt_labels])
        settled.append(_Settled(draft, term_id, label, definition))

    themes = _ThemeCatalogue(context, declared_themes)
    context_links = _ContextLinks(context)
    terms = []
    for entry in settled:
        draft = entry.draft
        theme_ids = []
        for name in draft.themes:
            theme_id = themes.resolve(name)
            if theme_id is None:
                notices.append(RowProblem(draft.place, f"thème «\u00a0{name}\u00a0» ignoré"))
            else:
                theme_ids.append(theme_id)
        links: dict[str, list[str]] = {"related": [], "broader": []}
        for key, wanted in (("related", draft.related), ("broader", draft.broader)):
            for name in wanted:
                target, understood = names.find(name), ""
                if target is None:
                    target, understood = context_links[name]
                if understood:
                    notices.append(RowProblem(draft.place, understood))
                if target is None:
                    what = "voir aussi" if key == "related" else key
                    notices.append(
                        RowProblem(
                            draft.place,
                            f"«\u00a0{what}\u00a0»\u00a0: «\u00a0{name}\u00a0» ne correspond à"
                            " aucune entrée\u00a0; lien ignoré",
                        )
                    )
                elif target != entry.id:
                    links[key].append(target)
        terms.append(
            Term(
                id=entry.id,
                label=entry.label,
                definition=entry.definition,
                alt_labels=_clean(draft.alt_labels, folded, exclude=entry.label),
                hidden_labels=_clean(draft.hidden_labels, folded, exclude=entry.label),
                themes=tuple(dict.fromkeys(theme_ids)),
                notes=tuple(note.strip() for note in draft.notes if note.strip()),
                sources=tuple(draft.sources),
                related=tuple(dict.fromkeys(links["related"])),
                broader=tuple(dict.fromkeys(links["broader"])),
                origin=draft.origin,
                editorial_notes=tuple(
                    note.strip() for note in draft.editorial_notes if note.strip()
                ),
                annotate=draft.annotate,
                rights=draft.rights,
                jurisdictions=_places(draft, notices),
                equivalents=tuple(dict.fromkeys(draft.equivalents)),
            )
        )
    return terms, themes.created(), rejected, notices


def _clean(items: Iterable[str], folded: WordFolder, exclude: str) -> tuple[str, ...]:
    cleaned = (strip_controls(item, keep_newlines=False).strip() for item in items)
    excluded = folded(exclude)
    return tuple(dict.fromkeys(item for item in cleaned if item and folded(item) != excluded))


class _ThemeCatalogue:
    """Themes of the glossaries in use, named as every command names one; any other theme
    named is created in the new file."""

    def __init__(self, context: Glossary, declared: Sequence[Theme]) -> None:
        self.context = context
        self.declared = {theme.id: theme for theme in declared}
        self.new: dict[str, Theme] = {}
        # A spreadsheet names the same few themes on every row: each name is resolved once.
        self.resolved: dict[str, str | None] = {}

    def resolve(self, name: str) -> str | None:
        if name not in self.resolved:
            self.resolved[name] = self._resolve(name)
        return self.resolved[name]

    def _resolve(self, name: str) -> str | None:
        from esslex.errors import AmbiguousTheme, ThemeNotFound
        from esslex.find import resolve

        if name in self.declared or slug(name) in self.new:
            theme = self.declared.get(name) or self.new[slug(name)]
            self.new.setdefault(theme.id, theme)
            return theme.id
        known = [t for t in self.new.values() if fold_key(t.label) == fold_key(name)]
        if known:
            return known[0].id
        try:
            return resolve.theme(self.context, name).id
        except (ThemeNotFound, AmbiguousTheme):
            pass
        theme_id = slug(name)
        if not theme_id:
            return None
        theme = Theme(theme_id, " ".join(name.split()))
        self.new.setdefault(theme.id, theme)
        return theme.id

    def created(self) -> list[Theme]:
        # Declared themes (a JSON export) keep their order: it is the handouts' order.
        order = {theme_id: position for position, theme_id in enumerate(self.declared)}
        return sorted(self.new.values(), key=lambda theme: order.get(theme.id, len(order)))


def _places(draft: Draft, notices: list[RowProblem]) -> tuple[str, ...]:
    """The row's jurisdictions, upper-cased; a code that is not one is left out, said."""
    codes = []
    for written in draft.jurisdictions:
        code = written.strip().upper()
        if is_jurisdiction(code):
            codes.append(code)
        else:
            notices.append(
                RowProblem(draft.place, f"juridiction «\u00a0{written}\u00a0» inconnue, ignorée")
            )
    return tuple(dict.fromkeys(codes))
