"""Dates as the site writes them → timezone-aware datetimes in the site's zone (+07:00).

Joomla prints dates in the site's zone: J2.5 as "Thứ ba, 05 Tháng 8 2014 08:15" (DATE_FORMAT_LC2),
J3 as "05 Tháng 8 2014" with the full ISO time only in `<time datetime>`, lists often as
"05-08-2014". Language packs differ ("Tháng Tám", "tháng 08 năm 2014"), and some sites were never
translated ("Tuesday, 05 August 2014 08:15"). Viet Nam has had no daylight saving time since
1975 (see `tgagreader.localtime`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from tgagreader.localtime import SITE_TZ, to_site_time
from tgagreader.text import fold

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_MONTH_WORDS = {
    # Vietnamese, folded: "Tháng Một" … "Tháng Mười Hai" (longest first in the pattern)
    "muoi hai": 12,
    "muoi mot": 11,
    "muoi": 10,
    "chap": 12,
    "gieng": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_EN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_VI_MONTH = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_EN_MONTH = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_VIETNAMESE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:thang)\s*(\d{{1,2}}|{_VI_MONTH})\b\s*,?\s*(?:nam\s*)?(\d{{4}})(?!\d)"
)
_ENGLISH_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH})\.?,?\s+(\d{{4}})")
_ENGLISH_MDY = re.compile(rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})")
_TIME = re.compile(r"(?<![\d:])(\d{1,2})\s*[:h]\s*(\d{2})(?::(\d{2}))?(?:\s*(am|pm|sa|ch)\b)?")


def parse_date(text: str | None) -> datetime | None:
    """The date (and time, when one is given) in `text`, in the site's zone, or None.

    Tried in this order, the first form found wins: ISO 8601 (`<time datetime>`), RFC 822
    ("Tue, 05 Aug 2014 08:15:00 +0700", what feeds and `DATE_FORMAT_LC2` in English write),
    Vietnamese Joomla dates, numeric day/month/year, English dates. Surrounding labels such as
    "Được đăng ngày" are ignored."""
    if not text:
        return None
    text = text.strip()
    iso = _ISO.search(text)
    if iso:
        return _from_iso(iso)
    if text[:3].isalpha() and "," in text[:5]:
        rfc = _from_rfc822(text)
        if rfc:
            return rfc
    folded = fold(text)
    for pattern, order in (
        (_VIETNAMESE, "dmy"),
        (_NUMERIC, "dmy"),
        (_ENGLISH_DMY, "dmy"),
        (_ENGLISH_MDY, "mdy"),
    ):
        match = pattern.search(folded)
        if not match:
            continue
        parts = match.groups()
        day, month, year = (parts[1], parts[0], parts[2]) if order == "mdy" else parts
        date = _make(int(year), _month_number(month), int(day))
        if date is None:
            continue
        # A time may come before ("08:15 05/08/2014") or after the date.
        rest = folded[match.end() :] + " " + folded[: match.start()]
        return _with_time(date, _TIME.search(rest))
    return None


def _month_number(month: str) -> int:
    if month.isdigit():
        return int(month)
    return _MONTH_WORDS.get(month) or _EN_MONTHS.get(month, 0)


def _make(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=SITE_TZ)
    except ValueError:
        return None


def _with_time(date: datetime, match: re.Match[str] | None) -> datetime:
    if not match:
        return date
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = match.group(4)
    if meridiem in ("pm", "ch") and hour < 12:
        hour += 12
    elif meridiem in ("am", "sa") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return date
    return date.replace(hour=hour, minute=minute, second=second)


def _from_iso(match: re.Match[str]) -> datetime | None:
    year, month, day, hour, minute, second, offset = match.groups()
    date = _make(int(year), int(month), int(day))
    if date is None:
        return None
    if hour is None:
        return date
    try:
        moment = date.replace(hour=int(hour), minute=int(minute), second=int(second or 0))
    except ValueError:
        return date
    if offset:
        if offset.upper() == "Z":
            zone = UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if delta >= timedelta(hours=24):
                return date
            zone = timezone(sign * delta)
        moment = moment.replace(tzinfo=zone).astimezone(SITE_TZ)
    return moment


def _from_rfc822(text: str) -> datetime | None:
    from email.utils import parsedate_to_datetime  # feeds only; email is slow to import

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": UTC, origin unknown (RFC 2822), not the site's time
        moment = moment.replace(tzinfo=UTC)
    return to_site_time(moment)
