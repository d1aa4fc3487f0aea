"""Every command × every optional library it imports: absent, the command exits 4 with one
French line naming the library and the README's install form of its extra, no traceback."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from support.cli import run

# (command line, with {glossary}, {out} and {course} filled in; library; extra)
CASES = [
    ("export -f site", "jinja2", "export"),
    ("export -f site", "markupsafe", "export"),
    ("export -f html", "jinja2", "export"),
    ("export -f html", "markupsafe", "export"),
    ("export -f pdf -o {out}.pdf", "weasyprint", "pdf"),
    ("export -f pdf -o {out}.pdf", "jinja2", "pdf"),
    ("export -f docx -o {out}.docx", "docx", "export"),
    ("export -f skos", "rdflib", "export"),
    ("export -f skos-jsonld", "rdflib", "export"),
    ("export -f tbx", "lxml", "export"),
    ("export -f moodle-glossary", "lxml", "export"),
    ("export -f anki -o {out}.apkg", "genanki", "anki"),
    ("exercises -f html --seed 1", "jinja2", "export"),
    ("exercises -f pdf --seed 1 -o {out}.pdf", "weasyprint", "pdf"),
    ("exercises -f docx --seed 1 -o {out}.docx", "docx", "export"),
    ("kit -o {out}", "weasyprint", "trainer"),
    ("kit -o {out}", "genanki", "trainer"),
    ("kit -o {out}", "docx", "trainer"),
    ("kit -o {out}", "lxml", "trainer"),
    ("kit -o {out}", "jinja2", "trainer"),
    ("annotate {course}.md", "simplemma", "annotate"),
    ("annotate {course}.docx", "docx", "export"),
    ("review", "fsrs", "review"),
    ("browse coopération", "textual", "browse"),
]
# esslex modules that import a library when they are loaded: loaded anew by the test.
LOADS_AT_IMPORT = {
    "fsrs": ("esslex.learner.scheduling", "esslex.learner.session"),
    "textual": ("esslex.tui.app",),
}


@pytest.mark.parametrize(("command", "module", "extra"), CASES)
def test_a_missing_library_exits_4_with_the_readme_s_install_form(
    command: str,
    module: str,
    extra: str,
    glossary: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    course = tmp_path / "cours"
    course.with_suffix(".md").write_text("Une société coopérative.\n", encoding="utf-8")
    import docx

    docx.Document().save(str(course.with_suffix(".docx")))
    words = command.format(out=tmp_path / "sortie", course=course).split()
    if module in LOADS_AT_IMPORT:
        # The command's own module loaded first, with the library: the test's modules,
        # loaded without it, then go away with the test.
        assert run(words[0], "--help").exit_code == 0
    # Loaded anew without the library, and put back after the test (sys.modules, package).
    originals = {
        loaded: importlib.import_module(loaded) for loaded in LOADS_AT_IMPORT.get(module, ())
    }
    for loaded, original in originals.items():
        package, _, name = loaded.rpartition(".")
        monkeypatch.setattr(sys.modules[package], name, original)
        monkeypatch.delitem(sys.modules, loaded)
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now fails
    # review plays in a terminal: one is faked so that it gets as far as its library.
    terminal = {"ESSLEX_FORCE_TERMINAL": "1"} if words[0] == "review" else None
    result = run("--no-bundled", "-g", str(glossary), *words, input="", env=terminal)
    assert result.exit_code == 4, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Erreur\u00a0: ")
    assert f"la bibliothèque «\u00a0{module}\u00a0», absente" in line
    assert (
        f"installez l’extra «\u00a0{extra}\u00a0» d’esslex\u00a0: .venv/bin/pip install '.[{extra}]'"
        in line
    )
    assert not list(tmp_path.glob("sortie*"))
