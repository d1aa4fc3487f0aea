"""The reading commands: define, search, list, themes, related.

Driven through the CLI (CliRunner on `esslex.cli.app`) and, for pipes, terminals and bytes,
through the installed `esslex` script. Plain renderings at 80 columns are compared with the
golden files of tests/golden/; `ESSLEX_UPDATE_GOLDEN=1 pytest tests/cli/test_reading.py`
rewrites them after a deliberate change (then read the diff).
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path
from esslex.text.normalize import fold
from support.cli import SCRIPT, run, run_script, run_shell
from support.glossaries import (
    CC_BY_SA,
    GOOD_HEAD,
    RIGHTS_GLOSSARY,
    bundled_term_count,
    write_glossary,
)
from support.hostile import (
    CSI,
    LONG_QUERY,
    MARKUP,
    NBSP,
    OSC,
    PLAIN,
    SGR,
    TERMINAL,
    assert_inert,
    assert_one_line,
    esslex,
    flat,
    hostile_document,
)
from support.properties import QUERY_TEXT, examples

GOLDEN = Path(__file__).parents[1] / "golden"


def bundled_terms() -> list[Any]:
    return list(load_glossary([bundled_path()]))


TIERS_LIEU = """\
[glossary]
id = "local"
title = "Glossaire local"

[[term]]
id = "jardin-partage"
label = "Jardin partagé"
alt_labels = ["jardin collectif"]
themes = ["territoires"]
definition = "Lieu partagé où se croisent des activités économiques, sociales et culturelles."
related = ["cooperation"]

[[term.sources]]
title = "Note du réseau local"
year = 2024
"""


@pytest.fixture
def local_glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "local.toml", text=TIERS_LIEU)


# --- define ------------------------------------------------------------------------------


def test_define_prints_the_whole_entry() -> None:
    result = run("define", "coopération")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Coopération"
    assert lines[1] == "=" * len("Coopération")
    assert lines[2] == f"Trouvé{NBSP}: libellé exact"
    # Hidden labels (« coopérer ») find the entry but are never shown as its names.
    assert not any(line.startswith("Autres appellations") for line in lines)
    assert "coopérer" not in result.stdout
    text = flat(result.stdout)
    assert f"Thèmes{NBSP}: Principes et finalités, Territoires et coopération, Le mouvement" in text
    assert f"Portée{NBSP}: France, Belgique" in lines
    assert f"Origine{NBSP}: texte du Glossaire DEVISUS" in lines
    text = flat(result.stdout)
    assert "La coopération décrit un état d'esprit et un mode de comportement" in text
    assert "il s’agit du fait d’œuvrer ensemble dans un but commun." in text
    # Related entries in French order, as in a handout (one view of an entry for both).
    assert (
        "Communautés apprenantes, Coopérative, Économie sociale et solidaire," in text
        and f"Voir aussi{NBSP}: " in text
    )
    sources = result.stdout.split("\nSources\n", 1)[1]
    assert "• Glossaire DEVISUS, Apes, Concertes" in sources
    assert "• Cooperation and Competition among Primitive Peoples, Margaret Mead" in sources
    assert max(len(line) for line in lines) <= 80


def test_define_keeps_paragraphs_and_the_numbered_list() -> None:
    result = run("define", "utilité sociale")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"Trouvé{NBSP}: libellé exact" in lines
    items = [line for line in lines if re.match(r"^\d° ", line)]
    assert [item[:2] for item in items] == ["1°", "2°", "3°", "4°"]
    first = lines.index(items[0])
    # The paragraph that announces the list, a blank line, then the list.
    assert lines[first - 1] == ""
    assert lines[first - 2].endswith(f"conditions suivantes{NBSP}:")
    # Continuation lines of an item are indented under its text.
    assert lines[first + 1].startswith("   ") and lines[first + 1][3] != " "
    assert "\nNotes\n• Définition légale" in result.stdout
    assert any(
        line.startswith(
            f"Voir aussi{NBSP}: Achats publics responsables, Agrément ESUS, Atelier et chantier"
        )
        for line in lines
    )
    assert "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296" in result.stdout


HIERARCHY = """\
[glossary]
id = "hierarchie"
title = "Hiérarchie"

[[theme]]
id = "t"
label = "Thème"

[[term]]
id = "cooperative"
label = "Coopérative"
themes = ["t"]
definition = "Une société."
related = ["mutuelle"]

[[term]]
id = "scop"
label = "SCOP"
themes = ["t"]
definition = "Une coopérative de salariés."
broader = ["cooperative"]

[[term]]
id = "scic"
label = "SCIC"
themes = ["t"]
definition = "Une coopérative d’intérêt collectif."
broader = ["cooperative"]

