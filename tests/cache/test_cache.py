"""The on-disk cache of loaded glossaries: hits, rebuilds, broken caches, same answers.

Driven through the CLI. Glossary files are given a modification time in the past, as a
file modified within the last seconds (`policy.RACY_SECONDS`) is deliberately not cached.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import esslex
from esslex.cache import policy, snapshot, store, writer
from esslex.cache.mentions import mentions_file
from esslex.find import lookup
from esslex.find.index import MemoryIndex, index_of, sorted_words
from esslex.glossary import loader
from esslex.text.normalize import fold_key
from support.cli import run
from support.glossaries import age, write_glossary
from support.properties import examples


@pytest.fixture()
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "essai.toml")


def cached_files(folder: Path) -> list[Path]:
    """Caches: SQLite databases (each with its search text beside it, `writer.search_file`),
    and marshal snapshots of small glossaries."""
    if not folder.is_dir():
        return []
    databases = [
        file for file in folder.glob("*.sqlite") if not file.name.endswith(".search.sqlite")
    ]
    return sorted([*databases, *folder.glob("*.snapshot")])


def spoil_unseen(path: Path) -> None:
    """Replace the file's text by invalid TOML of the same size and modification time, as
    the cache sees it: what still answers can only come from the cache."""
    status = path.stat()
    path.write_bytes(b"=" * status.st_size)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def no_toml_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any reading of a glossary file fail (for the bundled file, which stays as it is)."""

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

    spoil_unseen(glossary)
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


def test_a_cache_of_another_esslex_version_is_rebuilt(glossary: Path, cache_folder: Path) -> None:
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    with sqlite3.connect(file) as connection:  # as an older esslex would have left it
        connection.execute("UPDATE meta SET value = ? WHERE key = 'version'", ('"0.0.1"',))
    connection.close()
    assert run("--no-bundled", "-g", str(glossary), "list").exit_code == 0
    meta = sqlite3.connect(file).execute("SELECT value FROM meta WHERE key = 'version'")
    assert json.loads(meta.fetchone()[0]) == esslex.__version__


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
            lambda f: sqlite3.connect(f).executescript(
                "DROP TABLE IF EXISTS names; DROP TABLE IF EXISTS search_text"
            ),
            id="tables-missing",
        ),
        pytest.param(lambda f: f.unlink(), id="deleted"),
    ],
)
@pytest.mark.parametrize("part", ["entries", "search"])
# Slow: 14 damages, each building a 300-entry cache three times; the everyday loop keeps
# test_a_cache_damaged_while_in_use_is_rebuilt_and_answers_from_the_files.
@pytest.mark.slow
def test_a_corrupt_cache_is_ignored_and_rebuilt(
    glossary: Path, cache_folder: Path, damage: object, part: str
) -> None:
    label = first_label(glossary)
    expected = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    expected_search = run("--no-bundled", "-g", str(glossary), "search", "économie", "--json")
    [file] = cached_files(cache_folder)
    damage(file if part == "entries" else writer.search_file(file))  # type: ignore[operator]
    for _ in range(2):  # ignored, then rebuilt and read
        result = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")
        search = run("--no-bundled", "-g", str(glossary), "search", "économie", "--json")
        assert (search.exit_code, search.stdout, search.stderr) == (0, expected_search.stdout, "")
    assert writer.search_file(file).is_file()


def test_a_cache_damaged_while_in_use_is_rebuilt_and_answers_from_the_files(
    glossary: Path, cache_folder: Path
) -> None:
    from esslex.find.lookup import find_term
    from esslex.find.search import search

    label = first_label(glossary)
    expected = run("--no-bundled", "-g", str(glossary), "define", label, "--json")
    [file] = cached_files(cache_folder)
    index = policy.open_index([glossary])
    assert isinstance(index, store.StoredIndex)
    # Damaged after it was opened: the pages not read yet are garbage.
    file.write_bytes(file.read_bytes()[:100] + b"\xff" * (file.stat().st_size - 100))
    assert find_term(index, label).term.label == label
    assert search(index, "économie")
    assert len(index.sorted_terms()) == 300
    assert index.from_files is not None  # the damage was seen
    assert len(cached_files(cache_folder)) == 1  # the damaged file replaced by a sound one
    assert isinstance(policy.open_index([glossary]), store.StoredIndex)
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
    [file] = cached_files(cache_folder)
    left = sorted(cache_folder.iterdir())
    assert left == [
        file.with_suffix(".lock"),
        mentions_file(file),
        writer.search_file(file),
        file,
    ]


