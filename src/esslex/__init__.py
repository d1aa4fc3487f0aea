"""esslex: a command-line glossary of the French social and solidarity economy (ESS)."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Glossary", "Term", "Theme", "__version__", "load_glossary"]


def __getattr__(name: str) -> object:
    # The public API, imported on first use so `esslex --version` stays cheap.
    if name in ("Glossary", "Term", "Theme"):
        from esslex.glossary import model

        return getattr(model, name)
    if name == "load_glossary":
        from esslex.glossary.loader import load_glossary

        return load_glossary
    raise AttributeError(name)
