"""Loading glossary files: the bundled one, files given by path, and bad files.

Every bad file must give a GlossaryError (exit code 3) whose message is
`file:line: message` in French, both from the loader and through `esslex check`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from esslex.errors import EXIT_BAD_DATA, GlossaryError
from esslex.glossary.loader import load_default, load_glossary
from esslex.glossary.model import Equivalent, Rights, is_jurisdiction
from esslex.glossary.paths import bundled_path
from support.cli import SCRIPT, run
from support.glossaries import (
    CC_BY_SA,
    GOOD_HEAD,
    RIGHTS_GLOSSARY,
    bundled_term_count,
    write_glossary,
)
from support.hostile import (
    HOSTILE_FILES,
    NBSP,
    HostileFile,
    assert_error_line,
    assert_hostile_file_error,
    write_hostile_file,
)

VALID = """\
[glossary]
id = "essai"
title = "Glossaire d’essai"

[[theme]]
id = "demo"
label = "Démonstration"

[[term]]
id = "alpha"
label = "Alpha"
themes = ["demo"]
definition = "Première entrée."
related = ["beta"]

[[term]]
id = "beta"
label = "Bêta"
themes = ["demo"]
definition = "Seconde entrée."
broader = ["alpha"]
"""


def line_of(text: str, marker: str) -> int:
    """Line number (from 1) of the only line containing `marker`."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(found) == 1, f"{marker!r} on lines {found}"
    return found[0]


# --- the bundled glossary ---------------------------------------------------------------


def test_bundled_glossary_loads_all_entries() -> None:
    glossary = load_default()
    assert len(glossary) == bundled_term_count()
    assert glossary.info.id == "devisus"
    assert "ptce" in [term.id for term in glossary]
    assert "economie-sociale-et-solidaire" in [term.id for term in glossary]


def test_bundled_themes_resolve() -> None:
    glossary = load_default()
    assert 8 <= len(glossary.themes) <= 12  # issue 22: a day's worth under each
    for term in glossary:
        assert term.themes, term.id
        for theme_id in term.themes:
            assert glossary.theme(theme_id) is not None, (term.id, theme_id)
    for theme in glossary.themes:
        assert len(glossary.terms_of_theme(theme.id)) >= 3, theme.id


def test_bundled_related_is_symmetric() -> None:
    glossary = load_default()
    pairs = 0
    for term in glossary:
        for other in term.related:
            assert term.id in glossary[other].related, (term.id, other)
            pairs += 1
    assert pairs > 0
    # Written once in the file, on « Achats publics responsables » only.
    assert "achats-publics-responsables" in glossary["ecosysteme-action-publique"].related


def test_bundled_narrower_is_derived_from_broader() -> None:
    glossary = load_default()
    for term in glossary:
        for parent in term.broader:
            assert term.id in glossary[parent].narrower, (term.id, parent)
        for child in term.narrower:
            assert term.id in glossary[child].broader, (term.id, child)
    # Figurative senses of « écosystème » are related to it, not kinds of it.
    assert "ecosysteme" in glossary["ecosysteme-action-publique"].related
    assert glossary["ecosysteme"].narrower == ()
    for term in glossary:
        for parent in term.broader:
            assert term.id in glossary[parent].narrower


# --- files given by path ------------------------------------------------------------------


def test_file_by_path_loads_and_resolves_relations(tmp_path: Path) -> None:
    glossary = load_glossary([write_glossary(tmp_path / "glossaire.toml", text=VALID)])
    assert [term.id for term in glossary] == ["alpha", "beta"]
    assert glossary.info.title == "Glossaire d’essai"
    assert glossary["beta"].related == ("alpha",)
    assert glossary["alpha"].narrower == ("beta",)
    assert glossary["beta"].label == "Bêta"
    assert glossary.theme("demo") is not None
    assert glossary.theme("demo").label == "Démonstration"


