"""`esslex check`: one test per check on a small bad glossary, exit codes, --strict, --json.

Each bad glossary is a clean one (no finding at all under --strict) plus one defect, marked
`# ici` on the line the finding must point to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.glossary.paths import bundled_path, user_glossary_dir
from support.cli import outcome, run
from support.glossaries import RIGHTS_GLOSSARY, bundled_term_count, write_glossary
from support.hostile import (
    BIDI,
    CSI,
    HOSTILE_FILES,
    MARKUP,
    NBSP,
    OSC,
    PLAIN,
    SGR,
    TERMINAL,
    HostileFile,
    assert_error_line,
    assert_inert,
    assert_one_line,
    flat,
    write_hostile_file,
)
from support.properties import FIXTURES_OK, examples

CLEAN = """\
[glossary]
id = "essai"
title = "Glossaire d’essai"

[[theme]]
id = "t1"
label = "Thème un"

[[term]]
id = "alpha"
label = "Alpha"
themes = ["t1"]
definition = "Définition d’alpha."
related = ["beta"]
[[term.sources]]
title = "Source d’essai"

[[term]]
id = "beta"
label = "Bêta"
themes = ["t1"]
definition = "Définition de bêta."
[[term.sources]]
title = "Source d’essai"
"""


def term(
    term_id: str,
    *,
    header: str = "[[term]]",
    label: str | None = None,
    themes: str | None = '["t1"]',
    definition: str = '"Une définition."',
    related: str | None = '["alpha"]',
    broader: str | None = None,
    alt_labels: str | None = None,
    hidden_labels: str | None = None,
    source: bool = True,
) -> str:
    """A [[term]] table; each argument is the raw TOML after `key = ` (a `# ici` may follow)."""
    lines = [header, f'id = "{term_id}"', f"label = {label or json.dumps(term_id.title())}"]
    optional = {
        "alt_labels": alt_labels,
        "hidden_labels": hidden_labels,
        "themes": themes,
        "related": related,
        "broader": broader,
    }
    lines += [f"{key} = {value}" for key, value in optional.items() if value is not None]
    lines.append(f"definition = {definition}")
    if source:
        lines += ["[[term.sources]]", 'title = "Source d’essai"']
    return "\n" + "\n".join(lines) + "\n"


def line_of(text: str, marker: str = "# ici") -> int:
    found = [number for number, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(found) == 1, f"{marker!r} on lines {found}"
    return found[0]


def report(*args: str) -> tuple[int, dict[str, Any]]:
    code, output, _ = outcome(*args, "--json")
    return code, json.loads(output)


def only(data: dict[str, Any], code: str) -> dict[str, Any]:
    found = [finding for finding in data["findings"] if finding["code"] == code]
    assert len(found) == 1, data["findings"]
    return found[0]


def check_one(
    tmp_path: Path, text: str, code: str, level: str, marker: str = "# ici"
) -> tuple[int, dict[str, Any]]:
    """Check `text` alone; the one finding `code` has `level` and points at `marker`'s line."""
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    exit_code, data = report("--no-bundled", "check", str(path))
    finding = only(data, code)
    assert finding["level"] == level
    assert finding["file"] == str(path)
    assert finding["line"] == line_of(text, marker)
    return exit_code, finding


# --- the clean baseline ------------------------------------------------------------------


def test_clean_glossary_has_no_finding_even_strict(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "glossaire.toml", text=CLEAN + term("gamma"))
    code, output, _ = outcome("--no-bundled", "check", "--strict", str(path))
    assert code == 0
    assert output == f"1 fichier, 3 entrées{NBSP}: 0 erreur, 0 avertissement, 0 information.\n"


def test_bundled_glossary_passes_strict() -> None:
    code, output, _ = outcome("check", "--strict")
    assert code == 0, output
    assert output == (
        f"1 fichier, {bundled_term_count()} entrées{NBSP}: 0 erreur, 0 avertissement,"
        " 0 information.\n"
    )


# --- one test per check ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "what", "guess"),
    [
        ("related", '["betta"]  # ici', "terme", "beta"),
        ("broader", '["alpah"]  # ici', "terme", "alpha"),
        ("themes", '["t11"]  # ici', "thème", "t1"),
    ],
)
def test_broken_reference(tmp_path: Path, key: str, value: str, what: str, guess: str) -> None:
    text = CLEAN + term("gamma", **{key: value})
    code, finding = check_one(tmp_path, text, "broken-reference", "error")
    assert code == 3
    unknown = value.split('"')[1]
    assert (
        f"{what} inconnu «{NBSP}{unknown}{NBSP}» dans «{NBSP}{key}{NBSP}» "
        f"(vouliez-vous dire «{NBSP}{guess}{NBSP}»{NBSP}?)"
    ) in finding["message"]


