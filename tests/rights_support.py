"""A glossary whose entries take their rights from an origin or from a source of their own:
read by the loader and carried by the exports (test_loader, test_model, the exporters)."""

from __future__ import annotations

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
