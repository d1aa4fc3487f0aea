"""What each reading command shows, built as data, then as plain text or Rich renderables.

Nothing here prints. Glossary text is untrusted: every string from a glossary goes through
`clean` (escapes and control characters removed) and reaches Rich only as `Text`, never as
markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from esslex.index import GlossaryIndex
from esslex.linebreaks import Heading, NoBreakText, wrap
from esslex.model import Term
from esslex.navigation import RELATION_NAMES, Neighbourhood
from esslex.normalize import strip_controls
from esslex.paths import bundled_path
from esslex.search import SearchHit
from esslex.textblocks import ItemList, Paragraph, split_blocks
from esslex.typography import NBSP, french_spacing

# Runs of white space, but not the no-break spaces that French typography put there.
_SPACE_RUN = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def clean_line(text: str) -> str:
    """Untrusted text made safe and tidy for one display line."""
    # Spaces first: a line break inside a note or a label separates two words.
    text = strip_controls(_SPACE_RUN.sub(" ", text), keep_newlines=False)
    return french_spacing(_SPACE_RUN.sub(" ", text).strip())


@dataclass(frozen=True)
class Field:
    name: str
    value: str


@dataclass(frozen=True)
class EntryView:
    """An entry as the terminal shows it, every string cleaned."""

    title: str
    fields: tuple[Field, ...]
    blocks: tuple[Paragraph | ItemList, ...]
    notes: tuple[str, ...]
    links: tuple[Field, ...]
    sources: tuple[str, ...]
    how: str = ""


def _labels(glossary: GlossaryIndex, ids: Sequence[str]) -> str:
    labels = [clean_line(glossary[i].label) for i in ids if glossary.get(i) is not None]
    return ", ".join(labels)


def origin_text(term: Term) -> str:
    if term.origin == "devisus":
        return "texte du Glossaire DEVISUS"
    if term.origin == "esslex":
        return "rédigé pour esslex (ne provient pas du Glossaire DEVISUS)"
    return clean_line(term.origin)


def entry_view(term: Term, glossary: GlossaryIndex, how: str = "") -> EntryView:
    fields = []
    if term.alt_labels:
        fields.append(
            Field("Autres appellations", ", ".join(clean_line(a) for a in term.alt_labels))
        )
    if term.themes:
        themes = [glossary.theme(t) for t in term.themes]
        fields.append(
            Field("Thèmes", ", ".join(clean_line(t.label) for t in themes if t is not None))
        )
    if term.origin:
        fields.append(Field("Origine", origin_text(term)))
    if term.glossary and term.glossary != str(bundled_path()):
        fields.append(Field("Glossaire", clean_line(term.glossary)))
    blocks = tuple(
        ItemList(tuple(type(i)(clean_line(i.marker), clean_line(i.text)) for i in block.items))
        if isinstance(block, ItemList)
        else Paragraph(clean_line(block.text))
        for block in split_blocks(term.definition)
    )
    links = [
        Field(name, _labels(glossary, ids))
        for name, ids in (
            ("Terme générique", term.broader),
            ("Termes spécifiques", term.narrower),
            ("Voir aussi", term.related),
        )
        if ids
    ]
    return EntryView(
        title=clean_line(term.label),
        fields=tuple(fields),
        blocks=blocks,
        notes=tuple(clean_line(note) for note in term.notes),
        links=tuple(links),
        sources=tuple(clean_line(source.citation()) for source in term.sources),
        how=clean_line(how),
    )


# --- plain text ---------------------------------------------------------------------------


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    return wrap(text, width, first, rest)


def _blocks_plain(blocks: Sequence[Paragraph | ItemList], width: int) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        if isinstance(block, Paragraph):
            lines.extend(_wrap(block.text, width))
        else:
            for item in block.items:
                marker = item.marker if item.marker[:1].isdigit() else "•"
                lines.extend(_wrap(item.text, width, f"{marker} ", " " * (len(marker) + 1)))
    return lines


def entry_plain(view: EntryView, width: int) -> str:
    title = _wrap(view.title, width)
    lines = [*title, "=" * min(max(map(len, title)), width)]
    if view.how:
        lines.extend(_wrap(f"Trouvé{NBSP}: {view.how}", width, "", "  "))
    lines.extend(
        line for f in view.fields for line in _wrap(f"{f.name}{NBSP}: {f.value}", width, "", "  ")
    )
    lines.append("")
    lines.extend(_blocks_plain(view.blocks, width))
    if view.notes:
        lines += ["", "Notes"]
        lines.extend(line for note in view.notes for line in _wrap(note, width, "• ", "  "))
    if view.links:
        lines.append("")
        lines.extend(
            line
            for f in view.links
            for line in _wrap(f"{f.name}{NBSP}: {f.value}", width, "", "  ")
        )
    lines += ["", "Sources"]
    lines.extend(line for source in view.sources for line in _wrap(source, width, "• ", "  "))
    if not view.sources:
        lines.append("• (aucune source indiquée)")
    return "\n".join(lines)


# --- Rich ---------------------------------------------------------------------------------


def _text(text: str = "", style: str = "") -> NoBreakText:
    from rich.text import Text

    return NoBreakText(Text(text, style=style))


def _bullets(texts: Sequence[str], style: str = "") -> Any:
    """A bulleted list whose wrapped lines align after the bullet."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for text in texts:
        grid.add_row(_text("•", style), _text(text, style))
    return Padding(grid, (0, 0, 0, 2))


