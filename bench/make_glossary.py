"""Write a synthetic but realistic esslex glossary of N entries, for benchmarks.

French-looking labels with accents, ligatures and apostrophes, multi-paragraph definitions,
notes, sources, themes and relations (related and broader, without cycles). The output is
deterministic for a given N and seed, and loads without errors (`esslex check` passes).

    python bench/make_glossary.py 100000 -o bench/out/glossaire-100000.toml
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

NOUNS = (
    "coopérative",
    "association",
    "mutuelle",
    "fondation",
    "entreprise",
    "économie",
    "finance",
    "épargne",
    "monnaie",
    "société",
    "régie",
    "chantier",
    "atelier",
    "réseau",
    "pôle",
    "tiers-lieu",
    "plateforme",
    "communauté",
    "collectif",
    "fédération",
    "union",
    "groupement",
    "alliance",
    "agence",
    "maison",
    "fabrique",
    "école",
    "université",
    "incubateur",
    "pépinière",
    "couveuse",
    "ressourcerie",
    "recyclerie",
    "épicerie",
    "cuisine",
    "ferme",
    "jardin",
    "habitat",
    "logement",
    "mobilité",
    "énergie",
    "alimentation",
    "santé",
    "culture",
    "éducation",
    "insertion",
    "emploi",
    "formation",
    "gouvernance",
    "démocratie",
    "transition",
    "résilience",
    "solidarité",
    "coopération",
    "mutualisation",
    "innovation",
    "évaluation",
    "utilité",
    "filière",
    "commande",
    "achat",
    "marché",
    "contrat",
    "convention",
    "charte",
    "label",
    "statut",
    "agrément",
    "fonds",
    "prêt",
    "subvention",
    "dotation",
    "investissement",
    "capital",
    "réserve",
    "excédent",
    "sociétariat",
    "bénévolat",
    "volontariat",
    "salariat",
    "entrepreneuriat",
    "accompagnement",
    "animation",
    "médiation",
    "concertation",
    "participation",
    "gestion",
    "comptabilité",
    "stratégie",
    "politique",
    "écosystème",
    "territoire",
    "quartier",
    "bassin",
    "œuvre",
    "manœuvre",
    "cœur",
    "vœu",
    "hôpital",
    "crèche",
    "bibliothèque",
    "forêt",
    "rivière",
    "île",
)
ADJECTIVES = (
    "sociale",
    "solidaire",
    "collective",
    "coopérative",
    "mutualiste",
    "associative",
    "locale",
    "territoriale",
    "régionale",
    "européenne",
    "citoyenne",
    "participative",
    "inclusive",
    "durable",
    "écologique",
    "circulaire",
    "équitable",
    "responsable",
    "partagée",
    "publique",
    "privée",
    "non lucrative",
    "à lucrativité limitée",
    "autogérée",
    "démocratique",
    "ouverte",
    "numérique",
    "rurale",
    "urbaine",
    "périurbaine",
    "maritime",
    "montagnarde",
    "agricole",
    "artisanale",
    "industrielle",
    "culturelle",
    "sportive",
    "éducative",
    "médico-sociale",
    "sanitaire",
    "énergétique",
    "alimentaire",
    "financière",
    "monétaire",
    "fiscale",
    "juridique",
    "contractuelle",
    "innovante",
    "expérimentale",
    "intergénérationnelle",
    "féministe",
    "populaire",
    "paysanne",
    "naturelle",
    "transfrontalière",
    "internationale",
    "nationale",
    "départementale",
    "communale",
    "intercommunale",
    "métropolitaine",
    "ultramarine",
    "insulaire",
)
COMPLEMENTS = (
    "d’intérêt collectif",
    "d’utilité sociale",
    "de proximité",
    "de territoire",
    "des communs",
    "d’insertion",
    "d’économie sociale",
    "de l’économie solidaire",
    "de la transition",
    "des habitants",
    "des usagers",
    "des salariés",
    "des bénévoles",
    "des producteurs",
    "des consommateurs",
    "des agriculteurs",
    "des artisans",
    "des quartiers",
    "des villages",
    "de l’emploi",
    "du logement",
    "de l’énergie",
    "de l’eau",
    "des déchets",
    "du réemploi",
    "de la santé",
    "de la culture",
    "du sport",
    "de l’enfance",
    "de la jeunesse",
    "des aînés",
    "du handicap",
    "de la mobilité",
    "de l’alimentation",
    "de la forêt",
    "de la mer",
    "de la montagne",
    "du littoral",
    "de la vallée",
    "du bocage",
    "de l’Aveyron",
    "du Béarn",
    "de l’Hérault",
    "de la Drôme",
    "du Périgord",
    "de l’Île-de-France",
    "de Wallonie",
    "du Québec",
    "de Bretagne",
    "d’Occitanie",
    "d’Auvergne",
    "de Franche-Comté",
    "de Lorraine",
    "en milieu rural",
    "en milieu urbain",
    "à but d’emploi",
    "à impact",
    "à mission",
    "au service du territoire",
    "pour tous",
    "sans frontières",
    "en réseau",
    "en commun",
)
VERBS = (
    "désigne",
    "regroupe",
    "rassemble",
    "qualifie",
    "décrit",
    "recouvre",
    "caractérise",
    "organise",
    "finance",
    "accompagne",
    "soutient",
    "représente",
    "encadre",
    "développe",
)
OBJECTS = (
    "les structures de l’économie sociale et solidaire",
    "des personnes éloignées de l’emploi",
    "les acteurs d’un même territoire",
    "des activités économiques à finalité sociale",
    "la gouvernance démocratique des organisations",
    "les excédents réinvestis dans le projet",
    "la coopération entre collectivités et associations",
    "les échanges non monétaires",
    "une démarche d’éducation populaire",
    "la mutualisation des moyens et des savoir-faire",
    "les circuits courts de production et de consommation",
    "l’épargne solidaire des ménages",
    "les biens communs et leur gestion partagée",
    "la participation des usagers aux décisions",
    "l’évaluation de l’utilité sociale",
    "la création d’emplois non délocalisables",
    "les politiques publiques de développement local",
    "la transition écologique et sociale",
    "des coopératives d’activités et d’emploi",
    "la lutte contre l’exclusion et la précarité",
    "le réemploi des objets et la réduction des déchets",
    "l’accès de tous aux droits",
)
CONTEXTS = (
    "Selon la loi n° 2014-856 du 31 juillet 2014,",
    "Dans le cadre d’un projet de territoire,",
    "À l’échelle d’un bassin de vie,",
    "Au sens du code général des collectivités,",
    "D’après les réseaux de l’ESS,",
    "Pour les financeurs publics,",
    "En pratique,",
    "Depuis les années 1980,",
    "Dans la tradition coopérative,",
    "Au-delà du statut juridique,",
    "Comme le rappellent les chambres régionales de l’ESS,",
    "Historiquement,",
)
ENDINGS = (
    "ce qui suppose une gouvernance partagée et une lucrativité limitée.",
    "dans le respect des principes de l’économie sociale et solidaire.",
    "en s’appuyant sur la participation des habitants et des usagers.",
    "avec un ancrage territorial fort et des emplois non délocalisables.",
    "tout en recherchant l’équilibre économique de l’activité.",
    "et rend compte de son utilité sociale auprès des partenaires.",
    "au croisement de l’action publique et de l’initiative citoyenne.",
    "sans que les bénéfices soient partagés entre les associés.",
)
THEMES = (
    ("economie", "Modèles économiques"),
    ("acteurs", "Acteurs et accompagnement"),
    ("territoires", "Territoires et coopération"),
    ("ecosystemes", "Écosystèmes et action publique"),
    ("transitions", "Transitions"),
    ("finance", "Finance solidaire"),
    ("emploi", "Emploi et insertion"),
    ("gouvernance", "Gouvernance et statuts"),
    ("habitat", "Habitat et cadre de vie"),
    ("alimentation", "Alimentation et agriculture"),
    ("culture", "Culture et éducation populaire"),
    ("sante", "Santé et action sociale"),
)
PUBLISHERS = ("Apes", "Concertes", "MES", "RIES", "RIPES Europe", "UNIPSO", "ESS France")


def slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe")).lower()
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rng: random.Random, label: str) -> str:
    subject = rng.choice(("Le terme", "L’expression", "La notion", "Cette forme", "Ce modèle"))
    body = f"{subject} « {label} » {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.5:
        body = f"{rng.choice(CONTEXTS)} {body[0].lower()}{body[1:]}"
    return f"{body}, {rng.choice(ENDINGS)}"


def paragraph(rng: random.Random, label: str, sentences: int) -> str:
    parts = [sentence(rng, label)]
    for _ in range(sentences - 1):
        parts.append(
            f"{rng.choice(CONTEXTS)} elle {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(ENDINGS)}"
        )
    return " ".join(parts)


def labels(count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        noun = rng.choice(NOUNS)
        shape = rng.random()
        if shape < 0.35:
            words = [noun, rng.choice(ADJECTIVES), rng.choice(COMPLEMENTS)]
        elif shape < 0.7:
            words = [noun, rng.choice(ADJECTIVES), rng.choice(ADJECTIVES), rng.choice(COMPLEMENTS)]
        else:
            words = [noun, rng.choice(COMPLEMENTS), rng.choice(ADJECTIVES), rng.choice(COMPLEMENTS)]
        label = " ".join(words)
        label = label[0].upper() + label[1:]
        key = slug(label)
        if key and key not in seen:
            seen.add(key)
            out.append(label)
    return out


def write_glossary(count: int, seed: int, out) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    names = labels(count, rng)
    ids = [slug(label) for label in names]
    out.write("# Glossaire synthétique pour les mesures de performance d’esslex.\n\n")
    out.write("[glossary]\n")
    out.write(f'id = "synthetique-{count}"\n')
    out.write(f"title = {quote(f'Glossaire synthétique de {count} entrées')}\n")
    out.write('language = "fr"\nversion = "1.0.0"\n')
    out.write(f"publishers = [{', '.join(quote(p) for p in PUBLISHERS[:3])}]\n")
    out.write(
        'description = "Entrées générées : libellés, définitions et relations vraisemblables."\n\n'
    )
    for theme_id, label in THEMES:
        out.write(f"[[theme]]\nid = {quote(theme_id)}\nlabel = {quote(label)}\n")
        out.write(f"description = {quote(f'Entrées du thème « {label} ».')}\n\n")
    for position, (term_id, label) in enumerate(zip(ids, names, strict=True)):
        out.write(f"[[term]]\nid = {quote(term_id)}\nlabel = {quote(label)}\n")
        words = label.split()
        alts = []
        if rng.random() < 0.4:
            alts.append(" ".join(words[:2]) + " " + rng.choice(COMPLEMENTS))
        if rng.random() < 0.2:
            alts.append("".join(word[0] for word in words if word[0].isalpha()).upper())
        alts = [alt for alt in dict.fromkeys(alts) if slug(alt) != term_id]
        if alts:
            out.write(f"alt_labels = [{', '.join(quote(a) for a in alts)}]\n")
        if rng.random() < 0.1:
            out.write(f"hidden_labels = [{quote(words[0].lower() + ' ' + words[-1])}]\n")
        themes = rng.sample(THEMES, rng.choice((1, 1, 2, 3)))
        out.write(f"themes = [{', '.join(quote(t[0]) for t in themes)}]\n")
        paragraphs = [
            paragraph(rng, label, rng.randint(2, 3)) for _ in range(rng.choice((1, 1, 2)))
        ]
        out.write('definition = """\n' + "\n\n".join(paragraphs) + '\n"""\n')
        if rng.random() < 0.3:
            note = f"À ne pas confondre avec « {rng.choice(names)} », dont le périmètre diffère."
            out.write(f"notes = [{quote(note)}]\n")
        if position and rng.random() < 0.5:
            related = dict.fromkeys(ids[rng.randrange(position)] for _ in range(rng.randint(1, 3)))
            out.write(f"related = [{', '.join(quote(r) for r in related)}]\n")
        if position and rng.random() < 0.3:
            out.write(f"broader = [{quote(ids[rng.randrange(position)])}]\n")
        out.write('origin = "esslex"\n')
        if rng.random() < 0.6:
            out.write("\n[[term.sources]]\n")
            out.write(
                f"title = {quote('Guide de ' + rng.choice(NOUNS) + ' ' + rng.choice(ADJECTIVES))}\n"
            )
            out.write(f"publisher = {quote(rng.choice(PUBLISHERS))}\n")
            out.write(f"year = {rng.randint(1995, 2024)}\n")
        out.write("\n")


def cached_glossary(count: int) -> Path:
    """bench/out/glossaire-<count>.toml, written if missing, and old enough that esslex
    caches it (it does not cache a file modified within the last 2 s)."""
    path = Path(__file__).resolve().parent / "out" / f"glossaire-{count}.toml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            write_glossary(count, 7, out)
        temporary.replace(path)
    time.sleep(max(0.0, 2.5 - (time.time() - path.stat().st_mtime)))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of entries")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.output is None:
        write_glossary(args.count, args.seed, sys.stdout)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        write_glossary(args.count, args.seed, out)
    temporary.replace(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
