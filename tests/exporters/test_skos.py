"""SKOS exports (Turtle, JSON-LD): the integrity rules, the same graph; and published as
docs/publishing.md says.

Publishing: the Turtle export is loaded into Oxigraph, in-process (pyoxigraph) and as the
`oxigraph` server on 127.0.0.1 fed over HTTP (Graph Store Protocol) and queried over the
SPARQL protocol. Both answer, for every entry, the questions Skosmos asks of a vocabulary;
the structural checks of qSKOS that apply (orphans, label clashes, cycles, relation clash
S27) find nothing.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support.cli import run
from support.exports import export
from support.glossaries import CC_BY_SA, RIGHTS_GLOSSARY, write_glossary
from support.hostile import export_hostile, hostile_document


def _skos_graph(text: str, fmt: str):  # type: ignore[no-untyped-def]
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=text, format=fmt)
    return graph


def test_skos_turtle_holds_the_integrity_rules(glossary: Path) -> None:
    from rdflib import RDF, SKOS, Literal, URIRef
    from rdflib.namespace import DCTERMS, FOAF

    graph = _skos_graph(export(glossary, "-f", "skos", expect=0).out, "turtle")
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
        export(glossary, "-f", "skos", "--base-uri", "https://exemple.org/g/", expect=0).out,
        "turtle",
    )
    jsonld = _skos_graph(
        export(glossary, "-f", "skos-jsonld", "--base-uri", "https://exemple.org/g/", expect=0).out,
        "json-ld",
    )
    assert len(turtle) > 30
    assert isomorphic(turtle, jsonld)


def test_bad_base_uri_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "skos", "--base-uri", "pas une uri")
    assert code == 2
    assert out == ""
    assert "--base-uri" in err


@pytest.mark.parametrize(
    "base", ["javascript:alert(1)//", "data:text/html,x", "file:///etc/", "https:///", "urn"]
)
def test_a_base_uri_that_names_no_concept_is_refused(glossary: Path, base: str) -> None:
    # `javascript:` became the page's data-concept addresses (site) and the concepts' URIs.
    for format_name in ("skos", "site"):
        code, out, err = export(glossary, "-f", format_name, "--base-uri", base)
        assert (code, out) == (2, ""), (format_name, base, err)
        assert "--base-uri" in err and "http://, https:// ou urn:" in err


def test_skos_survives_a_glossary_the_loader_would_refuse() -> None:
    # The loader refuses them (tests/glossary/test_loader.py); a glossary built by other
    # code still gets valid Turtle: the id quoted in the URN, no language tag.
    from rdflib import Graph

    from esslex.exporters import ExportOptions
    from esslex.exporters.skos import export as skos_export
    from esslex.find.selection import select
    from esslex.glossary.model import Glossary, GlossaryInfo, Term

    info = GlossaryInfo(id="mon glossaire", title="Mon glossaire", language="français")
    term = Term(id="a", label="A", definition="Définition.", glossary="mon.toml")
    turtle = skos_export(select(Glossary(info, (), (term,))), ExportOptions())
    graph = Graph().parse(data=turtle, format="turtle")
    subjects = {str(subject) for subject in graph.subjects()}
    assert "urn:esslex:mon%20glossaire:a" in subjects
    assert all(getattr(value, "language", None) is None for value in graph.objects())


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


# --- published in a SPARQL store (Oxigraph), asked what Skosmos asks ---------------------


BASE = "http://example.org/esslex/"


GRAPH = "http://example.org/esslex/"


PREFIXES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
"""


Rows = list[dict[str, str]]


Query = Callable[[str], Rows]


def skos_turtle() -> str:
    result = run("export", "-f", "skos", "--base-uri", BASE)
    assert result.exit_code == 0, result.output
    return result.output


