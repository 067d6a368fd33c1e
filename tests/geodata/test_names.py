import pytest

from geodata import Dataset, UnknownNameError, normalize_name, resolve


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al-Qa'im", "qaim"),
        ("Abū Kamāl", "abu kamal"),
        ("Deir ez-Zor", "deir EZ zor"),
        ("Akçakale", "akcakale"),
        ("البوكمال", "بوكمال"),
        ("Ceylanpınar", "ceylanpinar"),
        ("Deir ez-Zor", "deirezzor"),  # typed without spaces or hyphens
    ],
)
def test_spellings_meet(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_resolve_by_id_name_alias_and_arabic(toy: Dataset) -> None:
    for query in ("west", "Westville", "WESTVILLE", "west town", "Al-Gharb", "gharb", "ويستفيل"):
        assert resolve(toy.places, query, what="place") == "west"


def test_unknown_place_suggests_closest(toy: Dataset) -> None:
    with pytest.raises(
        UnknownNameError, match=r"unknown place 'Westvile'; did you mean Westville\?"
    ):
        resolve(toy.places, "Westvile", what="place")


def test_unknown_place_without_close_match_points_to_list(toy: Dataset) -> None:
    with pytest.raises(UnknownNameError, match="corridor places"):
        resolve(toy.places, "Zzzzzz", what="place")


def test_at_most_three_suggestions_and_only_close_ones(bundled: Dataset) -> None:
    with pytest.raises(UnknownNameError) as caught:
        resolve(bundled.places, "Al-Ba", what="place")
    suggested = str(caught.value).split("did you mean ")[1].rstrip("?").replace(" or ", ", ")
    assert 1 <= len(suggested.split(", ")) <= 3
    # A string like no place (under 0.6 similar to every name) gets no suggestion.
    with pytest.raises(UnknownNameError) as caught:
        resolve(bundled.places, "Qwxzvk", what="place")
    assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "crossing"),
    [
        ("Jaber", "nasib"),
        ("جابر", "nasib"),
        ("Turaibil", "trebil"),
        ("طريبيل", "trebil"),
        ("Karkamış", "jarabulus"),
        ("Kobani", "mursitpinar"),
        ("Al-Tanf", "al-walid"),
        ("Nasib / Jaber", "nasib"),
    ],
)
def test_each_name_of_a_crossing_side_finds_it(bundled: Dataset, typed: str, crossing: str) -> None:
    # A side is written "Trebil (Turaibil, طريبيل)": each name in it is one people type.
    assert resolve(bundled.crossings, typed, what="crossing") == crossing
