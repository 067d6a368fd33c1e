"""Hostile text in every field stays text in every output: no template evaluation, no markup.

Every text format must give back the input text exactly (JSON, CSV, GeoJSON), or exactly once
rendered (Markdown) or shown (tables escape control characters only); every map must carry it
in an escaped form and contain no element, attribute or script that the text could add.
"""

from __future__ import annotations

import csv
import html
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from corridor.cli import main
from corridor.cli.output import text
from maps.assets import script_json
from tests.safety.hostile import Hostile, hostile_values, write_hostile_dataset

AS_OF = ("--as-of", "2020-01-01")


class Page(HTMLParser):
    """Every tag and attribute of a page, and the text of its title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


# What a page written from clean data holds; hostile data must not add to it.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "script", "body", "div", "details", "summary",
    "table", "thead", "tbody", "tr", "th", "td", "span", "ol", "li", "p", "label", "select",
    "option", "input", "button", "a",  # the Data section links its sources (http(s) only)
}  # fmt: skip


def check_page(page: str, *, title: str, texts: list[str]) -> None:
    parsed = parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not [a for a, _ in attrs if a.startswith("on")], (tag, attrs)
        assert not (tag == "script" and any(a == "src" for a, _ in attrs))
        links = [v or "" for a, v in attrs if a == "href"]
        assert all(v.lower().startswith(("http://", "https://")) for v in links), (tag, attrs)
    assert parsed.title == title
    # Evaluated template syntax, or text parsed as markup, would lose every escaped form.
    for value in texts:
        forms = [html.escape(value, quote=False), json.dumps(value)[1:-1], script_json(value)[1:-1]]
        forms.append(json.dumps(value, ensure_ascii=False)[1:-1])
        jinja = json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
        jinja = jinja.replace("&", "\\u0026").replace("'", "\\u0027")[1:-1]
        assert any(f in page for f in (*forms, jinja)), f"{value!r} is not in the page as text"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def rendered_markdown(markdown: str) -> tuple[set[str], str]:
    page = MarkdownIt("commonmark").enable("table").render(markdown)
    parsed = parse(page)
    return {tag for tag, _ in parsed.tags}, html.unescape(page)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(h=hostile_values())
def test_hostile_text_stays_text(
    h: Hostile, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, overlay = write_hostile_dataset(tmp_path_factory.mktemp("hostile") / "ds", h)
    data = ("--data", str(folder), "--status", str(overlay))
    trip = ("route", "west", "east", *AS_OF, *data)

    record = json.loads(cli(capsys, *trip, "--format", "json"))
    assert record["origin_name"] == h.place
    assert record["legs"][0]["ref"] == h.road_ref and record["crossings"] == ["north"]
    table = cli(capsys, *trip)
    assert text(h.place) in table and text(h.crossing) in table and text(h.road_ref) in table

    comparison = ("compare", "west", "east", *AS_OF, *data, "--close", "south")
    rows = list(csv.DictReader(io.StringIO(cli(capsys, *comparison, "--format", "csv"))))
    assert rows[0]["crossings"] == h.crossing
    tags, shown = rendered_markdown(cli(capsys, *comparison, "--format", "markdown"))
    assert tags <= {"p", "table", "thead", "tbody", "tr", "th", "td"}, tags
    assert h.crossing in shown and h.place in shown
    feature = json.loads(cli(capsys, *comparison, "--format", "geojson"))["features"][0]
    assert feature["properties"]["origin_name"] == h.place

    crossings = json.loads(cli(capsys, "crossings", *AS_OF, *data, "--format", "json"))
    north = next(c for c in crossings if c["id"] == "north")
    assert north["name"] == h.crossing and north["note"] == h.overlay_note
    assert north["sides"] == [h.side, h.side]
    history = json.loads(cli(capsys, "crossings", "--history", "north", *data, "--format", "json"))
    assert {e["note"] for e in history["events"]} == {h.note, h.overlay_note}
    assert history["events"][0]["source_title"] == h.title
    places = json.loads(cli(capsys, "places", *data, "--format", "json"))
    west = next(p for p in places if p["id"] == "west")
    assert (west["name"], west["name_ar"], west["aliases"]) == (h.place, h.place_ar, [h.alias])

    out = tmp_path_factory.mktemp("maps")
    cli(capsys, *trip, "--map", str(out / "route.html"), "--png", str(out / "route.png"))
    page = (out / "route.html").read_text(encoding="utf-8")
    check_page(page, title=f"{h.place} - Eastburg", texts=[h.place, h.crossing, h.road_ref, h.note])
    assert (out / "route.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    cli(capsys, "map", "--out", str(out / "whatif.html"), *AS_OF, *data, "--places", "west,east")
    page = (out / "whatif.html").read_text(encoding="utf-8")
    check_page(
        page, title="What if a crossing closes?", texts=[h.place, h.crossing, h.overlay_note]
    )
    assert not Path("corridor-pwned").exists()


def test_every_map_kind_and_format_with_each_attack(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.safety.hostile import ATTACKS

    attack = " ".join(ATTACKS[:12])
    h = Hostile(*([attack] * 12))
    folder, overlay = write_hostile_dataset(tmp_path / "ds", h)
    data = ("--data", str(folder), "--status", str(overlay))
    trip = ("west", "east", *AS_OF, *data)
    cli(capsys, "compare", *trip, "--close", "south", "--map", str(tmp_path / "c.html"))
    cli(capsys, "combos", *trip, "--crossings", "north,south", "--map", str(tmp_path / "k.html"))
    for name in ("c.html", "k.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        check_page(page, title=f"{attack} - Eastburg", texts=[attack])
    scenario = ("compare", *trip, "--scenario", f"{attack}: close=north")
    tags, shown = rendered_markdown(cli(capsys, *scenario, "--format", "markdown"))
    assert tags <= {"p", "table", "thead", "tbody", "tr", "th", "td"} and attack in shown
    cli(capsys, *scenario, "--map", str(tmp_path / "s.html"), "--png", str(tmp_path / "s.png"))
    check_page(
        (tmp_path / "s.html").read_text(encoding="utf-8"),
        title=f"{attack} - Eastburg",
        texts=[attack],
    )
    combos = json.loads(cli(capsys, "combos", *trip, "--crossings", "north", "--format", "json"))
    assert combos[0]["route"]["origin_name"] == attack
    assert not Path("corridor-pwned").exists()
