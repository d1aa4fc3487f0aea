"""The glossary's data: the model, reading TOML files, assembly, checks, serialisation, paths."""
