"""`resolve`: what a user names (an entry, a theme, a format, a file) is read one way.

The tables run each input through every command that takes it: the same resolution, the
same first line of message and the same exit code everywhere.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from esslex import exporters
from esslex.errors import (
    AmbiguousTerm,
    AmbiguousTheme,
    TermNotFound,
    ThemeNotFound,
    UnknownFormat,
)
from esslex.find import resolve
from esslex.glossary import paths
from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary
from support.cli import outcome, run
from support.glossaries import write_glossary

NBSP = "\u00a0"

GLOSSARY = """\
[glossary]
id = "atelier"
title = "Glossaire d’atelier"

[[theme]]
id = "economie"
label = "Modèles économiques"

[[theme]]
id = "ecosystemes"
label = "Écosystèmes et action publique"

[[theme]]
id = "transitions"
label = "Transitions"

[[theme]]
id = "territoires"
label = "Territoires et coopération"

[[term]]
id = "cooperation"
label = "Coopération"
alt_labels = ["coopérer"]
themes = ["territoires"]
definition = "Agir ensemble dans un but commun, en association ou non."

[[term]]
id = "ess"
label = "Économie sociale et solidaire"
alt_labels = ["ESS"]
hidden_labels = ["économie sociale solidaire"]
themes = ["economie"]
definition = "Les coopératives, mutuelles, associations et fondations."

[[term]]
id = "economie-solidaire"
label = "Économie solidaire"
themes = ["economie"]
definition = "Une économie qui place la solidarité au cœur des échanges."

[[term]]
id = "mise-en-recit"
label = "Mise en récit"
themes = ["transitions"]
definition = "Raconter un territoire pour le transformer."

[[term]]
id = "utilite-sociale"
label = "Utilité sociale"
alt_labels = ["entreprise d’utilité sociale"]
themes = ["economie"]
definition = "Ce qu’une activité apporte à la société."

[[term]]
id = "scop"
label = "Société coopérative et participative"
themes = ["economie", "ecosystemes"]
definition = "Une entreprise dont les salariés sont les associés majoritaires."
"""


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "atelier.toml", text=GLOSSARY)


@pytest.fixture
def glossary(glossary_file: Path) -> Glossary:
    return load_glossary([glossary_file])


def fresh_file(folder: Path) -> Path:
    """An empty glossary of one's own, for `add --to`."""
    return write_glossary(folder / "ajout.toml", text='[glossary]\nid = "ajout"\ntitle = "Ajout"\n')


def first_line(text: str) -> str:
    """The message's first line, without the next step one command adds: the search hint
    of `define`, the option that creates a theme in `add`."""
    line = text.splitlines()[0] if text else ""
    return re.split(r" Les? mots? appara| Pour le créer dans ", line)[0]


# --- entries ---------------------------------------------------------------------------------

# (query, entry id or None, exit code, start of the message when it fails)
ENTRIES = [
    ("Coopération", "cooperation", 0, ""),
    ("coopération", "cooperation", 0, ""),
    ("la coopération", "cooperation", 0, ""),
    ("l’ESS", "ess", 0, ""),
    ("l'économie solidaire", "economie-solidaire", 0, ""),
    ("économie sociale solidaire", "ess", 0, ""),
    ("scop", "scop", 0, ""),
    ("cooperaton", "cooperation", 0, ""),
    ("récit", "mise-en-recit", 0, ""),
    ("économie", None, 1, f"Plusieurs termes correspondent à «{NBSP}économie{NBSP}»"),
    ("entreprise sociale", None, 1, f"Aucun terme trouvé pour «{NBSP}entreprise sociale{NBSP}»"),
    ("social utility", None, 1, f"Aucun terme trouvé pour «{NBSP}social utility{NBSP}»"),
    ("pizza", None, 1, f"Aucun terme trouvé pour «{NBSP}pizza{NBSP}»"),
]


