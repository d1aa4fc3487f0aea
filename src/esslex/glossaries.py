"""The glossaries in use: which files, in which order, loaded or indexed, described, and
what a file about to be written would give among them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # imported with the glossary: `--help` needs no model
    from esslex.cache.writer import Progress
    from esslex.find.index import GlossaryIndex
    from esslex.glossary.issues import Finding
    from esslex.glossary.loader import GlossaryFile
    from esslex.glossary.model import Glossary


class SourceInUse(NamedTuple):
    """One glossary file in use, as `esslex glossaries` describes it."""

    path: str
    kind: str  # "bundled", "user", "option"
    id: str
    title: str
    terms: int
    errors: int
    problem: str = ""  # why the file cannot be read, if it cannot

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "terms": self.terms,
            "errors": self.errors,
            "problem": self.problem or None,
        }


class GlossariesInUse:
    """The bundled glossary (unless left out), the user's folder, then each --glossary."""

    def __init__(
        self,
        extra: Sequence[Path] = (),
        bundled: bool = True,
        # Told the steps of a long first load (a large glossary being cached); "" once done.
        progress: Progress | None = None,
    ) -> None:
        self.extra = list(extra)
        self.bundled = bundled
        self.progress = progress
        self._glossary: Glossary | None = None
        self._index: GlossaryIndex | None = None

    def paths(self) -> list[Path]:
        """The files in load order."""
        from esslex.glossary.paths import glossary_paths

        return glossary_paths(self.extra, self.bundled)

    def load(self) -> Glossary:
        """The whole glossary, read from the files (errors raised as GlossaryError)."""
        if self._glossary is None:
            from esslex.glossary.loader import load_glossary

            # Lines are looked up only for an error to report (the files are then read again).
            self._glossary = load_glossary(self.paths(), locate=False)
        return self._glossary

    def index(self) -> GlossaryIndex:
        """The index of the same glossary, from the on-disk cache (built on first use):
        reading commands answer without parsing the TOML nor reading every entry."""
        if self._index is None:
            if self._glossary is not None:
                from esslex.find.index import index_of

                self._index = index_of(self._glossary)
            else:
                from esslex.cache.policy import open_index

                self._index = open_index(self.paths(), self.progress)
        return self._index

    def sources(self) -> tuple[list[SourceInUse], tuple[tuple[str, str, str], ...]]:
        """Each file in load order, and each entry a later file overrides (id, replaced, by)."""
        from esslex.errors import GlossaryError
        from esslex.glossary.issues import Level
        from esslex.glossary.loader import assemble, read_glossary_file
        from esslex.glossary.paths import bundled_path, is_user_glossary, same_file

        bundled = bundled_path()
        listed: list[SourceInUse] = []
        files: list[GlossaryFile] = []
        for path in self.paths():
            kind = (
                "bundled"
                if same_file(path, bundled)
                else "user"
                if is_user_glossary(path)
                else "option"
            )
            try:
                part = read_glossary_file(path)
            except GlossaryError as error:
                listed.append(SourceInUse(str(path), kind, "", "", 0, 1, error.message))
                continue
            files.append(part)
            errors = sum(1 for finding in part.findings if finding.level is Level.ERROR)
            listed.append(
                SourceInUse(str(path), kind, part.info.id, part.info.title, len(part.terms), errors)
            )
        return listed, assemble(files).glossary.overrides


def files_around(
    load_order: Sequence[Path], path: Path, text: str | None
) -> tuple[list[GlossaryFile], int, Glossary]:
    """The files in use, read and checked together, with `text` standing for `path` (at its
    place in the load order, else last), or without `path` if `text` is None; the position
    `path` has, or would have, among them; and the glossary they give."""
    from esslex.glossary.loader import (
        assemble,
        glossary_file_from_text,
        raise_first_error,
        read_glossary_file,
    )
    from esslex.glossary.paths import same_file

    files: list[GlossaryFile] = []
    position = -1
    for other in load_order:
        if not same_file(other, path):
            files.append(read_glossary_file(other))
        elif text is not None:
            position = len(files)
            files.append(glossary_file_from_text(text, path))
    if position < 0:
        position = len(files)
        if text is not None:
            files.append(glossary_file_from_text(text, path))
    assembly = assemble(files)
    raise_first_error(assembly.findings)
    return files, position, assembly.glossary


def with_candidate(
    before: Sequence[GlossaryFile],
    text: str,
    path: Path,
    after: Sequence[GlossaryFile] = (),
    locate: bool = True,
) -> tuple[Glossary, Finding | None]:
    """What the glossaries in use would give with `text` written at `path`, loaded between
    the files `before` and `after`: the glossary and its first error, if any. GlossaryError
    if `text` cannot be read as a glossary at all. Without `locate`, the error has no line
    (the scan for lines is skipped: seconds on a large text)."""
    from esslex.glossary.issues import Level
    from esslex.glossary.loader import assemble, glossary_file_from_text

    made = glossary_file_from_text(text, path, locate)
    assembly = assemble([*before, made, *after])
    errors = [finding for finding in assembly.findings if finding.level is Level.ERROR]
    return assembly.glossary, errors[0] if errors else None
