"""The Arabic page names every crossing in Arabic, from the data's own names."""

import re

from geodata import Dataset
from maps.words import arabic_crossing_name

LATIN = re.compile(r"[A-Za-z]")


def test_every_crossing_has_an_arabic_name(bundled: Dataset) -> None:
    names = {c.id: arabic_crossing_name(bundled, c) for c in bundled.crossings.values()}
    assert all(names.values()), [c for c, name in names.items() if not name]
    # One Turkish side has no sourced Arabic spelling yet, and shows in Latin letters.
    assert [c for c, name in names.items() if LATIN.search(name)] == ["senyurt"]
    assert names["nasib"] == "نصيب / جابر"
