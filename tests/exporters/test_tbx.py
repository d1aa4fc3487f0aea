"""The TBX-Basic export."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import run
from support.exports import export
from support.glossaries import CC_BY_SA, RIGHTS_GLOSSARY, write_glossary
from support.hostile import VISIBLE, export_hostile


def test_tbx_basic_structure(glossary: Path) -> None:
    from lxml import etree

    text = export(glossary, "-f", "tbx", expect=0).out
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


def test_tbx_is_well_formed_whatever_the_text(hostile: Path, tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    from xml.dom import minidom

    data = export_hostile(hostile, "tbx", tmp_path)
    minidom.parseString(data)  # a second, strict parser
    root = etree.fromstring(data)
    text = " ".join(root.itertext())
    for shown in VISIBLE:
        assert shown in text
    assert "=1+2 Formule" in text


# --- rights ------------------------------------------------------------------------------


def test_tbx_notes_each_entrys_rights(tmp_path: Path) -> None:
    from lxml import etree

    path = write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)
    result = run("--no-bundled", "-g", str(path), "export", "-f", "tbx")
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout.encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    notes = root.xpath("//t:conceptEntry[@id='gamma']/t:langSec/t:note/text()", namespaces=ns)
    assert notes == [
        "Droits\u00a0: Contributeurs de Wikipédia, article « Gamma », licence CC BY-SA 4.0"
        f" ({CC_BY_SA})"
    ]
    assert not root.xpath("//t:conceptEntry[@id='delta']/t:langSec/t:note", namespaces=ns)


def test_the_default_follows_the_2019_core_structure(glossary: Path) -> None:
    from lxml import etree

    root = etree.fromstring(export(glossary, "-f", "tbx", expect=0).out.encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    (description,) = root.xpath("t:tbxHeader/t:fileDesc", namespaces=ns)
    # TBXv3 core: publicationStmt?, titleStmt?, sourceDesc+.
    assert [etree.QName(child).localname for child in description] == [
        "publicationStmt",
        "titleStmt",
        "sourceDesc",
    ]


def test_tbx_2008_is_a_martif(glossary: Path) -> None:
    from lxml import etree

    root = etree.fromstring(
        export(glossary, "-f", "tbx", "--tbx-version", "2008", expect=0).out.encode()
    )
    assert root.tag == "martif" and root.nsmap == {}
    assert root.get("type") == "TBX-Basic"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    header = root.find("martifHeader")
    assert [child.tag for child in header.find("fileDesc")] == [
        "titleStmt",
        "publicationStmt",
        "sourceDesc",
    ]
    assert header.findtext("encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == 4
    for entry in entries:
        assert [child.tag for child in entry][-1] == "langSet"
        tigs = entry.findall("langSet/tig")
        assert tigs and tigs[0].findtext("termNote") == "preferredTerm-admn-sts"
    assert not root.xpath("//*[local-name()='conceptEntry' or local-name()='langSec']")


def test_an_unknown_tbx_version_is_a_usage_error(glossary: Path) -> None:
    result = run("-g", str(glossary), "export", "-f", "tbx", "--tbx-version", "2030")
    assert result.exit_code == 2
    assert "--tbx-version" in result.stderr


def test_translate_toolkit_reads_tbx_2008_whole(tmp_path: Path) -> None:
    pytest.importorskip("translate.storage.tbx")
    from translate.storage import tbx

    if not hasattr(tbx.tbxunit, "get_source_terms"):
        # The releases for Python 3.10 read one term per entry; 3.20 reads them all.
        pytest.skip("translate-toolkit sans lecture de tous les termes d’une entrée")

    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path

    target = tmp_path / "glossaire.tbx"
    result = run("export", "-f", "tbx", "--tbx-version", "2008", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    units = tbx.tbxfile.parsefile(str(target)).units
    glossary = load_glossary([bundled_path()])
    assert [unit.getid() for unit in units] == [term.id for term in glossary]
    for unit, term in zip(units, glossary, strict=True):
        names = unit.get_source_terms()
        assert names[0].text == term.label
        assert names[0].administrative_status == "preferredTerm-admn-sts"
        assert [name.text for name in names[1:]] == list(dict.fromkeys(term.alt_labels))
        notes = unit.get_common_notes(source=True)
        definitions = [note.text for note in notes if note.category == "definition"]
        assert definitions == [term.definition.strip()]


# OmegaT's own TBX reader (its glossary pane), run by a few lines of Java: the project's
# languages are what it pairs the source and target terms by.
OMEGAT_READER = """
import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.util.Language;
import java.io.File;

public class ReadTbx {
    public static void main(String[] args) throws Exception {
        final ProjectProperties props = new ProjectProperties(new File(args[1]));
        props.setSourceLanguage(new Language("fr"));
        props.setTargetLanguage(new Language(args[2]));
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() { return props; }
        });
        for (GlossaryEntry e : GlossaryReaderTBX.read(new File(args[0]), false)) {
            System.out.println(e.getSrcText() + "\\t" + e.getLocText());
        }
    }
}
"""
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


@pytest.mark.slow
def test_omegat_reads_tbx_2008_terms_and_their_equivalents(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import zipfile

    javac, java = shutil.which("javac"), shutil.which("java")
    if not (javac and java and OMEGAT_JAR.is_file()):
        pytest.skip("OmegaT (paquet omegat) ou un JDK absent")
    manifest = zipfile.ZipFile(OMEGAT_JAR).read("META-INF/MANIFEST.MF").decode()
    unfolded = manifest.replace("\r\n ", "").replace("\n ", "")
    libraries = next(line for line in unfolded.splitlines() if line.startswith("Class-Path:"))
    classpath = ":".join([str(OMEGAT_JAR), *libraries.split()[1:], str(tmp_path)])
    (tmp_path / "ReadTbx.java").write_text(OMEGAT_READER, encoding="utf-8")
    subprocess.run([javac, "-cp", classpath, "ReadTbx.java"], cwd=tmp_path, check=True)
    target = tmp_path / "glossaire.tbx"
    result = run("export", "-f", "tbx", "--tbx-version", "2008", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    (tmp_path / "projet").mkdir()
    read = subprocess.run(
        [java, "-Djava.awt.headless=true", "-cp", classpath, "ReadTbx", str(target), "projet", "en"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    rows = [line.split("\t") for line in read.stdout.splitlines()]
    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path

    glossary = load_glossary([bundled_path()])
    # Every name of every entry is a source term of OmegaT's glossary…
    assert {source for source, _ in rows} >= {term.label for term in glossary}
    # …and an entry with an English equivalent gives it as the target term.
    pairs = set(map(tuple, rows))
    assert ("Économie sociale et solidaire", "social and solidarity economy") in pairs
    assert ("Entreprise sociale (Union européenne)", "social enterprise") in pairs
