"""Rights on the text of each entry: origin defaults, sources that declare their own, exports."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run
from esslex.loader import load_default, load_glossary
from esslex.model import Rights

CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"

GLOSSARY = f"""\
[glossary]
id = "essai"
title = "Glossaire d’essai"

[glossary.origins.maison]
rights = "Texte de la maison"
licence = "MIT"
licence_url = "https://opensource.org/license/mit"

[glossary.origins.editeur]
rights = "© L’éditeur"

[[theme]]
id = "t1"
label = "Thème un"

[[term]]
id = "alpha"
label = "Alpha"
themes = ["t1"]
definition = "Définition d’alpha."
related = ["beta"]
origin = "maison"
[[term.sources]]
title = "Loi d’essai"
article = "3"
year = 2014
version = "version en vigueur depuis le 24 mai 2019"
note = "titre lu dans l’adresse de la page"

[[term]]
id = "beta"
label = "Bêta"
themes = ["t1"]
definition = "Définition de bêta."
origin = "editeur"
[[term.sources]]
title = "Recueil de l’éditeur"

[[term]]
id = "gamma"
label = "Gamma"
themes = ["t1"]
definition = "Définition de gamma."
related = ["alpha"]
origin = "editeur"
[[term.sources]]
title = "Recueil de l’éditeur"
[[term.sources]]
title = "Wikipédia"
article = "« Gamma »"
rights = "Contributeurs de Wikipédia, article « Gamma »"
licence = "CC BY-SA 4.0"
licence_url = "{CC_BY_SA}"

[[term]]
id = "delta"
label = "Delta"
themes = ["t1"]
definition = "Définition de delta."
related = ["alpha"]
origin = "inconnue"
[[term.sources]]
title = "Recueil"
"""


def write(tmp_path: Path, text: str = GLOSSARY) -> Path:
    path = tmp_path / "essai.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rights_come_from_the_origin_unless_a_source_declares_its_own(tmp_path: Path) -> None:
    glossary = load_glossary([write(tmp_path)])
    assert glossary["alpha"].rights == Rights(
        "Texte de la maison", "MIT", "https://opensource.org/license/mit"
    )
    assert glossary["beta"].rights == Rights("© L’éditeur")
    # The Wikipédia text's licence replaces the publisher's default.
    assert glossary["gamma"].rights == Rights(
        "Contributeurs de Wikipédia, article « Gamma »", "CC BY-SA 4.0", CC_BY_SA
    )
    assert not glossary["delta"].rights
    assert glossary["gamma"].rights.text() == (
        "Contributeurs de Wikipédia, article « Gamma », licence CC BY-SA 4.0"
    )


def test_rights_groups_list_each_rights_once_in_order(tmp_path: Path) -> None:
    glossary = load_glossary([write(tmp_path)])
    groups = [
        (rights.statement, [term.id for term in terms])
        for rights, terms in glossary.rights_groups()
    ]
    assert groups == [
        ("Texte de la maison", ["alpha"]),
        ("© L’éditeur", ["beta"]),
        ("Contributeurs de Wikipédia, article « Gamma »", ["gamma"]),
        ("", ["delta"]),
    ]


def test_source_version_and_note_are_read_and_cited(tmp_path: Path) -> None:
    source = load_glossary([write(tmp_path)])["alpha"].sources[0]
    assert source.version == "version en vigueur depuis le 24 mai 2019"
    assert source.note == "titre lu dans l’adresse de la page"
    assert source.citation() == (
        "Loi d’essai, article 3, version en vigueur depuis le 24 mai 2019, 2014"
    )


def test_json_carries_rights_in_each_entry_and_source(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run("--no-bundled", "-g", str(path), "define", "gamma", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rights"] == {
        "statement": "Contributeurs de Wikipédia, article « Gamma »",
        "licence": "CC BY-SA 4.0",
        "licence_url": CC_BY_SA,
    }
    assert data["sources"][1]["licence"] == "CC BY-SA 4.0"
    delta = json.loads(run("--no-bundled", "-g", str(path), "define", "delta", "--json").stdout)
    assert delta["rights"] == {"statement": None, "licence": None, "licence_url": None}


def test_toml_export_reads_back_the_same_rights(tmp_path: Path) -> None:
    path = write(tmp_path)
    copy = tmp_path / "copie.toml"
    result = run("--no-bundled", "-g", str(path), "export", "-f", "toml", "-o", str(copy))
    assert result.exit_code == 0, result.output
    original, read_back = load_glossary([path]), load_glossary([copy])
    assert [term.rights for term in read_back] == [term.rights for term in original]
    assert read_back["alpha"].sources == original["alpha"].sources


def test_skos_states_each_concepts_rights(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS

    path = write(tmp_path)
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


def test_tbx_notes_each_entrys_rights(tmp_path: Path) -> None:
    from lxml import etree

    path = write(tmp_path)
    result = run("--no-bundled", "-g", str(path), "export", "-f", "tbx")
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout.encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    notes = root.xpath("//t:conceptEntry[@id='gamma']/t:langSec/t:note/text()", namespaces=ns)
    assert notes == [
        "Droits\u00a0: Contributeurs de Wikipédia, article « Gamma », licence CC BY-SA 4.0"
        f" ({CC_BY_SA})"
    ]
    assert not root.xpath("//t:conceptEntry[@id='delta']/t:langSec/t:note", namespaces=ns)


def test_unknown_key_in_an_origin_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, GLOSSARY.replace('rights = "© L’éditeur"', 'droits = "© L’éditeur"'))
    result = run("--no-bundled", "check", str(path))
    assert result.exit_code == 3
    assert "champ inconnu «\u00a0droits\u00a0» dans [glossary.origins.editeur]" in result.output


def test_bundled_glossary_states_whose_text_each_entry_is() -> None:
    glossary = load_default()
    for term in glossary:
        assert term.rights, term.id
    assert glossary["ecosysteme"].rights.licence == "CC BY-SA 4.0"
    assert glossary["economie-sociale-et-solidaire"].rights.licence == "MIT"
    assert glossary["accompagnement"].rights.statement.startswith("© Apes, Concertes")
    assert glossary["accompagnement"].rights.licence == ""
