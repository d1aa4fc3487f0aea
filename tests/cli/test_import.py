"""`esslex import`: spreadsheets (CSV, TSV, any common delimiter and encoding) and JSON exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary, Source, Theme
from esslex.glossary.paths import bundled_path, user_glossary_dir
from esslex.glossary.serialize import SCHEMA_VERSION, info_to_dict, term_to_json, theme_to_dict
from support.cli import outcome, run
from support.hostile import assert_error_line
from support.properties import FIXTURES_OK, PRINTABLE, comparable, exported, glossaries, written


def loaded(path: Path) -> Glossary:
    return load_glossary([bundled_path(), path])


# A network's spreadsheet, saved by Excel in France: Windows-1252, « ; », CRLF, accented
# headers, a curly apostrophe (0x92), and the rows people really leave in such files.
EXCEL_ROWS = [
    "Terme;Définition;Synonymes;Thème(s);Voir aussi;Source;Commentaire interne",
    "Jardin partagé;Lieu hybride où se croisent activités économiques, sociales et culturelles.;"
    "jardin collectif;Territoires et coopération;Accorderie;France Tiers-Lieux | 2021;à relire",
    'Accorderie;"Réseau d’échange de services entre habitants ; une heure de service vaut '
    'une heure.";réseau d’échange de services;ACTEURS;coopérations;;',
    ";Une définition sans terme;;;;;",
    "Monnaie locale;;;;;;",
    "Éco-hameau;Groupe de ménages qui conçoivent ensemble leur logement.;;Habitat;"
    '"Jardin partagé ; Terme inconnu";;',
    "Coopération;Notre définition à nous.;;;;;",
    "Épargne solidaire;Épargne placée dans des projets;à forte utilité sociale;;;;;",
    "jardin partage;Doublon de la ligne 2.;;;;;",
    ";;;;;;",
]


@pytest.fixture()
def excel_csv(tmp_path: Path) -> Path:
    path = tmp_path / "Glossaire réseau.csv"
    path.write_bytes(("\r\n".join(EXCEL_ROWS) + "\r\n").encode("cp1252"))
    return path


def test_windows_1252_semicolon_spreadsheet_with_bad_rows(excel_csv: Path, tmp_path: Path) -> None:
    output = tmp_path / "reseau.toml"
    code, out, err = outcome("import", str(excel_csv), "--output", str(output))
    assert code == 0, err
    assert (
        f"3 entrée(s) importée(s) de {excel_csv} (Windows-1252, séparateur «\u00a0point-virgule\u00a0»)"
        f" dans {output}, 1 thème(s) créé(s)" in out
    )
    assert "ligne 1\u00a0: colonne «\u00a0Commentaire interne\u00a0» ignorée" in err
    assert "5 ligne(s) non importée(s)\u00a0:" in err
    expected = [
        "ligne 4\u00a0: libellé vide",
        "ligne 5\u00a0: définition vide pour «\u00a0Monnaie locale\u00a0»",
        "ligne 7\u00a0: le libellé «\u00a0Coopération\u00a0» est déjà celui de «\u00a0cooperation\u00a0»",
        "ligne 8\u00a0: 8 cellules pour 7 colonnes",
        "ligne 9\u00a0: même libellé que ligne 2",
    ]
    reported = [line.strip() for line in err.splitlines()]
    for reason in expected:
        assert any(line.startswith(reason) for line in reported), reason
    assert (
        "ligne 6\u00a0: «\u00a0voir aussi\u00a0»\u00a0: «\u00a0Terme inconnu\u00a0» ne correspond à"
        " aucune entrée\u00a0; lien ignoré" in err
    )

    glossary = loaded(output)
    accorderie = glossary["accorderie"]
    assert accorderie.definition == (
        "Réseau d’échange de services entre habitants ; une heure de service vaut une heure."
    )
    assert accorderie.alt_labels == ("réseau d’échange de services",)
    assert accorderie.themes == ("acteurs",)
    assert set(accorderie.related) == {
        "cooperation",
        "jardin-partage",
    }  # « coopérations », and back
    jardin = glossary["jardin-partage"]
    assert jardin.themes == ("territoires",)
    assert jardin.sources == (Source("France Tiers-Lieux", year=2021),)
    assert set(jardin.related) == {"accorderie", "eco-hameau"}
    assert glossary["eco-hameau"].themes == ("habitat",)
    assert glossary.theme("habitat") == Theme("habitat", "Habitat")
    assert glossary["cooperation"].glossary == str(bundled_path())
    assert outcome("check", str(output))[0] == 0


def test_utf8_bom_comma_csv_with_quoted_multiline_cells(tmp_path: Path) -> None:
    source = tmp_path / "export-tableur.csv"
    source.write_bytes(
        "\ufeffLIBELLÉ,definition,alt,theme,related,sources\n"
        'Jardin partagé,"Lieu partagé, ouvert.\n\nDeuxième paragraphe.","lieu hybride; 3e lieu",'
        "territoires,,\n"
        'Recyclerie,"Lieu de réemploi, de réparation et de sensibilisation.",,transitions,'
        '"jardin-partage","ADEME | 2019\nRéseau des ressourceries"\n'
        ",sans libellé,,,,\n".encode()
    )
    output = tmp_path / "out.toml"
    code, out, err = outcome("import", str(source), "-o", str(output))
    assert code == 0, err
    assert "(UTF-8 avec BOM, séparateur «\u00a0virgule\u00a0»)" in out
    assert "ligne 7\u00a0: libellé vide" in err  # lines counted across multi-line cells
    glossary = loaded(output)
    assert glossary["jardin-partage"].definition == "Lieu partagé, ouvert.\n\nDeuxième paragraphe."
    assert glossary["jardin-partage"].alt_labels == ("lieu hybride", "3e lieu")
    recyclerie = glossary["recyclerie"]
    assert recyclerie.related == ("jardin-partage",)
    assert [s.title for s in recyclerie.sources] == ["ADEME", "Réseau des ressourceries"]
    assert recyclerie.sources[0].year == 2019


def test_tsv_with_columns_named_by_map(tmp_path: Path) -> None:
    source = tmp_path / "lexique.tsv"
    source.write_text(
        "Mot-clé\tExplication, en clair\tDomaine\n"
        "Banque de temps\tÉchange de services, comptés en heures et non en euros.\tFinancement\n"
        "Tontine\tÉpargne collective et rotative.\tFinancement et échanges\n",
        "utf-8",
    )
    output = tmp_path / "lexique.toml"
    code, out, err = outcome(
        "import", str(source), "-o", str(output), "--map", "mot-cle=label", "--map", "2=definition"
    )
    assert code == 0, err
    assert "(UTF-8, séparateur «\u00a0tabulation\u00a0»)" in out
    glossary = loaded(output)
    assert glossary["banque-de-temps"].definition.startswith("Échange de services, comptés")
    assert glossary["tontine"].themes == ("financement",)  # by the bundled theme's label
    assert glossary["banque-de-temps"].themes == ("financement",)


def test_utf16_tab_text_as_excel_saves_it(tmp_path: Path) -> None:
    source = tmp_path / "unicode.txt"
    source.write_bytes("Terme\tDéfinition\nTontine\tÉpargne collective.\n".encode("utf-16"))
    output = tmp_path / "unicode.toml"
    code, out, err = outcome("import", str(source), "-o", str(output))
    assert code == 0, err
    assert "(UTF-16, séparateur «\u00a0tabulation\u00a0»)" in out
    assert loaded(output)["tontine"].definition == "Épargne collective."


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    source = tmp_path / "sep.csv"
    source.write_text("sep=|\nTerme|Définition\nTontine|Épargne, collective.\n|vide\n", "utf-8")
    output = tmp_path / "sep.toml"
    code, out, err = outcome("import", str(source), "-o", str(output))
    assert code == 0, err
    assert "séparateur «\u00a0barre verticale\u00a0»" in out
    assert "ligne 4\u00a0: libellé vide" in err
    assert loaded(output)["tontine"].definition == "Épargne, collective."


def test_default_output_is_a_user_glossary_that_define_finds(excel_csv: Path) -> None:
    code, out, err = outcome("import", str(excel_csv))
    assert code == 0, err
    output = user_glossary_dir() / "Glossaire réseau.toml"
    assert str(output) in out
    code, out, _ = outcome("define", "accorderie", "--json")
    assert code == 0
    assert json.loads(out)["glossary"] == str(output)
    # A second import would replace that file: refused without --force.
    before = output.read_bytes()
    code, _, err = outcome("import", str(excel_csv))
    assert code == 1
    assert "existe déjà" in err
    assert output.read_bytes() == before
    code, _, err = outcome("import", str(excel_csv), "--force")
    assert code == 0, err


def test_override_imports_rows_that_replace_bundled_entries(
    excel_csv: Path, tmp_path: Path
) -> None:
    output = tmp_path / "reseau.toml"
    code, _, err = outcome("import", str(excel_csv), "-o", str(output), "--override")
    assert code == 0, err
    assert "ligne 7\u00a0: remplace «\u00a0cooperation\u00a0» de" in err
    assert loaded(output)["cooperation"].definition == "Notre définition à nous."


def test_missing_label_column_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "sans.csv"
    source.write_text("Nom du concept;Définition\nTontine;Épargne.\n", "utf-8")
    output = tmp_path / "sans.toml"
    code, out, err = outcome("import", str(source), "-o", str(output))
    assert code == 2
    assert "aucune colonne «\u00a0label\u00a0»" in err and "--map COLONNE=label" in err
    assert "«\u00a0Nom du concept\u00a0»" in err
    assert out == "" and not output.exists()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("terme", "forme attendue COLONNE=CHAMP"),
        ("Terme=couleur", "champ inconnu «\u00a0couleur\u00a0»"),
        ("Absente=label", "colonne «\u00a0Absente\u00a0» absente"),
    ],
)
def test_bad_map_is_a_usage_error(tmp_path: Path, mapping: str, message: str) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Terme;Définition\nTontine;Épargne.\n", "utf-8")
    code, _, err = outcome("import", str(source), "-o", str(tmp_path / "a.toml"), "--map", mapping)
    assert code == 2
    assert message in err


def test_nothing_importable_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "vide.csv"
    source.write_text("Terme;Définition\n;sans terme\nCoopération;déjà là\n", "utf-8")
    output = tmp_path / "vide.toml"
    code, out, err = outcome("import", str(source), "-o", str(output))
    assert code == 3
    assert "aucune entrée importable" in err
    assert "ligne 2\u00a0: libellé vide" in err
    assert out == "" and not output.exists()


def test_undecidable_delimiter_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "une-colonne.csv"
    source.write_text("Terme\nTontine\n", "utf-8")
    code, _, err = outcome("import", str(source), "-o", str(tmp_path / "x.toml"))
    assert code == 3
    assert "séparateur de colonnes non reconnu" in err and "--delimiter" in err


# --- esslex's own JSON export ----------------------------------------------------------------


def export_document(glossary: Glossary) -> dict[str, object]:
    """The shape of `esslex export --format json` (documented in the README)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "glossary": info_to_dict(glossary.info),
        "themes": [theme_to_dict(theme) for theme in glossary.themes],
        "terms": [term_to_json(term) for term in glossary.terms],
    }


