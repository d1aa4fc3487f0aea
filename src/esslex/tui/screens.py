"""The dialogs of `browse`: the file an export goes to, and the confirmation before an
existing file is replaced."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from esslex.errors import EsslexError


class ExportScreen(ModalScreen[str | None]):
    """Asks for a file name; the format is its suffix's. Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Annuler")]

    def __init__(self, what: str, suggested: str) -> None:
        super().__init__()
        self.what = what
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Exporter {self.what}", style="bold"))
            yield Static(
                Text(
                    "Nom du fichier\u00a0; son extension choisit le format (md, html, pdf, docx,"
                    " csv, json, ttl…). Entrée pour écrire, Échap pour annuler."
                )
            )
            yield Input(value=self.suggested, id="file")
            yield Static(id="problem")

    @staticmethod
    def problem_with(name: str) -> str:
        """What is wrong with the name typed, in French ("" if nothing)."""
        from esslex.tui.exporting import export_target

        try:
            export_target(name)
        except EsslexError as error:
            return error.message
        return ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.problem_with(event.value)
        if problem:
            from esslex.cli.output import sentence

            self.query_one("#problem", Static).update(Text(sentence(problem), style="bold"))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question: o (oui) or n (non); Escape is no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "answer(True)", "Oui"),
        Binding("n,escape", "answer(False)", "Non"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"))
            yield Static(Text("o\u00a0: oui, remplacer\u00a0· n ou Échap\u00a0: non"))

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)
