"""Writing glossary files: a new file's text, and one entry appended to a file's exact bytes.

A user's file is never rewritten: the new `[[term]]` block is added after its last byte, the
whole would-be file is checked with the loader among the glossaries in use, and only then does
it replace the file, atomically.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from esslex.errors import GlossaryError, OutputError, UsageError, os_error_text, quoted
from esslex.glossaries import files_around, with_candidate
from esslex.glossary.files import read_input
from esslex.glossary.loader import ID_PATTERN, GlossaryFile, read_glossary_file, read_text
from esslex.glossary.model import Glossary, Source, Term, Theme
from esslex.glossary.paths import DEFAULT_FILE_NAME, bundled_path, cache_dir, is_user_glossary
from esslex.text.normalize import fold_key, slug, strip_controls
from esslex.write.atomicfile import write_atomic
from esslex.write.entries import (
    EntryRefused,
    appended,
    bad_id_message,
    choose_id,
    clean_items,
    entry_block,
    label_owner,
    table_block,
    title_of,
)

# --- A new file -----------------------------------------------------------------------------

_NEW_FILE_HEAD = """\
# Glossaire personnel pour esslex (format TOML, encodé en UTF-8).
#
# Les fichiers *.toml du dossier de glossaires personnels sont chargés après le
# glossaire fourni ; « esslex glossaries » affiche ce dossier. Ailleurs, chargez ce
# fichier avec « esslex --glossary FICHIER … ». Vérifiez-le avec « esslex check FICHIER ».
#
# Ajoutez des entrées avec « esslex add » (elles sont écrites à la fin du fichier, le
# reste n’est jamais modifié) ou à la main, sur le modèle de l’exemple plus bas.

"""

_NEW_FILE_EXAMPLE = """
# Vos thèmes (facultatif). Les thèmes du glossaire fourni sont aussi utilisables :
# {themes}.
#
# [[theme]]
# id = "habitat"
# label = "Habitat"