def test_json_export_round_trips(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[glossary]\nid = "reseau"\ntitle = "Réseau"\n\n'
        '[[theme]]\nid = "habitat"\nlabel = "Habitat"\n\n'
        '[[term]]\nid = "eco-hameau"\nlabel = "Éco-hameau"\n'
        'alt_labels = ["habitat groupé"]\nthemes = ["habitat", "territoires"]\n'
        'definition = """\nGroupe de ménages.\n\nQui conçoivent leur logement.\n"""\n'
        'related = ["cooperation"]\nnotes = ["Voir aussi la loi ALUR."]\n\n'
        '[[term.sources]]\ntitle = "Loi ALUR"\nyear = 2014\narticle = "47"\n\n'
        '[[term]]\nid = "habitat-leger"\nlabel = "Habitat léger"\nthemes = ["habitat"]\n'
        'definition = "Yourtes, tiny houses."\nbroader = ["eco-hameau"]\n',
        "utf-8",
    )
    original = loaded(mine)
    exported = tmp_path / "export.json"
    document = export_document(original.subset(["eco-hameau", "habitat-leger"]))
    exported.write_text(json.dumps(document, ensure_ascii=False), "utf-8")

    output = tmp_path / "reimport.toml"
    code, out, err = outcome("import", str(exported), "-o", str(output))
    assert code == 0, err
    assert "2 entrée(s) importée(s)" in out and "(export JSON d’esslex)" in out
    again = loaded(output)
    for term_id in ("eco-hameau", "habitat-leger"):
        before, after = original[term_id], again[term_id]
        assert after == before._replace(glossary=str(output))
    assert again.theme("habitat") == Theme("habitat", "Habitat")
    assert 'title = "Export"' in output.read_text("utf-8")


