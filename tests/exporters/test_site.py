"""`export --format site`: one self-contained page, read back by an HTML parser and by Chromium.

The structure (entries, anchors, links, search index, escaping) is checked on the file
itself; what the page's script does (filtering as one types, `?q=`, `#<id>`, the theme
filter, the folding of queries) is checked in headless Chromium driven by Selenium, where
Chromium and its driver are installed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from esslex.text.normalize import fold
from support.cli import run
from support.glossaries import write_glossary

GLOSSARY = """
[glossary]
id = "essai"
title = "Glossaire d’essai"
publishers = ["Réseau A"]
licence = "Textes sous licence CC BY 4.0."

[[theme]]
id = "familles"
label = "Familles"

[[theme]]
id = "finance"
label = "Finance"

[[term]]
id = "cooperation"
label = "Coopération"
alt_labels = ["coopérer"]
hidden_labels = ["esprit d’équipe"]
themes = ["familles"]
definition = "Travailler ensemble vers un but commun."
related = ["scop"]

[[term]]
id = "scop"
label = "Société coopérative et participative"
alt_labels = ["SCOP"]
themes = ["familles"]
definition = "Une coopérative dont les salariés sont les associés majoritaires."
broader = ["cooperative"]

[[term]]
id = "cooperative"
label = "Coopérative"
themes = ["familles"]
definition = "Une société dont les membres sont les associés."

[[term]]
id = "finance-solidaire"
label = "Finance solidaire"
themes = ["finance"]
definition = "Une épargne placée dans des entreprises à utilité sociale, en coopération."
"""

HOSTILE = """
[glossary]
id = "piege"
title = "Piège </title><script>document.title='pwned'</script>"

[[theme]]
id = "t"
label = "<b onmouseover=alert(1)>Thème</b>"

[[term]]
id = "a"
label = "</script><script>document.title='pwned'</script>"
alt_labels = ["<img src=x onerror=\\"document.title='pwned'\\">"]
themes = ["t"]
definition = "Texte \\"><svg onload=\\"document.title='pwned'\\"></svg> & <!-- commentaire"
notes = ["]]></script><!--"]
related = ["b"]

[[term.sources]]
title = "<a href='javascript:alert(1)'>lien</a>"
url = "javascript:alert(1)"

[[term]]
id = "b"
label = "Entrée sûre"
themes = ["t"]
definition = "Rien à signaler."
"""


def export_site(tmp_path: Path, text: str = GLOSSARY, *extra: str) -> Path:
    source = write_glossary(tmp_path / "glossaire.toml", text=text)
    target = tmp_path / "site.html"
    result = run(
        "--no-bundled", "-g", str(source), "export", "-f", "site", "-o", str(target), *extra
    )
    assert result.exit_code == 0, result.output
    return target


class Page(HTMLParser):
    """Elements of the page with their attributes, the text of its scripts and of the
    theme filter's options."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.option_texts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "option"):
            self._in = tag
            (self.scripts if tag == "script" else self.option_texts).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "option":
            self.option_texts[-1] += data

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_every_entry_has_its_own_anchor_and_links_resolve(tmp_path: Path) -> None:
    page = parse(export_site(tmp_path))
    articles = [attrs for attrs in page.tags("article")]
    assert [attrs["id"] for attrs in articles] == [
        "cooperation",
        "cooperative",
        "finance-solidaire",
        "scop",
    ]  # French alphabetical order of the labels
    ids = {attrs["id"] for tag, attrs in page.elements if attrs.get("id")}
    internal = [attrs["href"] for attrs in page.tags("a") if (attrs["href"] or "").startswith("#")]
    assert internal and all(href[1:] in ids for href in internal if href)
    assert articles[0]["data-themes"] == "familles"


def test_no_attribute_is_empty_where_html_forbids_it(tmp_path: Path) -> None:
    # The Nu HTML checker: a form's action, a link's href or an image's src must not be
    # empty (a form without action submits to the page itself).
    page = parse(export_site(tmp_path))
    (form,) = page.tags("form")
    assert "action" not in form
    for tag, name in (("a", "href"), ("img", "src"), ("script", "src"), ("link", "href")):
        assert all(attrs.get(name) != "" for attrs in page.tags(tag)), tag


def test_no_external_resource(tmp_path: Path) -> None:
    path = export_site(tmp_path)
    page = parse(path)
    text = path.read_text(encoding="utf-8")
    assert not page.tags("link")
    assert all(attrs.get("src") is None for attrs in page.tags("script"))
    assert not page.tags("img") and not page.tags("iframe")
    assert "@import" not in text and "url(" not in text


