"""Find places by the names people type: any case, accents, aliases, Arabic script."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from geodata.errors import UnknownNameError
from geodata.records import Crossing, Place

# Arabic letters that people and sources write interchangeably.
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None}
)
_LATIN_FOLD = str.maketrans({"ı": "i", "ə": "e", "ʿ": "", "ʾ": "", "’": "", "'": "", "‘": ""})
_SIDE_PARTS = re.compile(r"[(),،/]")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ath|adh)[\s-]+|^ال")


# Every lookup normalises every name of the dataset: a name seen before costs nothing.
@lru_cache(maxsize=1 << 14)
def normalize_name(name: str) -> str:
    """Return a key under which spellings of the same name meet.

    Case, accents, Arabic diacritics and letter variants, apostrophes, a leading Arabic
    article (Al-, El-, ال) and punctuation are all ignored.

    Examples
    --------
    >>> normalize_name("Al-Qa'im") == normalize_name("qaim")
    True

    """
    text = unicodedata.normalize("NFKD", name.strip().casefold()).translate(_LATIN_FOLD)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_ARABIC_FOLD)
    text = _ARTICLE.sub("", text)
    return re.sub(r"[\W_]+", "", text)


def _names(record: Place | Crossing) -> Iterable[str]:
    yield record.id
    yield record.name
    if isinstance(record, Place):
        yield record.name_ar
        yield from record.aliases
    else:
        for side in (record.name_a, record.name_b):
            yield side
            # "Trebil (Turaibil, طريبيل)": each of its names alone finds the crossing too.
            yield from (part.strip() for part in _SIDE_PARTS.split(side))


def resolve(records: Mapping[str, Place] | Mapping[str, Crossing], query: str, *, what: str) -> str:
    """Return the id of the one record whose id, name, alias or Arabic name matches ``query``.

    Parameters
    ----------
    records
        Places or crossings by id.
    query
        What the user typed.
    what
        The kind of record, for the error message (``"place"``, ``"crossing"``).

    Raises
    ------
    UnknownNameError
        If nothing matches (the message suggests the closest names) or the name is ambiguous.

    """
    if query in records:
        return query
    index: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    for record in records.values():
        for name in _names(record):
            key = normalize_name(name)
            if key:
                index.setdefault(key, set()).add(record.id)
                display.setdefault(key, record.name)
    matches = index.get(normalize_name(query), set())
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        options = ", ".join(f"{records[i].name} (id {i})" for i in sorted(matches))
        msg = f"ambiguous {what} {query!r}: it names {options}; use the id"
        raise UnknownNameError(msg)
    close = difflib.get_close_matches(normalize_name(query), list(index), n=3, cutoff=0.6)
    names = list(dict.fromkeys(display[k] for k in close))
    hint = (
        f"did you mean {' or '.join(names)}?" if names else f"run 'corridor {what}s' to list them"
    )
    msg = f"unknown {what} {query!r}; {hint}"
    raise UnknownNameError(msg, names)
