"""What each reading command shows, as plain text or Rich renderables; an entry is laid
out from its view (documents/entryview.py), which this module only formats.

Nothing here prints. Glossary text is untrusted: every string from a glossary goes through
`clean_line` (escapes and control characters removed) and reaches Rich only as `Text`, never as
markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from esslex.documents.entryview import EntryView, clean_line
from esslex.find.index import GlossaryIndex
from esslex.glossary.model import Term
from esslex.text.linebreaks import Heading, NoBreakText, wrap
from esslex.text.textblocks import ItemList, Paragraph
from esslex.text.typography import NBSP

if TYPE_CHECKING:  # `define` shows neither a search nor a tree of relations
    from esslex.find.navigation import Neighbourhood
    from esslex.find.search import SearchHit


class Field(NamedTuple):
    name: str
    value: str


def _fields(view: EntryView) -> list[Field]:
    named = (
        ("Autres appellations", ", ".join(view.alt_labels)),
        ("Thèmes", ", ".join(view.themes)),
        ("Portée", view.places),
        ("Équivalents", ", ".join(item.text for item in view.equivalents)),
        ("Origine", view.origin),
        ("Droits", view.rights),
        ("Glossaire", view.glossary),
    )
    return [Field(name, value) for name, value in named if value]


def _links(view: EntryView) -> list[Field]:
    return [
        Field(relation.name, ", ".join(link.label for link in relation.links))
        for relation in view.relations
    ]


def source_lines(view: EntryView) -> list[str]:
    # The address too is one clean line (it is shown as it is written in the glossary).
    return [clean_line(source.text) for source in view.sources]


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


def editorial_lines(term: Term) -> list[str]:
    """What `define --editorial` adds for maintainers: the editorial notes, then where each
    source was read when not at its address, one clean line each."""
    from esslex.documents.entryview import editorial_texts

    return [clean_line(text) for text in editorial_texts(term)]


def entry_plain(view: EntryView, width: int, how: str = "", editorial: Sequence[str] = ()) -> str:
    """`how`: how the entry was found (« libellé exact »…); `editorial`: the maintainers'
    lines (`define --editorial`)."""
    title = _wrap(view.label, width)
    lines = [*title, "=" * min(max(map(len, title)), width)]
    if how:
        lines.extend(_wrap(f"Trouvé{NBSP}: {clean_line(how)}", width, "", "  "))
    lines.extend(
        line for f in _fields(view) for line in _wrap(f"{f.name}{NBSP}: {f.value}", width, "", "  ")
    )
    lines.append("")
    lines.extend(_blocks_plain(view.blocks, width))
    if view.notes:
        lines += ["", "Notes"]
        lines.extend(line for note in view.notes for line in _wrap(note, width, "• ", "  "))
    if view.relations:
        lines.append("")
        lines.extend(
            line
            for f in _links(view)
            for line in _wrap(f"{f.name}{NBSP}: {f.value}", width, "", "  ")
        )
    lines += ["", "Sources"]
    lines.extend(line for source in source_lines(view) for line in _wrap(source, width, "• ", "  "))
    if not view.sources:
        lines.append("• (aucune source indiquée)")
    if editorial:
        lines += ["", "Notes éditoriales"]
        lines.extend(line for note in editorial for line in _wrap(note, width, "• ", "  "))
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


def entry_rich(view: EntryView, how: str = "", editorial: Sequence[str] = ()) -> Any:
    """`how`: how the entry was found (« libellé exact »…); `editorial`: the maintainers'
    lines (`define --editorial`)."""
    from rich.console import Group
    from rich.text import Text

    parts = entry_rich_head(view, how)
    parts.extend(_field_rich(f, "bold magenta") for f in _links(view))
    if view.relations:
        parts.append(Text(""))
    parts.append(Text("Sources", style="bold"))
    parts.append(_bullets(source_lines(view) or ["(aucune source indiquée)"], style="dim"))
    if editorial:
        parts.append(Text(""))
        parts.append(Text("Notes éditoriales", style="bold yellow"))
        parts.append(_bullets(editorial, style="yellow"))
    return Group(*parts)


def entry_rich_head(view: EntryView, how: str = "") -> list[Any]:
    """The entry up to its relations: title, how it was found, names and themes, text,
    notes (`browse` shows the relations and sources as links after it)."""
    from rich.text import Text

    parts: list[Any] = [Heading(view.label, style="bold cyan", rule_style="cyan")]
    if how:
        parts.append(_text(f"Trouvé{NBSP}: {clean_line(how)}", style="dim"))
    parts.extend(_field_rich(f, "bold") for f in _fields(view))
    parts.append(Text(""))
    parts.extend(_blocks_rich(view.blocks))
    if view.notes:
        parts.append(Text("Notes", style="bold"))
        parts.append(_bullets(view.notes, style="italic"))
        parts.append(Text(""))
    return parts


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


class ThemeRow(NamedTuple):
    id: str
    label: str
    description: str
    entries: int


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
            Text(str(row.entries)),
            _text(clean_line(row.description)),
        )
    return table


def themes_plain(rows: Sequence[ThemeRow], width: int) -> str:
    lines = []
    for row in rows:
        lines.append(
            f"{clean_line(row.label)} ({row.id}, {row.entries} entrée{'s' if row.entries > 1 else ''})"
        )
        lines.extend(_wrap(clean_line(row.description), width, "    ", "    "))
    return "\n".join(lines)


def _node_label(node: Neighbourhood) -> str:
    from esslex.find.navigation import RELATION_NAMES

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

    from esslex.find.navigation import RELATION_NAMES

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