def test_file_by_path_overrides_bundled_entry_by_id(tmp_path: Path) -> None:
    path = write_glossary(
        tmp_path / "glossaire.toml",
        text="""\
[[term]]
id = "ptce"
label = "Pôle de coopération (version locale)"
themes = ["territoires"]
definition = "Définition locale."
related = ["cooperation"]

[[term]]
id = "jardin-partage"
label = "Jardin partagé"
themes = ["territoires"]
definition = "Lieu partagé."
related = ["ptce"]
""",
    )
    glossary = load_default([path])
    assert len(glossary) == bundled_term_count() + 1
    assert glossary["ptce"].label == "Pôle de coopération (version locale)"
    assert glossary["ptce"].glossary == str(path)
    assert glossary["cooperation"].glossary == str(bundled_path())
    assert ("ptce", str(bundled_path()), str(path)) in glossary.overrides
    # Relations between the two files resolve both ways.
    assert "jardin-partage" in glossary["ptce"].related
    assert "ptce" in glossary["cooperation"].related

    checked = run("-g", str(path), "check")

    code, output = checked.exit_code, checked.output
    assert code == 0, output
    assert (
        f"{path}:1: info{NBSP}: «{NBSP}ptce{NBSP}» remplace l’entrée de {bundled_path()}" in output
    )
    assert "remplace l’entrée de" in output


def test_later_file_overrides_earlier_one(tmp_path: Path) -> None:
    first = write_glossary(tmp_path / "premier.toml", text=VALID)
    second = write_glossary(
        tmp_path / "second.toml",
        text='[[term]]\nid = "alpha"\nlabel = "Alpha bis"\ndefinition = "Remplacée."\n',
    )
    glossary = load_glossary([first, second])
    assert glossary["alpha"].label == "Alpha bis"
    assert glossary["alpha"].definition == "Remplacée."
    assert len(glossary) == 2


# --- bad files ------------------------------------------------------------------------------

ALPHA_HEAD = '[[term]]\nid = "alpha"\n'

# (case, file text, marker of the line to report or None, expected French fragment)
BAD_FILES: list[tuple[str, str | bytes, str | None, str]] = [
    (
        "syntaxe-guillemet",
        ALPHA_HEAD + 'label = "Alpha\ndefinition = "d"\n',
        'label = "Alpha',
        "erreur de syntaxe TOML",
    ),
    (
        "syntaxe-egal",
        ALPHA_HEAD + 'label "Alpha"\ndefinition = "d"\n',
        'label "Alpha"',
        f"erreur de syntaxe TOML, colonne 7{NBSP}: «{NBSP}={NBSP}» attendu après la clé",
    ),
    (
        "syntaxe-chaine-multiligne",
        ALPHA_HEAD + 'label = "Alpha"\ndefinition = """\nTexte jamais fermé.\n\n',
        'definition = """',
        f"erreur de syntaxe TOML{NBSP}: chaîne non terminée",
    ),
    (
        "syntaxe-cle-double",
        ALPHA_HEAD + 'label = "Alpha"\nlabel = "Alpha 2"\ndefinition = "d"\n',
        'label = "Alpha 2"',
        "valeur redéfinie",
    ),
    (
        "chaine-au-lieu-de-liste",
        ALPHA_HEAD + 'label = "Alpha"\ndefinition = "d"\nthemes = "demo"\n',
        'themes = "demo"',
        f"«{NBSP}themes{NBSP}» doit être une liste de chaînes, par exemple themes = [",
    ),
    (
        "entier-au-lieu-de-chaine",
        ALPHA_HEAD + 'label = 42\ndefinition = "d"\n',
        "label = 42",
        f"«{NBSP}label{NBSP}» doit être une chaîne de caractères, pas un entier",
    ),
    (
        "liste-de-non-chaines",
        ALPHA_HEAD + 'label = "Alpha"\ndefinition = "d"\nrelated = [1, 2]\n',
        "related = [1, 2]",
        f"«{NBSP}related{NBSP}» doit être une liste de chaînes",
    ),
    (
        "annee-texte",
        ALPHA_HEAD
        + 'label = "Alpha"\ndefinition = "d"\n[[term.sources]]\ntitle = "T"\nyear = "2014"\n',
        "[[term.sources]]",
        f"«{NBSP}year{NBSP}» doit être un entier (ex. 2014)",
    ),
    (
        "champ-obligatoire",
        '\n[[term]]\nid = "alpha"\nlabel = "Alpha"\n',
        "[[term]]",
        f"champ obligatoire «{NBSP}definition{NBSP}» absent dans une entrée",
    ),
    (
        "champ-inconnu",
        ALPHA_HEAD + 'label = "Alpha"\ndefinition = "d"\nalt_label = ["A"]\n',
        "alt_label =",
        f"champ inconnu «{NBSP}alt_label{NBSP}» dans une entrée "
        f"(vouliez-vous dire «{NBSP}alt_labels{NBSP}»{NBSP}?)",
    ),
    (
        "table-inconnue",
        '[glossaire]\nid = "x"\n',
        "[glossaire]",
        f"champ inconnu «{NBSP}glossaire{NBSP}» dans le fichier "
        f"(vouliez-vous dire «{NBSP}glossary{NBSP}»{NBSP}?)",
    ),
    (
        "identifiant-invalide",
        '[[term]]\nid = "Mon Terme"\nlabel = "Alpha"\ndefinition = "d"\n',
        'id = "Mon Terme"',
        f"identifiant «{NBSP}Mon Terme{NBSP}» invalide{NBSP}: minuscules ASCII",
    ),
    (
        "pas-utf8",
        ALPHA_HEAD.encode() + 'label = "Économie"\ndefinition = "d"\n'.encode("latin-1"),
        'label = "',
        "le fichier n’est pas en UTF-8 (octet 0xc9 invalide)",
    ),
]