def _entry_through(command: str, glossary_file: Path, query: str) -> tuple[int, str | None, str]:
    """Run `query` through `command`; the exit code, the entry it settled on, stderr."""
    if command == "define":
        code, out, err = outcome(
            "--no-bundled", "-g", str(glossary_file), "define", query, "--json"
        )
        return code, json.loads(out)["id"] if code == 0 else None, err
    if command == "related":
        code, out, err = outcome(
            "--no-bundled", "-g", str(glossary_file), "related", query, "--json"
        )
        return code, json.loads(out)["id"] if code == 0 else None, err
    if command == "export":
        code, out, err = outcome(
            "--no-bundled", "-g", str(glossary_file), "export", "-f", "json", "--term", query
        )
        return code, json.loads(out)["terms"][0]["id"] if code == 0 else None, err
    assert command == "add"
    target = fresh_file(glossary_file.parent)
    code, _, err = outcome(
        "--no-bundled",
        "-g",
        str(glossary_file),
        *("add", "--to", str(target), "--label", "Nouvelle", "--definition", "Texte."),
        *("--related", query),
    )
    if code != 0:
        return code, None, err
    added = load_glossary([glossary_file, target])["nouvelle"]
    return code, added.related[0], err


@pytest.mark.parametrize(("query", "expected", "code", "message"), ENTRIES)
def test_an_entry_is_read_the_same_way_by_every_command(
    glossary_file: Path, query: str, expected: str | None, code: int, message: str
) -> None:
    outcomes = {
        command: _entry_through(command, glossary_file, query)
        for command in ("define", "related", "export", "add")
    }
    for command, (exit_code, found, err) in outcomes.items():
        assert (exit_code, found) == (code, expected), (command, err)
        if message:
            assert first_line(err).startswith(message), (command, err)
    if code:
        assert len({first_line(err) for _, _, err in outcomes.values()}) == 1, outcomes


def test_import_links_an_entry_as_every_command_reads_it(glossary_file: Path) -> None:
    sheet = glossary_file.parent / "feuille.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["terme", "définition", "voir aussi"])
        for number, (query, _, _, _) in enumerate(ENTRIES):
            writer.writerow([f"Entrée {number}", "Texte.", query])
    target = glossary_file.parent / "importe.toml"
    code, _, err = outcome(
        "--no-bundled", "-g", str(glossary_file), "import", str(sheet), "-o", str(target)
    )
    assert code == 0, err
    imported = load_glossary([glossary_file, target])
    for number, (query, expected, _, _) in enumerate(ENTRIES):
        related = imported[f"entree-{number}"].related
        assert related == ((expected,) if expected else ()), query


@pytest.mark.parametrize(
    ("query", "how"),
    [
        ("Coopération", "libellé exact"),
        ("coopération", "libellé exact"),
        ("la coopération", f"libellé exact, article «{NBSP}la{NBSP}» mis de côté"),
        ("l’ESS", f"autre appellation «{NBSP}ESS{NBSP}», article «{NBSP}l’{NBSP}» mis de côté"),
        ("COOPÉRATION", f"«{NBSP}Coopération{NBSP}», sans tenir compte des majuscules"),
        ("scop", f"identifiant «{NBSP}scop{NBSP}»"),
        (
            "récit",
            f"«{NBSP}Mise en récit{NBSP}», seul libellé qui contient le mot «{NBSP}récit{NBSP}»",
        ),
        ("cooperaton", f"«{NBSP}Coopération{NBSP}», faute de frappe probable (95{NBSP}%)"),
    ],
)
def test_explanations_are_honest(glossary: Glossary, query: str, how: str) -> None:
    assert resolve.entry(glossary, query).how == how


@pytest.mark.parametrize("query", ["entreprise sociale", "social utility", "utility"])
def test_a_shared_word_is_not_a_typo(glossary: Glossary, query: str) -> None:
    with pytest.raises(TermNotFound):
        resolve.entry(glossary, query)


@pytest.mark.parametrize("query", ["le", "l’", "de la", "les", "d'"])
def test_an_article_alone_names_nothing(glossary: Glossary, query: str) -> None:
    with pytest.raises(TermNotFound):
        resolve.entry(glossary, query)


def test_a_word_in_several_labels_gives_the_candidates(glossary: Glossary) -> None:
    with pytest.raises(AmbiguousTerm) as error:
        resolve.entry(glossary, "solidaire")
    assert {"Économie sociale et solidaire", "Économie solidaire"} <= set(error.value.candidates)


