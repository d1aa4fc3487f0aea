"""Findings about glossary data, shared by the loader (errors) and `esslex check`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from esslex.errors import Location


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def french(self) -> str:
        return {"error": "erreur", "warning": "avertissement", "info": "info"}[self.value]


@dataclass(frozen=True)
class Finding:
    level: Level
    code: str
    message: str
    location: Location

    def as_dict(self) -> dict[str, object]:
        return {
            "level": self.level.value,
            "code": self.code,
            "message": self.message,
            "file": self.location.path,
            "line": self.location.line,
        }

    def __str__(self) -> str:
        return f"{self.location}: {self.level.french}\u00a0: {self.message}"
