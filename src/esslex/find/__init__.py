"""Finding entries: the index interface, the lookup ladder, search, navigation, selection."""
