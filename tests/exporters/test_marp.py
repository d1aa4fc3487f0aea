"""`esslex export --format marp`: slides read back with markdown-it (CommonMark, as Marp)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from support.exports import export
from support.glossaries import TRAINER_GLOSSARY

markdown_it = pytest.importorskip("markdown_it")

HOSTILE = TRAINER_GLOSSARY.replace(
    'definition = "Un regroupement d’acteurs sur un territoire."',
    'definition = """Un regroupement.\n\n---\n\n<!-- _class: invert -->\n# Faux titre"""',
)


def slides(text: str) -> tuple[dict[str, str], list[list[Any]]]:
    """The front matter's keys, and each slide's tokens."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, text[:200]
    front = dict(
        line.split(": ", 1) for line in match.group(1).splitlines() if not line.startswith(" ")
    )
    tokens = markdown_it.MarkdownIt("commonmark").parse(text[match.end() :])
    pages: list[list[Any]] = [[]]
    for token in tokens:
        if token.type == "hr" and token.level == 0:
            pages.append([])
        else:
            pages[-1].append(token)
    return front, pages


def shown(page: list[Any]) -> str:
    """The text a slide shows (escapes resolved), its inline pieces joined."""
    return " ".join(
        child.content
        for token in page
        if token.type == "inline"
        for child in token.children or []
        if child.type == "text"
    )


def headings(page: list[Any], tag: str) -> list[str]:
    return [
        page[position + 1].content
        for position, token in enumerate(page)
        if token.type == "heading_open" and token.tag == tag
    ]


def test_title_slide_a_slide_per_theme_and_one_per_entry(trainer_glossary: Path) -> None:
    front, pages = slides(
        export(trainer_glossary, "-f", "marp", "--title", "Séance 1", expect=0).out
    )
    assert front["marp"] == "true" and front["title"] == '"Séance 1"'
    assert len(pages) == 1 + 2 + 5
    assert headings(pages[0], "h1") == ["Séance 1"]
    assert headings(pages[0], "h2") == ["Glossaire de formation"]
    theme_slides = [headings(page, "h1") for page in pages[1:] if headings(page, "h1")]
    assert theme_slides == [["Statuts"], ["Territoires"]]
    entry_slides = [headings(page, "h2")[0] for page in pages[1:] if headings(page, "h2")]
    assert sorted(entry_slides) == ["Association", "Mutuelle", "PTCE", "SCIC", "Scop"]


def test_an_entry_slide_has_its_definition_and_small_sources(trainer_glossary: Path) -> None:
    _, pages = slides(export(trainer_glossary, "-f", "marp", expect=0).out)
    scop = next(page for page in pages if headings(page, "h2") == ["Scop"])
    text = shown(scop)
    assert "société coopérative et participative, coopérative de salariés" in text
    assert "les salariés {détiennent} le capital" in text
    assert any(token.type == "blockquote_open" for token in scop)
    assert "Source\u00a0:" in text and "Loi n°\u00a078-763, art.\u00a01" in text


def test_glossary_text_cannot_make_slides_nor_directives(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    text = export(path, "-f", "marp", expect=0).out
    _, pages = slides(text)
    assert len(pages) == 1 + 2 + 5
    html = [t.content.strip() for page in pages for t in page if t.type.startswith("html")]
    assert all(re.fullmatch(r"<!-- _(class|paginate): [\w-]+ -->", item) for item in html), html
    mutuelle = next(page for page in pages if headings(page, "h2") == ["Mutuelle"])
    assert '<script>alert("x")</script>' in shown(mutuelle)
    assert not any(t.type.startswith("html") and "script" in t.content for t in mutuelle)
    assert "Faux titre" not in " ".join(title for page in pages for title in headings(page, "h1"))


def test_the_title_slide_carries_the_branding(trainer_glossary: Path) -> None:
    _, pages = slides(
        export(
            trainer_glossary,
            "-f",
            "marp",
            "--title",
            "Séance 2",
            "--organisation",
            "Réseau <ESS>",
            "--author",
            "Marie Dupont",
            "--date",
            "2027-03-12",
            "--licence",
            "CC BY 4.0",
            expect=0,
        ).out
    )
    title = shown(pages[0])
    assert "Réseau <ESS>" in title and "Marie Dupont" in title and "12 mars 2027" in title
    assert "Textes\u00a0: Glossaire de formation" in title
    assert "Licence du document\u00a0: CC BY 4.0" in title
    assert len(pages) == 8


def test_slides_of_one_theme(trainer_glossary: Path) -> None:
    _, pages = slides(
        export(trainer_glossary, "-f", "marp", "--theme", "territoires", expect=0).out
    )
    assert len(pages) == 3


def test_a_longer_text_is_set_smaller(trainer_glossary: Path, tmp_path: Path) -> None:
    def size_of(definition: str) -> str:
        path = tmp_path / "long.toml"
        path.write_text(
            TRAINER_GLOSSARY.replace(
                'definition = "Un regroupement d’acteurs sur un territoire."',
                f'definition = """{definition}"""',
            ),
            encoding="utf-8",
        )
        _, pages = slides(export(path, "-f", "marp", expect=0).out)
        ptce = next(page for page in pages if headings(page, "h2") == ["PTCE"])
        classes = [t.content.strip() for t in ptce if t.type.startswith("html")]
        return classes[0] if classes else "26"

    sentence = "Un regroupement d’acteurs de l’économie sociale sur un territoire donné. "
    sizes = [size_of(sentence * count) for count in (1, 8, 14, 20, 40)]
    assert sizes[0] == "26"
    numbers = [int(re.sub(r"\D", "", size)) for size in sizes]
    assert numbers == sorted(numbers, reverse=True) and numbers[-1] < numbers[1] <= 26
    assert all(re.fullmatch(r"26|<!-- _class: size-\d\d -->", size) for size in sizes)


# Appended to Marp's HTML: each slide's overflow (px, > 0 when its text runs past the
# bottom padding) and font size, written into the page for Chromium's --dump-dom.
MEASURE = """<script>
window.addEventListener("load", () => {
  const rows = [];
  for (const slide of document.querySelectorAll("svg > foreignObject > section")) {
    const box = slide.getBoundingClientRect();
    const floor = box.bottom - parseFloat(getComputedStyle(slide).paddingBottom);
    let bottom = 0;
    for (const child of slide.children) {
      if (child.tagName !== "STYLE") bottom = Math.max(bottom, child.getBoundingClientRect().bottom);
    }
    rows.push(Math.round(bottom - floor) + " " + parseFloat(getComputedStyle(slide).fontSize));
  }
  const out = document.createElement("pre");
  out.id = "measures";
  out.textContent = rows.join("\\n");
  document.body.appendChild(out);
});
</script>"""


@pytest.mark.slow
def test_marp_cli_renders_every_slide_within_its_page_and_links_clean(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from support.cli import run

    marp = shutil.which("marp")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not marp or not browser:
        pytest.skip("Marp CLI (npm @marp-team/marp-cli) ou Chromium absent")
    deck = tmp_path / "diaporama.md"
    result = run("export", "-f", "marp", "-o", str(deck))
    assert result.exit_code == 0, result.output
    rendered = tmp_path / "diaporama.html"
    subprocess.run(
        [marp, str(deck), "-o", str(rendered)],
        check=True,
        capture_output=True,
        env={**os.environ, "CHROME_PATH": browser},
        timeout=120,
    )
    page = rendered.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*)"', page)
    assert sum(link.startswith("https://") for link in links) > 50
    assert not [link for link in links if "\\" in link or "%5C" in link.upper()]
    measured = tmp_path / "mesure.html"
    measured.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,720",
         "--virtual-time-budget=5000", "--dump-dom", measured.as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    found = re.search(r'<pre id="measures">(.*?)</pre>', dom, re.S)
    assert found, dom[-500:]
    rows = [tuple(map(float, row.split())) for row in found.group(1).splitlines()]
    assert len(rows) > 70
    assert [row for row in rows if row[0] > 0] == []  # nothing runs off its slide
    # A slide set smaller is nearly full: the next size up would not have fitted.
    shrunk = [row for row in rows if row[1] < 26]
    assert shrunk and all(overflow > -100 for overflow, _ in shrunk), shrunk


def test_long_credits_get_a_last_slide_of_their_own() -> None:
    from support.cli import run

    result = run("export", "-f", "marp")
    assert result.exit_code == 0, result.output
    _, pages = slides(result.stdout)
    assert "Textes\u00a0: voir les crédits, en dernière diapositive" in shown(pages[0])
    last = shown(pages[-1])
    assert last.startswith("Crédits Textes\u00a0: esslex")
    assert "Glossaire DEVISUS" in last and "CC BY-SA 4.0" in last