def export_then_import(mine: Path, format_name: str) -> Glossary:
    """`mine` (two entries) through `esslex export`, then `esslex import`: what comes back."""
    exported = mine.with_suffix(f".{format_name}")
    code, _, err = outcome(
        "--no-bundled", "-g", str(mine), "export", "--format", format_name, "-o", str(exported)
    )
    assert code == 0, err
    output = mine.with_name(f"back-{format_name}.toml")
    code, out, err = outcome("import", str(exported), "-o", str(output))
    assert code == 0, err
    assert "2 entrée(s) importée(s)" in out
    return loaded(output)


def test_json_export_from_the_command_imports_back(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[glossary]\ntitle = "Réseau"\n\n[[theme]]\nid = "epargne"\nlabel = "Épargne"\n\n'
        '[[term]]\nid = "tontine"\nlabel = "Tontine"\nthemes = ["epargne"]\n'
        'definition = "Épargne collective et rotative."\nrelated = ["banque-de-temps"]\n\n'
        '[[term]]\nid = "banque-de-temps"\nlabel = "Banque de temps"\nthemes = ["epargne"]\n'
        'definition = "Échange de services comptés en heures."\n',
        "utf-8",
    )
    glossary = export_then_import(mine, "json")
    assert glossary["tontine"].definition == "Épargne collective et rotative."
    assert glossary["tontine"].related == ("banque-de-temps",)
    assert glossary["banque-de-temps"].related == ("tontine",)
    assert glossary.theme("epargne") == Theme("epargne", "Épargne")