[[term]]
id = "mutuelle"
label = "Mutuelle"
themes = ["t"]
definition = "Un groupement."
"""


def test_define_shows_broader_and_narrower_terms(tmp_path: Path) -> None:
    path = tmp_path / "hierarchie.toml"
    path.write_text(HIERARCHY, encoding="utf-8")
    narrower = flat(run("--no-bundled", "-g", str(path), "define", "coopérative").stdout)
    assert f"Termes spécifiques{NBSP}: SCIC, SCOP" in narrower
    assert f"Voir aussi{NBSP}: Mutuelle" in narrower
    broader = run("--no-bundled", "-g", str(path), "define", "scop").stdout
    assert f"Terme générique{NBSP}: Coopérative\n" in broader


# Every day, one entry in eight (about twenty) through `define`; the full run, each of them
# (that every entry has a source is checked every day: tests/data/test_data_fidelity.py).
@pytest.mark.parametrize(
    "term",
    [
        pytest.param(term, id=term.id, marks=[] if number % 8 == 0 else [pytest.mark.slow])
        for number, term in enumerate(bundled_terms())
    ],
)
def test_every_entry_shows_its_sources(term: Any) -> None:
    assert term.sources, f"{term.id} has no source"
    result = run("define", term.label, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == term.label
    assert lines[2] == f"Trouvé{NBSP}: libellé exact"
    sources = flat(result.stdout.split("\nSources\n", 1)[1]).replace(NBSP, " ")
    for source in term.sources:
        assert flat(source.title).replace(NBSP, " ") in sources
    assert "(aucune source indiquée)" not in result.stdout


def test_match_line_says_how_the_entry_was_found() -> None:
    cases = {
        "ESS": f"Trouvé{NBSP}: autre appellation «{NBSP}ESS{NBSP}»",
        "cooperaton": f"Trouvé{NBSP}: «{NBSP}Coopération{NBSP}», faute de frappe probable (95{NBSP}%)",
        "ecosysteme": f"Trouvé{NBSP}: «{NBSP}Écosystème{NBSP}», sans tenir compte des accents",
    }
    for query, line in cases.items():
        result = run("define", query)
        assert result.exit_code == 0
        assert result.stdout.splitlines()[2] == line


def test_no_match_says_so_on_stderr_and_exits_1() -> None:
    result = run("define", "pizza")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Aucun terme trouvé pour «{NBSP}pizza{NBSP}».\n"


def test_no_match_suggests_close_entries() -> None:
    result = run("define", "mise en recette")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Aucun terme trouvé pour «{NBSP}mise en recette{NBSP}». Vouliez-vous dire{NBSP}:"
        f" Mise en récit{NBSP}?\n"
    )


def test_ambiguous_lists_the_candidates_and_exits_1_when_not_a_terminal() -> None:
    result = run("define", "économie")
    assert result.exit_code == 1
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith(f"Plusieurs termes correspondent à «{NBSP}économie{NBSP}»{NBSP}: ")
    assert "Économie sociale et solidaire" in message
    assert "Économie solidaire" in message
    assert message.rstrip().endswith("Précisez votre recherche.")
    assert message.count("\n") == 1


def test_define_json_shape() -> None:
    result = run("define", "ptce", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {
        "id",
        "label",
        "alt_labels",
        "hidden_labels",
        "themes",
        "definition",
        "notes",
        "sources",
        "related",
        "broader",
        "rights",
        "narrower",
        "origin",
        "glossary",
        "editorial_notes",
        "annotate",
        "jurisdictions",
        "equivalents",
        "match",
    }
    assert data["id"] == "ptce"
    assert data["label"] == "Pôle territorial de coopération économique"
    assert data["alt_labels"] == ["PTCE", "pôles territoriaux de coopération économique"]
    assert data["themes"] == ["territoires", "politiques"]
    assert data["rights"] == {
        "statement": "Texte rédigé pour esslex par les développeurs d’esslex, d’après les textes cités en source",
        "licence": "MIT",
        "licence_url": "https://opensource.org/license/mit",
        "author": "esslex",
    }
    assert data["origin"] == "esslex"
    assert isinstance(data["definition"], str) and data["definition"]
    assert all(isinstance(note, str) for note in data["notes"])
    assert data["sources"] and all("title" in source for source in data["sources"])
    assert "ecosysteme-territorial-ess" in data["related"]
    assert data["broader"] == [] and data["narrower"] == []
    assert data["match"]["kind"] == "folded"
    assert data["match"]["score"] == 100.0
    assert set(data["match"]) >= {"kind", "score"}


def test_define_json_of_a_fuzzy_match() -> None:
    data = json.loads(run("define", "trasition", "--json").stdout)
    assert data["id"] == "transition"
    assert data["match"]["kind"] == "fuzzy"
    assert 88 <= data["match"]["score"] < 100


def test_define_json_no_match_prints_nothing_on_stdout() -> None:
    result = run("define", "pizza", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "pizza" in result.stderr


# --- list and themes ---------------------------------------------------------------------


def test_list_is_in_french_alphabetical_order() -> None:
    result = run("list")
    assert result.exit_code == 0
    labels = result.stdout.splitlines()
    assert len(labels) == bundled_term_count()
    assert labels[0] == "Accompagnement"
    assert labels[-1] == "Utilité sociale"
    # Écosystème among the E, after Économie, before Mise en récit (not after Z).
    assert labels.index("Économie solidaire") < labels.index("Écosystème")
    assert labels.index("Écosystème territorial de l’ESS") < labels.index("Mise en récit")
    assert labels == sorted(labels, key=fold)


def test_list_piped_prints_one_label_per_line() -> None:
    result = run("list")
    assert result.stdout.endswith("Utilité sociale\n")
    assert all(line and not line.startswith(" ") for line in result.stdout.splitlines())
    assert "│" not in result.stdout and "\x1b" not in result.stdout


@pytest.mark.parametrize(
    "theme",
    [
        "territoires",
        "Territoires et coopération",
        "territoires et cooperation",
        "territoire",
        "TERRITOIRES",
    ],
)
def test_list_theme_by_id_label_or_close_name(theme: str) -> None:
    result = run("list", "--theme", theme)
    assert result.exit_code == 0, result.stderr
    # Every way of naming the theme lists the same entries; the theme grows with the glossary.
    assert result.stdout == run("list", "--theme", "territoires").stdout
    listed = result.stdout.splitlines()
    assert {
        "Coopération",
        "Écosystème territorial de l’ESS",
        "Mise en récit",
        "Pôle territorial de coopération économique",
        "Production locale",
        "Résilience territoriale",
    } <= set(listed)
    assert "Transition" not in listed


def test_list_unknown_theme_is_not_found_in_french() -> None:
    result = run("list", "--theme", "cuisine")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Erreur{NBSP}: Aucun thème trouvé pour «{NBSP}cuisine{NBSP}»")
    assert "territoires" in result.stderr


def test_list_json_is_an_array_of_entries() -> None:
    data = json.loads(run("list", "--json").stdout)
    assert isinstance(data, list) and len(data) == bundled_term_count()
    assert {"id", "label", "alt_labels", "themes", "definition", "sources"} <= set(data[0])
    assert [entry["label"] for entry in data] == run("list").stdout.splitlines()
    single = json.loads(run("define", "Coopération", "--json").stdout)
    del single["match"]
    assert single in data


def test_themes_lists_descriptions_and_counts() -> None:
    result = run("themes")
    assert result.exit_code == 0
    in_theme = len(run("list", "--theme", "territoires").stdout.splitlines())
    assert f"Territoires et coopération (territoires, {in_theme} entrées)" in result.stdout
    assert "Transitions et écosystèmes (transitions," in result.stdout
    assert "Le territoire comme espace d’action" in flat(result.stdout)


def test_themes_json_shape_and_counts() -> None:
    data = json.loads(run("themes", "--json").stdout)
    assert [set(row) for row in data] == [{"id", "label", "description", "count"}] * len(data)
    for row in data:
        members = run("list", "--theme", row["id"]).stdout.splitlines()
        assert row["count"] == len(members) > 0
    assert [row["label"] for row in data] == sorted((row["label"] for row in data), key=fold)


# --- search ------------------------------------------------------------------------------


def test_search_is_accent_and_case_insensitive() -> None:
    with_accents = json.loads(run("search", "solidarité", "--json").stdout)
    without = json.loads(run("search", "SOLIDARITE", "--json").stdout)
    assert with_accents == without
    assert {hit["id"] for hit in with_accents} >= {"utilite-sociale", "economie-solidaire"}


def test_search_ranks_label_matches_first() -> None:
    hits = json.loads(run("search", "coopération", "--json").stdout)
    assert hits[0]["id"] == "cooperation"
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(hits) > 2


def test_search_matches_word_starts_not_the_inside_of_words() -> None:
    hits = [hit["id"] for hit in json.loads(run("search", "ess", "--json").stdout)]
    assert hits[0] == "economie-sociale-et-solidaire"
    # « ess » inside « processus » or « nécessaire » is not the ESS.
    assert "mise-en-recit" not in hits and "accompagnement" not in hits
    prefix = [hit["id"] for hit in json.loads(run("search", "coop", "--json").stdout)]
    assert prefix[0] == "cooperative"
    assert {"cooperation", "ptce", "scop"} <= set(prefix)


def test_search_json_shape() -> None:
    hits = json.loads(run("search", "territoire", "--json", "--limit", "3").stdout)
    assert len(hits) == 3
    for hit in hits:
        assert set(hit) == {"id", "label", "score", "snippet"}
        assert "territoir" in fold(hit["snippet"])
        assert len(hit["snippet"]) <= 170


def test_search_plain_shows_label_id_and_snippet() -> None:
    result = run("search", "décroissance")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Croissance et décroissance (croissance-decroissance)"
    assert lines[1].startswith("    ")


def test_search_without_result_exits_1() -> None:
    result = run("search", "pizza")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Aucun résultat pour «{NBSP}pizza{NBSP}».\n"
    result = run("search", "pizza", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


# --- related -----------------------------------------------------------------------------


def test_related_depth_one_and_two() -> None:
    one = run("related", "écosystème")
    assert one.exit_code == 0
    assert one.stdout == (
        "Écosystème\n"
        "├── Écosystème d’action publique (voir aussi)\n"
        "└── Écosystème territorial de l’ESS (voir aussi)\n"
    )
    two = run("related", "écosystème", "--depth", "2").stdout
    # Under Écosystème d’action publique, among its own neighbours (more come as entries do).
    assert re.search(r"│   [├└]── Achats publics responsables \(voir aussi\)", two)
    assert "Pôle territorial de coopération économique (voir aussi)" in two
    assert two.count("Écosystème\n") == 1


def test_related_json_tree() -> None:
    tree = json.loads(run("related", "ptce", "--json", "--depth", "2").stdout)
    assert set(tree) == {"id", "label", "relation", "children"}
    assert tree["id"] == "ptce" and tree["relation"] is None
    assert {child["id"] for child in tree["children"]} >= {"cooperation"}
    for child in tree["children"]:
        assert set(child) == {"id", "label", "relation", "children"}
        assert child["relation"] in ("broader", "narrower", "related")
    seen: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        seen.append(node["id"])
        for child in node["children"]:
            walk(child)

    walk(tree)
    assert len(seen) == len(set(seen)), "an entry appears twice in the tree"


def test_related_not_found() -> None:
    result = run("related", "pizza")
    assert result.exit_code == 1
    assert result.stdout == ""


# --- global options, usage errors --------------------------------------------------------


def test_glossary_option_adds_entries(local_glossary: Path) -> None:
    result = run("--glossary", str(local_glossary), "define", "jardin collectif")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Jardin partagé\n")
    assert f"Glossaire{NBSP}: {local_glossary}" in flat(result.stdout)
    assert "• Note du réseau local, 2024" in result.stdout
    listed = run("-g", str(local_glossary), "list").stdout.splitlines()
    assert len(listed) == bundled_term_count() + 1 and "Jardin partagé" in listed
    # The bundled entry is related back to the added one.
    assert "Jardin partagé" in flat(run("-g", str(local_glossary), "define", "coopération").stdout)


def test_no_bundled_keeps_only_the_given_glossaries(tmp_path: Path) -> None:
    alone = tmp_path / "seul.toml"
    alone.write_text(
        '[[term]]\nid = "jardin-partage"\nlabel = "Jardin partagé"\ndefinition = "Lieu partagé."\n',
        encoding="utf-8",
    )
    result = run("--no-bundled", "-g", str(alone), "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Jardin partagé\n"
    missing = run("--no-bundled", "-g", str(alone), "define", "coopération")
    assert missing.exit_code == 1
    assert missing.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["define", "utilité", "sociale"],
        ["related", "utilité", "sociale"],
        ["search", "utilité", "sociale", "--json"],
    ],
)
def test_several_words_are_one_query_without_quotes(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "Utilité sociale" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["define"], f"Erreur{NBSP}: Argument obligatoire manquant{NBSP}: TERME"),
        (["themes", "b"], f"Erreur{NBSP}: Argument en trop «{NBSP}b{NBSP}»"),
        (["define", "ess", "--couleur"], f"Erreur{NBSP}: Option inconnue «{NBSP}--couleur{NBSP}»"),
        (["related", "ess", "--depth", "0"], "Erreur\u00a0: Valeur invalide pour «\u00a0--depth"),
        (
            ["search", "x", "--limit", "beaucoup"],
            "Erreur\u00a0: Valeur invalide pour «\u00a0--limit",
        ),
        (["list", "--theme"], "Erreur\u00a0: "),
        (["definir", "ess"], f"Erreur{NBSP}: Commande inconnue «{NBSP}definir{NBSP}»"),
    ],
)
def test_usage_errors_exit_2_with_a_french_message(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message), result.stderr
    assert "Voir «\u00a0esslex" in result.stderr or "Voir «\u00a0root" in result.stderr
    for english in ("Usage:", "Error", "Missing argument", "No such", "Try "):
        assert english not in result.stderr


@pytest.mark.parametrize("command", ["define", "related", "search"])
def test_help_usage_line_is_conventional(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    usage = next(line for line in result.stdout.splitlines() if "Utilisation" in line)
    assert "{" not in usage and "}" not in usage
    assert re.search(r"\[OPTIONS\] (TERME|TEXTE)\b", usage), usage
    assert "<str>" not in result.stdout


# --- untrusted glossary text -------------------------------------------------------------

TRAP = """\
[[term]]
id = "piege"
label = "Piège [bold red]x[/]"
alt_labels = ["autre\\u200b[link=http://e]lien[/link]\\u001b[31m"]
themes = ["territoires"]
related = ["cooperation"]
definition = \"\"\"
Texte [bold red]gras[/] et \\u001b[31mrouge\\u001b[0m, lien \\u001b]8;;http://e\\u001b\\\\ici\\u001b]8;;\\u001b\\\\ fin.
Retour\\rchariot, bidi \\u202eesrevni\\u202c, zéro\\u200blargeur\\u2060joint\\ufeff.

1° Premier [/] point \\u001b[2J effacé ;
2° Second \\u009b31m point.
\"\"\"
notes = ["Note [i]italique[/i] \\u001b[5mclignote"]

[[term.sources]]
title = "Source [red]rouge[/red] \\u001b]0;titre\\u0007"
"""


@pytest.fixture
def trap(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "piege.toml", text=TRAP)


def assert_trap_shown_inertly(output: str) -> None:
    for char in output:
        assert char in "\n" or (char >= " " and char != "\x7f"), repr(char)
        assert char not in "\u202e\u202c\u200b\u2060\ufeff\x9b", repr(char)
    text = flat(output)
    assert "Piège [bold red]x[/]" in text
    assert "Texte [bold red]gras[/] et rouge, lien ici fin." in text
    assert "bidi esrevni" in text and "zérolargeurjoint." in text
    assert "autre[link=http://e]lien[/link]" in text
    assert "Premier [/] point effacé" in text
    assert "Note [i]italique[/i] clignote" in text
    assert "Source [red]rouge[/red]" in text
    assert "titre" not in text and "8;;" not in text and "31m" not in text


def test_glossary_text_is_printed_inertly_in_plain_mode(trap: Path) -> None:
    result = run("-g", str(trap), "define", "Piège [bold red]x[/]")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert_trap_shown_inertly(result.stdout)


def test_glossary_text_is_printed_inertly_on_a_terminal(trap: Path) -> None:
    env = {"NO_COLOR": None, "ESSLEX_FORCE_TERMINAL": "1", "FORCE_COLOR": "1", "TERM": "xterm"}
    result = run("-g", str(trap), "define", "piege bold red x", env=env)
    assert result.exit_code == 0, result.stderr
    assert SGR.search(result.stdout), "the Rich path was not taken"
    assert_trap_shown_inertly(SGR.sub("", result.stdout))
    # A wide terminal, so that the table of `list` does not wrap the label in its cell.
    wide = {**env, "COLUMNS": "200"}
    for args in (["list"], ["related", "piège bold red x"], ["search", "gras"]):
        other = run("-g", str(trap), *args, env=wide)
        assert other.exit_code == 0, (args, other.stderr)
        assert SGR.search(other.stdout)
        assert "\x1b" not in SGR.sub("", other.stdout)
        assert "Piège [bold red]x[/]" in SGR.sub("", other.stdout)


def test_rich_rendering_keeps_no_break_spaces_together() -> None:
    # Rich breaks lines at U+00A0 like at a space: a line must never start with « : ».
    env = {"NO_COLOR": None, "ESSLEX_FORCE_TERMINAL": "1", "TERM": "xterm"}
    for columns in range(40, 100, 7):  # every seventh width: each wraps the lines elsewhere
        result = run("define", "utilité sociale", env={**env, "COLUMNS": str(columns)})
        assert result.exit_code == 0
        for line in SGR.sub("", result.stdout).splitlines():
            assert not re.match(r"\s*[:;?!»]", line), (columns, line)
            assert not line.rstrip().endswith("«"), (columns, line)


def test_rich_list_never_cuts_an_identifier() -> None:
    longest = max(len(term.id) for term in load_glossary([bundled_path()]))
    # Wide enough for the longest id in a third of the line: every id on one line.
    wide = {"NO_COLOR": None, "ESSLEX_FORCE_TERMINAL": "1", "COLUMNS": str(3 * longest + 3)}
    result = run("list", env=wide)
    assert "plateformes-numeriques-solidaires" in result.stdout
    assert "…" not in result.stdout
    # Narrower: an id breaks after a hyphen, never cut.
    narrow = {**wide, "COLUMNS": "90"}
    result = run("list", env=narrow)
    assert "…" not in result.stdout
    assert re.search(r"plateformes-(numeriques-)?\s*$", result.stdout, re.M)


# --- the installed script: pipes, terminals ----------------------------------------------


@pytest.mark.slow
def test_script_define_and_not_found() -> None:
    found = run_script("define", "ESS", env={"NO_COLOR": "1", "COLUMNS": "80"}, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Économie sociale et solidaire\n")
    assert found.stderr == ""
    missing = run_script("define", "pizza", env={"NO_COLOR": "1"}, text=True)
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert missing.stderr == f"Aucun terme trouvé pour «{NBSP}pizza{NBSP}».\n"


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="POSIX shell pipe")
def test_list_into_head_leaves_stderr_empty() -> None:
    completed = run_shell("esslex list | head -1", text=True)
    assert completed.stdout == "Accompagnement\n"
    assert completed.stderr == ""


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="POSIX shell pipe")
def test_long_output_into_head_leaves_stderr_empty(tmp_path: Path) -> None:
    # More than a pipe buffer (64 KiB), so that esslex does write into a closed pipe.
    path = tmp_path / "long.toml"
    path.write_text(
        "\n".join(
            f'[[term]]\nid = "e{n:04d}"\nlabel = "Entrée {n:04d} {"d’un glossaire très long " * 5}"\n'
            f'definition = "Texte {n}."\n'
            for n in range(700)
        ),
        encoding="utf-8",
    )
    for command in ("list", "list --json", "search glossaire"):
        completed = run_shell(f'esslex --no-bundled -g "{path}" {command} | head -c 100', text=True)
        assert completed.stdout.startswith("Entrée 0000" if command == "list" else "")
        assert len(completed.stdout) >= 80
        assert completed.stderr == "", (command, completed.stderr)
        # The exit status of esslex itself: 0, or 141 when it wrote into the closed pipe.
        status = run_shell(
            f'esslex --no-bundled -g "{path}" {command} | head -1; echo "${{PIPESTATUS[0]}}" >&2',
            text=True,
        )
        assert status.stderr.strip() in ("0", "141"), status.stderr


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_ambiguous_on_a_terminal_offers_a_numbered_choice() -> None:
    from esslex.errors import AmbiguousTerm
    from esslex.find.lookup import find_term

    with pytest.raises(AmbiguousTerm) as listed:
        find_term(load_glossary([bundled_path()]), "économie")
    number = listed.value.candidates.index("Économie solidaire") + 1
    output, code = run_in_terminal(["define", "économie"], answer=f"{number}\n".encode())
    assert code == 0, output
    assert re.search(r"\n +\d+\. Économie sociale et solidaire", output)
    assert f"{number}. Économie solidaire" in output
    assert f"Numéro du terme (Entrée pour annuler){NBSP}:" in output
    assert "C’est l’ensemble des activités socio-économiques" in output
    assert f"Trouvé{NBSP}: choisi dans la liste" in output


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_ambiguous_on_a_terminal_can_be_cancelled() -> None:
    output, code = run_in_terminal(["define", "économie"], answer=b"\n")
    assert code == 1
    assert "Précisez votre recherche" not in output  # the list is not printed twice
    assert "Erreur" not in output
    assert output.count("Économie solidaire") == 1


def run_in_terminal(args: list[str], answer: bytes) -> tuple[str, int]:
    """Run the script on a pseudo-terminal, answer its question, return what it showed."""
    import pty  # noqa: F401 - POSIX only

    main, secondary = os.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [str(SCRIPT), *args], stdin=secondary, stdout=secondary, stderr=secondary, env=env
    )
    os.close(secondary)
    shown = b""
    answered = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: the program ended
            break
        if not chunk:
            break
        shown += chunk
        if not answered and b"annuler" in shown:
            os.write(main, answer)
            answered = True
    os.close(main)
    code = process.wait(timeout=60)
    text = SGR.sub("", shown.decode("utf-8", "replace")).replace("\r\n", "\n")
    return text, code


# --- golden files ------------------------------------------------------------------------

GOLDEN_CASES = {
    "define-cooperation": ["define", "coopération"],
    "define-utilite-sociale": ["define", "utilité sociale"],
    "list": ["list"],
    "themes": ["themes"],
    "related-ecosysteme-depth-2": ["related", "écosystème", "--depth", "2"],
    "search-solidarite": ["search", "solidarité"],
}


@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_plain_rendering_matches_the_golden_file(name: str) -> None:
    result = run(*GOLDEN_CASES[name], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("ESSLEX_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert result.stdout == expected, f"différence avec {path.name} (ESSLEX_UPDATE_GOLDEN=1)"
    if name != "list":  # one label a line for scripts, never wrapped, however long
        assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "\x1b" not in result.stdout


# --- property: queries never raise -------------------------------------------------------


@pytest.mark.parametrize("command", ["define", "related", "search"])
@settings(max_examples=examples(15), deadline=None)  # each example runs the whole CLI
@given(query=st.text(max_size=200))
def test_reading_commands_never_raise_on_any_query(command: str, query: str) -> None:
    result = run(command, "--", query)  # a query may start with "-"
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    if result.exit_code == 0:
        assert result.stdout.strip() and result.stderr == ""
    else:
        assert result.stdout == ""
        assert_one_line(result.stderr)


# --- glossary text is printed inertly ----------------------------------------------------


READING = {
    "define": ("define", "formule"),
    "define-other": ("define", "lien"),
    "list": ("list",),
    "list-theme": ("list", "--theme", "theme-piege"),
    "search": ("search", "formule"),
    "themes": ("themes",),
    "related": ("related", "formule", "--depth", "3"),
    "glossaries": ("glossaries",),
}


@pytest.mark.parametrize("mode", ["plain", "rich"])
@pytest.mark.parametrize("args", READING.values(), ids=READING.keys())
def test_reading_commands_print_glossary_text_inertly(
    hostile: Path, args: tuple[str, ...], mode: str
) -> None:
    result = esslex(hostile, *args, env=TERMINAL if mode == "rich" else PLAIN)
    assert result.exit_code == 0, result.stderr
    output = result.stdout
    if mode == "rich":
        assert SGR.search(output), "the Rich path was not taken"
        output = SGR.sub("", output)
    else:
        assert "\x1b" not in output
    assert_inert(output, ignore=NBSP)
    assert_inert(SGR.sub("", result.stderr), ignore=NBSP)
    text = flat(output)
    assert "[bold red]gras[/]" in text or args[0] == "glossaries", text
    if args[0] in ("define", "list", "search", "related"):
        assert "<script>alert(1)</script>" in text
    for trace in ("31m", "2J", "8;;", "]0;", "titre"):
        assert trace not in text, trace


def test_every_field_of_an_entry_is_shown_inertly(hostile: Path) -> None:
    result = esslex(hostile, "define", "formule", env=PLAIN)
    text = flat(result.stdout)
    for shown in (
        "=1+2 Formule [bold red]gras[/]",
        "+cmd|' /C calc'!A0",  # alternative labels
        "Autre ligne [bold red]gras[/]",  # a line break in a label: one line
        "Définition [bold red]gras[/]",
        "Note [bold red]gras[/]",
        "Source [bold red]gras[/]",
        "javascript:alert(3)",  # shown as text
        "avant apres",  # a carriage return separates words, it moves no cursor
        "esrevni isolé",
        "zérolargeurjoint",
    ):
        assert shown in text, shown


JSON_OUTPUTS = {
    "define": ("define", "formule", "--json"),
    "list": ("list", "--json"),
    "search": ("search", "formule", "--json"),
    "themes": ("themes", "--json"),
    "related": ("related", "formule", "--json"),
    "glossaries": ("glossaries", "--json"),
    "check": ("check", "--json"),
}


@pytest.mark.parametrize("args", JSON_OUTPUTS.values(), ids=JSON_OUTPUTS.keys())
def test_json_outputs_escape_what_a_terminal_would_obey(
    hostile: Path, args: tuple[str, ...]
) -> None:
    # json.dumps escapes C0 only: C1 controls, bidi and invisible characters went out raw.
    result = esslex(hostile, *args, env=PLAIN)
    assert result.exit_code == 0, result.stderr
    assert_inert(result.stdout)
    assert "\\u202e" in result.stdout or args[0] == "check"
    data = json.loads(result.stdout)
    if args[0] == "define":  # the same data for a JSON reader: every character kept
        assert data["label"] == hostile_document()["term"][0]["label"]
    if args[0] == "glossaries":
        assert data["glossaries"][0]["title"] == hostile_document()["glossary"]["title"]


def test_the_markup_of_a_query_is_echoed_inertly() -> None:
    for env in (PLAIN, TERMINAL):
        result = run("define", f"{MARKUP} {CSI} {OSC}", env=env)
        assert result.exit_code == 1
        assert_inert(SGR.sub("", result.stderr), ignore=NBSP)
        assert "[bold red]gras[/]" in result.stderr


# --- rights in define --json -------------------------------------------------------------


def test_json_carries_rights_in_each_entry_and_source(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)
    result = run("--no-bundled", "-g", str(path), "define", "gamma", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rights"] == {
        "statement": "Contributeurs de Wikipédia, article « Gamma »",
        "licence": "CC BY-SA 4.0",
        "licence_url": CC_BY_SA,
        "author": None,
    }
    assert data["sources"][1]["licence"] == "CC BY-SA 4.0"
    delta = json.loads(run("--no-bundled", "-g", str(path), "define", "delta", "--json").stdout)
    assert delta["rights"] == {
        "statement": None,
        "licence": None,
        "licence_url": None,
        "author": None,
    }


# --- relation cycles and deep hierarchies ------------------------------------------------


def test_a_self_relation_is_a_warning_and_related_cycles_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "boucles.toml"
    path.write_text(
        GOOD_HEAD
        + "".join(
            f'[[term]]\nid = "{one}"\nlabel = "Terme {one}"\ndefinition = "D."\n'
            f'related = ["{other}"]\nbroader = [{broader}]\n\n'
            for one, other, broader in (("a", "b", '"a"'), ("b", "c", ""), ("c", "a", ""))
        ),
        encoding="utf-8",
    )
    related = run("-g", str(path), "related", "Terme a", "--depth", "10")
    assert related.exit_code == 0, related.stderr
    assert "Terme c" in related.stdout
    checked = run("check", "--json", str(path))
    codes = {finding["code"] for finding in json.loads(checked.stdout)["findings"]}
    assert "self-relation" in codes and "broader-cycle" not in codes
    assert checked.exit_code == 0


@pytest.mark.slow
def test_a_hierarchy_thousands_of_levels_deep(tmp_path: Path) -> None:
    depth = 3_000
    path = tmp_path / "profond.toml"
    path.write_text(
        GOOD_HEAD
        + "".join(
            f'[[term]]\nid = "n{n}"\nlabel = "Niveau {n}"\ndefinition = "D."\n'
            + (f'broader = ["n{n + 1}"]\n' if n + 1 < depth else "")
            + ('related = ["n0"]\n' if n == depth - 1 else "")
            for n in range(depth)
        ),
        encoding="utf-8",
    )
    related = run("--no-bundled", "-g", str(path), "related", "Niveau 0", "--depth", "10")
    assert related.exit_code == 0, related.stderr
    assert "Niveau 10" in related.stdout and "Niveau 11" not in related.stdout
    for format_name in ("skos", "skos-jsonld", "tbx", "toml", "mermaid"):
        exported = run("--no-bundled", "-g", str(path), "export", "--format", format_name)
        assert exported.exit_code == 0, (format_name, exported.stderr)
        assert "n2999" in exported.stdout
    checked = run("check", str(path))
    assert checked.exit_code == 0, checked.stdout


# --- bad queries -------------------------------------------------------------------------


BAD_QUERIES = {
    "empty": "",
    "blank": "   \t ",
    "long": LONG_QUERY,
    "controls": "\x01\x1b[31m\x7f\r\nESS\x9b2J\u202e",
    "regex": ".*[(",
    "regex-group": "(?P<x>\\1",
    "format": "%s %n {0} {query}",
    "backslashes": "\\\\\\",
    "surrogates": "\udcff\udcfe",
    "nul": "\x00",
}


QUERY_COMMANDS = {
    "define": (("define",), (1,)),
    "related": (("related",), (1,)),
    "search": (("search",), (0, 1)),
    "list-theme": (("list", "--theme"), (0, 1)),
    "export-term": (("export", "--format", "json", "--term"), (1,)),
    "export-theme": (("export", "--format", "json", "--theme"), (1,)),
}


# Slow: the lookup scores a 100 000-character query against every name (about a second
# each); the everyday loop keeps a 2 400-character one (test_a_long_query_is_quoted_shortened).
_SLOW_QUERIES = {"long"}


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(query, id=name, marks=[pytest.mark.slow] if name in _SLOW_QUERIES else [])
        for name, query in BAD_QUERIES.items()
    ],
)
@pytest.mark.parametrize("command", QUERY_COMMANDS.values(), ids=QUERY_COMMANDS.keys())
def test_bad_queries_get_a_clear_french_answer(
    command: tuple[tuple[str, ...], tuple[int, ...]], query: str
) -> None:
    args, codes = command
    result = run(*args, query)
    assert result.exit_code in codes, (result.exit_code, result.stderr)
    if result.exit_code == 0:
        assert result.stdout.strip() and result.stderr == ""
        return
    assert result.stdout == ""
    assert_one_line(result.stderr)
    assert len(result.stderr) < 600, "the query is quoted whole"
    assert_inert(result.stderr, ignore=NBSP)
    assert result.stderr.startswith(
        ("Aucun terme trouvé pour «", "Aucun résultat pour «", f"Erreur{NBSP}: ")
    )


# 2 400 characters: enough to be shortened; the 100 000 of LONG_QUERY are in the slow cases.
@pytest.mark.parametrize(
    "query", [LONG_QUERY[:2_400], pytest.param(LONG_QUERY, marks=pytest.mark.slow)]
)
def test_a_long_query_is_quoted_shortened(query: str) -> None:
    result = run("define", query)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Aucun terme trouvé pour «{NBSP}{' '.join(query.split())[:59].rstrip()}…{NBSP}».\n"
    )


# --- property: define never crashes, whatever the characters -----------------------------


# 40 examples: each runs the whole CLI; QUERY_TEXT draws the hostile characters often.
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.one_of(QUERY_TEXT, st.text(max_size=30)))
def test_define_never_crashes(query: str) -> None:
    result = run("define", query)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code:
        assert result.stdout == ""
        assert result.stderr.strip()
    else:
        assert result.stdout.strip()


def test_candidates_whose_label_the_query_opens_come_first() -> None:
    result = run("define", "insertion")
    assert result.exit_code == 1
    listed = result.stderr.split("\u00a0: ", 1)[1].split(". Précisez")[0].split(", ")
    assert len(listed) > 2
    opens = [fold(label).startswith("insertion") for label in listed]
    holds = ["insertion" in fold(label) for label in listed]
    # The label that opens with the word, then labels that hold it, then other names'.
    assert opens[0] and holds == sorted(holds, reverse=True)


def test_a_query_naming_a_theme_points_to_it() -> None:
    result = run("define", "statuts")
    assert result.exit_code == 1
    assert (
        "Voir le thème «\u00a0Familles et statuts\u00a0»\u00a0: esslex list --theme familles."
        in (result.stderr)
    )
    assert run("list", "--theme", "familles").exit_code == 0
    assert "Voir le thème" not in run("define", "zzzz").stderr
