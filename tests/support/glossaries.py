"""The test glossaries (the exports', the trainer's, the rights one) and the builders of
generated ones (`write_glossary`, `age`), and the size of the bundled glossary."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from esslex.glossary.paths import bundled_path
from esslex.text.normalize import fold

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# --- generated glossaries ---


# The [glossary] table of a small glossary written by a test.
GOOD_HEAD = '[glossary]\nid = "essai"\ntitle = "Essai"\n\n'

NOUNS = ("coopérative", "économie", "mutuelle", "épargne", "tiers-lieu", "œuvre", "régie")

ADJECTIVES = ("sociale", "solidaire", "locale", "citoyenne", "partagée", "équitable")

COMPLEMENTS = ("de proximité", "d’insertion", "des habitants", "de l’Île-de-France", "du réemploi")

THEMES = (
    ("economie", "Modèles économiques"),
    ("acteurs", "Acteurs"),
    ("territoires", "Territoires"),
)


def write_glossary(
    path: Path, count: int = 300, seed: int = 3, extra: str = "", text: str | bytes | None = None
) -> Path:
    """A glossary of `count` entries with accents, alternative labels, notes, relations,
    dated in the past; or, given `text`, that text as it is (str or bytes), dated now."""
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    rng = random.Random(seed)
    labels: dict[str, str] = {}
    while len(labels) < count:
        words = [rng.choice(NOUNS), rng.choice(ADJECTIVES)]
        if rng.random() < 0.6:
            words.append(rng.choice(COMPLEMENTS))
        if rng.random() < 0.3:
            words.insert(1, rng.choice(ADJECTIVES))
        label = " ".join(words)
        label = label[0].upper() + label[1:]
        key = "-".join(fold(label).split())
        labels.setdefault(key, label)
    ids = list(labels)
    lines = ['[glossary]\nid = "essai"\ntitle = "Glossaire d’essai"\n']
    for theme_id, label in THEMES:
        lines.append(f'[[theme]]\nid = "{theme_id}"\nlabel = "{label}"\n')
    for position, (term_id, label) in enumerate(labels.items()):
        lines.append(f'[[term]]\nid = "{term_id}"\nlabel = "{label}"')
        if rng.random() < 0.4:
            lines.append(f'alt_labels = ["{label.split()[0]} {rng.choice(COMPLEMENTS)}"]')
        if rng.random() < 0.1:
            lines.append(f'hidden_labels = ["{fold(label)[:12]}"]')
        lines.append(f'themes = ["{rng.choice(THEMES)[0]}"]')
        sentences = [
            f"La {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)} {rng.choice(COMPLEMENTS)}"
            f" réunit des acteurs de l’économie {rng.choice(ADJECTIVES)}."
            for _ in range(rng.randint(1, 4))
        ]
        lines.append('definition = """\n' + " ".join(sentences) + '\n"""')
        if rng.random() < 0.3:
            lines.append(f'notes = ["Voir aussi la {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}."]')
        if position and rng.random() < 0.4:
            lines.append(f'related = ["{ids[rng.randrange(position)]}"]')
        if position and rng.random() < 0.2:
            lines.append(f'broader = ["{ids[rng.randrange(position)]}"]')
        # By position, not by draw: the entries of every seed stay as they were.
        if position % 5 == 0:
            lines.append(
                'jurisdictions = ["FR", "BE-WAL"]' if position % 10 else 'jurisdictions = ["EU"]'
            )
        if position % 9 == 0:
            lines.append(
                f'[[term.equivalents]]\nlang = "en"\nlabel = "{fold(label)} (en)"\n'
                'source = "Texte d’essai, version anglaise"'
            )
        lines.append("")
    path.write_text("\n".join(lines) + extra, encoding="utf-8")
    return age(path)


def age(path: Path, seconds: float = 60) -> Path:
    """Give the file a modification time in the past (a fresh file is not cached)."""
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def bundled_term_count() -> int:
    """Number of [[term]] tables in the bundled data file (it grows as entries are written)."""
    return len(tomllib.loads(bundled_path().read_text(encoding="utf-8"))["term"])


# The small glossary every export test reads (traps included), and its labels.
EXPORT_GLOSSARY = '''
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

EXPORT_LABELS = [
    "Écosystème",
    "Écosystème local",
    "Achats publics responsables",
    'Coopération "de fait"',
]

# The trainer's kit: siblings, alternative labels, hostile text.
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

# Entries that take their rights from an origin or from a source of their own.
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"


RIGHTS_GLOSSARY = f"""\
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


# A glossary of namesakes in several places, with equivalents in other languages (issue 22).
PLACES = (
    GOOD_HEAD
    + """
[[theme]]
id = "statuts"
label = "Statuts"

[[term]]
id = "economie-sociale"
label = "Économie sociale"
themes = ["statuts"]
jurisdictions = ["FR"]
definition = "Les associations, coopératives, mutuelles et fondations, en droit français."

[[term]]
id = "economie-sociale-wallonie"
label = "Économie sociale (Wallonie)"
themes = ["statuts"]
jurisdictions = ["BE-WAL"]
definition = "Les activités économiques qui suivent quatre principes, selon le décret wallon."

[[term]]
id = "entreprise-sociale-ue"
label = "Entreprise sociale (Union européenne)"
themes = ["statuts"]
jurisdictions = ["EU"]
definition = "Une entreprise dont l’objet social prime, au sens de la Commission."

[[term.equivalents]]
lang = "en"
label = "social enterprise"
source = "Plan d’action pour l’économie sociale, version anglaise"
url = "https://eur-lex.europa.eu/"

[[term.equivalents]]
lang = "es"
label = "empresa social"
source = "Plan d’action pour l’économie sociale, version espagnole"

[[term]]
id = "entreprise-sociale-be"
label = "Entreprise sociale (Belgique)"
themes = ["statuts"]
jurisdictions = ["BE"]
definition = "Une coopérative agréée comme entreprise sociale."

[[term.equivalents]]
lang = "nl"
label = "sociale onderneming"
source = "Code des sociétés et des associations, version néerlandaise"

[[term]]
id = "asbl"
label = "Association sans but lucratif"
alt_labels = ["ASBL"]
themes = ["statuts"]
jurisdictions = ["BE"]
definition = "Une association de droit belge."

[[term.equivalents]]
lang = "nl"
label = "vereniging zonder winstoogmerk"
source = "Code des sociétés et des associations, version néerlandaise"

[[term]]
id = "association"
label = "Association"
themes = ["statuts"]
jurisdictions = ["FR"]
definition = "Une convention entre personnes, en droit français."

[[term]]
id = "frup"
label = "Fondation reconnue d’utilité publique"
themes = ["statuts"]
jurisdictions = ["FR"]
definition = "Une fondation que l’État reconnaît."

[[term]]
id = "ess-internationale"
label = "Économie sociale et solidaire (définition internationale)"
themes = ["statuts"]
jurisdictions = ["INT"]
definition = "Les entités que la résolution de l’OIT décrit."

[[term.equivalents]]
lang = "en"
label = "social and solidarity economy"
source = "Résolution de l’OIT, version anglaise"

[[term]]
id = "ess"
label = "Économie sociale et solidaire"
themes = ["statuts"]
jurisdictions = ["FR"]
definition = "Le mode d’entreprendre que la loi de 2014 définit."

[[term.equivalents]]
lang = "en"
label = "social and solidarity economy"
source = "Résolution de l’OIT, version anglaise"
"""
)
