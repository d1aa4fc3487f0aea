"""`esslex check`: validation plus qSKOS-style quality checks, as a report of findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from esslex.errors import GlossaryError, Location
from esslex.glossary.issues import Finding, Level
from esslex.glossary.loader import Assembly, GlossaryFile, assemble, read_glossary_file
from esslex.glossary.model import Source, Term
from esslex.text.normalize import fold_key, has_controls


@dataclass(frozen=True)
class CheckReport:
    files: tuple[str, ...]
    terms: int
    findings: tuple[Finding, ...]

    def count(self, level: Level) -> int:
        return sum(1 for finding in self.findings if finding.level is level)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.count(Level.ERROR) or (strict and self.count(Level.WARNING)))

    def as_dict(self) -> dict[str, object]:
        return {
            "files": list(self.files),
            "terms": self.terms,
            "errors": self.count(Level.ERROR),
            "warnings": self.count(Level.WARNING),
            "infos": self.count(Level.INFO),
            "findings": [finding.as_dict() for finding in self.findings],
        }


def check_paths(paths: Sequence[Path]) -> CheckReport:
    """Check every file; one that cannot be read is reported and the others still checked."""
    files: list[GlossaryFile] = []
    findings: list[Finding] = []
    for path in paths:
        try:
            files.append(read_glossary_file(path))
        except GlossaryError as error:
            findings.append(Finding(Level.ERROR, "unreadable", error.detail, error.location))
            continue
        if not files[-1].terms:
            # Valid TOML and loadable, but most likely the wrong or a truncated file.
            findings.append(
                Finding(
                    Level.WARNING,
                    "no-entry",
                    "aucune entrée ([[term]]) dans ce fichier",
                    Location(files[-1].path),
                )
            )
    assembly = assemble(files)
    findings.extend(assembly.findings)
    findings.extend(quality_findings(assembly))
    order = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}
    findings.sort(key=lambda f: (order[f.level], f.location.path, f.location.line or 0))
    return CheckReport(tuple(str(path) for path in paths), len(assembly.glossary), tuple(findings))


def quality_findings(assembly: Assembly) -> list[Finding]:
    glossary = assembly.glossary
    sites = assembly.sites
    found: list[Finding] = []

    def add(level: Level, code: str, message: str, term_id: str, key: str | None = None) -> None:
        found.append(Finding(level, code, message, sites[term_id].at(key)))

    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for term in glossary:
        label_key = fold_key(term.label)
        for alt in (*term.alt_labels, *term.hidden_labels):
            if fold_key(alt) == label_key:
                add(
                    Level.WARNING,
                    "alt-equals-label",
                    f"«\u00a0{term.id}\u00a0»\u00a0: le libellé alternatif «\u00a0{alt}\u00a0» équivaut au libellé",
                    term.id,
                    _label_field(term, alt),
                )
        for name in dict.fromkeys((term.label, *term.alt_labels, *term.hidden_labels)):
            owners[fold_key(name)].append((term.id, name))
    for key, users in owners.items():
        ids = list(dict.fromkeys(term_id for term_id, _ in users))
        if key and len(ids) > 1:
            names = " et ".join(f"«\u00a0{term_id}\u00a0»" for term_id in ids)
            last = glossary[ids[-1]]
            name = next(name for term_id, name in users if term_id == last.id)
            add(
                Level.WARNING,
                "ambiguous-label",
                f"«\u00a0{users[0][1]}\u00a0» désigne plusieurs entrées ({names})\u00a0: la recherche serait ambiguë",
                last.id,
                _label_field(last, name),
            )

    for term in glossary:
        # Each pair once, on the entry that wrote the `broader` link.
        for other in sorted(set(term.related) & set(term.broader)):
            add(
                Level.WARNING,
                "related-and-broader",
                f"«\u00a0{term.id}\u00a0» et «\u00a0{other}\u00a0» sont à la fois associés et hiérarchiques",
                term.id,
                "broader",
            )
        texts = {
            "label": [term.label],
            "alt_labels": list(term.alt_labels),
            "hidden_labels": list(term.hidden_labels),
            "definition": [term.definition],
            "notes": list(term.notes),
        }
        for key, values in texts.items():
            if any(
                has_controls(value, allow_newlines=key in ("definition", "notes"))
                for value in values
            ):
                add(
                    Level.WARNING,
                    "control-characters",
                    f"«\u00a0{term.id}\u00a0»\u00a0: caractères de contrôle ou invisibles dans «\u00a0{key}\u00a0»",
                    term.id,
                    key,
                )
        if not term.themes:
            add(
                Level.WARNING,
                "no-theme",
                f"«\u00a0{term.id}\u00a0» n’a aucun thème",
                term.id,
                "themes",
            )
        if not (term.related or term.broader or term.narrower):
            add(
                Level.WARNING,
                "no-relation",
                f"«\u00a0{term.id}\u00a0» n’est relié à aucune autre entrée",
                term.id,
                "related",
            )
        if not term.sources:
            add(
                Level.WARNING,
                "no-source",
                f"«\u00a0{term.id}\u00a0» n’a aucune source",
                term.id,
                "sources",
            )
        elif term.origin == "esslex" and not any(
            not missing_details(source) for source in term.sources
        ):
            missing = min((missing_details(source) for source in term.sources), key=len)
            add(
                Level.WARNING,
                "imprecise-source",
                f"«\u00a0{term.id}\u00a0»\u00a0: entrée rédigée pour esslex sans source précise"
                f" (il manque\u00a0: {', '.join(missing)})",
                term.id,
                "sources",
            )

    counts = {theme.id: len(glossary.terms_of_theme(theme.id)) for theme in glossary.themes}
    for theme in glossary.themes:
        where = assembly.theme_sites[theme.id]
        if counts[theme.id] == 1:
            found.append(
                Finding(
                    Level.WARNING,
                    "theme-single-entry",
                    f"le thème «\u00a0{theme.id}\u00a0» n’a qu’une entrée",
                    where,
                )
            )
        elif counts[theme.id] == 0:
            found.append(
                Finding(
                    Level.INFO,
                    "theme-empty",
                    f"le thème «\u00a0{theme.id}\u00a0» n’a aucune entrée",
                    where,
                )
            )
    return found


# Titles of texts divided into articles: their citation names the article.
_TEXTS_WITH_ARTICLES = ("loi", "code", "décret", "ordonnance", "arrêté", "directive", "règlement")


def missing_details(source: Source) -> list[str]:
    """What a precise citation of `source` lacks, in French: the article (for a text
    divided into articles), the year and the version used (or the date the version read
    is in force since) and the address."""
    missing = []
    if not source.article and source.title.lower().startswith(_TEXTS_WITH_ARTICLES):
        missing.append("article")
    # A legal text's version is its date of entry into force (in_force_since), which
    # stands for both the year and the version said in words.
    if source.year is None and not source.in_force_since:
        missing.append("année")
    if not source.version and not source.in_force_since:
        missing.append("version")
    if not source.url:
        missing.append("adresse")
    return missing


def _label_field(term: Term, name: str) -> str:
    """The field of `term` that holds the label `name`, for the finding's line."""
    if name == term.label:
        return "label"
    return "alt_labels" if name in term.alt_labels else "hidden_labels"