def test_a_label_that_starts_with_an_article_is_matched_as_written(tmp_path: Path) -> None:
    path = tmp_path / "article.toml"
    path.write_text(
        '[[term]]\nid = "la-poste"\nlabel = "La Poste"\ndefinition = "Un service."\n\n'
        '[[term]]\nid = "poste"\nlabel = "Poste"\ndefinition = "Un emploi."\n',
        encoding="utf-8",
    )
    glossary = load_glossary([path])
    assert resolve.entry(glossary, "La Poste").term.id == "la-poste"
    assert resolve.entry(glossary, "la poste").term.id == "la-poste"
    assert resolve.entry(glossary, "le poste").term.id == "poste"


def test_define_points_to_search_when_the_words_occur_in_texts(glossary_file: Path) -> None:
    code, out, err = outcome("--no-bundled", "-g", str(glossary_file), "define", "association")
    assert code == 1
    assert out == ""
    assert err == (
        f"Aucun terme trouvé pour «{NBSP}association{NBSP}». Le mot apparaît dans{NBSP}:"
        " Coopération, Économie sociale et solidaire — esslex search association\n"
    )
    code, _, err = outcome("--no-bundled", "-g", str(glossary_file), "define", "pizza")
    assert code == 1
    assert err == f"Aucun terme trouvé pour «{NBSP}pizza{NBSP}».\n"


# --- themes ----------------------------------------------------------------------------------

THEMES = [
    ("transitions", "transitions", 0, ""),
    ("Transitions", "transitions", 0, ""),
    ("TRANSITION", "transitions", 0, ""),
    ("transit", "transitions", 0, ""),
    ("Territoires et coopération", "territoires", 0, ""),
    ("territoirs", "territoires", 0, ""),
    ("econom", "economie", 0, ""),
    ("eco", None, 1, f"Erreur{NBSP}: Plusieurs thèmes correspondent à «{NBSP}eco{NBSP}»"),
    ("cuisine", None, 1, f"Erreur{NBSP}: Aucun thème trouvé pour «{NBSP}cuisine{NBSP}»"),
]


def _theme_through(command: str, glossary_file: Path, query: str) -> tuple[int, str | None, str]:
    if command == "list":
        code, out, err = outcome(
            "--no-bundled", "-g", str(glossary_file), "list", "--theme", query, "--json"
        )
        found = json.loads(out)[0]["themes"] if code == 0 else None
    elif command == "export":
        code, out, err = outcome(
            "--no-bundled", "-g", str(glossary_file), "export", "-f", "json", "--theme", query
        )
        found = json.loads(out)["terms"][0]["themes"] if code == 0 else None
    else:
        target = fresh_file(glossary_file.parent)
        code, _, err = outcome(
            "--no-bundled",
            "-g",
            str(glossary_file),
            *("add", "--to", str(target), "--label", "Nouvelle", "--definition", "Texte."),
            *("--theme", query),
        )
        found = (
            list(load_glossary([glossary_file, target])["nouvelle"].themes) if code == 0 else None
        )
    return code, found, err


@pytest.mark.parametrize(("query", "expected", "code", "message"), THEMES)
def test_a_theme_is_read_the_same_way_by_every_command(
    glossary_file: Path, query: str, expected: str | None, code: int, message: str
) -> None:
    outcomes = {
        command: _theme_through(command, glossary_file, query)
        for command in ("list", "export", "add")
    }
    for command, (exit_code, found, err) in outcomes.items():
        assert exit_code == code, (command, err)
        assert found is None if expected is None else expected in found, (command, found)
        if message:
            assert first_line(err).startswith(message), (command, err)
    if code:
        assert len({first_line(err) for _, _, err in outcomes.values()}) == 1, outcomes


def test_import_reads_a_known_theme_as_every_command_does(glossary_file: Path) -> None:
    sheet = glossary_file.parent / "feuille.csv"
    sheet.write_text("terme;définition;thème\nA;Texte.;transit\nB;Texte.;Cuisine\n", "utf-8")
    target = glossary_file.parent / "importe.toml"
    code, _, err = outcome(
        "--no-bundled", "-g", str(glossary_file), "import", str(sheet), "-o", str(target)
    )
    assert code == 0, err
    imported = load_glossary([glossary_file, target])
    assert imported["a"].themes == ("transitions",)
    assert imported["b"].themes == ("cuisine",)  # a theme the file lacks is created


