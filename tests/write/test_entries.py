"""An entry's TOML block: written exactly as tomli-w writes it (esslex escapes strings itself,
much faster), and read back by the loader as the same values."""

from __future__ import annotations

import sys
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.write.entries import table_block
from support.properties import examples

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TEXTS = st.text(max_size=40) | st.sampled_from(
    ["a\r\nb", "fin\n", '"""', "\\", "\t", "\x7f\x00\x1b[31m\n\r", "l’ESS\u00a0: «\u00a0x\u00a0»"]
)
VALUES = TEXTS | st.lists(TEXTS, max_size=3) | st.integers(0, 3000) | st.booleans()
KEYS = st.sampled_from(["id", "label", "definition", "alt_labels", "year", "a b", "é", ""])


@settings(max_examples=examples(150))
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_a_table_is_written_as_tomli_w_writes_it(values: dict[str, Any]) -> None:
    block = table_block("term", values)
    assert block == "[[term]]\n" + tomli_w.dumps(values, multiline_strings=True)
    read = tomllib.loads(block)["term"][0]
    assert read == {key: _as_read(value) for key, value in values.items()}


def _as_read(value: Any) -> Any:
    # A text of several lines is written in triple quotes, where TOML reads CR LF as LF.
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    return value.replace("\r\n", "\n") if isinstance(value, str) and "\n" in value else value


def test_a_table_within_the_table_is_written_inline_after_the_rest() -> None:
    block = table_block("term.sources", {"read_in": {"title": "Légifrance"}, "title": "Loi"})
    assert block == '[[term.sources]]\ntitle = "Loi"\nread_in = { title = "Légifrance" }\n'
