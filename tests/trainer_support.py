"""A small glossary for the trainer's kit tests: siblings, alternative labels, hostile text."""

from __future__ import annotations

from pathlib import Path

from typer.testing import Result

from cli_support import run

TRAINER_GLOSSARY = '''
[glossary]
id = "formation"
title = "Glossaire de formation"
description = "Pour tester la trousse du formateur."
licence = "Textes sous licence CC BY 4.0."

[[theme]]
id = "statuts"
label = "Statuts"

[[theme]]
id = "territoires"
label = "Territoires"

[[term]]
id = "scop"
label = "Scop"
alt_labels = ["société coopérative et participative", "coopérative de salariés"]
themes = ["statuts"]
definition = "Une Scop est une société coopérative et participative : les salariés {détiennent} le capital ~ 51 %."

[[term.sources]]
title = "Loi n° 78-763"
article = "1"

[[term]]
id = "scic"
label = "SCIC"
themes = ["statuts"]
definition = "Société coopérative d’intérêt collectif = plusieurs catégories d’associés #1."
related = ["scop"]

[[term]]
id = "mutuelle"
label = "Mutuelle"
themes = ["statuts"]
definition = """Un groupement à but non lucratif <script>alert("x")</script> & solidaire.

Il poursuit deux buts :

1° Prévoyance ;
2° Entraide."""

[[term]]
id = "association"
label = "Association"
alt_labels = ["loi 1901"]
themes = ["statuts"]
definition = "Une convention : des personnes mettent en commun leurs connaissances."

[[term]]
id = "ptce"
label = "PTCE"
alt_labels = ["pôle territorial de coopération économique"]
themes = ["territoires"]
definition = "Un regroupement d’acteurs sur un territoire."
'''


def export(glossary: Path, format_name: str, *args: str, expect: int = 0) -> str:
    """The export's standard output (its error output when it fails as expected)."""
    result: Result = run("--no-bundled", "-g", str(glossary), "export", "-f", format_name, *args)
    assert result.exit_code == expect, result.output
    return result.stdout if expect == 0 else result.stderr
