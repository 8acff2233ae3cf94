"""The site's time zone. Viet Nam has had no daylight saving time since 1975, so a fixed +07:00
offset is exact and needs no time zone database; every date tgagreader shows or stores is in it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

SITE_TZ = timezone(timedelta(hours=7), "+07:00")


def to_site_time(moment: datetime) -> datetime:
    """Any aware datetime, or a naive one meant as the site's local time, in +07:00."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SITE_TZ)
    return moment.astimezone(SITE_TZ)


def now() -> datetime:
    return datetime.now(SITE_TZ)


def from_timestamp(seconds: float) -> datetime:
    """A Unix time (as the store records fetch times) in the site's zone."""
    return datetime.fromtimestamp(seconds, SITE_TZ)