@pytest.mark.parametrize(
    ("text", "marker", "fragment"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_file_is_reported_with_file_line_and_french_message(
    tmp_path: Path, text: str | bytes, marker: str, fragment: str
) -> None:
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    shown = text if isinstance(text, str) else text.decode("latin-1")
    line = line_of(shown, marker)

    with pytest.raises(GlossaryError) as caught:
        load_glossary([path])
    error = caught.value
    assert error.exit_code == EXIT_BAD_DATA == 3
    assert error.location.path == str(path)
    assert error.location.line == line
    assert str(error).startswith(f"{path}:{line}: ")
    assert fragment in str(error)

    checked = run("--no-bundled", "check", str(path))

    code, output = checked.exit_code, checked.output
    assert code == 3
    assert f"{path}:{line}: erreur{NBSP}: " in output
    assert fragment in output


def test_directory_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError) as caught:
        load_glossary([tmp_path])
    assert caught.value.exit_code == 3
    assert str(caught.value) == f"{tmp_path}: c’est un dossier, pas un fichier de glossaire"

    checked = run("--no-bundled", "check", str(tmp_path))

    code, output = checked.exit_code, checked.output
    assert code == 3
    assert f"{tmp_path}: erreur{NBSP}: c’est un dossier" in output


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"
    with pytest.raises(GlossaryError) as caught:
        load_glossary([missing])
    assert caught.value.exit_code == 3
    assert str(caught.value) == f"{missing}: fichier introuvable"

    checked = run("--no-bundled", "check", str(missing))

    code, output = checked.exit_code, checked.output
    assert code == 3
    assert f"{missing}: erreur{NBSP}: fichier introuvable" in output


def test_loader_reports_the_first_error_by_line_and_counts_the_others(tmp_path: Path) -> None:
    path = write_glossary(
        tmp_path / "glossaire.toml",
        text='[[term]]\nid = "Bad"\nlabel = 1\ndefinition = 2\nalt_label = []\n',
    )
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:2: identifiant «{NBSP}Bad{NBSP}» invalide")
    assert message.endswith(f"(et 3 autres erreurs{NBSP}; voir «{NBSP}esslex check{NBSP}»)")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "glossaire.toml", text=b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert len(load_glossary([path])) == 2


@pytest.mark.parametrize("text", ["", "\n\n", "# rien pour l’instant\n"])
def test_empty_file_is_bad_data(tmp_path: Path, text: str) -> None:
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    with pytest.raises(GlossaryError) as raised:
        load_glossary([path])
    assert raised.value.exit_code == 3
    assert (
        str(raised.value) == f"{path}: fichier vide{NBSP}: ni table [glossary] ni entrée [[term]]"
    )


@pytest.mark.parametrize("text", ['[glossary]\nid = "x"\n'])
def test_glossary_without_entries_loads_and_check_warns(tmp_path: Path, text: str) -> None:
    # A new file (metadata only) must not break every command, but `esslex check` says so,
    # and `--strict` fails on it.
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    assert len(load_glossary([path])) == 0

    checked = run("--no-bundled", "check", str(path))

    code, output = checked.exit_code, checked.output
    assert code == 0
    assert f"{path}: avertissement{NBSP}: aucune entrée" in output

    checked = run("--no-bundled", "check", "--strict", str(path))

    code, output = checked.exit_code, checked.output
    assert code == 3
    assert "aucune entrée" in output


# --- no lone surrogates ------------------------------------------------------------------


def test_the_loader_cannot_produce_lone_surrogates(tmp_path: Path) -> None:
    escaped = tmp_path / "echappe.toml"
    escaped.write_text('[[term]]\nid = "a"\nlabel = "\\udc80"\ndefinition = "D."\n', "utf-8")
    raw = tmp_path / "brut.toml"
    raw.write_bytes(b'[[term]]\nid = "a"\nlabel = "\xed\xb2\x80"\ndefinition = "D."\n')
    for path, fragment in (
        (escaped, "caractère non valide dans une chaîne"),
        (raw, "le fichier n’est pas en UTF-8"),
    ):
        result = run("--no-bundled", "-g", str(path), "export", "--format", "tbx")
        assert result.exit_code == 3
        assert f"{path}:3: " in result.stderr and fragment in result.stderr


# --- rights: an origin's, or a source's own ----------------------------------------------


def test_rights_come_from_the_origin_unless_a_source_declares_its_own(tmp_path: Path) -> None:
    glossary = load_glossary([write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)])
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


