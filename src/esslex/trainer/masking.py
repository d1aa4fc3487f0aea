"""Where an entry names itself in a text, and the text a question shows with those names blanked.

Two rules. `mask` blanks every mention of every name (the review's flashcards, which show the
whole definition). `question_text` is the questions' rule: the entry's own label and
alternative labels (acronyms included, hidden labels never) are blanked once per sentence;
a name repeated in brackets right after it (« Une société coopérative et participative
(SCOP) ») goes with the blank, a later mention in the same sentence becomes « … »; by
default only the sentence that defines the entry is shown (the first that names it, else
the first sentence).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from esslex.glossary.model import Term
from esslex.text.normalize import fold_key
from esslex.text.typography import french_typography

BLANK = "______"
# A later mention of the entry in a sentence that already has its blank.
ELIDED = "…"


def names_of(term: Term) -> list[str]:
    """Every name an entry goes by: label, alternative and hidden labels."""
    return [term.label, *term.alt_labels, *term.hidden_labels]


def _name_keys(names: Iterable[str]) -> list[list[str]]:
    keys = {tuple(fold_key(name).split()) for name in names}
    # The longest first, so "économie sociale et solidaire" is masked whole, not "économie".
    return sorted((list(key) for key in keys if key), key=lambda key: (-len(key), key))


def _tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the words of `text` as `fold` sees them: runs of letters, digits and the
    marks `fold` drops; punctuation, spaces and symbols separate them."""
    spans: list[tuple[int, int]] = []
    start = -1
    for position, char in enumerate(text):
        inside = _in_word(char)
        if inside and start < 0:
            start = position
        elif not inside and start >= 0:
            spans.append((start, position))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans


# Categories `fold` removes without separating words (accents, format characters).
_DROPPED = ("Mn", "Me", "Mc", "Cf", "Cs", "Co", "Cn")


def _in_word(char: str) -> bool:
    category = unicodedata.category(char)
    if category[0] in ("L", "N") or category in _DROPPED:
        return True
    # A symbol that `fold` spells out in letters (℀ → « a c », ㎏ → « kg ») is words too.
    return any(
        unicodedata.category(part)[0] in ("L", "N") for part in unicodedata.normalize("NFKD", char)
    )


def mentions(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of `text` that mention one of `names`, in any form the folding matches (case,
    accents, ligatures, final plural s), the longest name first, in reading order."""
    keys = _name_keys(names)
    if not keys:
        return []
    # One folded word per item, with the span of the written word it comes from.
    words: list[tuple[str, tuple[int, int]]] = [
        (word, span) for span in _tokens(text) for word in fold_key(text[span[0] : span[1]]).split()
    ]
    folded = [word for word, _ in words]
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(words):
        for key in keys:
            end = position + len(key)
            if folded[position:end] == key:
                start, stop = words[position][1][0], words[end - 1][1][1]
                if spans and start < spans[-1][1]:
                    start = spans.pop()[0]  # two names in one written word: one blank
                spans.append((start, stop))
                position = end
                break
        else:
            position += 1
    return spans


def mask(text: str, names: Iterable[str]) -> str:
    """`text` with every mention of `names` blanked."""
    for start, end in reversed(mentions(text, names)):
        text = text[:start] + BLANK + text[end:]
    return text


def shown_definition(term: Term) -> str:
    """The definition as a question shows it: one paragraph per line, its names masked."""
    paragraphs = [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", term.definition)]
    return mask("\n".join(part for part in paragraphs if part), names_of(term))


# -- the questions' rule ------------------------------------------------------------------

# The end of a sentence: « . ! ? … » after a word or a closing mark, before a capital, a
# digit or an opening mark.
_SENTENCE_END = re.compile(
    r"(?:(?<=[^\W\d_]{2}[.!?…])|(?<=[)»”\d][.!?…]))\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Þ0-9])"
)
_MARK = "\x00"  # never in a text shown (controls are stripped before)
# A name given again in brackets right after the first: « ______ (______) ».
_REPEATED = re.compile(r"\x00(?:\s*\(\s*\x00\s*\))+")
# An apostrophe before a blank (« l'______ ») that the typography's letter rule cannot see.
_APOSTROPHE_BEFORE_BLANK = re.compile(r"(?<=[^\W\d_])'(?=_)")


def asked_names(term: Term) -> list[str]:
    """The names a question blanks: the label and the alternative labels, not the hidden
    ones (spellings, derived words: « coopérateur » stays in « chaque membre coopérateur »)."""
    return [term.label, *term.alt_labels]


def sentences(paragraph: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(paragraph) if part.strip()]


def blank_once(sentence: str, names: Iterable[str]) -> str:
    """The sentence with its first mention of `names` blanked, later ones elided."""
    spans = mentions(sentence, names)
    for start, end in reversed(spans):
        sentence = sentence[:start] + _MARK + sentence[end:]
    sentence = _REPEATED.sub(_MARK, sentence)
    first, _, rest = sentence.partition(_MARK)
    rest = rest.replace(_MARK + ".", ELIDED).replace(_MARK, ELIDED)
    return first + BLANK + rest if spans else sentence


def typeset(text: str) -> str:
    """Text of the glossary as questions show it: French typography."""
    return _APOSTROPHE_BEFORE_BLANK.sub("\u2019", french_typography(text))


def defining_sentence(term: Term) -> str:
    """The sentence that defines the entry: the first that names it, else the first."""
    names = asked_names(term)
    every = [
        sentence
        for chunk in re.split(r"\n\s*\n", term.definition)
        for sentence in sentences(" ".join(chunk.split()))
    ]
    if not every:
        return ""
    defining = next((s for s in every if mentions(s, names)), every[0]).strip()
    if defining.endswith(":"):
        # A sentence announcing a list: say that the definition goes on.
        defining = defining.rstrip(" :") + "\u00a0…"
    return defining


def question_text(term: Term, full: bool = False) -> str:
    """What a question shows of an entry: its defining sentence (or the whole definition
    with `full`, one paragraph per line), names blanked once per sentence, in French
    typography."""
    names = asked_names(term)
    if not full:
        return typeset(blank_once(defining_sentence(term), names))
    paragraphs = [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", term.definition)]
    lines = [
        " ".join(blank_once(sentence, names) for sentence in sentences(paragraph))
        for paragraph in paragraphs
        if paragraph
    ]
    return typeset("\n".join(lines))
