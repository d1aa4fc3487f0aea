"""`esslex browse`: the glossary full-screen in the terminal, on Textual (the `browse` extra)."""
