"""Writing files: atomic writes, authoring a glossary, imports."""
