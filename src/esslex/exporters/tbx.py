"""TBX-Basic for translators' terminology tools: ISO 30042:2019 (DCA style) by default, or
TBX-Basic 2008 (`<martif>`, ISO 30042:2008), the version OmegaT and translate-toolkit (the
reader of Weblate and Pootle) read.

Both carry the same data; the 2008 version names the elements the old way (martif,
martifHeader, termEntry, langSet, tig), has no namespace and names its constraints file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from esslex.documents.entryview import web_url
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.glossary.model import Rights, Term
from esslex.glossary.serialize import SCHEMA_VERSION

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# The 2008 names of the 2019 elements that changed.
_NAMES_2008 = {
    "tbx": "martif",
    "tbxHeader": "martifHeader",
    "conceptEntry": "termEntry",
    "langSec": "langSet",
    "termSec": "tig",
}
# The constraints file TBX-Basic 2008 files name (TBX-Basic package, 2009).
XCS_2008 = "TBXBasicXCSV02.xcs"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# An XML ID is an NCName: it cannot start with a digit.
_NCNAME_START = re.compile(r"^[A-Za-z_]")
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def concept_id(term_id: str) -> str:
    return term_id if _NCNAME_START.match(term_id) else f"c-{term_id}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def rights_note(rights: Rights) -> str:
    """The entry's rights as a TBX note: « Droits : …, licence … (adresse) »."""
    address = f" ({rights.licence_url})" if rights.licence_url else ""
    return f"Droits\u00a0: {rights.text()}{address}"


def export(selection: Selection, options: ExportOptions) -> str:
    from lxml import etree

    glossary = selection.closed()
    language = glossary.info.language or "fr"
    old = options.tbx_version == "2008"

    def element(
        parent: etree._Element, tag: str, text: str | None = None, **attributes: str
    ) -> etree._Element:
        name = _NAMES_2008.get(tag, tag) if old else f"{{{NAMESPACE}}}{tag}"
        child = etree.SubElement(parent, name)
        for key, value in attributes.items():
            child.set(XML_LANG if key == "lang" else key, _clean(value))
        if text is not None:
            child.text = _clean(text)
        return child

    if old:
        root = etree.Element("martif")
    else:
        root = etree.Element(f"{{{NAMESPACE}}}tbx", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    root.set("type", "TBX-Basic")
    if not old:
        root.set("style", "dca")
    root.set(XML_LANG, language)

    info = glossary.info
    header = element(root, "tbxHeader")
    description = element(header, "fileDesc")
    from esslex.documents.branding import credits

    def title_statement() -> None:
        element(element(description, "titleStmt"), "title", info.title)

    if old:  # 2008 (as TEI): title, publication, sources
        title_statement()
    publication = element(description, "publicationStmt")
    if info.version:
        element(publication, "p", f"Version {info.version}")
    # Who wrote the texts this file holds, computed from its entries.
    element(publication, "p", "Textes\u00a0: " + credits(selection).authors_line)
    if not old:  # the 2019 core structure: publication, title, sources
        title_statement()
    source = element(description, "sourceDesc")
    if info.publishers:
        element(source, "p", "Éditeurs\u00a0: " + ", ".join(info.publishers))
    if info.description:
        element(source, "p", info.description)
    element(source, "p", f"Exporté par esslex (forme des données\u00a0: version {SCHEMA_VERSION}).")
    if old:
        element(element(header, "encodingDesc"), "p", XCS_2008, type="XCSURI")

    body = element(element(root, "text"), "body")
    for term in glossary:
        entry = element(body, "conceptEntry", id=concept_id(term.id))
        for theme_id in term.themes:
            theme = glossary.theme(theme_id)
            element(entry, "descrip", theme.label if theme else theme_id, type="subjectField")
        for other in dict.fromkeys((*term.broader, *term.narrower, *term.related)):
            target = glossary.get(other)
            label = target.label if target else other
            element(entry, "ref", label, type="crossReference", target=concept_id(other))
        for item in term.sources:
            link = web_url(item.url)
            if link:
                element(entry, "xref", item.title, type="externalCrossReference", target=link)
        section = element(entry, "langSec", lang=language)
        group = element(section, "descripGrp")
        element(group, "descrip", term.definition.strip(), type="definition")
        for item in term.sources:
            element(group, "admin", item.citation(), type="source")
        for note in term.notes:
            element(section, "note", note)
        if term.rights:
            element(section, "note", rights_note(term.rights))
        names = element(section, "termSec")
        element(names, "term", term.label)
        element(names, "termNote", "preferredTerm-admn-sts", type="administrativeStatus")
        for code in term.jurisdictions:
            element(names, "termNote", code, type="geographicalUsage")
        if term.origin:
            # Where the text comes from; TBX-Basic allows a project subset on a termSec only.
            element(names, "admin", term.origin, type="projectSubset")
        seen = {term.label}
        for label in term.alt_labels:
            if label in seen:
                continue
            seen.add(label)
            variant = element(section, "termSec")
            element(variant, "term", label)
            element(variant, "termNote", "admittedTerm-admn-sts", type="administrativeStatus")
        _equivalents(element, entry, term, language)

    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


def _equivalents(element: Callable[..., Any], entry: Any, term: Term, language: str) -> None:
    """A langSec per other language: its first equivalent preferred, the others admitted,
    each with the text that gives it."""
    sections: dict[str, Any] = {}
    seen: set[tuple[str, str]] = set()
    for equivalent in term.equivalents:
        key = (equivalent.lang.lower(), equivalent.label.strip())
        if equivalent.lang.lower() == language.lower() or key in seen:
            continue
        seen.add(key)
        first = equivalent.lang.lower() not in sections
        if first:
            sections[equivalent.lang.lower()] = element(entry, "langSec", lang=equivalent.lang)
        names = element(sections[equivalent.lang.lower()], "termSec")
        element(names, "term", equivalent.label.strip())
        status = "preferredTerm-admn-sts" if first else "admittedTerm-admn-sts"
        element(names, "termNote", status, type="administrativeStatus")
        element(names, "admin", equivalent.source, type="source")