# While a cache is written, SQLite indexes the entries in a thread (`writer._meanwhile`).
COUNTING = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT max(i) FROM n"


def test_the_indexing_thread_is_waited_for_and_its_error_raised(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "essai.sqlite", check_same_thread=False)
    counted: list[int] = []

    def count(connection: sqlite3.Connection) -> None:
        counted.append(connection.execute(COUNTING, (1000,)).fetchone()[0])

    with writer._meanwhile(connection, count):
        pass
    assert counted == [1000]

    def fail(connection: sqlite3.Connection) -> None:
        connection.execute("SELECT * FROM absente")

    with (
        pytest.raises(sqlite3.OperationalError, match="absente"),
        writer._meanwhile(connection, fail),
    ):
        pass
    connection.close()


def test_an_error_while_the_thread_indexes_stops_it(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "essai.sqlite", check_same_thread=False)
    outcome: list[BaseException | int] = []

    def count_for_minutes(connection: sqlite3.Connection) -> None:
        try:
            outcome.append(connection.execute(COUNTING, (10**10,)).fetchone()[0])
        except sqlite3.OperationalError as error:
            outcome.append(error)

    with pytest.raises(KeyboardInterrupt), writer._meanwhile(connection, count_for_minutes):
        raise KeyboardInterrupt
    [stopped] = outcome  # the thread was waited for, and ended by the interruption
    assert isinstance(stopped, sqlite3.OperationalError)
    assert "interrupt" in str(stopped)
    connection.close()


# A large glossary's search text is written by a forked process (`writer.PARALLEL_FROM`).
ASKED = [("define", "coopérative sociale", "--json"), ("search", "économie", "--json")]
ASKED += [("search", "habitants"), ("list", "--theme", "acteurs")]


def asked_answers(glossary: Path) -> list[tuple[int, str, str]]:
    found = [run("--no-bundled", "-g", str(glossary), *command) for command in ASKED]
    return [(result.exit_code, result.stdout, result.stderr) for result in found]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="pas de fork sur ce système")