def json_export(tmp_path: Path, terms: list[Any], themes: list[Any] | None = None) -> Path:
    """An export file as `esslex export --format json` writes one, with these terms."""
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "terms": terms}
    if themes is not None:
        document["themes"] = themes
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(document), "utf-8")
    return exported


def test_json_entries_that_cannot_be_taken_are_listed(tmp_path: Path) -> None:
    exported = json_export(
        tmp_path,
        [
            {"id": "tontine", "label": "Tontine", "definition": "Épargne collective."},
            {"id": "vide", "label": "Vide", "definition": ""},
            {"id": "mal", "label": "Mal", "definition": "x", "alt_labels": "pas une liste"},
            {"id": "cooperation", "label": "Coopération", "definition": "Doublon."},
            "pas un objet",
        ],
    )
    output = tmp_path / "out.toml"
    code, out, err = outcome("import", str(exported), "-o", str(output))
    assert code == 0, err
    assert "1 entrée(s) importée(s)" in out
    assert "entrée n°\u00a02 («\u00a0vide\u00a0»)\u00a0: définition vide" in err
    assert (
        "entrée n°\u00a03 («\u00a0mal\u00a0»)\u00a0: «\u00a0alt_labels\u00a0» doit être une liste de chaînes"
        in err
    )
    assert (
        "entrée n°\u00a04 («\u00a0cooperation\u00a0»)\u00a0: le libellé «\u00a0Coopération\u00a0» est déjà celui"
        in err
    )
    assert "entrée n°\u00a05\u00a0: une entrée doit être un objet JSON" in err
    assert set(term.id for term in loaded(output)) >= {"tontine"}


