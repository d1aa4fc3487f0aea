"""A Moodle quiz in GIFT: a multiple-choice question per entry and matching questions.

The questions come from the same generator as `esslex quiz` (fixed seed: the same
selection gives the same file), each on the sentence that defines its entry, already in
French typography. Glossary text is untrusted: it is HTML-escaped (the questions are
declared `[html]`, which Moodle cleans anyway), then GIFT's special characters are escaped
with a backslash (the no-break space before « : » stays before its backslash).
"""

from __future__ import annotations

import html
import re

from esslex.documents.printable import line
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.trainer.questions import Kind, Question, SelectionTooSmall, generate

# Moodle refuses a matching question with fewer than three answers.
MATCHING_MINIMUM = 3
_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """Text safe inside a GIFT question: HTML-escaped, special characters backslashed,
    paragraphs kept as HTML line breaks (a blank line would end the question)."""
    escaped = html.escape(text, quote=False)
    lines = [line.strip() for line in escaped.splitlines() if line.strip()]
    return _SPECIAL.sub(r"\\\1", "<br>".join(lines))


def _choice(question: Question, number: int) -> str:
    lines = [f"::{number:03d} choix {escape(question.answer)}::[html]{escape(question.prompt)} {{"]
    for option in question.choices:
        mark = "=" if option.id == question.answer else "~"
        lines.append(f"\t{mark}{escape(option.label)}")
    lines.append("}")
    return "\n".join(lines)


def _matching(question: Question, number: int) -> str:
    lines = [f"::{number:03d} association::[html]{escape(question.prompt)} {{"]
    label = {option.id: option.label for option in question.choices}
    for item in question.definitions:
        lines.append(f"\t={escape(item.text)} -> {escape(label[item.id])}")
    lines.append("}")
    return "\n".join(lines)


def export(selection: Selection, options: ExportOptions) -> str:
    questions = generate(selection, [Kind.choice])[Kind.choice]
    try:
        groups = generate(selection, [Kind.matching])[Kind.matching]
    except SelectionTooSmall:
        groups = []  # one entry: no matching question, the choice questions stand alone
    title = selection.glossary.info.title
    parts = [
        f"// {escape(' '.join(line(title).split()))} — questions produites par esslex",
        "$CATEGORY: $course$/esslex",
    ]
    parts += [_choice(question, n) for n, question in enumerate(questions, 1)]
    parts += [
        _matching(question, n)
        for n, question in enumerate(groups, len(questions) + 1)
        if len(question.choices) >= MATCHING_MINIMUM
    ]
    return "\n\n".join(parts) + "\n"
