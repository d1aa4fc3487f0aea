"""Glossaries of one's own: `esslex new`, `esslex add` (from several processes at once too),
`esslex glossaries`, overlays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import Result

from esslex.cli.output import Output
from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path, user_glossary_dir
from esslex.write import authoring
from support.cli import SCRIPT, outcome, run, run_script

DEFINITION = "Lieu partagé où se croisent des activités économiques, sociales et culturelles."


def personal() -> Path:
    return user_glossary_dir() / "personnel.toml"


def load_with_bundled(path: Path):  # type: ignore[no-untyped-def]
    return load_glossary([bundled_path(), path])


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# An existing user file: comments everywhere, odd spacing, a literal string, an inline
# table, a trailing comment and no final newline. `add` must keep every byte of it.
ODD_FILE = (
    "# Glossaire du réseau — à ne pas reformater !\n"
    "[glossary]   # métadonnées\n"
    "id='reseau'\n"
    'title    =    "Réseau"\n'
    "\n\n"
    "[[theme]]\n"
    'id = "habitat"\t# thème local\n'
    'label = "Habitat"\n'
    "\n"
    "  [[term]]\n"
    '  id = "eco-hameau"\n'
    "  label = 'Éco-hameau'\n"
    '  themes = [ "habitat" ,"territoires" ]\n'
    "  definition = '''\n"
    "Groupe de ménages qui conçoivent ensemble leur logement.\n"
    "'''\n"
    '  sources = [ { title = "Note interne", year = 2023 } ]\n'
    "# fin du fichier, sans saut de ligne"
)


@pytest.fixture()
def odd_file() -> Path:
    folder = user_glossary_dir()
    folder.mkdir(parents=True)
    path = folder / "reseau.toml"
    path.write_bytes(ODD_FILE.encode("utf-8"))
    return path


# --- esslex new ------------------------------------------------------------------------------


def test_new_writes_a_valid_file_with_a_commented_example(tmp_path: Path) -> None:
    target = tmp_path / "reseau.toml"
    code, out, _ = outcome("new", str(target), "--title", "Réseau « Tiers-lieux »")
    assert code == 0
    assert f"Glossaire créé\u00a0: {target}" in out
    text = target.read_text("utf-8")
    assert 'title = "Réseau « Tiers-lieux »"' in text
    assert "# [[term]]" in text and "\n[[term]]" not in text
    code, out, _ = outcome("check", str(target))
    assert code == 0, out
    assert len(load_with_bundled(target)) == len(load_glossary([bundled_path()]))


def test_new_example_entry_is_valid_once_uncommented(tmp_path: Path) -> None:
    target = tmp_path / "exemple.toml"
    assert outcome("new", str(target))[0] == 0
    lines = target.read_text("utf-8").splitlines()
    start = lines.index("# [[term]]")
    uncommented = [line.removeprefix("#").removeprefix(" ") for line in lines[start:]]
    target.write_text("\n".join(lines[:start] + uncommented) + "\n", "utf-8")
    glossary = load_with_bundled(target)
    scic = glossary["scic"]
    assert scic.label == "Société coopérative d’intérêt collectif"
    assert scic.related == ("cooperation", "utilite-sociale")
    assert scic.sources[0].year == 2001


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "reseau.toml"
    target.write_bytes(b"# mon travail\n")
    code, _, err = outcome("new", str(target))
    assert code == 1
    assert "existe déjà" in err and "--force" in err
    assert target.read_bytes() == b"# mon travail\n"
    assert outcome("new", str(target), "--force")[0] == 0
    assert b"[glossary]" in target.read_bytes()


def test_new_without_file_creates_the_personal_glossary() -> None:
    code, out, _ = outcome("new")
    assert code == 0
    assert personal().is_file()
    assert str(personal()) in out
    code, out, _ = outcome("glossaries")
    assert code == 0
    assert "Mon glossaire — 0 entrée (dossier personnel)" in out


def test_new_outside_the_user_folder_says_how_to_load_it(tmp_path: Path) -> None:
    target = tmp_path / "ailleurs.toml"
    code, _, err = outcome("new", str(target))
    assert code == 0
    assert f"esslex --glossary {target}" in err


# --- esslex add: appending -------------------------------------------------------------------


def test_add_creates_the_personal_glossary_and_define_finds_the_entry() -> None:
    code, out, _ = outcome(
        "add", "--label", "Jardin partagé", "--definition", DEFINITION, "--theme", "territoires"
    )
    assert code == 0
    assert f"Entrée «\u00a0Jardin partagé\u00a0» (jardin-partage) ajoutée à {personal()}" in out
    text = personal().read_text("utf-8")
    assert text.startswith("# Glossaire personnel pour esslex")
    assert "# [[term]]" in text  # the commented example of `esslex new`
    code, out, _ = outcome("define", "jardin partage", "--json")
    assert code == 0
    entry = json.loads(out)
    assert entry["definition"] == DEFINITION
    assert entry["glossary"] == str(personal())


def test_add_keeps_every_byte_of_a_file_with_comments_and_odd_formatting(odd_file: Path) -> None:
    before = odd_file.read_bytes()
    code, _, err = outcome(
        "add",
        "--to",
        str(odd_file),
        "--label",
        "Jardin partagé",
        "--definition",
        "Lieu partagé\nouvert à tous.",
        "--alt",
        "JARDIN PARTAGE",
        "--alt",
        "espace hybride",
        "--theme",
        "Habitat",
        "--related",
        "éco-hameau",
        "--source",
        "France Tiers-Lieux | 2021",
    )
    assert code == 0, err
    after = odd_file.read_bytes()
    assert after.startswith(before + b"\n")
    block = after[len(before) :].decode("utf-8")
    assert "\n[[term]]\n" in block
    glossary = load_with_bundled(odd_file)
    term = glossary["jardin-partage"]
    assert term.definition == "Lieu partagé\nouvert à tous."
    assert term.alt_labels == ("espace hybride",)  # « JARDIN PARTAGE » is the label itself
    assert term.themes == ("habitat",)
    assert term.related == ("eco-hameau",)
    assert term.sources[0].title == "France Tiers-Lieux"
    assert term.sources[0].year == 2021
    assert glossary["eco-hameau"].related == ("jardin-partage",)
    # A second add appends after the first, again without touching what is there.
    code, _, _ = outcome(
        "add", "--to", str(odd_file), "--label", "Habitat léger", "--definition", "Yourtes."
    )
    assert code == 0
    assert odd_file.read_bytes().startswith(after)


def test_add_keeps_a_bom_and_windows_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "crlf.toml"
    original = b'\xef\xbb\xbf[glossary]\r\ntitle = "CRLF"\r\n'
    target.write_bytes(original)
    code, _, err = outcome(
        "-g", str(target), "add", "--to", str(target), "--label", "Un", "--definition", "Deux."
    )
    assert code == 0, err
    after = target.read_bytes()
    assert after.startswith(original + b"\r\n[[term]]\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert load_with_bundled(target)["un"].definition == "Deux."


def test_add_resolves_related_entries_as_define_does() -> None:
    code, _, err = outcome(
        "add",
        "--label",
        "Accorderie",
        "--definition",
        "Réseau d’échange de services entre habitants.",
        "--related",
        "COOPÉRATIONS",
        "--related",
        "utilite sociale",
        "--related",
        "cooperation",
    )
    assert code == 0, err
    glossary = load_with_bundled(personal())
    assert glossary["accorderie"].related == ("cooperation", "utilite-sociale")


def test_source_syntax_fills_the_fields() -> None:
    code, _, err = outcome(
        "add",
        "--label",
        "Agrément ESUS (fiche du réseau)",
        "--definition",
        "Agrément « entreprise solidaire d’utilité sociale ».",
        "--source",
        "Code du travail | Légifrance | Ministère du Travail | article L3332-17-1 | 2014 | https://www.legifrance.gouv.fr/",
        "--source",
        "Guide de l’agrément",
    )
    assert code == 0, err
    first, second = load_with_bundled(personal())["agrement-esus-fiche-du-reseau"].sources
    assert (first.title, first.author, first.publisher) == (
        "Code du travail",
        "Légifrance",
        "Ministère du Travail",
    )
    assert (first.article, first.year, first.url) == (
        "L3332-17-1",
        2014,
        "https://www.legifrance.gouv.fr/",
    )
    assert second.title == "Guide de l’agrément" and second.year is None
    assert "[[term.sources]]" in personal().read_text("utf-8")


def test_override_replaces_an_entry_of_the_bundled_glossary() -> None:
    code, _, err = outcome(
        "add", "--label", "Coopération", "--definition", "Notre définition.", "--override"
    )
    assert code == 0, err
    assert "remplace l’entrée de" in err
    code, out, _ = outcome("define", "coopération", "--json")
    assert code == 0
    assert json.loads(out)["definition"] == "Notre définition."
    code, out, _ = outcome("glossaries", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["overrides"] == [
        {"id": "cooperation", "replaced": str(bundled_path()), "by": str(personal())}
    ]


# --- esslex add: refusals --------------------------------------------------------------------

REFUSALS = [
    pytest.param(
        ["--label", "Autre", "--id", "eco-hameau", "--definition", "x"],
        "identifiant «\u00a0eco-hameau\u00a0» déjà utilisé",
        id="duplicate-id-in-file",
    ),
    pytest.param(
        ["--label", "Autre", "--id", "cooperation", "--definition", "x"],
        "l’identifiant «\u00a0cooperation\u00a0» existe déjà dans",
        id="duplicate-id-in-bundled",
    ),
    pytest.param(
        ["--label", "ECO-HAMEAU", "--id", "autre", "--definition", "x"],
        "le libellé «\u00a0ECO-HAMEAU\u00a0» est déjà celui de «\u00a0eco-hameau\u00a0»",
        id="duplicate-label-folded",
    ),
    pytest.param(
        ["--label", "Cooperations", "--definition", "x"],
        "est déjà celui de «\u00a0cooperation\u00a0»",
        id="duplicate-label-of-bundled",
    ),
    pytest.param(
        ["--label", "Autre", "--definition", " \n "],
        "définition vide pour «\u00a0Autre\u00a0»",
        id="empty-definition",
    ),
    pytest.param(
        ["--label", "Autre", "--definition", "x", "--id", "Mauvais Id"],
        "identifiant «\u00a0Mauvais Id\u00a0» invalide",
        id="bad-id",
    ),
    pytest.param(
        ["--label", "Autre", "--definition", "x", "--source", "a | b | c | d"],
        "trop de parties",
        id="bad-source",
    ),
]


@pytest.mark.parametrize(("options", "message"), REFUSALS)
def test_add_refuses_and_leaves_the_file_untouched(
    odd_file: Path, options: list[str], message: str
) -> None:
    before = odd_file.read_bytes()
    code, out, err = outcome("add", "--to", str(odd_file), *options)
    assert code == 2
    assert message in err or message[:1].upper() + message[1:] in err
    assert err.startswith("Erreur\u00a0: ")
    assert out == ""
    assert odd_file.read_bytes() == before
    assert leftovers(odd_file.parent) == []


def test_a_refused_first_entry_creates_no_file() -> None:
    code, _, err = outcome("add", "--label", "Coopération", "--definition", "x")
    assert code == 2
    assert "rien n’a été écrit" in err
    assert not personal().exists()


@pytest.mark.parametrize(
    ("options", "missing"),
    [
        (["--label", "Jardin partagé"], "--definition manquant hors d’un terminal"),
        (["--definition", "x"], "--label manquant hors d’un terminal"),
        ([], "--label et --definition manquants hors d’un terminal"),
    ],
)
def test_add_off_a_terminal_needs_label_and_definition(options: list[str], missing: str) -> None:
    code, out, err = outcome("add", *options)
    assert code == 2
    assert missing in err
    assert out == ""
    assert not personal().exists()


def test_add_to_a_missing_file_points_to_new(tmp_path: Path) -> None:
    target = tmp_path / "absent.toml"
    code, _, err = outcome("add", "--to", str(target), "--label", "Un", "--definition", "Deux.")
    assert code == 1
    assert f"esslex new {target}" in err
    assert not target.exists()


def test_add_refuses_a_file_that_already_has_errors(tmp_path: Path) -> None:
    target = tmp_path / "casse.toml"
    broken = b'[[term]]\nid = "x"\nlabel = "X"\n'  # no definition
    target.write_bytes(broken)
    code, _, err = outcome("add", "--to", str(target), "--label", "Un", "--definition", "Deux.")
    assert code == 3
    assert "definition" in err
    assert target.read_bytes() == broken


# --- crash between write and rename ----------------------------------------------------------


@pytest.mark.parametrize("crash", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_crash_before_the_rename_keeps_the_original(
    odd_file: Path, monkeypatch: pytest.MonkeyPatch, crash: BaseException
) -> None:
    before = odd_file.read_bytes()

    def fail(source: object, target: object) -> None:
        assert Path(str(source)).read_bytes().startswith(before)  # the new file was written
        raise crash

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = outcome(
        "add", "--to", str(odd_file), "--label", "Jardin partagé", "--definition", DEFINITION
    )
    assert code == (1 if isinstance(crash, OSError) else 130)
    assert ("plus d’espace disque" if isinstance(crash, OSError) else "Interrompu.") in err
    assert odd_file.read_bytes() == before
    assert leftovers(odd_file.parent) == []
    assert sorted(path.name for path in odd_file.parent.iterdir()) == ["reseau.toml"]


# --- prompts on a terminal -------------------------------------------------------------------


def test_add_on_a_terminal_asks_for_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Output, "interactive", property(lambda self: True))
    answers = "\n".join(
        [
            "Jardin partagé",  # libellé
            "",  # définition vide : redemandée
            DEFINITION,
            "Jardin partage ; lieu hybride",  # autres appellations
            "cuisine",  # thème inconnu : le créer ?
            "n",  # non : redemandé
            "territoires ; Acteurs et accompagnement",
            "coopération",  # termes associés
            "France Tiers-Lieux | 2021",  # une source
            "",  # fin des sources
        ]
    )
    code, out, err = outcome("add", input=answers + "\n")
    assert code == 0, err
    assert "Libellé" in out and "Définition" in out
    assert "Une réponse est nécessaire." in err
    assert "Aucun thème trouvé pour «\u00a0cuisine\u00a0»" in err
    term = load_with_bundled(personal())["jardin-partage"]
    assert term.definition == DEFINITION
    assert term.alt_labels == ("lieu hybride",)
    assert term.themes == ("territoires", "acteurs")
    assert term.related == ("cooperation",)
    assert term.sources[0].year == 2021


def test_prompts_only_for_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Output, "interactive", property(lambda self: True))
    code, out, err = outcome(
        "add", "--label", "Jardin partagé", "--theme", "territoires", input=DEFINITION + "\n\n\n\n"
    )
    assert code == 0, err
    assert "Libellé" not in out and "Thèmes" not in out
    assert load_with_bundled(personal())["jardin-partage"].themes == ("territoires",)


# --- esslex glossaries -----------------------------------------------------------------------


def test_glossaries_lists_sources_counts_and_conflicts(odd_file: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[glossary]\ntitle = "En plus"\n\n[[term]]\nid = "eco-hameau"\n'
        'label = "Éco-hameau"\ndefinition = "Autre version."\n',
        "utf-8",
    )
    code, out, _ = outcome("-g", str(extra), "glossaries")
    assert code == 0
    bundled_count = len(load_glossary([bundled_path()]))
    title = "Glossaire esslex de l’économie sociale et solidaire"
    assert f"1. {title} — {bundled_count} entrées (fourni)" in out
    assert "2. Réseau — 1 entrée (dossier personnel)" in out
    assert "3. En plus — 1 entrée (--glossary)" in out
    assert f"- «\u00a0eco-hameau\u00a0» de {odd_file} remplacée par celle de {extra}" in out
    assert f"Dossier des glossaires personnels\u00a0: {user_glossary_dir()}" in out

    code, out, _ = outcome("-g", str(extra), "glossaries", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["schema_version"] == 4
    assert [(g["kind"], g["terms"]) for g in report["glossaries"]] == [
        ("bundled", bundled_count),
        ("user", 1),
        ("option", 1),
    ]
    assert report["glossaries"][1]["title"] == "Réseau"
    assert report["overrides"] == [
        {"id": "eco-hameau", "replaced": str(odd_file), "by": str(extra)}
    ]


def test_glossaries_reports_an_unreadable_file(tmp_path: Path) -> None:
    folder = user_glossary_dir()
    folder.mkdir(parents=True)
    (folder / "casse.toml").write_text("[glossary\n", "utf-8")
    code, out, _ = outcome("glossaries")
    assert code == 3
    assert "illisible\u00a0:" in out
    assert "casse.toml:1" in out


def test_entries_say_which_glossary_they_come_from(odd_file: Path) -> None:
    code, out, _ = outcome("define", "éco-hameau", "--json")
    assert code == 0
    assert json.loads(out)["glossary"] == str(odd_file)
    code, out, _ = outcome("define", "coopération", "--json")
    assert code == 0
    assert json.loads(out)["glossary"] == str(bundled_path())


def test_check_works_on_a_user_file(odd_file: Path) -> None:
    code, out, _ = outcome("check", str(odd_file))
    assert code == 0, out
    assert ": 0 erreur" in out.replace("\u00a0", " ")


# --- a new user's walk, through the installed command ----------------------------------------


@pytest.mark.slow
def test_new_user_walk_from_the_installed_command(tmp_path: Path) -> None:
    env: dict[str, str | None] = {"ESSLEX_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return run_script(*args, env=env, cwd=tmp_path, text=True)

    made = call("new", "--title", "Réseau des tiers-lieux")
    assert made.returncode == 0, made.stderr
    path = tmp_path / "home" / "glossaires" / "personnel.toml"
    written = [path.read_bytes()]
    entries = [
        ("Jardin partagé", DEFINITION, ["--theme", "territoires", "--related", "coopération"]),
        (
            "Accorderie",
            "Réseau d’échange de services entre habitants, où une heure vaut une heure.",
            ["--alt", "réseau d’accorderies", "--related", "jardin-partage"],
        ),
        (
            "Repair café",
            "Atelier où des bénévoles aident chacun à réparer ses objets plutôt qu’à les jeter.",
            ["--theme", "transitions", "--source", "Repair Café France | 2020"],
        ),
    ]
    for label, definition, options in entries:
        added = call("add", "--label", label, "--definition", definition, *options)
        assert added.returncode == 0, added.stderr
        assert f"«\u00a0{label}\u00a0»" in added.stdout
        now = path.read_bytes()
        assert now.startswith(written[-1])  # what was there stays as written
        written.append(now)
    text = path.read_text("utf-8")
    assert 'title = "Réseau des tiers-lieux"' in text

    for query, label in [
        ("jardin partage", "Jardin partagé"),
        ("accorderie", "Accorderie"),
        ("repair cafe", "Repair café"),
        ("coopération", "Coopération"),
    ]:
        found = call("define", query, "--plain")
        assert found.returncode == 0, found.stderr
        assert label in found.stdout

    checked = call("check")
    assert checked.returncode == 0, checked.stdout

    exported = tmp_path / "export.json"
    done = call("export", "--format", "json", "--output", str(exported))
    assert done.returncode == 0, done.stderr
    ids = {term["id"] for term in json.loads(exported.read_text("utf-8"))["terms"]}
    assert {"jardin-partage", "accorderie", "repair-cafe", "cooperation"} <= ids
    assert path.read_bytes() == written[-1]


def test_glossaries_strips_terminal_escapes_from_titles(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.toml"
    sneaky.write_text('[glossary]\ntitle = "Piège\\u001b[2J\\u001b]0;titre\\u0007"\n', "utf-8")
    code, out, _ = outcome("-g", str(sneaky), "glossaries")
    assert code == 0
    assert "Piège — 0 entrée (--glossary)" in out
    assert "\x1b" not in out and "\x07" not in out


# --- add from several processes at once: every entry written, none lost ------------------


PER_PROCESS = 15


# Each process adds its entries one after the other, through the CLI, as fast as it can.
WRITER = textwrap.dedent(
    """
    import sys
    from support.cli import run

    target, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for number in range(count):
        result = run(
            "--no-bundled", "add", "--to", target,
            "--label", f"Terme {tag} {number}",
            "--definition", f"Définition numéro {number} écrite par le processus {tag}.",
        )
        if result.exit_code != 0:
            sys.exit(f"{tag} {number}: {result.exit_code} {result.stderr}")
    """
)


def add_entry(target: Path, label: str) -> Result:
    return run(
        "--no-bundled", "add", "--to", str(target), "--label", label, "--definition", "Texte."
    )


def new_glossary(tmp_path: Path) -> Path:
    target = tmp_path / "partage.toml"
    result = run("new", str(target), "--title", "Partagé")
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    target = new_glossary(tmp_path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), tag, str(PER_PROCESS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},  # tests/support
        )
        for tag in ("A", "B")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=600)
        assert writer.returncode == 0, errors
    labels = {term.label for term in load_glossary([target])}
    expected = {f"Terme {tag} {n}" for tag in ("A", "B") for n in range(PER_PROCESS)}
    assert labels == expected
    assert [path.name for path in tmp_path.iterdir()] == [target.name]  # nothing left beside it


def test_a_file_locked_too_long_is_refused_in_french_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = new_glossary(tmp_path)
    before = target.read_bytes()
    monkeypatch.setattr(authoring, "LOCK_WAIT_SECONDS", 0.2)
    authoring.lock_path(target).parent.mkdir(parents=True, exist_ok=True)
    with FileLock(authoring.lock_path(target)):  # another esslex is writing
        result = add_entry(target, "Essai")
    assert result.exit_code == 1
    assert "en cours de modification par un autre esslex" in result.stderr
    assert "rien n’a été écrit" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_bytes() == before


def test_the_lock_is_released_once_the_entry_is_written(tmp_path: Path) -> None:
    target = new_glossary(tmp_path)
    for label in ("Premier", "Second"):
        result = add_entry(target, label)
        assert result.exit_code == 0, result.stderr
    with FileLock(authoring.lock_path(target), timeout=0):
        pass  # free: nobody holds it any more


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="such file names are POSIX")
def test_glossaries_shows_hostile_file_names_inertly(tmp_path: Path) -> None:
    # A file name can hold escapes, bidi characters and line breaks; `glossaries` printed it.
    from support.hostile import assert_inert

    name = "piège\x1b[2J\x1b]0;titre\x07\u202e\x9b31m\nligne.toml"
    given = tmp_path / name
    given.write_text('[glossary]\ntitle = "Donné"\n', encoding="utf-8")
    user_glossary_dir().mkdir(parents=True, exist_ok=True)
    mine = user_glossary_dir() / name
    mine.write_text('[glossary]\ntitle = "Personnel"\n', encoding="utf-8")
    env = {"NO_COLOR": "1", "COLUMNS": "300"}
    for options, path in ((["-g", str(given)], given), ([], mine)):
        shown = run_script("--no-bundled", *options, "glossaries", env=env, text=True)
        assert shown.returncode == 0, shown.stderr
        assert_inert(shown.stdout)
        for trace in ("2J", "titre", "31m"):
            assert trace not in shown.stdout
        # The path on one line: a line break in the name does not make a line of its own.
        assert f"   {path.parent}/piège ligne.toml\n" in shown.stdout
        listed = run_script("--no-bundled", *options, "glossaries", "--json", env=env, text=True)
        assert_inert(listed.stdout)
        (item,) = json.loads(listed.stdout)["glossaries"]
        assert item["path"] == str(path)  # escaped, not lost


# --- a glossary that is a symbolic link (a shared or synchronised file) ----------------------


def linked_glossary(tmp_path: Path) -> tuple[Path, Path]:
    """A glossary in a shared folder, and a link to it in another folder."""
    shared = tmp_path / "partage"
    shared.mkdir()
    target = new_glossary(shared)
    target.chmod(0o640)
    mine = tmp_path / "moi"
    mine.mkdir()
    link = mine / "lien.toml"
    link.symlink_to(target)
    return link, target


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques")
def test_add_through_a_link_writes_the_file_it_points_to(tmp_path: Path) -> None:
    """`add` replaced the link by a regular file: the shared file never got the entry."""
    link, target = linked_glossary(tmp_path)
    before = target.read_bytes()
    result = add_entry(link, "Tontine")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    written = target.read_bytes()
    assert written.startswith(before) and b'label = "Tontine"' in written
    assert target.stat().st_mode & 0o777 == 0o640  # the shared file keeps its rights
    assert leftovers(link.parent) == [] and leftovers(target.parent) == []
    assert [term.label for term in load_glossary([link])] == ["Tontine"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques")
def test_the_personal_glossary_may_be_a_link(tmp_path: Path) -> None:
    _, target = linked_glossary(tmp_path)
    personal().parent.mkdir(parents=True)
    personal().symlink_to(target)
    result = run("add", "--label", "Tontine", "--definition", "Épargne collective.")
    assert result.exit_code == 0, result.stderr
    assert personal().is_symlink()
    assert b'label = "Tontine"' in target.read_bytes()
    assert run("define", "tontine").exit_code == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques")
def test_a_link_and_its_file_share_one_lock(tmp_path: Path) -> None:
    link, target = linked_glossary(tmp_path)
    assert authoring.lock_path(link) == authoring.lock_path(target)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques")
def test_adds_through_a_link_and_to_its_file_at_once_lose_nothing(tmp_path: Path) -> None:
    """The lock was keyed by the link's name: adds through the link and to the file were not
    serialised. Four installed programs at once, two through the link, two to the file."""
    link, target = linked_glossary(tmp_path)
    script = textwrap.dedent(
        """
        import subprocess, sys
        esslex, path, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        for number in range(count):
            done = subprocess.run(
                [esslex, "--no-bundled", "add", "--to", path, "--label", f"Terme {tag} {number}",
                 "--definition", f"Définition {number} écrite par {tag}."],
                capture_output=True, text=True,
            )
            if done.returncode != 0:
                sys.exit(f"{tag} {number}: {done.returncode} {done.stderr}")
        """
    )
    tags = {"L1": link, "L2": link, "F1": target, "F2": target}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(SCRIPT), str(path), tag, "4"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag, path in tags.items()
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=600)
        assert writer.returncode == 0, errors
    assert link.is_symlink()
    labels = {term.label for term in load_glossary([target])}
    assert labels == {f"Terme {tag} {n}" for tag in tags for n in range(4)}
    assert leftovers(link.parent) == [] and leftovers(target.parent) == []
