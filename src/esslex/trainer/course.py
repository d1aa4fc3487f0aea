"""A trainer's own course text (plain text, Markdown, DOCX): the text mentions are found in,
the parts left alone, and the same document written back with the glossary's entries linked
or given footnotes, nothing else of it changed."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from esslex.errors import UsageError, needs_libraries
from esslex.trainer.annotate import Mention

# Markdown that is not running text: front matter, fenced and indented code, inline code,
# links and images (their text and address), autolinks, HTML tags, bare addresses.
_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_INDENTED = re.compile(r"(?:(?<=\n\n)|\A)(?:(?:    |\t)[^\n]*(?:\n|\Z))+")
_INLINE = re.compile(
    r"(`+).+?\1"  # inline code
    r"|!?\[(?:[^\[\]\\]|\\.)*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # [text](address), images
    r"|!?\[(?:[^\[\]\\]|\\.)*\]\[[^\]]*\]"  # [text][reference]
    r"|^[ ]{0,3}\[[^\]]+\]:[^\n]*$"  # reference definitions
    r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>"  # <https://…>
    r"|</?[a-zA-Z][^>\n]*>"  # HTML tags
    r"|https?://\S+",
    re.M | re.S,
)


@dataclass(frozen=True)
class Course:
    """A course text as read: `text` is where mentions are found (a DOCX's paragraphs joined
    by line breaks), `protected` the spans of it left alone."""

    kind: str
    text: str
    protected: tuple[tuple[int, int], ...]
    data: bytes = b""  # the DOCX as read


def kind_of(name: str) -> str:
    """The kind of course a file name designates (standard input is text)."""
    lowered = name.lower()
    if lowered.endswith(".docx"):
        return "docx"
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    if lowered.endswith(".txt") or name == "-":
        return "text"
    raise UsageError(
        f"format de cours non pris en charge\u00a0: «\u00a0{name}\u00a0» (.docx, .md ou .txt,"
        " ou «\u00a0-\u00a0» pour l’entrée standard)"
    )


def read_course(kind: str, data: bytes) -> Course:
    if kind == "docx":
        return _read_docx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("le texte n’est pas en UTF-8\u00a0: enregistrez-le en UTF-8") from None
    if kind == "markdown":
        return Course(kind, text, tuple(_markdown_spans(text)))
    return Course(kind, text, ())


def _markdown_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    if front:
        spans.append(front.span())
    for pattern in (_FENCE, _INDENTED, _INLINE):
        spans.extend(m.span() for m in pattern.finditer(text))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# -- Writing back ------------------------------------------------------------------------


def chosen(mentions: Sequence[Mention], every: bool) -> list[Mention]:
    """The mentions to link: the first of each entry, or all of them."""
    if every:
        return list(mentions)
    seen: set[str] = set()
    first = []
    for mention in mentions:
        if mention.id not in seen:
            seen.add(mention.id)
            first.append(mention)
    return first


def link_text(
    course: Course,
    mentions: Sequence[Mention],
    address: Callable[[str], str],
    footnotes: Callable[[str], str] | None = None,
) -> str:
    """A Markdown course with each mention made a link (or given a footnote whose text
    `footnotes` gives for an entry id), the rest of it unchanged."""
    parts: list[str] = []
    done = 0
    notes: dict[str, str] = {}
    for mention in mentions:
        parts.append(course.text[done : mention.start])
        if footnotes is None:
            parts.append(f"[{mention.text}]({address(mention.id)})")
        else:
            notes.setdefault(mention.id, footnotes(mention.id))
            parts.append(f"{mention.text}[^{mention.id}]")
        done = mention.end
    parts.append(course.text[done:])
    text = "".join(parts)
    if notes:
        text = text.rstrip("\n") + "\n\n" + "\n".join(f"[^{k}]: {v}" for k, v in notes.items())
        text += "\n"
    return text


def html_page(course: Course, mentions: Sequence[Mention], address: Callable[[str], str]) -> str:
    """A plain-text course as an HTML page: its paragraphs, each mention a link."""
    import html

    pieces: list[str] = []
    done = 0
    for mention in mentions:
        pieces.append(html.escape(course.text[done : mention.start]))
        href = html.escape(address(mention.id), quote=True)
        pieces.append(f'<a href="{href}">{html.escape(mention.text)}</a>')
        done = mention.end
    pieces.append(html.escape(course.text[done:]))
    body = "".join(pieces)
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", body) if p.strip()]
    inner = "\n".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        "<title>Cours annoté</title>\n</head>\n<body>\n" + inner + "\n</body>\n</html>\n"
    )


# -- DOCX --------------------------------------------------------------------------------


def _document(data: bytes) -> Any:
    with needs_libraries("un cours DOCX", "export"):
        import docx  # noqa: PLC0415 - the export extra, for DOCX courses only

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise UsageError(f"document DOCX illisible ({type(error).__name__})") from None


def _paragraphs(document: Any) -> list[Any]:
    """Every paragraph of the body and of its tables, in reading order."""
    found = []

    def walk(container: Any) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                found.append(block)

    walk(document)
    return found


def _pieces(paragraph: Any) -> list[tuple[str, Any]]:
    """(text, element) of a paragraph's runs and hyperlinks, in order (None: a hyperlink)."""
    pieces = []
    for item in paragraph.iter_inner_content():
        if hasattr(item, "address"):  # a hyperlink: left alone
            pieces.append((item.text, None))
        else:
            pieces.append((item.text, item))
    return pieces


