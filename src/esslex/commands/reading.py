"""Reading commands: define, search, list, themes, related."""