def glossary_data() -> dict[str, object]:
    result = run("export", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert isinstance(data, dict)
    return data


def in_graph(body: str, select: str = "*") -> str:
    return f"{PREFIXES} SELECT {select} WHERE {{ GRAPH <{GRAPH}> {{ {body} }} }}"


def check_skosmos_queries(query: Query) -> None:
    """What Skosmos asks of a vocabulary, answered for every entry of the glossary."""
    data = glossary_data()
    terms = data["terms"]
    themes = data["themes"]
    assert isinstance(terms, list) and isinstance(themes, list)
    info = data["glossary"]
    assert isinstance(info, dict)

    schemes = query(in_graph("?s a skos:ConceptScheme ; dct:title ?title ."))
    assert schemes == [{"s": BASE.rstrip("/"), "title": info["title"]}]

    scheme = BASE.rstrip("/")
    tops = {row["c"] for row in query(in_graph(f"<{scheme}> skos:hasTopConcept ?c"))}
    assert tops == {BASE + t["id"] for t in terms if not t["broader"]}
    inverse = {row["c"] for row in query(in_graph(f"?c skos:topConceptOf <{scheme}>"))}
    assert inverse == tops

    labels = query(in_graph("?c a skos:Concept ; skos:prefLabel ?l . BIND(lang(?l) AS ?lang)"))
    assert {(row["c"], row["l"], row["lang"]) for row in labels if row["lang"] == "fr"} == {
        (BASE + t["id"], t["label"], "fr") for t in terms
    }
    # In other languages: one preferred label at most, each an equivalent of the entry.
    given = {(BASE + t["id"], e["label"], e["lang"]) for t in terms for e in t["equivalents"]}
    others = [(row["c"], row["l"], row["lang"]) for row in labels if row["lang"] != "fr"]
    assert set(others) <= given
    assert len({(c, lang) for c, _, lang in others}) == len(others)
    every_name = query(in_graph("?c skos:prefLabel|skos:altLabel|skos:hiddenLabel ?l ."
                                " BIND(lang(?l) AS ?lang) FILTER(?lang != 'fr')"))  # fmt: skip
    assert {(row["c"], row["l"], row["lang"]) for row in every_name} == given

    for predicate, field in (
        ("skos:altLabel", "alt_labels"),
        ("skos:hiddenLabel", "hidden_labels"),
    ):
        found: dict[str, set[str]] = {}
        for row in query(in_graph(f"?c {predicate} ?l FILTER(lang(?l) = 'fr')")):
            found.setdefault(row["c"], set()).add(row["l"])
        for t in terms:
            expected = {label for label in t[field] if label != t["label"]}
            if field == "hidden_labels":
                expected -= set(t["alt_labels"])
            assert found.get(BASE + t["id"], set()) == expected, (t["id"], field)

    broader = {(row["a"], row["b"]) for row in query(in_graph("?a skos:broader ?b"))}
    narrower = {(row["b"], row["a"]) for row in query(in_graph("?a skos:narrower ?b"))}
    assert broader == narrower
    assert broader == {(BASE + t["id"], BASE + b) for t in terms for b in t["broader"]}

    members: dict[str, set[str]] = {}
    collections = query(in_graph("?col a skos:Collection ; skos:prefLabel ?label ."))
    assert {row["label"] for row in collections} == {theme["label"] for theme in themes}
    for row in query(in_graph("?col a skos:Collection ; skos:member ?c")):
        members.setdefault(row["col"], set()).add(row["c"])
    for theme in themes:
        expected = {BASE + t["id"] for t in terms if theme["id"] in t["themes"]}
        assert members.get(f"{BASE}theme-{theme['id']}", set()) == expected

    definitions = {row["c"]: row["d"] for row in query(in_graph("?c skos:definition ?d"))}
    notes: dict[str, set[str]] = {}
    for row in query(in_graph("?c skos:scopeNote ?n")):
        notes.setdefault(row["c"], set()).add(row["n"])
    for t in terms:
        assert definitions[BASE + t["id"]] == t["definition"].strip()
        assert notes.get(BASE + t["id"], set()) == set(t["notes"])


def check_qskos_structure(query: Query) -> None:
    """The structural checks of qSKOS that apply to a glossary."""
    orphans = query(
        in_graph(
            "?c a skos:Concept ."
            " FILTER NOT EXISTS { ?c skos:broader|skos:narrower|skos:related|^skos:broader"
            "|^skos:narrower|^skos:related ?other }"
        )
    )
    assert orphans == [], "concepts orphelins"
    clashes = query(
        in_graph(
            "?a skos:prefLabel|skos:altLabel ?x . ?b skos:prefLabel|skos:altLabel ?y ."
            " ?a a skos:Concept . ?b a skos:Concept ."
            " FILTER(?a != ?b && lcase(str(?x)) = lcase(str(?y)) && lang(?x) = lang(?y))"
        )
    )
    assert clashes == [], "libellés en conflit"
    cycles = query(in_graph("?c skos:broader+ ?c"))
    assert cycles == [], "cycle de termes génériques"
    s27 = query(in_graph("?a skos:related ?b . ?a (skos:broader|^skos:narrower)+ ?b"))
    assert s27 == [], "relation associative entre un concept et son générique (S27)"


@pytest.fixture(scope="module")
def store_query() -> Query:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(
        skos_turtle().encode("utf-8"),
        format=pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode(GRAPH),
    )

    def query(sparql: str) -> Rows:
        solutions = store.query(sparql)
        names = [variable.value for variable in solutions.variables]
        return [
            {name: solution[name].value for name in names if solution[name] is not None}
            for solution in solutions
        ]

    return query


@pytest.mark.slow
def test_store_answers_skosmos_queries(store_query: Query) -> None:
    check_skosmos_queries(store_query)


@pytest.mark.slow
def test_skos_passes_qskos_structural_checks(store_query: Query) -> None:
    check_qskos_structure(store_query)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    program = _oxigraph()
    if program is None:
        pytest.skip("serveur oxigraph absent")
    port = _free_port()
    address = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            program,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{address}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("le serveur oxigraph n’a pas démarré")
                time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_server_loaded_over_http_answers_skosmos_queries(server: str) -> None:
    upload = urllib.request.Request(
        f"{server}/store?graph={urllib.parse.quote(GRAPH, safe='')}",
        data=skos_turtle().encode("utf-8"),
        headers={"Content-Type": "text/turtle"},
        method="POST",
    )
    with urllib.request.urlopen(upload, timeout=30) as response:
        assert response.status in (200, 201, 204)

    def query(sparql: str) -> Rows:
        request = urllib.request.Request(
            f"{server}/query",
            data=urllib.parse.urlencode({"query": sparql}).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            results = json.load(response)
        return [
            {name: cell["value"] for name, cell in binding.items()}
            for binding in results["results"]["bindings"]
        ]

    check_skosmos_queries(query)
    check_qskos_structure(query)


def test_the_scheme_has_a_preferred_label(glossary: Path) -> None:
    from rdflib import RDF, SKOS, Literal

    graph = _skos_graph(export(glossary, "-f", "skos", expect=0).out, "turtle")
    (scheme,) = graph.subjects(RDF.type, SKOS.ConceptScheme)
    assert list(graph.objects(scheme, SKOS.prefLabel)) == [Literal("Glossaire d’essai", lang="fr")]


@pytest.mark.slow
@pytest.mark.parametrize("format_name", ["skos", "skos-jsonld"])
def test_the_same_glossary_gives_the_same_bytes(format_name: str) -> None:
    from support.cli import run_script

    # Two processes, two hash seeds: the order of rdflib's store changes between them.
    outputs = [
        run_script("export", "-f", format_name, env={"PYTHONHASHSEED": seed}) for seed in ("1", "2")
    ]
    assert all(output.returncode == 0 for output in outputs), outputs[0].stderr
    assert outputs[0].stdout == outputs[1].stdout
    assert b"_:s1-1" in outputs[0].stdout or b"dct:source [" in outputs[0].stdout


@pytest.mark.slow
def test_skosify_finds_nothing_to_warn_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    import rdflib

    skosify = pytest.importorskip("skosify")
    target = tmp_path / "glossaire.ttl"
    assert run("export", "-f", "skos", "-o", str(target)).exit_code == 0
    with caplog.at_level(logging.WARNING):
        skosify.skosify(rdflib.Graph().parse(target))
    assert [record.getMessage() for record in caplog.records] == []
