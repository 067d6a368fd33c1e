"""The what-if page's words in English and Arabic: one table, handed to the page as JSON.

The page never writes a word of its own: every label, button and sentence it shows is looked
up here by key (``{name}`` marks a value the page fills in). Place names come from the
dataset (``name_ar``); a crossing's Arabic name is made of its two sides' Arabic names.
"""

from __future__ import annotations

import re

from geodata import Dataset
from geodata.errors import UnknownNameError
from geodata.names import resolve
from geodata.records import Crossing

__all__ = ["LANGUAGES", "WORDS", "arabic_crossing_name", "words_json"]

LANGUAGES = ("en", "ar")

WORDS: dict[str, tuple[str, str]] = {
    "title": ("What if a crossing closes?", "ماذا لو أُغلق معبر؟"),
    "language": ("Language", "اللغة"),
    "from": ("From", "من"),
    "to": ("To", "إلى"),
    "date": ("Date", "التاريخ"),
    "timeline": ("Timeline", "الخط الزمني"),
    "timelineHelp": (
        "Move along the dates when a crossing changed status",
        "تنقّل بين التواريخ التي تغيّرت فيها حالة معبر",
    ),
    "play": ("Play", "تشغيل"),
    "pause": ("Pause", "إيقاف"),
    "mode": ("Traffic", "نوع الحركة"),
    "freight": ("freight", "شحن"),
    "passenger": ("passenger", "ركاب"),
    "allTraffic": ("all traffic", "كل الحركة"),
    "bothWays": ("both ways", "في الاتجاهين"),
    "by": ("Shortest by", "الأقصر حسب"),
    "distance": ("distance", "المسافة"),
    "time": ("time", "الوقت"),
    "search": ("Search places", "ابحث عن مكان"),
    "searchHelp": (
        "Type a name, then choose From or To",
        "اكتب اسماً ثم اختر «من» أو «إلى»",
    ),
    "noMatch": ("No place of that name", "لا يوجد مكان بهذا الاسم"),
    "legs": ("Legs", "المراحل"),
    "crossingList": ("Crossings (tick = open)", "المعابر (علامة = مفتوح)"),
    "copyLink": ("Copy link to this scenario", "انسخ رابط هذا السيناريو"),
    "linkCopied": ("Link copied", "تم نسخ الرابط"),
    "open": ("open", "مفتوح"),
    "restricted": ("restricted", "مقيّد"),
    "closed": ("closed", "مغلق"),
    "unknown": ("unknown", "غير معروف"),
    "setHere": ("(set here)", "(محدد هنا)"),
    "route": ("Route", "الطريق"),
    "km": ("km", "كم"),
    "h": ("h", "س"),
    "crossings": ("Crossings", "المعابر"),
    "none": ("none", "لا شيء"),
    "countries": ("Countries", "الدول"),
    "change": ("Change", "التغيير"),
    "againstRecorded": (
        "against every crossing as recorded",
        "مقارنة بكل المعابر كما سُجّلت",
    ),
    "withinUncertainty": ("within uncertainty", "ضمن هامش عدم اليقين"),
    "aboutEqual": ("the routes are about equal", "الطريقان متقاربان"),
    "noCompare": (
        "no recorded-status route to compare with",
        "لا يوجد طريق بالحالة المسجّلة للمقارنة",
    ),
    "noRoute": (
        "No route from {from} to {to} with these crossings on {date}.",
        "لا يوجد طريق من {from} إلى {to} بهذه المعابر في {date}.",
    ),
    "pickTwo": ("Pick two different places.", "اختر مكانين مختلفين."),
    "legend": ("Legend", "مفتاح الخريطة"),
    "crossingIs": ("Crossing {status}", "معبر {status}"),
    "road": ("Road (thicker: motorway)", "طريق (الأعرض: طريق سريع)"),
    "routeLine": ("Route", "الطريق"),
    "cityTown": ("\u25cb City \u00a0 \u25cf Town", "\u25cb مدينة \u00a0 \u25cf بلدة"),
    "data": ("Data", "البيانات"),
    "dataFrom": (
        "From {dataset}; newest status event {date}.",
        "من {dataset}؛ أحدث حدث للحالة {date}.",
    ),
    "noneRecorded": ("none recorded", "لا يوجد"),
    "sources": (
        "Sources of the crossings shown ({count}):",
        "مصادر المعابر المعروضة ({count}):",
    ),
    "estimates": (
        "",  # English: the sentence of corridor.phrases, handed over with the provenance
        "الأطوال والأوقات وتأخيرات الحدود تقديرات.",
    ),
    "downloadGeojson": ("Download route (GeoJSON)", "تنزيل الطريق (GeoJSON)"),
    "downloadCsv": ("Download legs (CSV)", "تنزيل المراحل (CSV)"),
    "note": (
        "Status from dated, sourced events; border delays are typical estimates. The link "
        "keeps your choice.",
        "الحالة من أحداث مؤرخة وموثقة المصدر؛ تأخيرات الحدود تقديرات معتادة. يحفظ الرابط اختيارك.",
    ),
    "badLink": (
        "This link has a part the map cannot use, shown with its defaults instead: ",
        "في هذا الرابط جزء لا تستطيع الخريطة استخدامه، فعُرضت القيم الافتراضية بدلاً منه: ",
    ),
}

_ARABIC = re.compile(r"[\u0600-\u06ff][\u0600-\u06ff\s،]*")


def words_json() -> dict[str, dict[str, str]]:
    """Return the table as the page reads it: ``{"en": {key: word}, "ar": {key: word}}``."""
    return {lang: {k: v[i] for k, v in WORDS.items()} for i, lang in enumerate(LANGUAGES)}


def _arabic_side(dataset: Dataset, side: str) -> str:
    """Return a crossing side's Arabic name: written in it, or the place of that name."""
    written = _ARABIC.search(side)
    if written:
        return written.group(0).strip(" ،")
    try:
        return dataset.places[resolve(dataset.places, side.split("(")[0], what="place")].name_ar
    except UnknownNameError:
        return ""


def arabic_crossing_name(dataset: Dataset, crossing: Crossing) -> str:
    """Return the crossing's name in Arabic (its sides), or ``""`` when neither side has one.

    Examples
    --------
    >>> from geodata import load_dataset
    >>> data = load_dataset()
    >>> arabic_crossing_name(data, data.crossings["al-qaim"])
    'البوكمال / القائم'

    """
    sides = [_arabic_side(dataset, s) for s in (crossing.name_a, crossing.name_b)]
    if not any(sides):
        return ""
    english = (side.split("(")[0].strip() for side in (crossing.name_a, crossing.name_b))
    return " / ".join(s or e for s, e in zip(sides, english, strict=True))