def test_duplicate_id(tmp_path: Path) -> None:
    text = CLEAN + term("alpha", header="[[term]]  # ici", label='"Alpha doublon"')
    code, finding = check_one(tmp_path, text, "duplicate-id", "error")
    assert code == 3
    first = line_of(CLEAN, 'id = "alpha"') - 1
    assert finding["message"] == f"identifiant «{NBSP}alpha{NBSP}» déjà utilisé ligne {first}"


def test_duplicate_theme_id(tmp_path: Path) -> None:
    text = CLEAN + '\n[[theme]]  # ici\nid = "t1"\nlabel = "Encore"\n'
    code, finding = check_one(tmp_path, text, "duplicate-id", "error")
    assert code == 3
    assert finding["message"] == f"thème «{NBSP}t1{NBSP}» déjà déclaré ligne 5"


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        # Another entry's label as alternative label, other case and accent.
        ({"alt_labels": '["BÉTA"]  # ici'}, "Bêta"),
        # The same label, in another case and without its accent.
        ({"label": '"BETA"  # ici'}, "Bêta"),
        # As a hidden label, and in the plural: lookup folds both.
        ({"hidden_labels": '["alphas"]  # ici'}, "Alpha"),
    ],
)
def test_same_label_in_two_entries(tmp_path: Path, fields: dict[str, str], shown: str) -> None:
    text = CLEAN + term("gamma", **fields)
    code, finding = check_one(tmp_path, text, "ambiguous-label", "warning")
    assert code == 0
    assert finding["message"].startswith(f"«{NBSP}{shown}{NBSP}» désigne plusieurs entrées (")
    assert "la recherche serait ambiguë" in finding["message"]


def test_label_equal_to_its_own_alt_label(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", label='"Gamma"', alt_labels='["Γ", "gammà"]  # ici')
    code, finding = check_one(tmp_path, text, "alt-equals-label", "warning")
    assert code == 0
    assert finding["message"] == (
        f"«{NBSP}gamma{NBSP}»{NBSP}: le libellé alternatif «{NBSP}gammà{NBSP}» équivaut au libellé"
    )


@pytest.mark.parametrize("key", ["related", "broader"])
def test_relation_to_itself(tmp_path: Path, key: str) -> None:
    fields = {"related": '["alpha"]'} | {key: '["gamma", "alpha"]  # ici'}
    text = CLEAN + term("gamma", **fields)
    code, finding = check_one(tmp_path, text, "self-relation", "warning")
    assert code == 0
    assert (
        finding["message"] == f"«{NBSP}gamma{NBSP}» est relié à lui-même dans «{NBSP}{key}{NBSP}»"
    )


def test_pair_both_related_and_broader(tmp_path: Path) -> None:
    # Written on the narrower entry; the other id sorts after it, the pair is reported once.
    text = CLEAN + term("aaa", related='["beta"]', broader='["beta"]  # ici')
    code, finding = check_one(tmp_path, text, "related-and-broader", "warning")
    assert code == 0
    assert finding["message"] == (
        f"«{NBSP}aaa{NBSP}» et «{NBSP}beta{NBSP}» sont à la fois associés et hiérarchiques"
    )


def test_pair_related_on_the_broader_side(tmp_path: Path) -> None:
    text = (
        CLEAN
        + term("gamma", related='["alpha", "delta"]')
        + term("delta", broader='["gamma"]  # ici')
    )
    code, _ = check_one(tmp_path, text, "related-and-broader", "warning")
    assert code == 0


def test_cycle_in_broader(tmp_path: Path) -> None:
    text = (
        CLEAN
        + term("gamma", broader='["delta"]  # ici')
        + term("delta", broader='["epsilon"]')
        + term("epsilon", broader='["gamma"]')
    )
    code, finding = check_one(tmp_path, text, "broader-cycle", "error")
    assert code == 3
    assert finding["message"] == (
        f"cycle dans «{NBSP}broader{NBSP}»{NBSP}: gamma → delta → epsilon → gamma"
    )


def test_empty_label(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", label='"  "  # ici')
    code, finding = check_one(tmp_path, text, "empty-label", "error")
    assert code == 3
    assert finding["message"] == "libellé vide"


def test_empty_definition(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", definition='"""\n\n"""  # ici')
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    code, data = report("--no-bundled", "check", str(path))
    finding = only(data, "empty-definition")
    assert code == 3
    assert finding["level"] == "error"
    assert finding["line"] == line_of(text, 'definition = """')
    assert finding["message"] == f"définition vide pour «{NBSP}gamma{NBSP}»"


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"label": '"Gam\\u001b[31mma"  # ici'}, "label"),
        ({"alt_labels": '["Gam\\u0007ma"]  # ici'}, "alt_labels"),
        ({"hidden_labels": '["gam\\u200bma"]  # ici'}, "hidden_labels"),
        ({"definition": '"Texte \\u202eà l’envers."  # ici'}, "definition"),
    ],
)
def test_control_characters(tmp_path: Path, fields: dict[str, str], key: str) -> None:
    text = CLEAN + term("gamma", **fields)
    code, finding = check_one(tmp_path, text, "control-characters", "warning")
    assert code == 0
    assert finding["message"] == (
        f"«{NBSP}gamma{NBSP}»{NBSP}: caractères de contrôle ou invisibles dans «{NBSP}{key}{NBSP}»"
    )