# Exemple d’entrée, à recopier sans les « # » pour l’activer. Seuls id, label et
# definition sont obligatoires ; related et themes citent des identifiants.
#
# [[term]]
# id = "scic"
# label = "Société coopérative d’intérêt collectif"
# alt_labels = ["SCIC"]
# themes = ["acteurs"]
# definition = \"\"\"
# Société coopérative qui associe autour d’un projet commun des personnes de statuts
# différents (salariés, bénéficiaires, bénévoles, collectivités…) pour produire des
# biens ou des services d’intérêt collectif qui présentent un caractère d’utilité sociale.
# \"\"\"
# related = ["cooperation", "utilite-sociale"]
#
# [[term.sources]]
# title = "Loi n° 2001-624 du 17 juillet 2001"
# year = 2001
"""


DEFAULT_TITLE = "Mon glossaire"


def default_title(path: Path) -> str:
    """The title a new file gets when none is given (the one `add` reminds about)."""
    return DEFAULT_TITLE if path.name == DEFAULT_FILE_NAME else title_of(path.stem)


def new_glossary_text(
    path: Path,
    title: str | None = None,
    glossary_id: str | None = None,
    themes: Sequence[str] = (),
    publisher: str | None = None,
    licence: str | None = None,
) -> str:
    """A new glossary file: its metadata and one commented example entry.

    The example is commented out so the file passes `esslex check` and adds no entry until
    the user writes one; `themes` are the ids the user may cite (those of the bundled file).
    """
    import tomli_w

    if glossary_id is not None and not ID_PATTERN.match(glossary_id):
        raise UsageError(bad_id_message(glossary_id))
    meta: dict[str, str | list[str]] = {
        "id": glossary_id or slug(path.stem) or "personnel",
        "title": title or default_title(path),
        "language": "fr",
    }
    if publisher:
        meta["publishers"] = [publisher]
    if licence:
        meta["licence"] = licence
    listed = ", ".join(themes) if themes else "aucun"
    return (
        _NEW_FILE_HEAD + tomli_w.dumps({"glossary": meta}) + _NEW_FILE_EXAMPLE.format(themes=listed)
    )


@dataclass
class Workspace:
    """The glossaries in use, with the file being written as it is now (or will be created).

    `glossary` is what the user sees today; entries are checked against it, then the new
    file is checked, as a whole, among the same glossaries before it is written.
    """

    path: Path  # as the user named it
    real: Path  # the file written: the same, symbolic links followed
    original: bytes | None
    base: bytes
    files: list[GlossaryFile]
    index: int
    glossary: Glossary
    notes: list[str] = field(default_factory=list)
    # Themes the entry uses that the glossaries lack, written in the file before it.
    new_themes: list[Theme] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, load_order: Sequence[Path], new_text: str | None = None) -> Workspace:
        """`new_text`: the content to create `path` with if it does not exist."""
        path = Path(path)
        if path.exists() or path.is_symlink():
            # French message for a folder, a pipe, an unreadable file or one not in UTF-8.
            read_text(path)
            original: bytes | None = read_input(path)
            base = original or b""
        elif new_text is not None:
            original, base = None, new_text.encode("utf-8")
        else:
            raise OutputError(
                f"{path} n’existe pas\u00a0; créez-le avec «\u00a0esslex new {path}\u00a0»"
            )
        files, index, glossary = files_around(load_order, path, _decode(base))
        return cls(path, real_path(path), original, base, files, index, glossary)

    @property
    def target(self) -> GlossaryFile:
        return self.files[self.index]

    # Resolving what the user typed --------------------------------------------------------

    def theme_id(self, query: str) -> str:
        """A theme of the glossaries in use, named as every command names one."""
        from esslex.find import resolve

        return resolve.theme(self.glossary, query).id

    def create_theme(self, label: str) -> str:
        """A theme named `label`, written in the file with the entry; an existing theme of
        that name is used as it is."""
        from esslex.errors import AmbiguousTheme, ThemeNotFound
        from esslex.find import resolve

        label = " ".join(strip_controls(label, keep_newlines=False).split())
        try:
            known = resolve.theme(self.glossary, label)
        except (ThemeNotFound, AmbiguousTheme):
            known = None
        if known is not None and fold_key(known.label) == fold_key(label):
            self.notes.append(f"Le thème «\u00a0{known.label}\u00a0» ({known.id}) existe déjà.")
            return known.id
        theme_id = slug(label)
        if not theme_id:
            raise EntryRefused(f"impossible de tirer un identifiant de thème de {quoted(label)}")
        if self.glossary.theme(theme_id) is not None:
            raise EntryRefused(
                f"l’identifiant de thème «\u00a0{theme_id}\u00a0» est déjà pris\u00a0; choisissez"
                " un autre libellé"
            )
        if all(theme.id != theme_id for theme in self.new_themes):
            self.new_themes.append(Theme(theme_id, label))
            self.notes.append(f"Thème «\u00a0{label}\u00a0» ({theme_id}) créé dans {self.path}.")
        return theme_id

    def theme_ids(self, queries: Sequence[str]) -> list[str]:
        """The themes named, those created with the entry included."""
        created = {theme.id: theme.id for theme in self.new_themes}
        created.update({fold_key(theme.label): theme.id for theme in self.new_themes})
        return [
            created.get(query.strip()) or created.get(fold_key(query)) or self.theme_id(query)
            for query in queries
        ]

    def related_id(self, query: str) -> str:
        """An entry of the glossaries in use, named as every command names one (an entry not
        found or ambiguous stops the command as it stops `define`: nothing is written)."""
        from esslex.find import resolve

        found = resolve.entry(self.glossary, query)
        if found.kind not in ("exact", "folded", "id"):
            self.notes.append(
                f"{quoted(query)} compris comme «\u00a0{found.term.label}\u00a0» ({found.term.id})."
            )
        return found.term.id

    # Building and writing the entry -------------------------------------------------------

    def new_term(
        self,
        label: str,
        definition: str,
        *,
        term_id: str | None = None,
        alt_labels: Sequence[str] = (),
        themes: Sequence[str] = (),
        related: Sequence[str] = (),
        sources: Sequence[Source] = (),
        override: bool = False,
    ) -> Term:
        """The entry to append, or EntryRefused saying why it cannot be."""
        label = strip_controls(label, keep_newlines=False).strip()
        definition = strip_controls(definition).strip()
        if not label:
            raise EntryRefused("libellé vide")
        if not definition:
            raise EntryRefused(f"définition vide pour «\u00a0{label}\u00a0»")
        taken = {
            known: f"{self.path}, ligne {site.line}" for known, site in self.target.sites.items()
        }
        owner = label_owner(self.glossary, label)
        term_id, replaced = choose_id(self.glossary, label, term_id, override, taken, owner)
        if replaced is not None:
            self.notes.append(f"«\u00a0{term_id}\u00a0» remplace l’entrée de {replaced.glossary}.")
        return Term(
            id=term_id,
            label=label,
            definition=definition,
            alt_labels=self._alt_labels(label, alt_labels),
            themes=tuple(dict.fromkeys(self.theme_ids(clean_items(themes)))),
            related=tuple(dict.fromkeys(self.related_id(other) for other in clean_items(related))),
            sources=tuple(sources),
            glossary=str(self.path),
        )

    def _alt_labels(self, label: str, alt_labels: Sequence[str]) -> tuple[str, ...]:
        kept = []
        for alt in clean_items(alt_labels):
            if fold_key(alt) == fold_key(label):
                self.notes.append(
                    f"{quoted(alt)} est le libellé lui-même (aux majuscules, accents et pluriel"
                    " près)\u00a0: pas repris en autre appellation, la recherche le trouve déjà."
                )
            else:
                kept.append(alt)
        return tuple(kept)

    def with_entry(self, term: Term) -> bytes:
        """The file's bytes with the entry appended, checked as a whole among the glossaries."""
        from esslex.glossary.serialize import theme_to_dict

        themes = [table_block("theme", theme_to_dict(theme)) for theme in self.new_themes]
        data = appended(self.base, "\n".join([*themes, entry_block(term)]))
        glossary = self.check(data)
        if glossary.get(term.id) is None:
            raise EntryRefused(f"l’entrée «\u00a0{term.id}\u00a0» ne serait pas chargée")
        return data

    def check(self, data: bytes) -> Glossary:
        """The glossary the file would give with these bytes, checked as a whole among the
        glossaries in use; EntryRefused when it would be invalid."""
        files = self.files
        try:
            glossary, error = with_candidate(
                files[: self.index], _decode(data), self.path, files[self.index + 1 :]
            )
        except GlossaryError as error:
            raise EntryRefused(f"le fichier obtenu serait invalide ({error.message})") from None
        if error is not None:
            raise EntryRefused(f"le fichier obtenu serait invalide ({error})")
        return glossary

    def write(self, data: bytes) -> None:
        """Replace the file atomically, unless it changed since it was read. Through a
        symbolic link (a shared or synchronised file), the file it points to is replaced,
        in its own folder: the link stays a link."""
        if self.original is None:
            create_glossary(self.real, data)
            return
        if read_input(self.real) != self.original:
            raise OutputError(
                f"{self.path} a été modifié pendant l’opération\u00a0; rien n’a été écrit,"
                " recommencez"
            )
        write_atomic(self.real, data, force=True)