def _read_docx(data: bytes) -> Course:
    document = _document(data)
    texts: list[str] = []
    protected: list[tuple[int, int]] = []
    at = 0
    for paragraph in _paragraphs(document):
        for text, run in _pieces(paragraph):
            if run is None:
                protected.append((at, at + len(text)))
            at += len(text)
        texts.append("".join(text for text, _ in _pieces(paragraph)))
        at += 1  # the line break between paragraphs
    return Course("docx", "\n".join(texts), tuple(_merged(protected)), data)


def link_docx(course: Course, mentions: Sequence[Mention], address: Callable[[str], str]) -> bytes:
    """The DOCX with each mention a hyperlink; its runs, split where a mention starts or
    ends, keep their formatting."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    document = _document(course.data)
    by_paragraph: dict[int, list[Mention]] = {}
    starts = []
    at = 0
    paragraphs = _paragraphs(document)
    for paragraph in paragraphs:
        starts.append(at)
        at += sum(len(text) for text, _ in _pieces(paragraph)) + 1
    for mention in mentions:
        index = max(i for i, start in enumerate(starts) if start <= mention.start)
        by_paragraph.setdefault(index, []).append(mention)
    for index, found in by_paragraph.items():
        paragraph = paragraphs[index]
        for mention in reversed(found):  # from the end: earlier offsets stay true
            start = mention.start - starts[index]
            runs = _split_runs(paragraph, start, start + len(mention.text))
            if not runs:
                continue
            relation = paragraph.part.relate_to(
                address(mention.id), RELATIONSHIP_TYPE.HYPERLINK, is_external=True
            )
            link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): relation})
            runs[0].addprevious(link)
            for run in runs:
                _look_like_a_link(run, qn)
                link.append(run)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _look_like_a_link(run: Any, qn: Callable[[str], str]) -> None:
    """Blue and underlined, as word processors show a link (a run's own colour and
    underline give way; its other formatting stays). python-docx's element classes put each
    property where the schema orders it, which Word checks."""
    properties = run.get_or_add_rPr()
    properties.get_or_add_color().set(qn("w:val"), "0563C1")
    properties.get_or_add_u().set(qn("w:val"), "single")


def _split_runs(paragraph: Any, start: int, end: int) -> list[Any]:
    """The w:r elements that hold exactly [start, end) of the paragraph's text, runs cut
    at both ends (a cut run keeps its properties in both halves)."""
    from docx.oxml.ns import qn

    covered = []
    at = 0
    for text, run in _pieces(paragraph):
        low, high = at, at + len(text)
        at = high
        if run is None or high <= start or low >= end:
            continue
        element = run._r
        if text != "".join(node.text or "" for node in element.iter(qn("w:t"))):
            return []  # a tab or a break inside: its text cannot be cut by offsets
        if low < start:
            element = _cut(element, start - low, qn)
            low = start
        if high > end:
            _cut(element, end - low, qn)
        covered.append(element)
    return covered


def _cut(element: Any, offset: int, qn: Callable[[str], str]) -> Any:
    """Cut a run at `offset` of its text: the first part stays, the second is returned
    (inserted right after it)."""
    text = "".join(node.text or "" for node in element.iter(qn("w:t")))
    second = copy.deepcopy(element)
    _set_text(element, text[:offset], qn)
    _set_text(second, text[offset:], qn)
    element.addnext(second)
    return second


def _set_text(element: Any, text: str, qn: Callable[[str], str]) -> None:
    nodes = list(element.iter(qn("w:t")))
    for node in nodes[1:]:
        node.getparent().remove(node)
    nodes[0].text = text
    nodes[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