def test_json_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    exported = tmp_path / "futur.json"
    exported.write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1, "terms": []}), "utf-8")
    output = tmp_path / "futur.toml"
    code, _, err = outcome("import", str(exported), "-o", str(output))
    assert code == 3
    assert f"version de format {SCHEMA_VERSION + 1} non prise en charge" in err
    assert not output.exists()


def test_csv_export_from_the_command_imports_back(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[glossary]\ntitle = "Réseau"\n\n[[theme]]\nid = "habitat"\nlabel = "Habitat"\n\n'
        '[[term]]\nid = "eco-hameau"\nlabel = "Éco-hameau"\n'
        'alt_labels = ["habitat groupé", "cohabitat"]\nthemes = ["habitat"]\n'
        'definition = "Groupe de ménages qui conçoivent ensemble leur logement."\n\n'
        '[[term]]\nid = "habitat-leger"\nlabel = "Habitat léger"\nthemes = ["habitat"]\n'
        'definition = "Yourtes, roulottes, tiny houses."\nbroader = ["eco-hameau"]\n',
        "utf-8",
    )
    glossary = export_then_import(mine, "csv")
    assert glossary["eco-hameau"].alt_labels == ("habitat groupé", "cohabitat")
    assert glossary["habitat-leger"].broader == ("eco-hameau",)
    assert glossary["eco-hameau"].narrower == ("habitat-leger",)


# --- property: a JSON export imports back equal ------------------------------------------


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES_OK)
@given(document=glossaries(PRINTABLE, distinct_names=True))
def test_json_export_imports_back_equal(tmp_path: Path, document: dict[str, Any]) -> None:
    original = written(tmp_path, document)
    copy = tmp_path / "importe.toml"
    result = run(
        "--no-bundled", "import", str(exported(tmp_path, "json", "copie.json")),
        "-o", str(copy), "--force",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    _, themes, terms = comparable(load_glossary([copy]))
    _, original_themes, original_terms = comparable(original)
    used = {theme_id for term in original_terms for theme_id in term.themes}
    # The importer brings the entries and the themes they cite, and each entry's `related`
    # as exported (the loader, which makes them symmetric, may then list them in another
    # order).
    assert themes == tuple(theme for theme in original_themes if theme.id in used)
    assert [set(term.related) for term in terms] == [set(t.related) for t in original_terms]
    assert [term._replace(related=()) for term in original_terms] == [
        term._replace(related=()) for term in terms
    ]


# --- a missing spreadsheet ---------------------------------------------------------------


def test_a_missing_spreadsheet_is_said_in_french(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "x.toml"))
    assert result.exit_code == 3
    assert_error_line(
        result.stderr,
        tmp_path / "absent.csv",
        None,
        "fichier introuvable",  # as for a glossary: one reader of the files named
    )


def test_json_themes_are_checked_as_the_loader_checks_a_file(tmp_path: Path) -> None:
    exported = json_export(
        tmp_path,
        [{"id": "tontine", "label": "Tontine", "definition": "x", "themes": ["epargne"]}],
        themes=[
            {"id": "epargne", "label": "Épargne", "description": "Mettre de côté."},
            {"id": "Mauvais Id", "label": "Mauvais"},
            {"id": "plus", "label": "Plus", "couleur": "vert"},
            "pas un objet",
        ],
    )
    output = tmp_path / "out.toml"
    code, out, err = outcome("--no-bundled", "import", str(exported), "-o", str(output))
    assert code == 0, err
    assert "1 entrée(s) importée(s)" in out
    assert "identifiant «\u00a0Mauvais Id\u00a0» invalide" in err
    assert "thème n°\u00a03\u00a0: champ inconnu «\u00a0couleur\u00a0» dans un thème" in err
    assert "thème n°\u00a04\u00a0: un thème doit être un objet JSON" in err
    assert err.index("thème n°\u00a02") < err.index("thème n°\u00a03")
    themes = load_glossary([output]).themes
    assert [(theme.id, theme.description) for theme in themes] == [("epargne", "Mettre de côté.")]


