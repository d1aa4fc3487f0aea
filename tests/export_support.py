"""The small glossary every export test reads (traps included), and running export on it."""

from __future__ import annotations

from pathlib import Path

from cli_support import run
from esslex import exporters

GLOSSARY = '''
[glossary]
id = "essai"
title = "Glossaire d’essai"
language = "fr"
version = "2.1"
publishers = ["Réseau A", "Collectif B"]
description = "Un petit glossaire pour les tests."
licence = "Textes sous licence CC BY 4.0."

[[theme]]
id = "economie"
label = "Économie"
description = "Les modèles économiques."

[[theme]]
id = "territoires"
label = "Territoires"

[[term]]
id = "ecosysteme"
label = "Écosystème"
alt_labels = ["écosystème naturel"]
themes = ["territoires"]
definition = "Un ensemble vivant."

[[term]]
id = "ecosysteme-local"
label = "Écosystème local"
themes = ["territoires", "economie"]
definition = "Un écosystème d’acteurs sur un territoire."
broader = ["ecosysteme"]
related = ["ecosysteme", "achats"]

[[term]]
id = "achats"
label = "Achats publics responsables"
alt_labels = ["commande publique", "=HYPERLINK(\\"http://x\\")"]
hidden_labels = ["marchés publics"]
themes = ["economie"]
definition = """
La commande publique <script>alert("x")</script> pèse *lourd* & [compte](javascript:alert(1)).

Elle poursuit deux buts :

1° Protéger l’environnement ;
2° Favoriser le progrès social.
"""
notes = ["@SUM(A1) n’est pas une formule."]
related = ["cooperation"]

[[term.sources]]
title = "Code de la commande publique"
article = "L2111-1"
year = 2019
url = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019"

[[term.sources]]
title = "Lien piégé"
url = "javascript:alert(1)"

[[term]]
id = "cooperation"
label = "Coopération \\"de fait\\""
themes = ["economie"]
definition = "+ Agir ensemble dans un but commun."
'''


LABELS = [
    "Écosystème",
    "Écosystème local",
    "Achats publics responsables",
    'Coopération "de fait"',
]


TEXT_FORMATS = [name for name, e in exporters.EXPORTERS.items() if not e.binary]


def export(glossary: Path, *args: str) -> tuple[int, str, str]:
    result = run("--no-bundled", "-g", str(glossary), "export", *args)
    return result.exit_code, result.stdout, result.stderr


def out_of(glossary: Path, *args: str) -> str:
    code, out, err = export(glossary, *args)
    assert code == 0, err
    return out
