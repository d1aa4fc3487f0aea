"""The on-disk cache of the glossaries in use."""