# --- bad files: one French line, exit 3 --------------------------------------------------


# Slow: 10 000 nested keys take the TOML parser a second; `check` meets them every day
# (tests/cli/test_check.py::test_check_reports_each_bad_file).
_SLOW_FILES = {"deep-table-header"}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case, id=case.name, marks=[pytest.mark.slow] if case.name in _SLOW_FILES else []
        )
        for case in HOSTILE_FILES
    ],
)
@pytest.mark.parametrize(
    "command",
    # A reading command (the cached glossary) and a command that loads the files.
    [("define", "ESS"), ("export", "--format", "json")],
    ids=lambda command: command[0],
)
def test_bad_glossary_option_is_one_french_line_and_exit_3(
    tmp_path: Path, case: HostileFile, command: tuple[str, ...]
) -> None:
    path = write_hostile_file(case, tmp_path)
    result = run("--glossary", str(path), *command)
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    assert_hostile_file_error(result.stderr, path, case)


def test_a_bad_file_among_several_names_itself_and_check_reads_the_others(
    tmp_path: Path,
) -> None:
    good = tmp_path / "bon.toml"
    good.write_text(
        GOOD_HEAD
        + '[[term]]\nid = "jardin-partage"\nlabel = "Jardin partagé"\ndefinition = "D."\n',
        encoding="utf-8",
    )
    bad = write_hostile_file(HOSTILE_FILES[0], tmp_path)
    result = run("-g", str(good), "-g", str(bad), "define", "jardin-partage")
    assert result.exit_code == 3
    assert_error_line(result.stderr, bad, 7, "erreur de syntaxe TOML")

    report = json.loads(run("-g", str(good), "-g", str(bad), "check", "--json").stdout)
    assert report["terms"] == bundled_term_count() + 1
    assert {finding["file"] for finding in report["findings"]} >= {str(bad), str(good)}


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n   \n", b"# un commentaire seulement\n", b"\xef\xbb\xbf"],
    ids=["empty", "blank", "comment", "bom"],
)
def test_an_empty_file_is_bad_data_and_check_still_reports_the_bundled_entries(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "vide.toml"
    path.write_bytes(content)
    message = f"Erreur{NBSP}: {path}: fichier vide{NBSP}: ni table [glossary] ni entrée [[term]]\n"
    found = run("-g", str(path), "define", "ESS")
    assert (found.exit_code, found.stdout, found.stderr) == (3, "", message)
    checked = run("-g", str(path), "check", "--json")
    assert checked.exit_code == 3
    report = json.loads(checked.stdout)
    assert report["terms"] == bundled_term_count()
    assert [f["code"] for f in report["findings"] if f["level"] == "error"] == ["unreadable"]


# --- a 50 MB file ------------------------------------------------------------------------


FIFTY_MB = 50_000


def _huge(path: Path, tail: str) -> Path:
    # 50 000 lines of 1 000 characters in one definition: written in a fraction of a second.
    with path.open("w", encoding="utf-8") as handle:
        handle.write('[[term]]\nid = "enorme"\nlabel = "Énorme"\ndefinition = \'\'\'\n')
        handle.write(("x" * 999 + "\n") * FIFTY_MB)
        handle.write("'''\n" + tail)
    assert path.stat().st_size > 50_000_000
    return path


# Started by a small Python of its own, which reports its child's peak: a process forked
# from the test run counts the run's memory in its own peak until it executes (Linux keeps
# the highest mark of the memory it leaves), and the test run grows with the suite.
_PEAK_OF_CHILD = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:], stdout=sys.stdout, stderr=sys.stderr)
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def _measured(*args: str | Path) -> tuple[int, str, str, int]:
    """Exit code, stdout, stderr and peak memory (kB) of the installed script."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "pic"
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            command = [str(SCRIPT), *(str(arg) for arg in args)]
            subprocess.run(
                [sys.executable, "-c", _PEAK_OF_CHILD, str(report), *command],
                stdout=out,
                stderr=err,
                env={**os.environ, "NO_COLOR": "1"},
                check=False,
            )
            out.seek(0)
            err.seek(0)
            code, peak = map(int, report.read_text().split())
            peak //= 1024 if sys.platform == "darwin" else 1
            return code, out.read().decode(), err.read().decode(), peak


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "wait4"), reason="mesure de la mémoire par wait4 (POSIX)")
def test_a_50_mb_file_gets_its_answer_without_eating_the_memory(tmp_path: Path) -> None:
    invalid = _huge(tmp_path / "enorme-invalide.toml", "= oups\n")
    code, out, err, peak = _measured("--glossary", invalid, "define", "ESS")
    assert code == 3
    assert out == ""
    assert_error_line(err, invalid, FIFTY_MB + 6, "erreur de syntaxe TOML")
    assert peak < 1_000_000, f"{peak} kB"

    code, out, err, peak = _measured("check", invalid)
    assert code == 3 and err == ""
    assert f"{invalid}:{FIFTY_MB + 6}: erreur{NBSP}: erreur de syntaxe TOML" in out
    assert peak < 1_000_000, f"{peak} kB"

    valid = _huge(tmp_path / "enorme.toml", "")
    code, out, err, peak = _measured("check", valid)
    assert code == 0, err
    assert out.splitlines()[-1].startswith(f"2 fichiers, {bundled_term_count() + 1} entrées")
    assert peak < 1_000_000, f"{peak} kB"


# Each entry twice: as written, then with an empty `note` in each source (an empty field is
# read as absent: the same entry).
SAME_ENTRY_BOTH_WAYS = [
    (
        'label = "  Alpha  "\ndefinition = "Ligne un.  \\r\\nLigne deux.\\t\\n\\n"\n'
        'alt_labels = ["A", "B", "A"]\nrelated = ["autre", "autre"]\nnotes = ["n ", "n "]\n'
    ),
    'label = "Beta"\ndefinition = "Texte."\nhidden_labels = []\norigin = "esslex"\n',
    'label = "Gamma"\ndefinition = "Texte."\nbroader = ["autre"]\nthemes = ["demo", "demo"]\n',
]
SOURCES = [
    'title = "Loi"\nyear = 2014\nurl = "https://example.org/loi"\n',
    'title = "Article"\nrights = "© Auteur"\nlicence = "CC BY-SA 4.0"\n',
]


@pytest.mark.parametrize("body", SAME_ENTRY_BOTH_WAYS)
@pytest.mark.parametrize("sources", [SOURCES[:1], SOURCES])
def test_an_empty_source_field_reads_as_absent(
    tmp_path: Path, body: str, sources: list[str]
) -> None:
    def entry(term_id: str, empty_note: bool) -> str:
        tables = "".join(
            f"\n[[term.sources]]\n{source}" + ('note = ""\n' if empty_note else "")
            for source in sources
        )
        return f'[[term]]\nid = "{term_id}"\n{body}{tables}\n'

    text = (
        '[glossary]\nid = "essai"\n[glossary.origins.esslex]\nrights = "© esslex"\n'
        '[[theme]]\nid = "demo"\nlabel = "Démo"\n'
        '[[term]]\nid = "autre"\nlabel = "Autre"\ndefinition = "Autre."\n'
        + entry("plain", empty_note=False)
        + entry("checked", empty_note=True)
    )
    glossary = load_glossary([write_glossary(tmp_path / "glossaire.toml", text=text)])
    plain, checked = glossary["plain"], glossary["checked"]
    assert checked._replace(id="plain") == plain
    assert plain.definition.startswith(("Ligne un.\nLigne deux.", "Texte."))


@pytest.mark.slow
def test_an_error_deep_in_a_large_file_gives_its_line(
    tmp_path: Path, glossary_builder: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    path = glossary_builder(tmp_path / "grand.toml", count=300)
    lines = path.read_text(encoding="utf-8").splitlines()
    middle = [number for number, line in enumerate(lines) if line == "[[term]]"][150]
    lines.insert(middle + 2, "year = 2014")  # a key entries do not have, after `id`
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("--no-bundled", "-g", str(path), "define", "coopération")
    assert result.exit_code == 3
    assert f"{path}:{middle + 3}: champ inconnu «{NBSP}year{NBSP}» dans une entrée" in result.stderr


def test_an_entry_related_to_itself_loads_without_that_relation(tmp_path: Path) -> None:
    text = '[[term]]\nid = "seul"\nlabel = "Seul"\ndefinition = "Texte."\nrelated = ["seul"]\n'
    assert (
        load_glossary([write_glossary(tmp_path / "glossaire.toml", text=text)])["seul"].related
        == ()
    )


def test_jurisdictions_and_equivalents_are_read(tmp_path: Path) -> None:
    path = tmp_path / "places.toml"
    path.write_text(
        GOOD_HEAD + '[[term]]\nid = "asbl"\nlabel = "ASBL"\ndefinition = "Une association."\n'
        'jurisdictions = ["BE", "BE-WAL", "BE"]\n'
        '[[term.equivalents]]\nlang = "nl"\nlabel = "vzw"\n'
        'source = "Moniteur belge, version néerlandaise"\n'
        'url = "https://www.ejustice.just.fgov.be/"\n',
        encoding="utf-8",
    )
    term = load_glossary([path])["asbl"]
    assert term.jurisdictions == ("BE", "BE-WAL")
    assert term.equivalents == (
        Equivalent(
            "nl",
            "vzw",
            "Moniteur belge, version néerlandaise",
            "https://www.ejustice.just.fgov.be/",
        ),
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('jurisdictions = ["Belgique"]', "juridiction «\u00a0Belgique\u00a0» inconnue"),
        (
            '[[term.equivalents]]\nlang = "anglais (GB)"\nlabel = "x"\nsource = "Un texte"',
            "«\u00a0anglais (GB)\u00a0» n’est pas une étiquette de langue",
        ),
        (
            '[[term.equivalents]]\nlang = "en"\nlabel = "no source"',
            "champ obligatoire «\u00a0source\u00a0» absent dans un équivalent",
        ),
        ('equivalents = "social economy"', "«\u00a0equivalents\u00a0» doit être un tableau"),
    ],
)
def test_wrong_jurisdictions_and_equivalents_are_refused(
    tmp_path: Path, written: str, message: str
) -> None:
    path = tmp_path / "faux.toml"
    path.write_text(
        GOOD_HEAD + f'[[term]]\nid = "faux"\nlabel = "Faux"\ndefinition = "Faux."\n{written}\n',
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as error:
        load_glossary([path])
    assert error.value.exit_code == EXIT_BAD_DATA
    assert message in str(error.value)


def test_every_bundled_entry_says_where_it_holds() -> None:
    for term in load_default():
        assert term.jurisdictions, term.id
        assert all(is_jurisdiction(code) for code in term.jurisdictions), term.id