def _blocks_rich(blocks: Sequence[Paragraph | ItemList]) -> list[Any]:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(Padding(_text(block.text), (0, 0, 1, 0)))
            continue
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        for item in block.items:
            marker = item.marker if item.marker[:1].isdigit() else "•"
            grid.add_row(Text(marker), _text(item.text))
        parts.append(Padding(grid, (0, 0, 1, 2)))
    return parts


def _field_rich(field_: Field, style: str = "bold") -> Any:
    from rich.text import Text

    text = Text()
    text.append(f"{field_.name}{NBSP}: ", style=style)
    text.append(field_.value)
    return NoBreakText(text)


def entry_rich(view: EntryView) -> Any:
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = [Heading(view.title, style="bold cyan", rule_style="cyan")]
    if view.how:
        parts.append(_text(f"Trouvé{NBSP}: {view.how}", style="dim"))
    parts.extend(_field_rich(f, "bold") for f in view.fields)
    parts.append(Text(""))
    parts.extend(_blocks_rich(view.blocks))
    if view.notes:
        parts.append(Text("Notes", style="bold"))
        parts.append(_bullets(view.notes, style="italic"))
        parts.append(Text(""))
    parts.extend(_field_rich(f, "bold magenta") for f in view.links)
    if view.links:
        parts.append(Text(""))
    parts.append(Text("Sources", style="bold"))
    parts.append(_bullets(view.sources or ("(aucune source indiquée)",), style="dim"))
    return Group(*parts)


# --- lists, themes, search, neighbourhood --------------------------------------------------


def snippet_rich(hit: SearchHit) -> Any:
    from rich.text import Text

    text = Text(hit.snippet)
    for start, end in hit.spans:
        text.stylize("bold yellow", start, end)
    return NoBreakText(text)


def search_plain(hits: Sequence[SearchHit], width: int) -> str:
    lines: list[str] = []
    for hit in hits:
        if lines:
            lines.append("")
        lines.append(f"{clean_line(hit.term.label)} ({hit.term.id})")
        lines.extend(_wrap(hit.snippet, width, "    ", "    "))
    return "\n".join(lines)


def search_rich(hits: Sequence[SearchHit]) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list[Any] = []
    for hit in hits:
        title = Text(clean_line(hit.term.label), style="bold cyan")
        title.append(f"  {hit.term.id}", style="dim")
        parts += [title, Padding(snippet_rich(hit), (0, 0, 1, 4))]
    return Group(*parts)


def terms_table(terms: Sequence[Term], glossary: GlossaryIndex) -> Any:
    rows = [
        (
            clean_line(term.label),
            ", ".join(clean_line(t.label) for t in map(glossary.theme, term.themes) if t),
            term.id,
        )
        for term in terms
    ]
    return _TermsTable(rows)


class _TermsTable:
    """Entries in a table: label, themes, id. The ids keep a line each while they fit in a
    third of the terminal; on a narrower one they break after a hyphen, never cut."""

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.table import Table
        from rich.text import Text

        longest_id = max((len(term_id) for _, _, term_id in self.rows), default=0)
        table = Table(show_edge=False, header_style="bold")
        table.add_column("Terme", style="bold cyan", no_wrap=False)
        table.add_column("Thèmes")
        table.add_column("Identifiant", style="dim", no_wrap=longest_id <= options.max_width // 3)
        for label, themes, term_id in self.rows:
            table.add_row(
                NoBreakText(Text(label)), NoBreakText(Text(themes)), NoBreakText(Text(term_id))
            )
        yield table


@dataclass(frozen=True)
class ThemeRow:
    id: str
    label: str
    description: str
    count: int


def themes_table(rows: Sequence[ThemeRow]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, header_style="bold")
    table.add_column("Thème", style="bold cyan")
    table.add_column("Identifiant", style="dim")
    table.add_column("Entrées", justify="right")
    table.add_column("Description")
    for row in rows:
        table.add_row(
            Text(clean_line(row.label)),
            Text(row.id),
            Text(str(row.count)),
            _text(clean_line(row.description)),
        )
    return table


def themes_plain(rows: Sequence[ThemeRow], width: int) -> str:
    lines = []
    for row in rows:
        lines.append(
            f"{clean_line(row.label)} ({row.id}, {row.count} entrée{'s' if row.count > 1 else ''})"
        )
        lines.extend(_wrap(clean_line(row.description), width, "    ", "    "))
    return "\n".join(lines)


def _node_label(node: Neighbourhood) -> str:
    label = clean_line(node.term.label)
    return f"{label} ({RELATION_NAMES[node.relation]})" if node.relation else label


def tree_plain(root: Neighbourhood) -> str:
    lines = [_node_label(root)]

    def walk(node: Neighbourhood, prefix: str) -> None:
        for position, child in enumerate(node.children):
            last = position == len(node.children) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{_node_label(child)}")
            walk(child, prefix + ("    " if last else "│   "))

    walk(root, "")
    return "\n".join(lines)


def tree_rich(root: Neighbourhood) -> Any:
    from rich.text import Text
    from rich.tree import Tree

    def label(node: Neighbourhood, style: str) -> Any:
        text = Text(clean_line(node.term.label), style=style)
        if node.relation:
            text.append(f"  {RELATION_NAMES[node.relation]}", style="dim")
        return text

    tree = Tree(label(root, "bold cyan"))

    def walk(node: Neighbourhood, branch: Any) -> None:
        for child in node.children:
            walk(child, branch.add(label(child, "cyan")))

    walk(root, tree)
    return tree