def test_json_entries_are_checked_as_the_loader_checks_a_file(tmp_path: Path) -> None:
    """One rule and one wording: what `esslex check` would say of the entry in a file."""
    exported = tmp_path / "export.json"
    exported.write_text(
        json.dumps(
            [
                {"id": "tontine", "label": "Tontine", "definition": "Épargne.", "narrower": []},
                {"id": "faute", "label": "Faute", "defintion": "Mal écrit."},
                {
                    "id": "an",
                    "label": "An",
                    "definition": "x",
                    "sources": [{"title": "T", "year": "2014"}],
                },
                {"label": "Sans identifiant", "definition": "Écrite à la main."},
            ]
        ),
        "utf-8",
    )
    output = tmp_path / "out.toml"
    code, out, err = outcome("--no-bundled", "import", str(exported), "-o", str(output))
    assert code == 0, err
    assert "2 entrée(s) importée(s)" in out
    assert (
        "entrée n°\u00a02 («\u00a0faute\u00a0»)\u00a0: champ inconnu «\u00a0defintion\u00a0» dans une"
        " entrée (vouliez-vous dire «\u00a0definition\u00a0»\u00a0?)" in err
    )
    assert (
        "entrée n°\u00a03 («\u00a0an\u00a0»)\u00a0: «\u00a0year\u00a0» doit être un entier" in err
    )
    ids = {term.id for term in loaded(output)}
    assert {"tontine", "sans-identifiant"} <= ids and not {"faute", "an"} & ids


# --- JSON the decoder cannot take -------------------------------------------------------------


@pytest.mark.parametrize("depth", [1_100, 100_000])
def test_json_nested_too_deeply_is_refused_in_french(tmp_path: Path, depth: int) -> None:
    """The decoder recurses on each array within another: a RecursionError traceback."""
    nested = tmp_path / "profond.json"
    nested.write_text('{"terms": ' + "[" * depth + "]" * depth + "}", "utf-8")
    result = run("import", str(nested), "-o", str(tmp_path / "x.toml"))
    assert result.exit_code == 3
    assert_error_line(
        result.stderr, nested, None, "JSON illisible\u00a0: structure trop profondément imbriquée"
    )
    assert not (tmp_path / "x.toml").exists()


def test_json_nested_less_deeply_is_read_and_its_entry_refused(tmp_path: Path) -> None:
    exported = json_export(tmp_path, [{"id": "a", "label": "A", "definition": "D.", "notes": []}])
    document = json.loads(exported.read_text("utf-8"))
    document["terms"][0]["notes"] = json.loads("[" * 500 + "]" * 500)
    exported.write_text(json.dumps(document), "utf-8")
    code, _, err = outcome("import", str(exported), "-o", str(tmp_path / "x.toml"))
    assert code == 3 and "«\u00a0notes\u00a0» doit être une liste de chaînes" in err


def test_json_with_a_number_of_5000_digits_is_refused_with_its_line(tmp_path: Path) -> None:
    """int() refuses it (over 4,300 digits): a ValueError traceback."""
    exported = tmp_path / "long.json"
    exported.write_text(
        '{"terms": [\n{"id": "a", "label": "A", "definition": "D.",\n"sources": [{"title": "T",'
        ' "year": ' + "2" * 5000 + "}]}\n]}\n",
        "utf-8",
    )
    result = run("import", str(exported), "-o", str(tmp_path / "x.toml"))
    assert result.exit_code == 3
    assert_error_line(
        result.stderr,
        exported,
        3,
        "JSON illisible\u00a0: nombre de plus de 4\u00a0300\u00a0chiffres",
    )