def test_search_index_holds_folded_labels_hidden_labels_and_text(tmp_path: Path) -> None:
    page = parse(export_site(tmp_path))
    index = json.loads(page.scripts[0])
    rows = {row["id"]: row for row in index}
    assert rows["cooperation"]["labels"] == ["cooperation", "cooperer", "esprit d equipe"]
    assert rows["finance-solidaire"]["text"] == fold(
        "Une épargne placée dans des entreprises à utilité sociale, en coopération."
    )


def test_hidden_labels_are_never_shown(tmp_path: Path) -> None:
    text = export_site(tmp_path).read_text(encoding="utf-8")
    assert "esprit d’équipe" not in text


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    path = export_site(tmp_path, HOSTILE)
    page = parse(path)
    # Only the page's own two scripts; no element comes from the glossary's text.
    assert len(page.tags("script")) == 2
    assert not page.tags("img") and not page.tags("svg") and not page.tags("b")
    assert all(not (attrs.get("href") or "").startswith("javascript:") for attrs in page.tags("a"))
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    index = json.loads(page.scripts[0])
    assert index[0]["labels"][0] == fold("</script><script>document.title='pwned'</script>")


def test_base_uri_names_each_entry_by_its_concept(tmp_path: Path) -> None:
    page = parse(export_site(tmp_path, GLOSSARY, "--base-uri", "https://exemple.org/glossaire#"))
    concepts = {attrs["id"]: attrs["data-concept"] for attrs in page.tags("article")}
    assert concepts["scop"] == "https://exemple.org/glossaire#scop"


def test_bad_base_uri_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "glossaire.toml"
    source.write_text(GLOSSARY, encoding="utf-8")
    result = run(
        "--no-bundled", "-g", str(source), "export", "-f", "site", "--base-uri", "pas une uri"
    )
    assert result.exit_code == 2
    assert "URI absolue" in result.output


def test_bundled_glossary_site_is_complete() -> None:
    result = run("export", "-f", "site")
    assert result.exit_code == 0
    listed = run("list", "--json")
    ids = [entry["id"] for entry in json.loads(listed.output)]
    for term_id in ids:
        assert f'<article class="entry" id="{term_id}"' in result.output


# --- in a real browser ---------------------------------------------------------------------


def _driver() -> Any:
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.skip("Chromium et chromedriver absents")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(chromedriver), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = _driver()
    try:
        yield driver
    finally:
        driver.quit()


def visible_ids(browser: Any) -> list[str]:
    script = (
        "return Array.from(document.querySelectorAll('article.entry'))"
        ".filter(a => a.offsetParent !== null).map(a => a.id);"
    )
    return list(browser.execute_script(script))


@pytest.mark.slow
def test_query_without_accents_filters_labels_first(tmp_path: Path, browser: Any) -> None:
    browser.get(export_site(tmp_path).as_uri() + "?q=cooperation")
    # Label matches (Coopération, Coopérative? no: « cooperation » is in its label only)
    # come before the entry whose text holds the word.
    assert visible_ids(browser) == ["cooperation", "finance-solidaire"]
    assert browser.find_element("id", "esslex-q").get_attribute("value") == "cooperation"
    status = browser.find_element("id", "esslex-status").text
    assert status == "2 entrées sur 4"


@pytest.mark.slow
def test_typing_filters_and_hidden_labels_find_entries(tmp_path: Path, browser: Any) -> None:
    browser.get(export_site(tmp_path).as_uri())
    assert len(visible_ids(browser)) == 4
    field = browser.find_element("id", "esslex-q")
    field.send_keys("ESPRIT D’EQUIPE")
    assert visible_ids(browser) == ["cooperation"]
    field.clear()
    field.send_keys("scop")
    assert visible_ids(browser)[0] == "scop"
    field.clear()
    field.send_keys("pizza")
    assert visible_ids(browser) == []
    assert browser.find_element("id", "esslex-none").is_displayed()


@pytest.mark.slow
def test_theme_filter(tmp_path: Path, browser: Any) -> None:
    browser.get(export_site(tmp_path).as_uri() + "?theme=finance")
    assert visible_ids(browser) == ["finance-solidaire"]
    from selenium.webdriver.support.ui import Select

    letters = browser.find_elements("css selector", "#esslex-letters a")
    assert [link.text for link in letters if link.is_displayed()] == ["F"]
    Select(browser.find_element("id", "esslex-theme")).select_by_value("familles")
    assert visible_ids(browser) == ["cooperation", "cooperative", "scop"]
    assert [link.text for link in letters if link.is_displayed()] == ["C", "S"]


@pytest.mark.slow
def test_anchor_shows_its_entry_even_when_filtered_out(tmp_path: Path, browser: Any) -> None:
    browser.get(export_site(tmp_path).as_uri() + "?theme=finance#scop")
    assert "scop" in visible_ids(browser)
    focused = browser.execute_script("return document.activeElement.id")
    assert focused == "scop"


