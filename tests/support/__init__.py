"""What the tests share, one module per concern: cli (running esslex), glossaries (the
test glossaries and their builders), exports (running an export), hostile (traps),
properties (hypothesis strategies), tools (external programs)."""
