"""The layout choices of an export or a handout (the registry of formats re-exports them)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from esslex.documents.branding import Branding


def _today() -> datetime.date:
    # SOURCE_DATE_EPOCH makes the date of a handout reproducible (builds, tests).
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return datetime.date.today()


@dataclass(frozen=True)
class ExportOptions:
    """Layout choices; data formats ignore the ones that do not apply to them."""

    branding: Branding = field(default_factory=Branding)
    date: datetime.date = field(default_factory=_today)
    base_uri: str | None = None
    # Handouts: "theme" (sections by theme), "label" (A to Z) or "given" (order of --term).
    order: str = "theme"
    # Handouts: who reads them. Participants (the default) get each entry without its
    # editorial notes, with one short source line, and no bibliography; trainers get it all.
    audience: str = "participants"  # or "trainers"
    notes: bool = True  # --no-notes: without the notes (editorial ones too)
    sources: bool = True  # the sources under each entry and the bibliography
    bibliography: bool = False  # for participants too (--bibliography)
    qr: str | None = None  # the address of the published page, printed as a QR code
    group_own: bool = False  # the entries of the user's own glossaries first, « Nos termes »
    index: bool = True
    toc: bool = True
    one_per_page: bool = False
    layout: str = "full"  # or "fiche": one table of terms and first sentences
    # CSV: the cell separator; `excel` means what French Excel opens in columns.
    delimiter: str = ","
    excel: bool = False
    # TBX: "2019" (ISO 30042:2019) or "2008" (TBX-Basic 2008, `<martif>`).
    tbx_version: str = "2019"
