"""The trail of entries seen: back and forward as in a browser, previews replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from esslex.tui.trail import Trail


def test_back_and_forward() -> None:
    trail = Trail()
    assert trail.back() is None and trail.forward() is None
    for term_id in ("a", "b", "c"):
        trail.visit(term_id)
    assert trail.back() == "b"
    assert trail.back() == "a"
    assert trail.back() is None
    assert trail.forward() == "b"
    trail.visit("d")  # what was ahead is dropped
    assert trail.forward() is None
    assert trail.back() == "b"


def test_previews_in_a_row_leave_one_step() -> None:
    trail = Trail()
    trail.visit("a")
    for term_id in ("b", "c", "d"):
        trail.visit(term_id, preview=True)
    assert trail.current == "d"
    assert trail.back() == "a"
    trail.forward()
    trail.visit("e")  # followed from the preview: it stays a step
    assert trail.back() == "d"


@given(st.lists(st.tuples(st.sampled_from("abcde"), st.booleans()), min_size=1, max_size=30))
def test_back_then_forward_returns_to_the_current_entry(
    visits: list[tuple[str, bool]],
) -> None:
    trail = Trail()
    for term_id, preview in visits:
        trail.visit(term_id, preview)
    current = trail.current
    assert current == visits[-1][0]
    steps = 0
    while trail.back() is not None:
        steps += 1
    for _ in range(steps):
        trail.forward()
    assert trail.current == current
    assert trail.forward() is None
