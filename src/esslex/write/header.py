"""The [glossary] header of a user's glossary: its title, publisher and licence set in place
(`esslex new FILE --update`), and the one reminder `add` gives while the title is the one
esslex made up from the file name.

The header is changed line by line: each key set replaces its own one-line `key = …`, or is
written under `[glossary]`; every other byte of the file stays as it was, and the result is
checked among the glossaries in use before it replaces the file, atomically.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from pathlib import Path

from esslex.glossary.paths import user_data_dir
from esslex.write.authoring import Workspace, default_title, editing, real_path
from esslex.write.entries import EntryRefused

# One empty file per glossary reminded, created with O_EXCL: one process alone reminds.
REMINDER_FOLDER = "rappels"


def header_values(
    title: str | None, publisher: str | None, licence: str | None
) -> dict[str, str | list[str]]:
    """The [glossary] keys these options set (`publishers` is a list in the format)."""
    values: dict[str, str | list[str]] = {}
    if title:
        values["title"] = title
    if publisher:
        values["publishers"] = [publisher]
    if licence:
        values["licence"] = licence
    return values


def with_header(text: str, values: dict[str, str | list[str]]) -> str:
    """`text` with these [glossary] keys set: a key written on one line is replaced, any
    other is added under the `[glossary]` line (or a `[glossary]` table at the top)."""
    import tomli_w

    from esslex.glossary.tomlsyntax import LineIndex

    index = LineIndex.scan(text)
    lines = text.splitlines(keepends=True)
    added: list[str] = []
    for key, value in values.items():
        written = tomli_w.dumps({key: value})
        where = index.keys.get(("glossary", 0, key))
        if where is not None and _one_line(lines[where - 1]):
            ending = "\r\n" if lines[where - 1].endswith("\r\n") else "\n"
            lines[where - 1] = written.rstrip("\n") + ending
        elif where is not None:
            raise EntryRefused(
                f"«\u00a0{key}\u00a0» s’étend sur plusieurs lignes (ligne {where})\u00a0;"
                " modifiez-le à la main"
            )
        else:
            added.append(written)
    header = index.tables.get(("glossary", 0))
    if header is None:
        return "[glossary]\n" + "".join(added) + "\n" + "".join(lines)
    return "".join(lines[:header] + added + lines[header:])


def _one_line(line: str) -> bool:
    from esslex.glossary.tomlsyntax import TOMLDecodeError, parse

    try:
        parse(line)
    except TOMLDecodeError:
        return False
    return True


def update_header(
    path: Path, load_order: Sequence[Path], values: dict[str, str | list[str]]
) -> None:
    """Set these [glossary] keys of the existing file `path`, checked among the glossaries
    in use; the entries are not touched."""
    with editing(path):
        space = Workspace.open(path, load_order)
        text = space.base.decode("utf-8-sig")
        bom = "\ufeff" if space.base.startswith(b"\xef\xbb\xbf") else ""
        data = (bom + with_header(text, values)).encode("utf-8")
        space.check(data)
        space.write(data)


def title_reminder(path: Path, title: str) -> str | None:
    """The reminder to give after `add`, once per file, while its title is the default:
    the exact command that sets it. None when the title was set, or already reminded."""
    if title != default_title(path):
        return None
    import hashlib

    key = str(real_path(path)).encode("utf-8", "surrogateescape")
    marker = user_data_dir() / REMINDER_FOLDER / f"titre-{hashlib.sha1(key).hexdigest()[:16]}"
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:  # reminded already (FileExistsError), or a folder that refuses writing
        return None
    command = f"esslex new {shlex.quote(str(path))} --update --title '…'"
    return (
        f"Ce glossaire s’appelle encore «\u00a0{title}\u00a0», le titre qu’auront vos"
        f" polycopiés\u00a0; donnez-lui le vôtre avec «\u00a0{command}\u00a0» (aussi"
        " --publisher et --licence). Ce rappel ne sera plus affiché."
    )
