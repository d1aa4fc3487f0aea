"""`esslex new` with the trainer's title, publisher and licence (options or a profile),
`new --update` on a file that has entries, and the one reminder `add` gives while the title
is the default."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import user_glossary_dir
from support.cli import outcome

DEFINITION = "Un dispositif d’accueil des personnes éloignées de l’emploi."


def test_new_writes_the_title_publisher_and_licence(tmp_path: Path) -> None:
    target = tmp_path / "atelier.toml"
    code, _, err = outcome(
        "new",
        str(target),
        "--title",
        "Glossaire de l’atelier «\u00a0insertion\u00a0»",
        "--publisher",
        "Réseau Exemple",
        "--licence",
        "CC BY 4.0",
    )
    assert code == 0, err
    info = load_glossary([target]).info
    assert info.title == "Glossaire de l’atelier «\u00a0insertion\u00a0»"
    assert info.publishers == ("Réseau Exemple",)
    assert info.licence == "CC BY 4.0"


def test_new_reads_the_same_keys_from_a_profile(tmp_path: Path) -> None:
    profile = tmp_path / "reseau.toml"
    profile.write_text(
        'title = "Formation ESS"\norganisation = "Réseau du profil"\nlicence = "CC BY-SA 4.0"\n'
        'author = "Marie Dupont"\n',
        encoding="utf-8",
    )
    target = tmp_path / "formation.toml"
    code, _, err = outcome(
        "new", str(target), "--profile", str(profile), "--licence", "Tous droits réservés"
    )
    assert code == 0, err
    info = load_glossary([target]).info
    assert (info.title, info.publishers) == ("Formation ESS", ("Réseau du profil",))
    assert info.licence == "Tous droits réservés"  # the option wins over the profile


def _add(*args: str) -> tuple[int, str, str]:
    return outcome("add", "--label", args[0], "--definition", DEFINITION, *args[1:])


def test_add_reminds_once_with_a_command_that_sets_the_title(tmp_path: Path) -> None:
    code, _, err = _add("Ressourcerie de l’atelier")
    assert code == 0, err
    reminder = re.search(r"«\u00a0(esslex new .*? --title '…')\u00a0»", err)
    assert reminder and "Mon glossaire" in err, err
    code, _, err = _add("Atelier vélo du quartier Nord")
    assert code == 0 and "esslex new" not in err, err  # once only

    path = user_glossary_dir() / "personnel.toml"
    before = path.read_bytes()
    words = shlex.split(reminder[1])[1:]
    words[words.index("…")] = "Glossaire de la formation"
    code, _, err = outcome(*words, "--publisher", "Réseau Exemple")
    assert code == 0, err
    after = path.read_bytes()
    # Only the header changed: every entry's bytes are where they were.
    assert after.endswith(before[before.index(b"[[term]]") :])
    glossary = load_glossary([path])
    assert glossary.info.title == "Glossaire de la formation"
    assert glossary.info.publishers == ("Réseau Exemple",)
    assert [term.label for term in glossary] == [
        "Ressourcerie de l’atelier",
        "Atelier vélo du quartier Nord",
    ]


def test_no_reminder_once_the_title_is_set(tmp_path: Path) -> None:
    target = tmp_path / "atelier.toml"
    assert outcome("new", str(target), "--title", "Atelier du 3 mars")[0] == 0
    code, _, err = _add("Ressourcerie de l’atelier", "--to", str(target))
    assert code == 0, err
    assert "esslex new" not in err


def test_update_needs_a_value_and_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "atelier.toml"
    code, _, err = outcome("new", str(target), "--update", "--title", "Atelier")
    assert (code, err.count("n’existe pas")) == (1, 1), err
    assert not target.exists()
    assert outcome("new", str(target))[0] == 0
    code, _, err = outcome("new", str(target), "--update")
    assert code == 2 and "précisez --title" in err
