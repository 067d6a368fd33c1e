"""The what-if page's panel and legend: markup with English words the page can switch.

Every label carries ``data-word="<key>"`` (a key of :data:`maps.words.WORDS`); the page swaps
the words when the reader picks Arabic. Data never goes into this markup: the pickers, the
crossing switches, the search results, the legend rows and the "Data" section are filled in
the page, as text.
"""

from __future__ import annotations

from html import escape

from geodata.records import MODES
from maps.words import WORDS

__all__ = ["whatif_controls", "whatif_legend"]


def _word(key: str, tag: str = "span", **attributes: str) -> str:
    extra = "".join(f' {name.rstrip("_")}="{escape(v)}"' for name, v in attributes.items())
    return f'<{tag} data-word="{key}"{extra}>{escape(WORDS[key][0])}</{tag}>'


def _option(value: str) -> str:
    return _word(value, "option", value=value)


def whatif_controls(title: str) -> str:
    """Return the panel: pickers, search, date and play, mode, summary, legs, downloads."""
    heading = _word("title") if title == WORDS["title"][0] else escape(title)
    return f"""
<details class="corridor-box" id="corridor-panel" open>
<summary>{heading}</summary>
<div class="corridor-controls">
<label class="corridor-lang">{_word("language")} <select id="corridor-lang">
  <option value="en" lang="en">English</option><option value="ar" lang="ar">العربية</option>
</select></label>
<p id="corridor-message" role="alert" hidden></p>
<label>{_word("from")} <select id="corridor-origin"></select></label>
<label>{_word("to")} <select id="corridor-destination"></select></label>
<div class="corridor-search"><label>{_word("search")} <input type="search" id="corridor-search"
  autocomplete="off" aria-describedby="corridor-search-help" aria-controls="corridor-search-results"
  ></label><p class="muted" id="corridor-search-help">{_word("searchHelp")}</p>
<ol id="corridor-search-results" role="listbox"></ol></div>
<label>{_word("date")} <input type="date" id="corridor-date"></label>
<label class="corridor-wide">{_word("timeline")} <input type="range" id="corridor-date-slider"
  aria-label="{escape(WORDS["timelineHelp"][0])}"></label>
<button type="button" id="corridor-play" aria-pressed="false">{_word("play")}</button>
<label>{_word("mode")} <select id="corridor-mode">{"".join(map(_option, MODES))}</select></label>
<label>{_word("by")} <select id="corridor-by">{_option("distance")}{_option("time")}</select>
</label>
<div id="corridor-summary" role="status" aria-live="polite"></div>
<details class="corridor-legs"><summary>{_word("legs")}</summary><ol id="corridor-legs">
</ol></details>
<details class="corridor-switches" open><summary>{_word("crossingList")}</summary>
<div id="corridor-crossing-list"></div></details>
<div class="corridor-downloads">
<button type="button" id="corridor-download-geojson">{_word("downloadGeojson")}</button>
<button type="button" id="corridor-download-csv">{_word("downloadCsv")}</button></div>
<button type="button" id="corridor-copy-link">{_word("copyLink")}</button>
<p class="muted">{_word("note")}</p>
<details id="corridor-data"><summary>{_word("data")}</summary><p class="muted"
  id="corridor-data-facts"></p><p class="muted" id="corridor-data-count"></p>
<ol class="corridor-sources" id="corridor-data-sources"></ol></details>
</div>
</details>"""


def whatif_legend() -> str:
    """Return the legend box; the page fills its rows in the reader's language."""
    return (
        f'<details class="corridor-box" id="corridor-legend"><summary>{_word("legend")}'
        '</summary><div id="corridor-legend-rows"></div></details>'
    )