def test_theme_errors(glossary: Glossary) -> None:
    with pytest.raises(AmbiguousTheme) as ambiguous:
        resolve.theme(glossary, "eco")
    assert {theme.id for theme in ambiguous.value.candidates} == {"economie", "ecosystemes"}
    with pytest.raises(ThemeNotFound) as missing:
        resolve.theme(glossary, "   ")
    assert "Thèmes disponibles" in missing.value.message


# --- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("markdown", "markdown"),
        ("md", "markdown"),
        ("MD", "markdown"),
        ("htm", "html"),
        ("ttl", "skos"),
        ("jsonld", "skos-jsonld"),
        ("JSON", "json"),
        (".csv", "csv"),
    ],
)
def test_format_names_and_aliases(glossary_file: Path, name: str, expected: str) -> None:
    assert exporters.resolve(name).name == expected
    code, out, err = outcome(
        "--no-bundled", "-g", str(glossary_file), "export", "-f", name, "--term", "scop"
    )
    if expected not in ("markdown", "json", "csv"):
        return  # the other formats need extras; the resolution above is what matters
    assert code == 0, err
    assert out


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("xlsx", "csv"), ("ods", "csv"), ("odt", "docx"), ("jsn", "json"), ("xyz", None)],
)
def test_an_unknown_format_names_the_valid_ones(
    glossary_file: Path, name: str, suggestion: str | None
) -> None:
    with pytest.raises(UnknownFormat) as error:
        exporters.resolve(name)
    assert error.value.suggestion == suggestion
    code, out, err = outcome("--no-bundled", "-g", str(glossary_file), "export", "-f", name)
    assert code == 2
    assert out == ""
    assert err.startswith(f"Erreur{NBSP}: Valeur invalide pour «{NBSP}--format / -f{NBSP}»")
    assert f"format inconnu «{NBSP}{name}{NBSP}»" in err
    assert "markdown, html" in err and "skos-jsonld" in err
    if suggestion:
        assert f"vouliez-vous dire «{NBSP}{suggestion}{NBSP}»" in err


def test_format_completion_offers_names_and_aliases() -> None:
    assert {"markdown", "md", "mermaid", "mmd"} <= set(exporters.format_names("m"))


# --- glossary files --------------------------------------------------------------------------


def test_a_glossary_file_is_found_without_its_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reseau.toml").write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert paths.glossary_file(Path("reseau")) == Path("reseau.toml")
    assert paths.glossary_file(Path("reseau.toml")) == Path("reseau.toml")
    assert paths.glossary_file(Path("absent")) == Path("absent")
    result = run("--no-bundled", "-g", "reseau", "define", "scop", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "scop"


def test_search_sets_a_leading_article_aside(glossary_file: Path) -> None:
    code, out, err = outcome(
        "--no-bundled", "-g", str(glossary_file), "search", "l’économie", "solidaire", "--json"
    )
    assert code == 0, err
    assert "economie-solidaire" in [hit["id"] for hit in json.loads(out)]
    code, out, _ = outcome(
        "--no-bundled", "-g", str(glossary_file), "search", "la", "solidarité", "--json"
    )
    assert [hit["id"] for hit in json.loads(out)] == ["economie-solidaire"]


def test_check_and_add_find_a_glossary_file_without_its_suffix(
    glossary_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(glossary_file.parent)
    fresh_file(glossary_file.parent)
    result = run("--no-bundled", "check", "atelier")
    assert result.exit_code == 0, result.stdout
    assert "atelier.toml" in result.stdout or "1 fichier" in result.stdout
    code, _, err = outcome(
        "--no-bundled",
        "-g",
        str(glossary_file),
        "add",
        "--to",
        "ajout",
        "--label",
        "Nouvelle",
        "--definition",
        "Texte.",
    )
    assert code == 0, err
    assert "nouvelle" in (glossary_file.parent / "ajout.toml").read_text(encoding="utf-8")
