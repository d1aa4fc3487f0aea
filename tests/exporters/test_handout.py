"""What every handout holds: header, sections, index, bibliography, references."""

from __future__ import annotations

import json
from pathlib import Path

from export_support import out_of


def test_handout_header_index_and_bibliography(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html", "--title", "Formation du 3 mars"))
    assert page.xpath("//h1/text()") == ["Formation du 3 mars"]
    assert page.xpath('//p[@class="subtitle"]/text()') == ["Glossaire d’essai"]
    header = page.xpath("//header")[0].text_content()
    assert "Réseau A, Collectif B" in header
    assert "version 2.1" in page.xpath('//section[@id="credits"]')[0].text_content()
    letters = page.xpath('//p[@class="index-letter"]/text()')
    # Écosystème among the E (French order); "=HYPERLINK…", an alternative label, under H.
    assert letters == ["A", "C", "E", "H"]
    e_items = [li.text_content() for li in page.xpath('//div[@class="index-group"][3]//li')]
    assert e_items == ["Écosystème", "Écosystème local", "écosystème naturel → voir Écosystème"]
    pointer = page.xpath('//li[@class="pointer"][starts-with(., "commande publique")]')[0]
    assert pointer.text_content() == "commande publique → voir Achats publics responsables"
    assert pointer.xpath("a/@href") == ["#terme-achats"]
    bibliography = [li.text_content() for li in page.xpath('//section[@id="bibliographie"]//li')]
    assert len(bibliography) == 2 and bibliography[0].startswith(
        "Code de la commande publique, 2019"
    )


def test_group_by_alpha(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html", "--group-by", "alpha"))
    assert page.xpath("//section[@class='group']/h2/text()") == ["A", "C", "E"]
    assert page.xpath("//section[@id='lettre-E']//h3/text()") == ["Écosystème", "Écosystème local"]


def test_theme_sections_print_each_entry_once(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html"))
    assert page.xpath("//section[@class='group']/h2/text()") == ["Économie", "Territoires"]
    ids = page.xpath("//article/@id")
    assert len(ids) == len(set(ids)) == 4
    elsewhere = page.xpath("//section[@id='theme-economie']//p[@class='elsewhere']//a/@href")
    assert elsewhere == ["#terme-ecosysteme-local"]


def test_references_to_entries_left_out_are_plain_text(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html", "--term", "achats"))
    fields = page.xpath('//article[@id="terme-achats"]//div[@class="fields"]')[0]
    assert "Coopération" in fields.text_content()
    assert fields.xpath(".//a") == []
    assert fields.xpath('.//span[@class="plain-ref"]')
    markdown = out_of(glossary, "-f", "markdown", "--term", "achats")
    assert "(#terme-cooperation)" not in markdown
    # Data formats keep only relations between exported entries.
    data = json.loads(out_of(glossary, "-f", "json", "--term", "achats"))
    assert data["terms"][0]["related"] == []