@pytest.mark.slow
def test_an_address_naming_no_entry_breaks_nothing(tmp_path: Path, browser: Any) -> None:
    # The entries were an object with a prototype: "#constructor" named its function and
    # the script threw.
    page = export_site(tmp_path).as_uri()
    browser.get(page)
    browser.execute_script(
        "window.errors = []; window.addEventListener('error', e => errors.push(e.message));"
    )
    for name in ("constructor", "__proto__", "toString", "hasOwnProperty", "%E0%A4%A", "scop"):
        browser.execute_script(f"window.location.hash = '#{name}';")
        browser.execute_script("return 1")  # the hashchange handler has run
        assert browser.execute_script("return window.errors") == [], name
    assert browser.execute_script("return document.activeElement.id") == "scop"
    browser.get(page + "?q=coop#constructor")
    assert visible_ids(browser)  # the filter still applied after the address was read


@pytest.mark.slow
def test_hostile_page_runs_none_of_its_text(tmp_path: Path, browser: Any) -> None:
    browser.get(export_site(tmp_path, HOSTILE).as_uri() + "?q=script")
    # Still the glossary's title, as text: no script of the glossary set it to « pwned ».
    assert browser.title == "Piège </title><script>document.title='pwned'</script>"
    assert browser.execute_script("return document.querySelectorAll('script').length") == 2
    assert visible_ids(browser) == ["a"]


FOLDING_SAMPLES = [
    "Coopération",
    "COOPÉRATION",
    "Cooperation",
    "Œuvre",
    "cœur",
    "Æther",
    "Straße",
    "l’économie",
    "l'économie",
    "Économie sociale et solidaire",
    "E\u0301conomie",  # NFD
    "ﬁnance",  # ligature fi
    "Tiers-lieu",
    "« guillemets »",
    "n° 2014-856",
    "  espaces\u00a0insécables\u202fet tabulations\t",
    "İstanbul",
    "ı",
    "Ça",
    "Zéro chômeur",
]


@pytest.mark.slow
def test_page_folds_queries_like_the_command_line(tmp_path: Path, browser: Any) -> None:
    browser.get(export_site(tmp_path).as_uri())
    page = browser.execute_script("return arguments[0].map(window.esslexFold);", FOLDING_SAMPLES)
    assert page == [fold(text) for text in FOLDING_SAMPLES]


@pytest.mark.slow
def test_phone_width_has_no_horizontal_scroll(tmp_path: Path, browser: Any) -> None:
    browser.set_window_size(390, 800)
    try:
        browser.get(export_site(tmp_path).as_uri())
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        browser.set_window_size(1280, 1000)


def test_branding_and_credits_come_from_the_entries(tmp_path: Path) -> None:
    text = export_site(
        tmp_path, GLOSSARY, "--organisation", "Réseau A", "--author", "Marie Dupont"
    ).read_text(encoding="utf-8")
    assert '<p class="organisation">Réseau A</p>' in text
    assert "Marie Dupont" in text
    # Only the user's glossary is exported: nothing of the bundled one is credited.
    assert "Glossaire d’essai" in text and "DEVISUS" not in text
    assert "Textes sous licence CC BY 4.0." in text


def test_each_entry_says_who_holds_its_text() -> None:
    result = run("export", "-f", "site", "--term", "coopération")
    assert result.exit_code == 0, result.output
    page = Page()
    page.feed(result.output)
    assert page.tags("p")  # parsed
    rights = result.output.split('<p class="rights">', 1)[1].split("</p>", 1)[0]
    assert "Wikipédia" in rights and "CC BY-SA" in rights


def test_the_theme_list_is_one_clean_line_per_theme(hostile: Path, tmp_path: Path) -> None:
    # Bidi and invisible characters reached the filter's list as they were written.
    from support.hostile import assert_inert, export_hostile

    page = Page()
    page.feed(export_hostile(hostile, "site", tmp_path).decode("utf-8"))
    options = [" ".join(text.split()) for text in page.option_texts]
    assert len(options) == 2 and options[1].startswith("Thème [bold red]gras[/]")
    for text in options:
        assert_inert(text, ignore="\u00a0")
        assert "titre" not in text and "\n" not in text


@pytest.mark.slow
def test_an_equivalent_in_another_language_finds_its_entry(tmp_path: Path, browser: Any) -> None:
    from support.glossaries import PLACES

    browser.get(export_site(tmp_path, PLACES).as_uri() + "?q=social%20enterprise")
    assert visible_ids(browser) == ["entreprise-sociale-ue"]
    field = browser.find_element("id", "esslex-q")
    field.clear()
    field.send_keys("vereniging zonder")
    assert visible_ids(browser) == ["asbl"]