def real_path(path: Path) -> Path:
    """The file `path` names once symbolic links are followed (the path itself where they
    cannot be: a loop of links, which reading reports)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return path


def bundled_theme_ids() -> list[str]:
    """The theme ids a new file may cite (those of the bundled glossary), best effort."""
    try:
        return [theme.id for theme in read_glossary_file(bundled_path()).themes]
    except GlossaryError:
        return []


def create_glossary(path: Path, data: bytes, force: bool = False) -> None:
    """Write a new glossary file (its folder is created if it is the user's glossary folder)."""
    if is_user_glossary(path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{path.parent}\u00a0: {os_error_text(error)}") from None
    write_atomic(path, data, force=force)


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


# How long `esslex add` waits for another one writing the same file.
LOCK_WAIT_SECONDS = 10.0


def lock_path(path: Path) -> Path:
    """The lock file of a glossary file: in the cache folder, so the user's folder holds
    only the user's files; named after the file's real path (symbolic links followed)."""
    import zlib

    real = real_path(path)  # through a link or not, one file has one lock
    name = str(real).encode("utf-8", "surrogateescape")
    return cache_dir() / "verrous" / f"{real.stem[:40]}-{zlib.crc32(name):08x}.lock"


@contextmanager
def editing(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the advisory lock of a glossary file while it is read, changed and written: two
    `esslex add` to it at the same moment both succeed, one after the other.

    Where the lock cannot be made (a cache folder that refuses writing), nothing is locked:
    a change made meanwhile is still detected, and nothing is written then.
    """
    from filelock import FileLock, Timeout

    wait = LOCK_WAIT_SECONDS if wait is None else wait
    lock = FileLock(lock_path(path), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise OutputError(
            f"{path} est en cours de modification par un autre esslex depuis plus de"
            f" {wait:.0f}\u00a0secondes\u00a0; rien n’a été écrit, recommencez"
        ) from None
    except OSError:
        yield
        return
    try:
        yield
    finally:
        lock.release()
