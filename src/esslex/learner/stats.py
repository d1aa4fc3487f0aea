"""What `esslex review --stats` tells: cards by state, due today and within 7 days, reviews
a day over 30 days, and the retention observed (the share of reviews of learnt cards not
graded « À revoir »)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from esslex.learner.clock import parsed, stored
from esslex.learner.store import LEARNING, RELEARNING, REVIEW, LearnerStore

DAYS_SHOWN = 30
# FSRS's Rating.Again, written here: statistics need no scheduler (`scheduling` imports fsrs).
AGAIN = 1


def learner_stats(store: LearnerStore, moment: datetime) -> dict[str, Any]:
    """The statistics as `--stats --json` prints them (the shape documented in
    docs/learners.md)."""
    today = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    cards = store.cards()
    active = [card for card in cards if not card.suspended]
    tomorrow = stored(today + timedelta(days=1))
    in_a_week = stored(today + timedelta(days=8))
    learnt = [card for card in active if not card.is_new]
    by_state = {
        "new": sum(card.is_new for card in active),
        "learning": sum(card.state == LEARNING for card in learnt),
        "review": sum(card.state == REVIEW for card in learnt),
        "relearning": sum(card.state == RELEARNING for card in learnt),
        "suspended": len(cards) - len(active),
    }
    logs = store.review_logs()
    per_day = dict.fromkeys(
        (
            (today - timedelta(days=back)).date().isoformat()
            for back in range(DAYS_SHOWN - 1, -1, -1)
        ),
        0,
    )
    for _card, _rating, when, *_rest in logs:
        day = parsed(str(when)).astimezone(moment.tzinfo).date().isoformat()
        if day in per_day:
            per_day[day] += 1
    # Reviews of cards already learnt (their first answers are learning, not remembering).
    recalls = [
        rating for _card, rating, _when, _time, previous, _answer in logs if previous == REVIEW
    ]
    retention = (
        round(sum(rating != AGAIN for rating in recalls) / len(recalls), 3) if recalls else None
    )
    return {
        "now": moment.isoformat(),
        "cards": {"total": len(cards), **by_state},
        "due_today": sum(card.due < tomorrow for card in learnt),
        "due_in_7_days": sum(card.due < in_a_week for card in learnt),
        "reviews": len(logs),
        "reviews_per_day": [{"date": day, "reviews": count} for day, count in per_day.items()],
        "retention": retention,
    }