def test_the_search_text_written_by_a_second_process_answers_the_same(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = asked_answers(glossary)
    for file in cached_files(cache_folder):
        writer.search_file(file).unlink()
        file.unlink()
    forks: list[int] = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    assert asked_answers(glossary) == serial  # built, then read
    assert len(forks) == (0 if sys.platform == "darwin" else 1)
    [file] = cached_files(cache_folder)
    assert writer.search_file(file).is_file()
    spoil_unseen(glossary)
    assert asked_answers(glossary) == serial  # from the cache alone


def test_where_no_process_can_be_forked_the_search_text_is_written_after(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused, raising=False)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    expected = asked_answers(glossary)
    [file] = cached_files(cache_folder)
    assert writer.search_file(file).is_file()
    spoil_unseen(glossary)
    assert asked_answers(glossary) == expected


ORPHANED_HELPER = """
import os, sys, time
from pathlib import Path
from esslex.cache import writer
file = Path(sys.argv[1])

def work():
    time.sleep(0.5)  # still working when the first process is gone
    file.write_text("écrit")

pid = writer._start_helper(work, abandoned=(file,))
print(pid, flush=True)
if sys.argv[2] == "killed":
    os._exit(9)  # gone without a word, as under SIGKILL
os.waitpid(pid, 0)
"""


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="pas de fork")
@pytest.mark.parametrize("first", ["waits", "killed"])
@pytest.mark.slow  # two Python processes started and one killed, waiting on each other
def test_a_helper_whose_first_process_is_gone_removes_its_file(tmp_path: Path, first: str) -> None:
    file = tmp_path / "partie.tmp"
    done = subprocess.run(
        [sys.executable, "-c", ORPHANED_HELPER, str(file), first], capture_output=True, text=True
    )
    helper = int(done.stdout.split()[0])
    for _ in range(600):  # the helper ends within a second; never more than a minute
        try:
            os.kill(helper, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    assert file.exists() == (first == "waits")


def test_a_search_text_that_cannot_be_written_means_no_cache(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = asked_answers(glossary)
    [file] = cached_files(cache_folder)
    for stale in (file, writer.search_file(file)):
        stale.unlink()
    # Where the search text would be written, in the forked process then in this one.
    writer.search_file(file).with_name(f"{writer.search_file(file).name}.{os.getpid()}.tmp").mkdir()
    monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    assert asked_answers(glossary) == expected
    assert cached_files(cache_folder) == []
    left = sorted(path.suffix for path in cache_folder.iterdir())
    assert left == [".lock", ".tmp"]  # the folder put there, and the builders' lock


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
    spoil_unseen(glossary)
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
    monkeypatch.setattr(writer, "FULL_TEXT", "CREATE VIRTUAL TABLE x USING absent_module(a)")
    without = [
        run("--no-bundled", "-g", str(glossary), "search", text, "--json").stdout
        for text in SEARCHES
    ]
    [file] = cached_files(cache_folder)
    meta = sqlite3.connect(writer.search_file(file)).execute(
        "SELECT value FROM meta WHERE key = 'full_text'"
    )
    assert json.loads(meta.fetchone()[0]) is False
    assert without == with_index


# --- fuzzy matching on large glossaries ------------------------------------------------


def test_prefiltered_fuzzy_matching_gives_the_same_candidates(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above PREFILTER_ABOVE names, C scorers pre-select the names to rate: the candidates
    must be those that rating every name gives (300 names: every name is rated)."""
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
    assert len(index.choices()) <= lookup.PREFILTER_ABOVE
    every_name = [lookup.fuzzy_candidates(index, query) for query in queries]
    monkeypatch.setattr(lookup, "PREFILTER_ABOVE", 0)
    for query, expected in zip(queries, every_name, strict=True):
        assert lookup.fuzzy_candidates(index, query) == expected, query
    assert any(every_name) and not all(every_name)  # found, and not found: both compared


def test_define_with_the_prefilter_answers_as_without(
    glossary: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ("--no-bundled", "-g", str(glossary), "define")
    plain = [run(*base, query, "--json").stdout for query in QUERIES]
    monkeypatch.setattr(lookup, "PREFILTER_ABOVE", 0)
    assert [run(*base, query, "--json").stdout for query in QUERIES] == plain


# --- the stored index answers as the index in memory ------------------------------------

# Any text a glossary can hold, with words to fold one by one (the cache folds each
# distinct word once).
TEXTS = st.text(st.characters(exclude_categories=("Cs",)), max_size=30).filter(str.strip)
AWKWARD = [
    "L’Économie  sociale\tet solidaire",
    "œuvre — « cœur »",
    "a\u00a0b\u2028c",
    " ¨ x ",
    "ﬁn ǅ",
]


def assert_stored_index_answers_as_memory_index(texts: list[str]) -> None:
    """A glossary of one entry per text: its SQLite index folds every name and every text
    (word by word) as the index in memory does."""
    document = {
        "term": [
            {"id": f"t{n}", "label": text, "alt_labels": [text[::-1]], "definition": text}
            for n, text in enumerate(texts)
        ]
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hasard.toml"
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        age(path)
        with pytest.MonkeyPatch.context() as environment:
            environment.setenv("ESSLEX_CACHE_DIR", str(Path(folder) / "cache"))
            stored = policy.open_index([path])
        assert isinstance(stored, store.StoredIndex)  # more entries than a snapshot holds
        memory = index_of(loader.load_glossary([path]))
        assert list(stored.choices()) == list(memory.choices())
        assert list(stored.sorted_choices()) == list(memory.sorted_choices())
        assert sorted(stored.choice_vocabulary()) == sorted(memory.choice_vocabulary())
        assert list(stored.search_candidates([])) == list(memory.search_candidates([]))
        for text in texts[:20]:
            key = fold_key(text)
            assert sorted(stored.names_folded(key)) == sorted(memory.names_folded(key))


@settings(max_examples=examples(15), deadline=None)
@given(st.lists(TEXTS, min_size=policy.SNAPSHOT_UP_TO + 1, max_size=policy.SNAPSHOT_UP_TO + 20))
def test_the_stored_index_folds_any_text_as_the_memory_index(texts: list[str]) -> None:
    assert_stored_index_answers_as_memory_index(texts)


@pytest.mark.parametrize("text", AWKWARD)
def test_the_stored_index_folds_awkward_text_as_the_memory_index(text: str) -> None:
    texts = [f"{text} {n}" for n in range(policy.SNAPSHOT_UP_TO + 1)]
    assert_stored_index_answers_as_memory_index(texts)


# --- list --json, written in chunks -----------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 7, 300, 1000])
def test_json_list_in_chunks_is_the_json_of_the_whole_list(glossary: Path, chunk: int) -> None:

    from esslex.glossary.serialize import json_array_lines, term_to_json
    from esslex.text.normalize import sort_key

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
    from esslex.glossary.serialize import term_to_json
    from esslex.text.normalize import sort_key

    run("--no-bundled", "-g", str(glossary), "list")
    result = run("--no-bundled", "-g", str(glossary), "list", "--json")
    assert result.exit_code == 0
    terms = sorted(loader.load_glossary([glossary]).terms, key=lambda term: sort_key(term.label))
    assert json.loads(result.stdout) == [term_to_json(term) for term in terms]


# Short word lists: 100 draw orders and repeats enough.
@settings(max_examples=examples(100), deadline=None)
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
    path = write_glossary(tmp_path / "petit.toml", count=policy.SNAPSHOT_UP_TO)
    assert run("--no-bundled", "-g", str(path), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    assert file.suffix == ".snapshot"

    write_glossary(path, count=policy.SNAPSHOT_UP_TO + 1)
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
    assert snapshot.open_snapshot(file, policy.stamps([path]) or []) is not None


def test_snapshot_and_files_give_the_same_glossary(tmp_path: Path, cache_folder: Path) -> None:
    path = write_glossary(tmp_path / "petit.toml", count=60)
    loaded = loader.load_glossary([path])
    assert run("--no-bundled", "-g", str(path), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    opened = snapshot.open_snapshot(file, policy.stamps([path]) or [])
    assert opened is not None and opened.glossary == loaded


def test_the_snapshot_keeps_the_folded_names_and_search_text_of_the_files(
    tmp_path: Path, cache_folder: Path
) -> None:
    path = write_glossary(tmp_path / "petit.toml", count=60)
    fresh = MemoryIndex(loader.load_glossary([path]))
    assert run("--no-bundled", "-g", str(path), "list").exit_code == 0
    [file] = cached_files(cache_folder)
    opened = snapshot.open_snapshot(file, policy.stamps([path]) or [])
    assert opened is not None
    assert opened.name_tables() == fresh.name_tables()
    assert opened.search_tables() == fresh.search_tables()
    words = ["cooperative"]
    assert list(opened.search_candidates(words)) == list(fresh.search_candidates(words))


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
    from esslex.glossary.serialize import json_array_lines

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
    spoil_unseen(glossary)
    result = run("--no-bundled", "-g", str(glossary), "define", label)
    assert result.exit_code == 0 and label in result.stdout


# --- progress of a long first load --------------------------------------------------------


def test_a_long_first_load_says_its_steps_then_clears_them(
    tmp_path: Path, cache_folder: Path
) -> None:
    padding = "# " + "x" * policy.PROGRESS_FROM_BYTES + "\n"  # large by its bytes alone
    glossary = write_glossary(tmp_path / "lourd.toml", extra=padding)
    said: list[tuple[str, int, int]] = []

    def progress(text: str, done: int = 0, total: int = 0) -> None:
        said.append((text, done, total))

    index = policy.open_index([glossary], progress=progress)
    assert len(index) == 300
    assert said[0][0].startswith("Première lecture des glossaires")
    assert said[1] == ("Construction du cache (300 entrées)…", 0, 300)  # a bar, counted
    assert said[-2][0] == "Construction du cache\u00a0: index des noms et de la recherche…"
    assert said[-1] == ("", 0, 0)  # the line is cleared once done
    said.clear()
    policy.open_index([glossary], progress=progress)
    assert said == []  # cached: nothing to say


def test_a_small_first_load_says_nothing(glossary: Path, cache_folder: Path) -> None:
    said: list[str] = []
    policy.open_index([glossary], progress=said.append)
    assert said == []
