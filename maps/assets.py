"""The page around a map: Leaflet and our own CSS/JS inlined, so a saved map needs no network.

Data never reaches a template engine as template source: what this package puts into the page
goes in as :class:`RawHtml` (markup it built from escaped text, rendered as a value) or as JSON
made safe for a ``<script>`` element (:func:`script_json`).
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from html import escape
from importlib import resources
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from maps.style import status_css, style_json

__all__ = [
    "LEAFLET_VERSION",
    "LayerControl",
    "RawHtml",
    "SafeMacro",
    "add_raw",
    "make_self_contained",
    "own_script",
    "page",
    "script_json",
    "set_title",
]

LEAFLET_VERSION = "1.9.4"


class RawHtml(Element):
    """Markup this package built (data in it already escaped), rendered as a value.

    A plain ``branca.element.Element(text)`` compiles ``text`` as a Jinja template: data in
    it would be evaluated (``{{7*7}}`` shows 49) or crash the page. This one never parses it.
    """

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "RawHtml"
        self.markup = markup


class SafeMacro(MacroElement):
    """A folium/branca macro element whose rendered macros are added to the page as values.

    branca's ``MacroElement.render`` wraps each rendered macro (data included) in
    ``Element(...)``, which compiles it as a template once more: a name holding ``{{7*7}}``
    would show 49, and ``{#`` would crash. Every element this package builds derives from this.
    """

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def render(self, **kwargs: Any) -> str:
        """Add the header, html and script macros as text, then render the children."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "the element must be rendered inside a branca Figure"
            raise TypeError(msg)
        for part, target in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                target.add_child(RawHtml(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""  # a macro element puts its parts into the page; it renders to nothing itself


class LayerControl(folium.LayerControl, SafeMacro):
    """folium's layer switcher, rendered as a value (layer names come from data)."""


def script_json(value: Any) -> str:
    """Return JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _leaflet_file(name: str) -> bytes:
    return (resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet" / name).read_bytes()


def _own_file(name: str) -> str:
    return (resources.files("maps") / "static" / name).read_text(encoding="utf-8")


def _script_safe(code: str) -> str:
    # Inline code must not close its own element or point the browser at a source map.
    code = re.sub(r"//# sourceMappingURL=\S+", "", code)
    return code.replace("</script", "<\\/script").replace("</style", "<\\/style")


@cache
def inline_css() -> str:
    """Return Leaflet's CSS, with its images as data URIs, followed by ours."""
    leaflet = _leaflet_file("leaflet.css").decode("utf-8")

    def data_uri(match: re.Match[str]) -> str:
        encoded = base64.b64encode(_leaflet_file(f"images/{match.group(1)}")).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    leaflet = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, leaflet)
    return _script_safe("\n".join((leaflet, _own_file("corridor.css"), status_css())))


def own_script(name: str) -> str:
    """Return one of our JS modules, safe to inline in a ``<script>`` element."""
    return _script_safe(_own_file(name))


@cache
def inline_js() -> str:
    """Return the style table, Leaflet's JS and our layer module."""
    return "\n".join(
        (
            f"window.corridorStyle = {script_json(style_json())};",
            _script_safe(_leaflet_file("leaflet.js").decode("utf-8")),
            own_script("corridor.js"),
        )
    )


def page(fmap: folium.Map) -> Figure:
    """Return the HTML page (branca Figure) a map renders into."""
    root = fmap.get_root()
    if not isinstance(root, Figure):
        msg = "the map must be rendered into a branca Figure"
        raise TypeError(msg)
    return root


def set_title(fmap: folium.Map, title: str) -> None:
    """Set the page title (escaped: branca puts it into ``<title>`` as it is)."""
    page(fmap).title = escape(title)


def add_raw(parent: Element, markup: str, *, name: str) -> None:
    """Add markup this package built to a part of the page (header, body)."""
    parent.add_child(RawHtml(markup), name=name)


def make_self_contained(fmap: folium.Map) -> None:
    """Drop folium's CDN links and inline everything the page needs in its header."""
    # folium links Leaflet, jQuery, Bootstrap and icon fonts from CDNs by default; our layers
    # need only Leaflet, so none of those is loaded.
    fmap.default_js = []
    fmap.default_css = []
    header = page(fmap).header
    add_raw(header, f"<style>{inline_css()}</style>", name="corridor_css")
    add_raw(header, f"<script>{inline_js()}</script>", name="corridor_js")
