"""The TBX-Basic export."""

from __future__ import annotations

from pathlib import Path

from export_support import out_of


def test_tbx_basic_structure(glossary: Path) -> None:
    from lxml import etree

    text = out_of(glossary, "-f", "tbx")
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.xpath("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", namespaces=ns)
    entries = root.xpath("t:text/t:body/t:conceptEntry", namespaces=ns)
    assert len(entries) == 4
    ids = {entry.get("id") for entry in entries}
    for entry in entries:
        children = [etree.QName(child).localname for child in entry]
        # Administrative and descriptive data first, then the language sections.
        assert children[-1] == "langSec" and "langSec" not in children[: children.index("langSec")]
        section = entry.xpath("t:langSec", namespaces=ns)[0]
        assert section.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
        assert section.xpath("t:descripGrp/t:descrip[@type='definition']", namespaces=ns)
        statuses = section.xpath(
            "t:termSec/t:termNote[@type='administrativeStatus']/text()", namespaces=ns
        )
        assert statuses[0] == "preferredTerm-admn-sts"
        assert set(statuses[1:]) <= {"admittedTerm-admn-sts"}
        for ref in entry.xpath("t:ref", namespaces=ns):
            assert ref.get("type") == "crossReference" and ref.get("target") in ids
        for xref in entry.xpath("t:xref", namespaces=ns):
            assert xref.get("target").startswith("https://")
    achats = root.xpath("//t:conceptEntry[@id='achats']", namespaces=ns)[0]
    assert achats.xpath("t:langSec/t:note/text()", namespaces=ns) == [
        "@SUM(A1) n’est pas une formule."
    ]
    definition = achats.xpath(".//t:descrip[@type='definition']/text()", namespaces=ns)[0]
    assert '<script>alert("x")</script>' in definition
    terms = achats.xpath(".//t:term/text()", namespaces=ns)
    assert terms == ["Achats publics responsables", "commande publique", '=HYPERLINK("http://x")']