def test_check_output_never_carries_terminal_escapes(tmp_path: Path) -> None:
    # Messages quote the data (here an unknown id and an unknown field): no escape may
    # reach the terminal.
    text = CLEAN + term("gamma", related='["alpha", "\\u001b]0;titre\\u0007x\\u001b[2J"]')
    text += '"cl\\u001b[31mef" = 1\n'
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    code, output, _ = outcome("--no-bundled", "check", str(path))
    assert code == 3
    assert f"terme inconnu «{NBSP}x{NBSP}»" in output
    assert f"champ inconnu «{NBSP}clef{NBSP}»" in output
    assert "\x1b" not in output
    assert "\x07" not in output


def test_entry_without_theme(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", header="[[term]]  # ici", themes=None)
    code, finding = check_one(tmp_path, text, "no-theme", "warning")
    assert code == 0
    assert finding["message"] == f"«{NBSP}gamma{NBSP}» n’a aucun thème"


def test_entry_without_relation(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", header="[[term]]  # ici", related=None)
    code, finding = check_one(tmp_path, text, "no-relation", "warning")
    assert code == 0
    assert finding["message"] == f"«{NBSP}gamma{NBSP}» n’est relié à aucune autre entrée"


def test_relation_written_on_the_other_side_counts(tmp_path: Path) -> None:
    # beta has no `related` of its own: alpha's link is enough (CLEAN has no finding).
    text = CLEAN + term("gamma", related=None, broader='["beta"]')
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    code, data = report("--no-bundled", "check", "--strict", str(path))
    assert code == 0
    assert data["findings"] == []


def test_entry_without_source(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", header="[[term]]  # ici", source=False)
    code, finding = check_one(tmp_path, text, "no-source", "warning")
    assert code == 0
    assert finding["message"] == f"«{NBSP}gamma{NBSP}» n’a aucune source"


def test_theme_with_one_entry(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "[[term]]", '[[theme]]  # ici\nid = "t2"\nlabel = "Thème deux"\n\n[[term]]', 1
    ) + term("gamma", themes='["t1", "t2"]')
    code, finding = check_one(tmp_path, text, "theme-single-entry", "warning")
    assert code == 0
    assert finding["message"] == f"le thème «{NBSP}t2{NBSP}» n’a qu’une entrée"


def test_theme_without_entry_is_an_info(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "[[term]]", '[[theme]]  # ici\nid = "t2"\nlabel = "Thème deux"\n\n[[term]]', 1
    )
    code, finding = check_one(tmp_path, text, "theme-empty", "info")
    assert code == 0
    assert finding["message"] == f"le thème «{NBSP}t2{NBSP}» n’a aucune entrée"


# --- exit codes, --strict, output ---------------------------------------------------------


def test_warnings_alone_exit_0_and_fail_with_strict(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "glossaire.toml", text=CLEAN + term("gamma", source=False))
    code, output, _ = outcome("--no-bundled", "check", str(path))
    assert code == 0
    line = line_of(CLEAN + term("gamma"), 'id = "gamma"') - 1
    assert f"{path}:{line}: avertissement{NBSP}: «{NBSP}gamma{NBSP}» n’a aucune source\n" in output
    assert output.endswith(
        f"1 fichier, 3 entrées{NBSP}: 0 erreur, 1 avertissement, 0 information.\n"
    )

    code, output, _ = outcome("--no-bundled", "check", "--strict", str(path))
    assert code == 3
    assert "n’a aucune source" in output


def test_errors_exit_3_and_come_first(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", source=False, related='["alpha", "nulle-part"]  # ici')
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    code, output, _ = outcome("--no-bundled", "check", str(path))
    assert code == 3
    lines = output.splitlines()
    assert lines[0].startswith(f"{path}:{line_of(text)}: erreur{NBSP}: «{NBSP}gamma{NBSP}»{NBSP}: ")
    assert "avertissement" in lines[1]
    assert lines[-1].startswith("1 fichier, 3 entrées")


def test_json_report_shape(tmp_path: Path) -> None:
    text = CLEAN + term("gamma", source=False, related='["alpha", "nulle-part"]  # ici')
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    code, data = report("--no-bundled", "check", str(path))
    assert code == 3
    assert list(data) == ["files", "terms", "errors", "warnings", "infos", "findings"]
    assert data["files"] == [str(path)]
    assert (data["terms"], data["errors"], data["warnings"], data["infos"]) == (3, 1, 1, 0)
    assert len(data["findings"]) == 2
    for finding in data["findings"]:
        assert list(finding) == ["level", "code", "message", "file", "line"]
    assert data["findings"][0] == {
        "level": "error",
        "code": "broken-reference",
        "message": f"«{NBSP}gamma{NBSP}»{NBSP}: terme inconnu «{NBSP}nulle-part{NBSP}» dans «{NBSP}related{NBSP}»",
        "file": str(path),
        "line": line_of(text),
    }
    assert data["findings"][1]["level"] == "warning"
    assert data["findings"][1]["code"] == "no-source"
    assert isinstance(data["findings"][1]["line"], int)


def test_json_clean_report(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "glossaire.toml", text=CLEAN)
    code, data = report("--no-bundled", "check", "--strict", str(path))
    assert code == 0
    assert data == {
        "files": [str(path)],
        "terms": 2,
        "errors": 0,
        "warnings": 0,
        "infos": 0,
        "findings": [],
    }


def test_unreadable_file_has_null_line_in_json(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"
    code, data = report("--no-bundled", "check", str(missing))
    assert code == 3
    assert data["findings"] == [
        {
            "level": "error",
            "code": "unreadable",
            "message": "fichier introuvable",
            "file": str(missing),
            "line": None,
        }
    ]


# --- which files are checked ------------------------------------------------------------


def test_bad_glossary_option_does_not_hide_the_bundled_entries(tmp_path: Path) -> None:
    bad = write_glossary(tmp_path / "casse.toml", text='[[term]]\nid = "x"\nlabel = "X\n')
    code, data = report("-g", str(bad), "check")
    assert code == 3
    assert data["files"] == [str(bundled_path()), str(bad)]
    assert data["terms"] == bundled_term_count()
    assert data["errors"] == 1
    assert data["findings"][0]["file"] == str(bad)
    assert data["findings"][0]["line"] == 3


def test_one_bad_file_among_several_the_others_are_still_checked(tmp_path: Path) -> None:
    good = write_glossary(tmp_path / "bon.toml", text=CLEAN + term("gamma", source=False))
    missing = tmp_path / "absent.toml"
    code, data = report("--no-bundled", "check", str(good), str(missing))
    assert code == 3
    assert data["terms"] == 3
    assert {(f["code"], f["file"]) for f in data["findings"]} == {
        ("unreadable", str(missing)),
        ("no-source", str(good)),
    }


def test_files_are_checked_against_the_bundled_ids(tmp_path: Path) -> None:
    text = (
        '[[term]]\nid = "jardin-partage"\nlabel = "Jardin partagé"\nthemes = ["territoires"]\n'
        'definition = "Lieu partagé."\nrelated = ["ptce"]  # ici\n'
        '[[term.sources]]\ntitle = "Source d’essai"\n'
    )
    path = write_glossary(tmp_path / "glossaire.toml", text=text)
    code, data = report("check", "--strict", str(path))
    assert code == 0, data
    assert data["files"] == [str(bundled_path()), str(path)]
    assert data["terms"] == bundled_term_count() + 1

    # Without the bundled glossary, the same ids are broken references.
    code, data = report("--no-bundled", "check", str(path))
    assert code == 3
    assert {(f["code"], f["line"]) for f in data["findings"] if f["level"] == "error"} == {
        ("broken-reference", line_of(text)),
        ("broken-reference", line_of(text, "themes =")),
    }


def test_checking_the_bundled_file_itself_does_not_load_it_twice() -> None:
    code, data = report("check", "--strict", str(bundled_path()))
    assert code == 0
    assert data["files"] == [str(bundled_path())]
    assert data["infos"] == 0


def test_override_between_files_is_an_info(tmp_path: Path) -> None:
    first = write_glossary(tmp_path / "premier.toml", text=CLEAN)
    second = write_glossary(
        tmp_path / "second.toml", text=term("alpha", header="[[term]]  # ici", related='["beta"]')
    )
    code, data = report("--no-bundled", "check", "--strict", str(first), str(second))
    assert code == 0
    finding = only(data, "override")
    assert finding["level"] == "info"
    assert finding["file"] == str(second)
    assert finding["line"] == line_of(second.read_text())
    assert finding["message"] == f"«{NBSP}alpha{NBSP}» remplace l’entrée de {first}"


def test_without_file_check_covers_the_user_folder(tmp_path: Path) -> None:
    folder = user_glossary_dir()
    folder.mkdir(parents=True)
    mine = write_glossary(
        folder / "perso.toml",
        text=term("gamma", source=False, themes='["territoires"]', related='["ptce"]'),
    )
    code, data = report("check")
    assert code == 0
    assert data["files"] == [str(bundled_path()), str(mine)]
    assert data["terms"] == bundled_term_count() + 1
    assert [(f["code"], f["file"]) for f in data["findings"]] == [("no-source", str(mine))]


# --- property: check never raises --------------------------------------------------------


VOCABULARY = [
    *("glossary", "theme", "term", "sources", "id", "label", "definition", "alt_labels"),
    *("hidden_labels", "themes", "notes", "related", "broader", "origin", "title", "author"),
    *("publisher", "year", "article", "url", "language", "version", "publishers"),
    *("description", "licence", "couleur"),
]


SCALARS = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["a", "b", "economie", "cooperation", ""]),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=True),
    st.dates(),
    st.datetimes(),
)


VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(VOCABULARY) | st.text(max_size=5), children, max_size=5),
    ),
    max_leaves=30,
)


