"""Held-out queries for the vocabulary of issue 22 (France beyond the first day, Belgium,
international texts, other languages), written before the entries they look for: what
learners type, with their typos. `bench/lookup_accuracy.py` scores them with the first table
(tests/find/test_lookup.py); `tests/find/test_lookup_vocabulary.py` holds the score.

(query, expected entry id or NOT_FOUND / AMBIGUOUS, kind of match or "" when any kind will do)
"""

from __future__ import annotations

NOT_FOUND = "no match"
AMBIGUOUS = "ambiguous"

QUERIES: list[tuple[str, str, str]] = [
    # France, beyond the first day
    ("loi Hamon", "loi-ess-2014", "alt_label"),
    ("loi ESS", "loi-ess-2014", "alt_label"),
    ("loi du 31 juillet 2014", "loi-ess-2014", ""),
    ("entrepreneuriat social", "entrepreneuriat-social", ""),
    ("économie collaborative", "economie-collaborative", ""),
    ("union d'économie sociale", "ues", ""),
    ("groupement d'employeurs", "groupement-employeurs", ""),
    ("groupement d’employeur", "groupement-employeurs", ""),
    ("GEIQ", "geiq", ""),
    ("coopérative d'habitants", "cooperative-habitants", ""),
    ("habitat participatif", "habitat-participatif", ""),
    ("société d'assurance mutuelle", "societe-assurance-mutuelle", ""),
    ("association reconnue d'utilité publique", "arup", ""),
    ("ARUP", "arup", ""),
    ("double qualité", "double-qualite", ""),
    ("parts sociales", "parts-sociales", ""),
    ("révision coopérative", "revision-cooperative", ""),
    ("CUMA", "cuma", ""),
    ("coopérative agricole", "cooperative-agricole", ""),
    ("coopérative de consommateurs", "cooperative-consommateurs", ""),
    ("banque coopérative", "banque-cooperative", ""),
    ("microcrédit", "microcredit", ""),
    ("micro-crédit", "microcredit", ""),
    ("label Finansol", "label-finansol", ""),
    ("CIGALES", "cigales", ""),
    ("service civique", "service-civique", ""),
    ("servise civique", "service-civique", ""),
    ("mécénat de compétences", "mecenat-competences", ""),
    ("éducation populaire", "education-populaire", ""),
    ("AMAP", "amap", ""),
    ("circuits courts", "circuits-courts", ""),
    ("système d'échange local", "sel", ""),
    ("régie de quartier", "regie-de-quartier", ""),
    ("régies de quartier", "regie-de-quartier", ""),
    ("rescrit fiscal", "rescrit-fiscal", ""),
    ("RSE", "rse", ""),
    ("UDES", "udes", ""),
    ("Mouvement associatif", "mouvement-associatif", ""),
    # Belgium
    ("ASBL", "asbl", ""),
    ("association sans but lucratif", "asbl", ""),
    ("Code des sociétés et des associations", "code-societes-associations", ""),
    ("coopérative agréée", "cooperative-agreee", ""),
    ("titres-services", "titres-services", ""),
    ("titre service", "titres-services", ""),
    ("article 60", "article-60", ""),
    ("CISP", "cisp", ""),
    ("entreprise de travail adapté", "eta", ""),
    ("agence-conseil en économie sociale", "agence-conseil", ""),
    ("ConcertES", "concertes", ""),
    ("UNIPSO", "unipso", ""),
    ("SAW-B", "saw-b", ""),
    ("mutualité", "mutualite", ""),
    ("mutualités", "mutualite", ""),
    # International texts
    ("travail décent", "travail-decent", ""),
    ("économie informelle", "economie-informelle", ""),
    ("principes coopératifs", "principes-cooperatifs", ""),
    ("Alliance coopérative internationale", "alliance-cooperative-internationale", ""),
    ("troisième secteur", "troisieme-secteur", ""),
    ("plan d'action pour l'économie sociale", "plan-action-economie-sociale", ""),
    # Other languages: an equivalent given by an official text
    ("social enterprise", "entreprise-sociale-ue", "equivalent"),
    ("social entreprise", "entreprise-sociale-ue", ""),
    ("empresa social", "entreprise-sociale-ue", "equivalent"),
    ("decent work", "travail-decent", "equivalent"),
    ("trabajo decente", "travail-decent", "equivalent"),
    ("mutual aid", "entraide", "equivalent"),
    ("informal economy", "economie-informelle", ""),
    ("International Co-operative Alliance", "alliance-cooperative-internationale", ""),
    ("Social Economy Action Plan", "plan-action-economie-sociale", ""),
    ("vzw", "asbl", "equivalent"),
    ("vereniging zonder winstoogmerk", "asbl", "equivalent"),
    ("ziekenfonds", "mutualite", "equivalent"),
    # Never another concept: words that differ on a word naming another entry
    ("fondation reconnue d'utilité publique", "fondation-utilite-publique", ""),
    # Unrelated words stay unanswered
    ("tondeuse", NOT_FOUND, ""),
    ("social media", NOT_FOUND, ""),
]
