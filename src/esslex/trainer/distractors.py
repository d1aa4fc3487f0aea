"""Wrong options of a multiple-choice question: entries of the same kind, same theme first.

The kind of an entry is read from the data, in this order:
1. an entry in a hierarchy (it has a broader entry, or narrower ones) takes the kind of the
   top of its broader chain, its family (SCOP → Coopérative → Entreprise de l’ESS);
2. the kind is then named by the head noun of that entry's label, its first word (for a
   label that is an acronym, the first alternative label's): « Association », « Société »,
   « Structure »… name a structure; « Dispositif », « Agrément », « Clause »… a scheme;
   « Entrepreneur », « Acteurs » a person (`HEAD_NOUNS`); any other head noun, a notion.

The candidates, every entry of the glossary, are ranked: same kind and same family, same
kind and a shared theme, same kind, a shared theme, the rest (random order within a rank,
from the seed). Then no option may be told right by a word it shares with the prompt: each
word of the right label that the prompt also reads (« … est une fondation ») is carried by
one wrong option at least (« Fondation »), taken from the best rank that has one; a word no
other entry carries cannot be matched.
"""

from __future__ import annotations

import random

from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import fold_key
from esslex.trainer.masking import names_of

STRUCTURE, SCHEME, PERSON, NOTION = "structure", "dispositif", "personne", "notion"
# Head nouns (folded) that name a kind; French nouns, not this glossary's words.
HEAD_NOUNS = {
    **dict.fromkeys(
        (
            "association",
            "atelier",
            "chambre",
            "conseil",
            "cooperative",
            "employeur",
            "entreprise",
            "etablissement",
            "fondation",
            "groupement",
            "mutuelle",
            "organisme",
            "pole",
            "reseau",
            "societe",
            "structure",
            "tier",  # tiers-lieu
        ),
        STRUCTURE,
    ),
    **dict.fromkeys(
        (
            "agrement",
            "clause",
            "contrat",
            "dispositif",
            "guide",
            "label",
            "marche",
            "schema",
            "subvention",
            "territoire",
            "titre",
        ),
        SCHEME,
    ),
    **dict.fromkeys(("acteur", "benevole", "entrepreneur", "salarie"), PERSON),
}
# Words too common to give an answer away.
_SHORT = 3
_COMMON = frozenset(
    {"avec", "cette", "dans", "dont", "elle", "entre", "leur", "plus", "pour", "sans", "sont"}
    | {"tous", "tout", "toute"}
)


def content_words(text: str) -> set[str]:
    return {word for word in fold_key(text).split() if len(word) > _SHORT and word not in _COMMON}


def _is_acronym(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


class Kinds:
    """The kind and family of each entry of a glossary, computed once each."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._family: dict[str, str | None] = {}
        self._kind: dict[str, str] = {}
        self._words: dict[str, set[str]] = {}
        self._carriers: dict[str, list[Term]] | None = None

    def family(self, term: Term) -> str | None:
        """The top of the entry's broader chain, when it is in a hierarchy."""
        if term.id not in self._family:
            top, seen = term, {term.id}
            while top.broader:
                above = self.glossary.get(top.broader[0])
                if above is None or above.id in seen:
                    break
                top = above
                seen.add(top.id)
            in_hierarchy = bool(term.broader or term.narrower)
            self._family[term.id] = top.id if in_hierarchy else None
        return self._family[term.id]

    def kind(self, term: Term) -> str:
        if term.id not in self._kind:
            family = self.family(term)
            named = self.glossary.get(family) if family else None
            self._kind[term.id] = _kind_of_label(named or term)
        return self._kind[term.id]

    def words(self, term: Term) -> set[str]:
        if term.id not in self._words:
            self._words[term.id] = content_words(term.label)
        return self._words[term.id]

    def carriers(self, word: str) -> list[Term]:
        """The entries whose label carries `word` (an index made once per glossary)."""
        if self._carriers is None:
            self._carriers = {}
            for term in self.glossary.terms:
                for each in self.words(term):
                    self._carriers.setdefault(each, []).append(term)
        return self._carriers.get(word, [])

    def rank(self, right: Term, candidate: Term) -> int:
        same_kind = self.kind(candidate) == self.kind(right)
        family = self.family(right)
        if same_kind and family is not None and self.family(candidate) == family:
            return 0
        shared_theme = bool(set(candidate.themes) & set(right.themes))
        if same_kind:
            return 1 if shared_theme else 2
        return 3 if shared_theme else 4


def _kind_of_label(term: Term) -> str:
    label = term.label
    if _is_acronym(label):
        label = next((name for name in term.alt_labels if not _is_acronym(name)), label)
    words = fold_key(label).split()
    return HEAD_NOUNS.get(words[0], NOTION) if words else NOTION


class Distinct:
    """Accepts the candidates that cannot pass for the right answer nor for each other:
    never another name of the right entry, never two options that read the same."""

    def __init__(self, right: Term) -> None:
        self.right_key = fold_key(right.label)
        self.right_keys = {fold_key(name) for name in names_of(right)}
        self.seen = {self.right_key}

    def accept(self, candidate: Term) -> bool:
        key = fold_key(candidate.label)
        if not key or key in self.seen or key in self.right_keys:
            return False  # reads like an option already there, or is a name of the right one
        if self.right_key in {fold_key(name) for name in names_of(candidate)}:
            return False  # the right answer is another name of this entry
        self.seen.add(key)
        return True


def choose(right: Term, prompt: str, ranked: list[Term], count: int, kinds: Kinds) -> list[Term]:
    """`count` wrong options from `ranked` (best first): first the best ranked carrier of
    each word the prompt shares with the right label, then the best ranked. Lazy: a large
    glossary is read only as far as the options need."""
    position = {term.id: index for index, term in enumerate(ranked)}
    distinct = Distinct(right)
    chosen: list[Term] = []
    for word in sorted(content_words(prompt) & kinds.words(right)):
        if len(chosen) == count or any(word in kinds.words(t) for t in chosen):
            continue
        carriers = [t for t in kinds.carriers(word) if t.id in position]
        for carrier in sorted(carriers, key=lambda t: position[t.id]):
            if distinct.accept(carrier):
                chosen.append(carrier)
                break
    taken = {term.id for term in chosen}
    for candidate in ranked:
        if len(chosen) == count:
            break
        if candidate.id not in taken and distinct.accept(candidate):
            chosen.append(candidate)
    return chosen


def ranked_candidates(
    right: Term, glossary: Glossary, kinds: Kinds, rng: random.Random
) -> list[Term]:
    """Every other entry, best rank first, shuffled within a rank."""
    others = [term for term in glossary.terms if term.id != right.id]
    rng.shuffle(others)
    return sorted(others, key=lambda term: kinds.rank(right, term))
