"""Fingerprints: the same runs of ten words give the same hashes, whatever the case,
accents, apostrophes or punctuation; other words give others."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from esslex.text.fingerprint import fingerprint, runs, shared_runs, words

LAW = (
    "Est agréée en qualité d’entreprise solidaire d’utilité sociale l’entreprise qui relève"
    " de l’article 1er de la présente loi et qui remplit les conditions cumulatives suivantes."
)


def test_words_are_compared_as_a_reader_would() -> None:
    assert words("L’Économie  SOCIALE,\net solidaire !") == [
        "l",
        "economie",
        "sociale",
        "et",
        "solidaire",
    ]


def test_a_copied_run_is_found_and_a_rewording_is_not() -> None:
    hashes = fingerprint(LAW)
    copied = "Selon la loi, est agréée en qualité d’entreprise solidaire d’utilité sociale l’entreprise qui…"
    assert shared_runs(copied, hashes) == [
        "est agreee en qualite d entreprise solidaire d utilite sociale",
        "agreee en qualite d entreprise solidaire d utilite sociale l",
        "en qualite d entreprise solidaire d utilite sociale l entreprise",
        "qualite d entreprise solidaire d utilite sociale l entreprise qui",
    ]
    ours = "L’agrément ESUS est accordé à une entreprise de l’ESS qui remplit plusieurs conditions."
    assert shared_runs(ours, hashes) == []


def test_a_text_shorter_than_a_run_has_no_fingerprint() -> None:
    assert fingerprint("neuf mots seulement et pas un de plus ici") == []


@given(
    st.lists(st.sampled_from(["coopérative", "l’ESS", "Mutuelle", "et", "de", "à"]), min_size=10)
)
def test_every_run_of_a_text_is_in_its_own_fingerprint(chosen: list[str]) -> None:
    text = " ".join(chosen)
    assert len(shared_runs(text, fingerprint(text))) == len(runs(text))
