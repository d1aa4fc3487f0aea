"""The learner's state: review cards scheduled by FSRS, the review log, the history of
lookups and the favourites, kept in one SQLite file in the user's data folder.

`store` (the SQLite file, no scheduler), `journal` (the lookups `define` appends without
opening SQLite), `entries` (an entry's name in the store), `clock` (ESSLEX_NOW),
`scheduling` (FSRS, imported by `review` alone), `session` (a review session), `stats`
and `transfer` (the JSON export and import).
"""
