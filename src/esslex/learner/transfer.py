"""The whole learner state as JSON, to move it to another machine: cards and review logs
under FSRS's own field names (`Card.to_dict`, `ReviewLog.to_dict`), with esslex's additions
(which entry, which direction, the content hash), favourites and history.

Importing merges: a card already here keeps the more recent of the two states, review logs
and lookups already here are not repeated, favourites are added.
"""

from __future__ import annotations

import json
from typing import Any

from esslex.errors import EXIT_BAD_DATA, EsslexError
from esslex.learner.clock import now, parsed, stored
from esslex.learner.store import CARD_COLUMNS, DIRECTIONS, LearnerStore

FORMAT = "esslex-learner"
VERSION = 1


class LearnerFileError(EsslexError):
    exit_code = EXIT_BAD_DATA


def export_state(store: LearnerStore) -> dict[str, Any]:
    cards = store.cards()
    keys = {card.card_id: card for card in cards}
    logs = []
    for card_id, rating, when, duration, previous, answer in store.review_logs():
        card = keys[int(str(card_id))]
        logs.append(
            {
                "card_id": card_id,
                "rating": rating,
                "review_datetime": when,
                "review_duration": duration,
                "previous_state": previous,
                "answer": answer,
                "glossary_id": card.glossary_id,
                "entry_id": card.entry_id,
                "direction": card.direction,
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": stored(now()),
        "cards": [{name: getattr(card, name) for name in CARD_COLUMNS} for card in cards],
        "review_logs": logs,
        "favourites": [
            {"glossary_id": g, "entry_id": e, "added": a} for g, e, a in store.favourites()
        ],
        "history": [
            {"time": x.time, "glossary_id": x.glossary_id, "entry_id": x.entry_id, "query": x.query}
            for x in reversed(store.lookups())
        ],
    }


def export_bytes(store: LearnerStore) -> bytes:
    return (json.dumps(export_state(store), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _invalid(name: str, why: str) -> LearnerFileError:
    return LearnerFileError(f"{name}\u00a0: ce n’est pas un export d’esslex review ({why}).")


def _text(item: dict[str, Any], key: str, name: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise _invalid(name, f"champ «\u00a0{key}\u00a0» absent ou vide")
    return value


def _moment(item: dict[str, Any], key: str, name: str, optional: bool = False) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    try:
        moment = parsed(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _invalid(name, f"date «\u00a0{key}\u00a0» invalide")
    return stored(moment)


def _number(item: dict[str, Any], key: str, name: str, kind: type) -> Any:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _invalid(name, f"champ «\u00a0{key}\u00a0» non numérique")
    return kind(value)


def import_state(store: LearnerStore, data: bytes, name: str) -> dict[str, int]:
    """Merge an export into the store, in one transaction; how many cards, logs, favourites
    and lookups were added or updated."""
    try:
        state = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _invalid(name, "JSON illisible") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise _invalid(name, f"«\u00a0format\u00a0» n’est pas «\u00a0{FORMAT}\u00a0»")
    if not isinstance(state.get("version"), int) or state["version"] > VERSION:
        raise _invalid(name, "version inconnue, d’une version plus récente d’esslex\u00a0?")
    lists = {key: state.get(key, []) for key in ("cards", "review_logs", "favourites", "history")}
    for list_name, items in lists.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise _invalid(name, f"«\u00a0{list_name}\u00a0» n’est pas une liste d’objets")
    counts = dict.fromkeys(("cards", "review_logs", "favourites", "history"), 0)
    with store.transaction() as connection:
        for item in lists["cards"]:
            key = (
                _text(item, "glossary_id", name),
                _text(item, "entry_id", name),
                _text(item, "direction", name),
            )
            if key[2] not in DIRECTIONS:
                raise _invalid(name, "direction de carte inconnue")
            state_value = _number(item, "state", name, int)
            if state_value not in (1, 2, 3):
                raise _invalid(name, "état de carte FSRS inconnu")
            values = (
                state_value,
                _number(item, "step", name, int),
                _number(item, "stability", name, float),
                _number(item, "difficulty", name, float),
                _moment(item, "due", name),
                _moment(item, "last_review", name, optional=True),
                item.get("content_hash") if isinstance(item.get("content_hash"), str) else None,
                int(bool(item.get("suspended"))),
            )
            here = connection.execute(
                "SELECT last_review FROM card WHERE glossary_id = ? AND entry_id = ?"
                " AND direction = ?",
                key,
            ).fetchone()
            if here is None:
                # The card keeps its id when it is free here (a move to a new machine).
                card_id = _number(item, "card_id", name, int)
                if (
                    card_id is not None
                    and connection.execute(
                        "SELECT 1 FROM card WHERE card_id = ?", (card_id,)
                    ).fetchone()
                ):
                    card_id = None
                connection.execute(
                    "INSERT INTO card (card_id, glossary_id, entry_id, direction, state, step,"
                    " stability, difficulty, due, last_review, content_hash, suspended, created)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        card_id,
                        *key,
                        *values,
                        _moment(item, "created", name, optional=True) or stored(now()),
                    ),
                )
                counts["cards"] += 1
            elif values[5] is not None and (here[0] is None or values[5] > here[0]):
                connection.execute(
                    "UPDATE card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?,"
                    " last_review = ?, content_hash = ?, suspended = ? WHERE glossary_id = ?"
                    " AND entry_id = ? AND direction = ?",
                    (*values, *key),
                )
                counts["cards"] += 1
        for item in lists["review_logs"]:
            key = (
                _text(item, "glossary_id", name),
                _text(item, "entry_id", name),
                _text(item, "direction", name),
            )
            card = connection.execute(
                "SELECT card_id FROM card WHERE glossary_id = ? AND entry_id = ? AND direction = ?",
                key,
            ).fetchone()
            rating = _number(item, "rating", name, int)
            if card is None or rating not in (1, 2, 3, 4):
                raise _invalid(name, "journal de révision sans sa carte ou sans note valide")
            when = _moment(item, "review_datetime", name)
            if connection.execute(
                "SELECT 1 FROM review_log WHERE card_id = ? AND review_datetime = ? AND rating = ?",
                (card[0], when, rating),
            ).fetchone():
                continue
            answer = item.get("answer")
            connection.execute(
                "INSERT INTO review_log (card_id, rating, review_datetime, review_duration,"
                " previous_state, answer) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    card[0],
                    rating,
                    when,
                    _number(item, "review_duration", name, int),
                    _number(item, "previous_state", name, int),
                    answer if isinstance(answer, str) else None,
                ),
            )
            counts["review_logs"] += 1
        for item in lists["favourites"]:
            counts["favourites"] += connection.execute(
                "INSERT OR IGNORE INTO favourite (glossary_id, entry_id, added) VALUES (?, ?, ?)",
                (
                    _text(item, "glossary_id", name),
                    _text(item, "entry_id", name),
                    _moment(item, "added", name),
                ),
            ).rowcount
        for item in lists["history"]:
            counts["history"] += connection.execute(
                "INSERT OR IGNORE INTO lookup (time, glossary_id, entry_id, query)"
                " VALUES (?, ?, ?, ?)",
                (
                    _moment(item, "time", name),
                    _text(item, "glossary_id", name),
                    _text(item, "entry_id", name),
                    str(item.get("query", "")),
                ),
            ).rowcount
    return counts
