"""The on-disk cache of loaded glossaries: hits, rebuilds, broken caches, same answers.

Driven through the CLI. Glossary files are given a modification time in the past, as a
file modified within the last seconds is deliberately not cached (see `cache._racy`).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_support import age, run, write_glossary
from esslex import cache, loader, lookup
from esslex.index import index_of, sorted_words
from esslex.normalize import fold, fold_key


@pytest.fixture()
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "essai.toml")


def cached_files(folder: Path) -> list[Path]:
    """Cache files: SQLite databases, and marshal snapshots of small glossaries."""
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.sqlite"), *folder.glob("*.snapshot")])


def no_toml_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any reading of a glossary file fail: what answers then comes from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the TOML file was read")

    monkeypatch.setattr(loader, "read_glossary_file", refuse)


def first_label(path: Path) -> str:
    return loader.load_glossary([path]).terms[0].label


# --- hits, misses and rebuilds ----------------------------------------------------------


def test_first_run_builds_the_cache_and_the_next_one_reads_only_it(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = first_label(glossary)
    first = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    assert first.exit_code == 0, first.output
    assert len(cached_files(cache_folder)) == 1

    no_toml_reading(monkeypatch)
    second = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout
    assert json.loads(second.stdout)["label"] == label


def test_bundled_glossary_is_cached_too(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("define", "coopération", "--plain")
    assert first.exit_code == 0
    assert [file.suffix for file in cached_files(cache_folder)] == [".snapshot"]
    no_toml_reading(monkeypatch)
    second = run("define", "coopération", "--plain")
    assert (second.exit_code, second.stdout) == (0, first.stdout)


def test_a_changed_file_rebuilds_the_cache(glossary: Path, cache_folder: Path) -> None:
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    built = file.stat().st_mtime_ns

    added = '\n[[term]]\nid = "zzz-nouvelle"\nlabel = "Zébulon coopératif"\ndefinition = "Neuf."\n'
    glossary.write_text(glossary.read_text(encoding="utf-8") + added, encoding="utf-8")
    age(glossary, 30)
    result = run("--no-bundled", "-g", str(glossary), "define", "zebulon cooperatif")
    assert result.exit_code == 0, result.output
    assert "Zébulon coopératif" in result.stdout
    assert cached_files(cache_folder) == [file]
    assert file.stat().st_mtime_ns != built


def test_same_size_but_other_modification_time_rebuilds(glossary: Path, cache_folder: Path) -> None:
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    text = glossary.read_text(encoding="utf-8")
    label = first_label(glossary)
    changed = text.replace(f'label = "{label}"', f'label = "{label[::-1]}"', 1)
    assert len(changed.encode()) == len(text.encode())
    glossary.write_text(changed, encoding="utf-8")
    age(glossary, 30)
    result = run("--no-bundled", "-g", str(glossary), "define", label[::-1], "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["match"]["kind"] == "exact"


def test_another_esslex_version_rebuilds(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    monkeypatch.setattr(cache, "__version__", "99.0")
    calls: list[Path] = []
    original = loader.read_glossary_file

    def counting(path: Path, locate: bool = True) -> loader.GlossaryFile:
        calls.append(path)
        return original(path, locate)

    monkeypatch.setattr(loader, "read_glossary_file", counting)
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    assert calls == [glossary]
    meta = sqlite3.connect(file).execute("SELECT value FROM meta WHERE key = 'version'")
    assert json.loads(meta.fetchone()[0]) == "99.0"


def test_each_list_of_files_has_its_own_cache(
    glossary: Path, tmp_path: Path, cache_folder: Path
) -> None:
    other = write_glossary(tmp_path / "autre.toml", count=20, seed=9)
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    assert run("--no-bundled", "-g", str(other), "list").exit_code == 0
    assert run("-g", str(other), "list").exit_code == 0
    assert len(cached_files(cache_folder)) == 3


def test_a_file_just_modified_is_read_but_not_cached(tmp_path: Path, cache_folder: Path) -> None:
    path = write_glossary(tmp_path / "frais.toml", count=10)
    os.utime(path)  # now
    result = run("--no-bundled", "-g", str(path), "list")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 10
    assert cached_files(cache_folder) == []


# --- errors: reported, never cached -------------------------------------------------------


def test_a_glossary_with_errors_is_reported_and_not_cached(
    tmp_path: Path, cache_folder: Path
) -> None:
    path = tmp_path / "faux.toml"
    path.write_text('[[term]]\nid = "a"\nlabel = "A"\ndefinition = "x"\nthemes = ["inconnu"]\n')
    age(path)
    for _ in range(2):
        result = run("--no-bundled", "-g", str(path), "define", "A")
        assert result.exit_code == 3
        assert f"{path}:5:" in result.stderr
        assert "inconnu" in result.stderr
    assert cached_files(cache_folder) == []


def test_an_error_introduced_after_caching_is_reported(glossary: Path, cache_folder: Path) -> None:
    label = first_label(glossary)
    assert run("--no-bundled", "-g", str(glossary), "define", label).exit_code == 0
    text = glossary.read_text(encoding="utf-8")
    text += '\n[[term]]\nid = "b"\nlabel = "B"\ndefinition = "x"\ncouleur = "bleu"\n'
    glossary.write_text(text, encoding="utf-8")
    age(glossary, 30)
    result = run("--no-bundled", "-g", str(glossary), "define", label)
    assert result.exit_code == 3
    line = text.splitlines().index('couleur = "bleu"') + 1
    assert result.stderr.startswith(
        f"Erreur\u00a0: {glossary}:{line}: champ inconnu «\u00a0couleur"
    )


def test_a_missing_file_is_reported_as_before(tmp_path: Path, cache_folder: Path) -> None:
    result = run("--no-bundled", "-g", str(tmp_path / "absent.toml"), "list")
    assert result.exit_code == 3
    assert "fichier introuvable" in result.stderr


# --- broken or unusable caches ------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda f: f.write_bytes(b"pas une base SQLite" * 100), id="garbage"),
        pytest.param(lambda f: f.write_bytes(b""), id="empty"),
        pytest.param(lambda f: f.write_bytes(f.read_bytes()[:8192]), id="truncated"),
        pytest.param(
            lambda f: f.write_bytes(f.read_bytes()[:100] + b"\xff" * (f.stat().st_size - 100)),
            id="overwritten",
        ),
        pytest.param(
            lambda f: sqlite3.connect(f).executescript("DROP TABLE names; DROP TABLE terms"),
            id="tables-missing",
        ),
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(
    glossary: Path, cache_folder: Path, damage: object
) -> None:
    label = first_label(glossary)
    expected = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    [file] = cached_files(cache_folder)
    damage(file)  # type: ignore[operator]
    for _ in range(2):  # ignored, then rebuilt and read
        result = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")
    search = run("--no-bundled", "-g", str(glossary), "search", "économie", "--json")
    assert search.exit_code == 0 and json.loads(search.stdout)


def test_a_cache_damaged_while_in_use_is_rebuilt_and_answers_from_the_files(
    glossary: Path, cache_folder: Path
) -> None:
    from esslex.lookup import find_term
    from esslex.search import search

    label = first_label(glossary)
    expected = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    [file] = cached_files(cache_folder)
    index = cache.open_index([glossary])
    assert isinstance(index, cache.StoredIndex)
    # Damaged after it was opened: the pages not read yet are garbage.
    file.write_bytes(file.read_bytes()[:100] + b"\xff" * (file.stat().st_size - 100))
    assert find_term(index, label).term.label == label
    assert search(index, "économie")
    assert len(index.sorted_terms()) == 300
    assert index.from_files is not None  # the damage was seen
    assert len(cached_files(cache_folder)) == 1  # the damaged file replaced by a sound one
    assert isinstance(cache.open_index([glossary]), cache.StoredIndex)
    result = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    assert (result.exit_code, result.stdout) == (0, expected.stdout)


def test_an_unwritable_cache_folder_means_no_cache(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("un fichier, pas un dossier")
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(blocker / "cache"))
    label = first_label(glossary)
    for _ in range(2):
        result = run("--no-bundled", "-g", str(glossary), "define", label)
        assert result.exit_code == 0
        assert result.stderr == ""
        assert label in result.stdout
    assert blocker.read_text() == "un fichier, pas un dossier"


def test_no_temporary_file_is_left_behind(glossary: Path, cache_folder: Path) -> None:
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    assert [path.suffix for path in cache_folder.iterdir()] == [".sqlite"]


# --- the same answers, cached or not ----------------------------------------------------------

QUERIES = [
    "coopérative sociale",
    "COOPERATIVE SOCIALE",
    "cooperativ social",
    "sociale coopérative",
    "econmie solidaire",
    "épargne",
    "tiers lieu",
    "tiers-lieux locaux",
    "oeuvre citoyenne",
    "mutuelle",
    "régie partagée de proximité",
    "xyz introuvable",
    "proximite",
]
SEARCHES = ["économie", "coop", "habitants", "réunit acteurs", "OEUVRE", "île", "absent", "de"]


def answers(glossary: Path, extra: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    base = ("--no-bundled", "-g", str(glossary))
    commands = [("list",), ("list", "--json"), ("list", "--theme", "acteurs"), ("themes", "--json")]
    commands += [("define", query, "--json") for query in QUERIES]
    commands += [("define", query, "--plain") for query in QUERIES[:4]]
    commands += [("search", text, "--json", "-n", "500") for text in SEARCHES]
    commands += [("search", text) for text in SEARCHES[:3]]
    commands += [("related", QUERIES[0], "--depth", "2", "--json")]
    found = []
    for command in commands:
        result = run(*base, *extra, *command)
        found.append((result.exit_code, result.stdout + result.stderr))
    return found


@pytest.mark.slow
def test_cached_and_uncached_answers_are_identical(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("")
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(blocker / "cache"))
    uncached = answers(glossary)
    folder = tmp_path / "cache"
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(folder))
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    assert cached_files(folder)
    no_toml_reading(monkeypatch)
    cached = answers(glossary)
    assert cached == uncached
    codes = {code for code, _ in uncached}
    assert codes == {0, 1}  # found, and not found or ambiguous: both compared


def test_search_without_full_text_index_gives_the_same_hits(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_index = [
        run("--no-bundled", "-g", str(glossary), "search", text, "--json").stdout
        for text in SEARCHES
    ]
    for file in cached_files(cache_folder):
        file.unlink()
    monkeypatch.setattr(cache, "FULL_TEXT", "CREATE VIRTUAL TABLE x USING absent_module(a)")
    without = [
        run("--no-bundled", "-g", str(glossary), "search", text, "--json").stdout
        for text in SEARCHES
    ]
    [file] = cached_files(cache_folder)
    meta = sqlite3.connect(file).execute("SELECT value FROM meta WHERE key = 'full_text'")
    assert json.loads(meta.fetchone()[0]) is False
    assert without == with_index


# --- fuzzy matching on large glossaries ------------------------------------------------


def test_prefiltered_fuzzy_matching_gives_the_same_candidates(glossary: Path) -> None:
    """Above PREFILTER_ABOVE names, C scorers pre-select what `_score` rates: the result
    must be what scoring every name gives."""
    from rapidfuzz import process

    index = index_of(loader.load_glossary([glossary]))
    rng = random.Random(5)
    queries = [fold_key(query) for query in QUERIES]
    for _ in range(150):
        words = rng.choice(index.choices()).split()
        shape = rng.random()
        if shape < 0.3:
            rng.shuffle(words)
        elif shape < 0.6:
            words = rng.sample(words, min(len(words), 2))
        query = " ".join(words)
        if shape > 0.8 and len(query) > 3:
            cut = rng.randrange(len(query))
            query = query[:cut] + query[cut + 1 :]
        queries.append(query)
    for query in queries:
        everything = process.extract(
            query,
            index.choices(),
            scorer=lookup._score,
            limit=lookup.MAX_CANDIDATES * 8,
            score_cutoff=lookup.SUGGEST,
        )
        expected = [(choice, float(score), position) for choice, score, position in everything]
        assert lookup._prefiltered_matches(query, index) == expected, query


def test_define_with_the_prefilter_answers_as_without(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ("--no-bundled", "-g", str(glossary), "define")
    plain = [run(*base, query, "--json").stdout for query in QUERIES]
    monkeypatch.setattr(lookup, "PREFILTER_ABOVE", 0)
    assert [run(*base, query, "--json").stdout for query in QUERIES] == plain


# --- folding word by word ----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_folding_word_by_word_equals_folding_the_text(text: str) -> None:
    assert cache._WordFolder(fold)(text) == fold(text)
    assert cache._WordFolder(fold_key)(text) == fold_key(text)


@pytest.mark.parametrize(
    "text",
    ["L’Économie  sociale\tet solidaire", "œuvre — « cœur »", "a\u00a0b\u2028c", " ¨ x ", "ﬁn ǅ"],
)
def test_folding_word_by_word_on_awkward_text(text: str) -> None:
    assert cache._WordFolder(fold)(text) == fold(text)
    assert cache._WordFolder(fold_key)(text) == fold_key(text)


# --- list --json, written in chunks -----------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 7, 300, 1000])
def test_json_list_in_chunks_is_the_json_of_the_whole_list(glossary: Path, chunk: int) -> None:

    from esslex.normalize import sort_key
    from esslex.serialize import json_array_lines, term_to_json

    terms = sorted(loader.load_glossary([glossary]).terms, key=lambda term: sort_key(term.label))
    for count in (0, 1, 299, 300):
        text = "\n".join(json_array_lines(terms[:count], term_to_json, chunk=chunk))
        expected = json.dumps(
            [term_to_json(t) for t in terms[:count]], ensure_ascii=False, indent=2
        )
        assert text == expected


def test_list_json_of_a_cached_glossary_is_every_entry_in_order(
    glossary: Path, cache_folder: Path
) -> None:
    from esslex.normalize import sort_key
    from esslex.serialize import term_to_json

    run("--no-bundled", "-g", str(glossary), "list")
    result = run("--no-bundled", "-g", str(glossary), "list", "--json")
    assert result.exit_code == 0
    terms = sorted(loader.load_glossary([glossary]).terms, key=lambda term: sort_key(term.label))
    assert json.loads(result.stdout) == [term_to_json(term) for term in terms]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abcdeéfgilmnoprstuœ0", min_size=1, max_size=8), max_size=6),
    st.lists(st.text("abcdeéfgilmnoprstuœ0", min_size=1, max_size=8), max_size=6),
)
def test_token_sort_ratio_is_ratio_of_sorted_words(first: list[str], second: list[str]) -> None:
    """The prefilter scores token sort as a plain ratio on words sorted in advance."""
    from rapidfuzz import fuzz

    a, b = " ".join(first), " ".join(second)
    expected = fuzz.token_sort_ratio(a, b)
    assert fuzz.ratio(sorted_words(a), sorted_words(b)) == expected


# --- small glossaries: a marshal snapshot ---------------------------------------------------


def test_a_small_glossary_is_a_snapshot_and_a_large_one_a_database(
    tmp_path: Path, cache_folder: Path
) -> None:
    path = write_glossary(tmp_path / "petit.toml", count=cache.SNAPSHOT_UP_TO)
    assert run("--no-bundled", "-g", str(path), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    assert file.suffix == ".snapshot"

    write_glossary(path, count=cache.SNAPSHOT_UP_TO + 1)
    age(path, 30)
    assert run("--no-bundled", "-g", str(path), "list").exit_code == 0
    [file] = cached_files(cache_folder)  # the stale snapshot is gone
    assert file.suffix == ".sqlite"

    write_glossary(path, count=10)
    age(path, 20)
    listed = run("--no-bundled", "-g", str(path), "list")
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 10
    assert [file.suffix for file in cached_files(cache_folder)] == [".snapshot"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda f: f.write_bytes(b"\x00garbage" * 50), id="garbage"),
        pytest.param(lambda f: f.write_bytes(b""), id="empty"),
        pytest.param(lambda f: f.write_bytes(f.read_bytes()[:-40]), id="truncated"),
        pytest.param(
            lambda f: f.write_bytes(__import__("marshal").dumps((1, 2))), id="other-shape"
        ),
    ],
)
def test_a_corrupt_snapshot_is_ignored_and_rebuilt(
    tmp_path: Path, cache_folder: Path, damage: object
) -> None:
    path = write_glossary(tmp_path / "petit.toml", count=20)
    label = first_label(path)
    expected = run("--no-bundled", "-g", str(path), "define", label, "--json")
    [file] = cached_files(cache_folder)
    damage(file)  # type: ignore[operator]
    for _ in range(2):
        result = run("--no-bundled", "-g", str(path), "define", label, "--json")
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")
    assert cache.open_snapshot(file, cache.stamps([path]) or []) is not None


def test_snapshot_and_files_give_the_same_glossary(tmp_path: Path, cache_folder: Path) -> None:
    path = write_glossary(tmp_path / "petit.toml", count=60)
    loaded = loader.load_glossary([path])
    assert run("--no-bundled", "-g", str(path), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    snapshot = cache.open_snapshot(file, cache.stamps([path]) or [])
    assert snapshot is not None and snapshot.glossary == loaded


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=12,
)
ENTRY_LIKE = st.dictionaries(
    st.text(max_size=6),
    st.text(max_size=8)
    | st.lists(st.text(max_size=8), max_size=3)
    | st.lists(
        st.dictionaries(st.text(max_size=4), st.text(max_size=5) | st.integers()), max_size=2
    )
    | JSON_VALUES,
    max_size=5,
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(ENTRY_LIKE | JSON_VALUES, max_size=4), st.integers(min_value=1, max_value=3))
def test_json_list_writes_what_json_dumps_writes(entries: list[object], chunk: int) -> None:
    """`list --json` writes entries with its own code for their usual shape: the bytes
    must be json.dumps's for any value."""
    from esslex.serialize import json_array_lines

    text = "\n".join(json_array_lines(entries, chunk=chunk))
    assert text == json.dumps(entries, ensure_ascii=False, indent=2)


def test_a_relative_cache_folder_works(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ESSLEX_CACHE_DIR", "cache-relatif")
    label = first_label(glossary)
    assert run("--no-bundled", "-g", str(glossary), "define", label).exit_code == 0
    assert [f.suffix for f in cached_files(tmp_path / "cache-relatif")] == [".sqlite"]
    no_toml_reading(monkeypatch)
    result = run("--no-bundled", "-g", str(glossary), "define", label)
    assert result.exit_code == 0 and label in result.stdout


# --- progress of a long first load --------------------------------------------------------


def test_a_long_first_load_says_its_steps_then_clears_them(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "PROGRESS_FROM_BYTES", 0)  # this small file counts as large
    said: list[str] = []
    index = cache.open_index([glossary], progress=said.append)
    assert len(index) == 300
    assert said[0].startswith("Première lecture des glossaires")
    assert said[1] == "Construction du cache (300 entrées)…"
    assert said[-1] == ""  # the line is cleared once done
    said.clear()
    cache.open_index([glossary], progress=said.append)
    assert said == []  # cached: nothing to say


def test_a_small_first_load_says_nothing(glossary: Path, cache_folder: Path) -> None:
    said: list[str] = []
    cache.open_index([glossary], progress=said.append)
    assert said == []
