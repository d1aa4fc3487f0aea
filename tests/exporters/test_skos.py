"""SKOS exports (Turtle, JSON-LD): the integrity rules, the same graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run, write_glossary
from export_support import export, out_of
from hostile_support import export_hostile, hostile_document
from rights_support import CC_BY_SA, RIGHTS_GLOSSARY


def _skos_graph(text: str, fmt: str):  # type: ignore[no-untyped-def]
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=text, format=fmt)
    return graph


def test_skos_turtle_holds_the_integrity_rules(glossary: Path) -> None:
    from rdflib import RDF, SKOS, Literal, URIRef
    from rdflib.namespace import DCTERMS, FOAF

    graph = _skos_graph(out_of(glossary, "-f", "skos"), "turtle")
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    collections = set(graph.subjects(RDF.type, SKOS.Collection))
    assert len(concepts) == 4 and len(collections) == 2
    assert not concepts & collections
    for concept in concepts:
        assert (concept, SKOS.inScheme, schemes[0]) in graph
        prefs = list(graph.objects(concept, SKOS.prefLabel))
        assert len(prefs) == 1 and prefs[0].language == "fr"
        alts = set(graph.objects(concept, SKOS.altLabel))
        hidden = set(graph.objects(concept, SKOS.hiddenLabel))
        assert not ({prefs[0]} & alts or {prefs[0]} & hidden or alts & hidden)
        assert list(graph.objects(concept, SKOS.definition))
    # broader and narrower mirror each other; related never doubles the hierarchy.
    for child, parent in graph.subject_objects(SKOS.broader):
        assert (parent, SKOS.narrower, child) in graph
    for one, other in graph.subject_objects(SKOS.related):
        # transitive_objects starts with the node itself.
        above_one = set(graph.transitive_objects(one, SKOS.broader)) - {one}
        above_other = set(graph.transitive_objects(other, SKOS.broader)) - {other}
        assert other not in above_one and one not in above_other
    local = URIRef("urn:esslex:essai:ecosysteme-local")
    assert (local, SKOS.related, URIRef("urn:esslex:essai:ecosysteme")) not in graph
    assert (local, SKOS.related, URIRef("urn:esslex:essai:achats")) in graph
    achats = URIRef("urn:esslex:essai:achats")
    assert (achats, SKOS.hiddenLabel, Literal("marchés publics", lang="fr")) in graph
    cited = list(graph.objects(achats, DCTERMS.source))
    assert len(cited) == 2 and all(graph.value(work, DCTERMS.title) for work in cited)
    # Only the http(s) address becomes a resource; the javascript: one stays a citation.
    assert set(graph.objects(None, FOAF.page)) == {
        URIRef("https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019")
    }
    members = set(graph.objects(URIRef("urn:esslex:essai:theme-economie"), SKOS.member))
    assert members == {local, achats, URIRef("urn:esslex:essai:cooperation")}


def test_skos_jsonld_is_the_same_graph(glossary: Path) -> None:
    from rdflib.compare import isomorphic

    turtle = _skos_graph(
        out_of(glossary, "-f", "skos", "--base-uri", "https://exemple.org/g/"), "turtle"
    )
    jsonld = _skos_graph(
        out_of(glossary, "-f", "skos-jsonld", "--base-uri", "https://exemple.org/g/"), "json-ld"
    )
    assert len(turtle) > 30
    assert isomorphic(turtle, jsonld)


def test_bad_base_uri_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "skos", "--base-uri", "pas une uri")
    assert code == 2
    assert out == ""
    assert "--base-uri" in err


def test_skos_keeps_the_text_as_literals_and_links_only_to_the_web(
    hostile: Path, tmp_path: Path
) -> None:
    rdflib = pytest.importorskip("rdflib")
    turtle = rdflib.Graph().parse(data=export_hostile(hostile, "skos", tmp_path), format="turtle")
    jsonld = rdflib.Graph().parse(
        data=export_hostile(hostile, "skos-jsonld", tmp_path), format="json-ld"
    )
    assert turtle.isomorphic(jsonld)
    labels = {str(o) for o in turtle.objects(None, rdflib.SKOS.prefLabel)}
    original = hostile_document()["term"][0]["label"]
    assert original.strip() in labels  # every character kept: it is data
    for node in turtle.all_nodes():
        if isinstance(node, rdflib.URIRef):
            assert str(node).startswith(("urn:esslex:", "http://", "https://")), node


# --- rights ------------------------------------------------------------------------------


def test_skos_states_each_concepts_rights(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS

    path = write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)
    result = run("--no-bundled", "-g", str(path), "export", "-f", "skos")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    gamma = next(s for s in graph.subjects() if str(s).endswith("gamma"))
    assert set(graph.objects(gamma, DCTERMS.license)) == {URIRef(CC_BY_SA)}
    assert set(graph.objects(gamma, DCTERMS.rights)) == {
        Literal("Contributeurs de Wikipédia, article « Gamma »", lang="fr")
    }
    beta = next(s for s in graph.subjects() if str(s).endswith("beta"))
    assert set(graph.objects(beta, DCTERMS.rights)) == {Literal("© L’éditeur", lang="fr")}
    assert not set(graph.objects(beta, DCTERMS.license))