DOCUMENTS = st.dictionaries(st.sampled_from(VOCABULARY), VALUES, max_size=5).map(tomli_w.dumps)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURES_OK)
@given(content=DOCUMENTS | st.text())
def test_check_never_raises(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hasard.toml"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    result = run("--no-bundled", "check", str(path))
    assert result.exit_code in (0, 3), result.output
    assert result.stdout.splitlines()[-1].startswith("1 fichier, ")
    loaded = run("--no-bundled", "-g", str(path), "list")
    assert loaded.exit_code in (0, 3)
    if loaded.exit_code == 3:
        assert_one_line(loaded.stderr, str(path))


@settings(max_examples=examples(80), deadline=None)
@given(content=st.binary(max_size=200))
def test_check_never_raises_on_bytes(content: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "octets.toml"
        path.write_bytes(content)
        result = run("--no-bundled", "check", str(path))
    assert result.exit_code in (0, 3), result.output


# --- glossary text is quoted inertly -----------------------------------------------------


def test_check_messages_quote_glossary_text_inertly(tmp_path: Path) -> None:
    path = tmp_path / "cles.toml"
    key = f"clé {MARKUP} {CSI} {OSC} {BIDI}".replace("\n", " ")
    path.write_text(
        tomli_w.dumps({"term": [{"id": "a", "label": "A", "definition": "D.", key: 1}]}),
        encoding="utf-8",
    )
    for env in (PLAIN, TERMINAL):
        result = run("--no-bundled", "check", str(path), env=env)
        assert result.exit_code == 3
        output = SGR.sub("", result.stdout)
        assert_inert(output, ignore=NBSP)
        assert "champ inconnu «" in flat(output) and "clé [bold red]gras[/]" in flat(output)
        loaded = run("--no-bundled", "-g", str(path), "list", env=env)
        assert loaded.exit_code == 3
        assert_inert(SGR.sub("", loaded.stderr), ignore=NBSP)
        assert "[link=https://exemple.org]lien[/link]" in loaded.stderr


# --- origins -----------------------------------------------------------------------------


def test_unknown_key_in_an_origin_table_is_an_error(tmp_path: Path) -> None:
    path = write_glossary(
        tmp_path / "essai.toml",
        text=RIGHTS_GLOSSARY.replace('rights = "© L’éditeur"', 'droits = "© L’éditeur"'),
    )
    result = run("--no-bundled", "check", str(path))
    assert result.exit_code == 3
    assert "champ inconnu «\u00a0droits\u00a0» dans [glossary.origins.editeur]" in result.output


# --- bad files ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE_FILES, ids=lambda case: case.name)
def test_check_reports_each_bad_file(tmp_path: Path, case: HostileFile) -> None:
    path = write_hostile_file(case, tmp_path)
    result = run("--no-bundled", "--glossary", str(path), "check", "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["files"] == [str(path)]
    first = report["findings"][0]
    assert first["level"] == "error" and first["file"] == str(path)
    where = f"{first['line']}: " if first["line"] else ""
    assert case.fragment in where + first["message"] or case.otherwise in first["message"]
    if case.line != -1:
        assert first["line"] == case.line


# Slow: each case checks the whole bundled glossary twice; test_check_reports_each_bad_file
# covers every case alone, and the first case here runs every day.
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.name, marks=[] if position == 0 else [pytest.mark.slow])
        for position, case in enumerate(HOSTILE_FILES)
    ],
)
def test_check_reports_the_bad_file_and_still_the_bundled_entries(
    tmp_path: Path, case: HostileFile
) -> None:
    path = write_hostile_file(case, tmp_path)
    result = run("--glossary", str(path), "check", "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["files"] == [str(bundled_path()), str(path)]
    assert report["terms"] >= bundled_term_count()
    first = report["findings"][0]
    assert first["level"] == "error" and first["file"] == str(path)
    where = f"{first['line']}: " if first["line"] else ""
    assert case.fragment in where + first["message"] or case.otherwise in first["message"]
    if case.line != -1:
        assert first["line"] == case.line

    # The same file named on the command line, as text.
    text = run("check", str(path))
    assert text.exit_code == 3
    line = {None: "", -1: "(:[0-9]+)?"}.get(case.line, f":{case.line}")
    assert re.search(f"^{re.escape(str(path))}{line}: erreur{NBSP}: ", text.stdout, re.M)
    summary = text.stdout.splitlines()[-1]
    assert summary.startswith("2 fichiers, ") and "erreur" in summary
    assert int(summary.split(", ")[1].split()[0]) >= bundled_term_count()
    assert_inert(text.stdout, ignore=NBSP)


# A glossary id that is no identifier, a language that is no language tag: `check` passed
# them, then `export -f skos` crashed (an invalid IRI, an invalid language tag).
@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('id = "mon glossaire"', "identifiant «\u00a0mon glossaire\u00a0» invalide"),
        ('id = "essai\\n"', "identifiant «\u00a0essai"),
        ('language = "français"', "langue «\u00a0français\u00a0» invalide"),
        ('language = "fr\\nmarp: true"', "langue «\u00a0fr"),
    ],
)
def test_glossary_id_and_language_are_checked_at_load(
    tmp_path: Path, line: str, fragment: str
) -> None:
    path = write_glossary(
        tmp_path / "nom.toml",
        text=f'[glossary]\ntitle = "Nom"\n{line}\n\n[[term]]\nid = "a"\nlabel = "A"\n'
        'definition = "Définition."\n',
    )
    code, out, _ = outcome("check", str(path))
    assert code == 3
    assert f"nom.toml:3: erreur\u00a0: {fragment}" in out
    for format_name in ("skos", "skos-jsonld", "tbx", "html", "marp"):
        result = run("--no-bundled", "-g", str(path), "export", "-f", format_name)
        assert result.exit_code == 3, (format_name, result.output)
        assert_error_line(result.stderr, path, 3, fragment)


@pytest.mark.parametrize(
    "tag", ["fr", "fr-BE", "oc-aranes", "zh-Hant-TW", "de-CH-1996", "x-esslex"]
)
def test_well_formed_language_tags_pass(tmp_path: Path, tag: str) -> None:
    path = write_glossary(
        tmp_path / "nom.toml",
        text=f'[glossary]\nlanguage = "{tag}"\n\n[[term]]\nid = "a"\nlabel = "A"\n'
        'definition = "Définition."\n',
    )
    result = run("--no-bundled", "-g", str(path), "export", "-f", "skos")
    assert result.exit_code == 0, result.stderr
    assert f"@{tag}" in result.stdout
