"""Hostile text in every string field of a dataset: the adversarial suite's generators."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from geodata.schema import COLUMNS
from tests.conftest import CROSSINGS, EVENTS, PLACES, ROADS

# What a hostile but fair tester types into a shared file.
ATTACKS = [
    "</title><script>window.pwned=1</script>",
    "{{7*7}}",
    "{% if true %}evaluated{% endif %}",
    "{# an unclosed template comment",
    "{{ lipsum.__globals__.os.system('touch corridor-pwned') }}",
    "${alert(1)}",
    "`${alert(2)}`",
    "<img src=x onerror=alert(3)>",
    "\"'><svg onload=alert(4)>",
    "</script><script>window.pwned=2</script>",
    "<!-- open comment",
    "[click me](javascript:alert(5))",
    "*bold* _italic_ `code` a|b",
    "&amp; &lt;b&gt; &#60;",
    "\x1b[2J\x07bell",
    "\u202eevil\u202c \u2066isolate\u2069",
    "line\u2028separator\u2029paragraph",
    '=HYPERLINK("https://example.org")',
    "W" * 2000,
]
# Random text too: any character but NUL (which makes a file binary), line breaks (a name
# spans one line) and lone surrogates (not text); no edge whitespace (fields are stripped).
RANDOM = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\n\r|"),
    min_size=1,
    max_size=30,
).filter(lambda t: t == t.strip() and bool(t))
HOSTILE = st.one_of(st.sampled_from(ATTACKS), RANDOM)
assert all(a == a.strip() for a in ATTACKS)  # fields are read stripped


@dataclass(frozen=True)
class Hostile:
    """The hostile value given to each string field (fields not listed keep the toy value)."""

    place: str
    place_ar: str
    alias: str
    crossing: str
    side: str
    road_ref: str
    road_name: str
    note: str
    title: str
    publisher: str
    source_date: str
    overlay_note: str


@st.composite
def hostile_values(draw: st.DrawFn) -> Hostile:
    return Hostile(*(draw(HOSTILE) for _ in range(12)))


def _write(path: Path, columns: list[str], rows: Sequence[Mapping[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write_hostile_dataset(folder: Path, h: Hostile) -> tuple[Path, Path]:
    """Write the toy dataset with hostile text in every string field, and a status overlay.

    The place ``west``, the crossing ``north`` and the road ``r1`` carry the hostile names.
    Returns the dataset folder and the overlay file.
    """
    folder.mkdir(parents=True)
    source = {
        "id": "src",
        "title": h.title,
        "publisher": h.publisher,
        "date": h.source_date,
        "url": "https://example.org/source?q=\"'><x>",
    }
    _write(folder / "sources.csv", list(COLUMNS["sources"]), [source])
    places = []
    for p in PLACES:
        row = dict(
            zip(
                ("id", "name", "name_ar", "aliases", "country", "kind", "lon", "lat"),
                p,
                strict=True,
            )
        )
        if row["id"] == "west":
            row |= {"name": h.place, "name_ar": h.place_ar, "aliases": h.alias}
        places.append(row | {"source": "src", "note": h.note})
    _write(folder / "places.csv", [*COLUMNS["places"], "note"], places)
    crossings = []
    for c in CROSSINGS:
        row = dict(
            zip(
                ("id", "name", "country_a", "name_a", "country_b", "name_b", "lon", "lat"),
                c,
                strict=True,
            )
        )
        if row["id"] == "north":
            row |= {"name": h.crossing, "name_a": h.side, "name_b": h.side}
        crossings.append(
            row
            | {
                "modes": "freight|passenger",
                "delay_freight_h": 6,
                "delay_passenger_h": 2,
                "source": "src",
                "note": h.note,
            }
        )
    _write(folder / "crossings.csv", [*COLUMNS["crossings"], "note"], crossings)
    events = [
        dict(zip(("crossing", "date", "status", "mode", "direction"), e, strict=True))
        | {"precision": "day", "note": h.note, "source": "src"}
        for e in EVENTS
    ]
    _write(folder / "status.csv", list(COLUMNS["status"]), events)
    where = {p[0]: (p[-2], p[-1]) for p in (*PLACES, *CROSSINGS)}
    features = []
    for rid, ref, a, b in ROADS:
        ref_, name = (h.road_ref, h.road_name) if rid == "r1" else (ref, f"{ref} road")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [where[a], where[b]]},
                "properties": {
                    "id": rid,
                    "ref": ref_,
                    "name": name,
                    "class": "trunk",
                    "from": a,
                    "to": b,
                    "source": "src",
                },
            }
        )
    (folder / "roads.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    overlay = folder.parent / "overlay.csv"
    _write(
        overlay,
        list(COLUMNS["status"]),
        [
            {
                "crossing": "north",
                "date": "2019-06-01",
                "status": "open",
                "mode": "all",
                "direction": "both",
                "precision": "day",
                "note": h.overlay_note,
                "source": "https://example.org/report?x=<y>",
            }
        ],
    )
    return folder, overlay
