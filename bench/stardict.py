"""Convert an esslex glossary to a StarDict dictionary, to compare esslex with `sdcv`.

One article per entry (label, definition, notes), labels in the index, alternative labels
as synonyms (.syn). Written to DATA/dic/esslex/, the layout `sdcv --data-dir DATA` reads.

    python bench/stardict.py bench/out/glossaire-100000.toml bench/out/stardict
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from esslex.glossary.loader import load_glossary

_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def stardict_order(word: bytes) -> tuple[bytes, bytes]:
    # StarDict sorts with g_ascii_strcasecmp, then strcmp.
    return (word.translate(_ASCII_LOWER), word)


def convert(source: Path, data: Path) -> int:
    glossary = load_glossary([source], locate=False)
    folder = data / "dic" / "esslex"
    folder.mkdir(parents=True, exist_ok=True)
    articles = bytearray()
    words: list[tuple[bytes, int, int]] = []
    synonyms: list[tuple[bytes, str]] = []
    for term in glossary.terms:
        text = "\n\n".join((term.label, term.definition, *term.notes)).encode("utf-8")
        words.append((term.label.encode("utf-8"), len(articles), len(text)))
        articles += text
        synonyms.extend((name.encode("utf-8"), term.label) for name in term.alt_labels)
    words.sort(key=lambda word: stardict_order(word[0]))
    position = {word.decode("utf-8"): index for index, (word, _, _) in enumerate(words)}
    index = b"".join(
        word + b"\0" + struct.pack(">II", offset, size) for word, offset, size in words
    )
    synonyms.sort(key=lambda synonym: stardict_order(synonym[0]))
    syn = b"".join(word + b"\0" + struct.pack(">I", position[label]) for word, label in synonyms)
    (folder / "esslex.dict").write_bytes(bytes(articles))
    (folder / "esslex.idx").write_bytes(index)
    (folder / "esslex.syn").write_bytes(syn)
    (folder / "esslex.ifo").write_text(
        "StarDict's dict ifo file\n"
        "version=3.0.0\n"
        f"bookname={glossary.info.title}\n"
        f"wordcount={len(words)}\n"
        f"synwordcount={len(synonyms)}\n"
        f"idxfilesize={len(index)}\n"
        "sametypesequence=m\n",
        encoding="utf-8",
    )
    return len(words)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    count = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} entries written to {sys.argv[2]}/dic/esslex")
    return 0


if __name__ == "__main__":
    sys.exit(main())
