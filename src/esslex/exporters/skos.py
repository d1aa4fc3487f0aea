"""SKOS: one ConceptScheme, entries as Concepts, themes as Collections (Turtle).

The same glossary gives the same bytes: a cited work's blank node is labelled by the place
of its entry and its own (`_:s12-1`), never by chance, and the serialisers sort the rest;
published vocabularies do not churn in version control.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from esslex.documents.entryview import web_url
from esslex.errors import UsageError
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.glossary.model import Equivalent, Glossary, Term, is_language_tag
from esslex.glossary.places import language_name

# Concepts are named on the web or by a URN; `javascript:`, `data:` or `file:` name no
# concept and would become links in the page (site).
_BASE_SCHEMES = ("http", "https", "urn")


def base_uri(glossary: Glossary, options: ExportOptions) -> str:
    if options.base_uri is None:
        # The loader refuses an id that is not one; a glossary built otherwise is quoted.
        return f"urn:esslex:{quote(glossary.info.id, safe='')}:"
    base = options.base_uri.strip()
    parts = urlsplit(base)
    if (
        parts.scheme.lower() not in _BASE_SCHEMES
        or (parts.scheme.lower() != "urn" and not parts.netloc)
        or not base.isprintable()
        or any(char.isspace() or char in '<>"{}|\\^`' for char in base)
    ):
        raise UsageError(
            f"--base-uri\u00a0: «\u00a0{options.base_uri}\u00a0» n’est pas une URI absolue"
            " en http://, https:// ou urn: (exemple\u00a0: https://exemple.org/glossaire/)."
        )
    return base


class _Ancestors(dict[str, frozenset[str]]):
    """Every entry's broader entries, transitively, worked out when first asked for.

    Without recursion and only for the entries asked about: a hierarchy thousands of
    levels deep neither overflows the stack nor fills the memory.
    """

    def __init__(self, glossary: Glossary) -> None:
        super().__init__()
        self.glossary = glossary

    def __missing__(self, term_id: str) -> frozenset[str]:
        above: set[str] = set()
        waiting = [term_id]
        while waiting:
            term = self.glossary.get(waiting.pop())
            for parent in term.broader if term else ():
                if parent not in above and parent != term_id:
                    above.add(parent)
                    waiting.append(parent)
        self[term_id] = frozenset(above)
        return self[term_id]


def _ancestors(glossary: Glossary) -> _Ancestors:
    return _Ancestors(glossary)


def _name_key(equivalent: Equivalent) -> tuple[str, str]:
    return (equivalent.lang.lower(), equivalent.label.strip().casefold())


def _equivalent_owners(glossary: Glossary) -> dict[tuple[str, str], str]:
    """For each name in another language, the one concept that shows it: of the concepts
    that share it, the first whose definition holds in the EU or internationally (where the
    texts that give such names come from), else the first."""
    sharing: dict[tuple[str, str], list[Term]] = {}
    for term in glossary:
        for equivalent in term.equivalents:
            sharing.setdefault(_name_key(equivalent), []).append(term)
    return {
        key: next((t.id for t in terms if {"EU", "INT"} & set(t.jurisdictions)), terms[0].id)
        for key, terms in sharing.items()
    }


def graph(selection: Selection, options: ExportOptions) -> Any:
    from rdflib import OWL, RDF, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, FOAF

    glossary = selection.closed()
    base = base_uri(glossary, options)
    ns = Namespace(base)
    # The loader refuses a tag that is not one; a glossary built otherwise gets none.
    language = glossary.info.language if is_language_tag(glossary.info.language) else None
    scheme = URIRef(base.rstrip("/#:") or base)

    def text(value: str) -> Literal:
        return Literal(value.strip(), lang=language)

    def add_rights(subject: Any, statement: str, licence: str, licence_url: str) -> None:
        if statement:
            g.add((subject, DCTERMS.rights, text(statement)))
        link = web_url(licence_url)
        if link:
            g.add((subject, DCTERMS.license, URIRef(link)))
        elif licence:
            g.add((subject, DCTERMS.license, Literal(licence)))

    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dct", DCTERMS)
    g.bind("owl", OWL)
    g.bind("foaf", FOAF)
    g.bind("g", ns)

    info = glossary.info
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, DCTERMS.title, text(info.title)))
    g.add((scheme, SKOS.prefLabel, text(info.title)))
    g.add((scheme, DCTERMS.identifier, Literal(info.id)))
    if language:
        g.add((scheme, DCTERMS.language, Literal(language)))
    if info.description:
        g.add((scheme, DCTERMS.description, text(info.description)))
    for publisher in info.publishers:
        g.add((scheme, DCTERMS.publisher, Literal(publisher)))
    if info.version:
        g.add((scheme, OWL.versionInfo, Literal(info.version)))
    # The rights of what this file holds, computed from its entries (who wrote them, how
    # many, under which licence), and the address of each licence.
    from esslex.documents.branding import credits

    g.add((scheme, DCTERMS.rights, text("Textes\u00a0: " + credits(selection).authors_line)))
    addresses = {web_url(term.rights.licence_url) for term in glossary}
    for address in sorted(address for address in addresses if address):
        g.add((scheme, DCTERMS.license, URIRef(address)))

    ancestors = _ancestors(glossary)
    owners = _equivalent_owners(glossary)
    for position, term in enumerate(glossary, 1):
        concept = ns[term.id]
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, scheme))
        g.add((concept, SKOS.prefLabel, text(term.label)))
        # SKOS S13: preferred, alternative and hidden labels are pairwise disjoint.
        taken = {term.label.strip()}
        for predicate, labels in (
            (SKOS.altLabel, term.alt_labels),
            (SKOS.hiddenLabel, term.hidden_labels),
        ):
            for label in labels:
                if label.strip() not in taken:
                    taken.add(label.strip())
                    g.add((concept, predicate, text(label)))
        # Names in other languages: the first of each language is its preferred label there
        # (one skos:prefLabel per language, SKOS S14), the others alternative labels.
        preferred_in: set[str] = set()
        named: set[Any] = set()
        for equivalent in term.equivalents:
            name = Literal(equivalent.label.strip(), lang=equivalent.lang)
            if not is_language_tag(equivalent.lang) or equivalent.lang == language or name in named:
                continue
            named.add(name)
            if owners.get(_name_key(equivalent)) != term.id:
                # A name several concepts share in that language (the international ESS and
                # French law's): the others find it as a hidden label, never a label shown.
                g.add((concept, SKOS.hiddenLabel, name))
                continue
            first = equivalent.lang.lower() not in preferred_in
            preferred_in.add(equivalent.lang.lower())
            g.add((concept, SKOS.prefLabel if first else SKOS.altLabel, name))
            g.add(
                (
                    concept,
                    SKOS.note,
                    text(
                        f"Équivalent {language_name(equivalent.lang)} «\u00a0"
                        f"{equivalent.label.strip()}\u00a0»\u00a0: {equivalent.source}"
                    ),
                )
            )
        for code in term.jurisdictions:
            g.add((concept, DCTERMS.coverage, Literal(code)))
        g.add((concept, SKOS.definition, text(term.definition)))
        for note in term.notes:
            g.add((concept, SKOS.scopeNote, text(note)))
        for parent in term.broader:
            g.add((concept, SKOS.broader, ns[parent]))
        for child in term.narrower:
            g.add((concept, SKOS.narrower, ns[child]))
        if not term.broader:
            g.add((concept, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, concept))
        for other in term.related:
            # SKOS S27: skos:related is disjoint with skos:broaderTransitive.
            if other == term.id or other in ancestors[term.id] or term.id in ancestors[other]:
                continue
            g.add((concept, SKOS.related, ns[other]))
        for number, source in enumerate(term.sources, 1):
            # The cited work: its fields, the one-line citation, its web page if any.
            cited = BNode(f"s{position}-{number}")
            g.add((concept, DCTERMS.source, cited))
            g.add((cited, DCTERMS.title, Literal(source.title)))
            g.add((cited, DCTERMS.bibliographicCitation, Literal(source.citation())))
            if source.author:
                g.add((cited, DCTERMS.creator, Literal(source.author)))
            if source.publisher:
                g.add((cited, DCTERMS.publisher, Literal(source.publisher)))
            if source.year is not None:
                g.add((cited, DCTERMS.date, Literal(str(source.year), datatype=XSD.gYear)))
            version = source.version_text()
            if version:
                g.add((cited, DCTERMS.hasVersion, text(version)))
            if source.identifier:
                g.add((cited, DCTERMS.identifier, Literal(source.identifier)))
            if source.in_force_since:
                g.add((cited, DCTERMS.valid, Literal(source.in_force_since, datatype=XSD.date)))
            if source.note:
                g.add((cited, SKOS.note, text(source.note)))
            add_rights(cited, source.rights or "", source.licence or "", source.licence_url or "")
            link = web_url(source.url)
            if link:
                g.add((cited, FOAF.page, URIRef(link)))
        # The scheme's dct:rights is the glossary's overall statement; each concept says
        # whose its own text is.
        rights = term.rights
        add_rights(concept, rights.statement, rights.licence, rights.licence_url)
        if term.origin:
            g.add(
                (
                    concept,
                    SKOS.editorialNote,
                    Literal(f"origine\u00a0: {term.origin}", lang=language),
                )
            )

    for theme in glossary.themes:
        collection = ns[f"theme-{theme.id}"]
        g.add((collection, RDF.type, SKOS.Collection))
        g.add((collection, SKOS.prefLabel, text(theme.label)))
        if theme.description:
            g.add((collection, SKOS.definition, text(theme.description)))
        for term in glossary.terms_of_theme(theme.id):
            g.add((collection, SKOS.member, ns[term.id]))
    return g


def export(selection: Selection, options: ExportOptions) -> str:
    data = graph(selection, options).serialize(format="turtle")
    return data if isinstance(data, str) else data.decode("utf-8")
