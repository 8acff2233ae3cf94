from datetime import datetime, timedelta, timezone

import pytest

from tgagreader.localtime import SITE_TZ
from tgagreader.site.dates import parse_date

ICT = timezone(timedelta(hours=7))


def at(*args):
    return datetime(*args, tzinfo=ICT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ ba, 05 Tháng 8 2014 08:15", at(2014, 8, 5, 8, 15)),
        ("Được viết ngày Thứ ba, 05 Tháng 8 2014 08:15", at(2014, 8, 5, 8, 15)),
        ("Được đăng: 05 Tháng 8 2014", at(2014, 8, 5)),
        ("Chủ nhật, 30 Tháng 4 2015 07:00", at(2015, 4, 30, 7, 0)),
        ("05 Tháng Tám 2014", at(2014, 8, 5)),
        ("ngày 05 tháng 08 năm 2014", at(2014, 8, 5)),
        ("01 Tháng Mười Hai 2014", at(2014, 12, 1)),
        ("15 Tháng Năm 2015", at(2015, 5, 15)),
        ("05/08/2014", at(2014, 8, 5)),
        ("05-08-2014", at(2014, 8, 5)),
        ("08:15 05/08/2014", at(2014, 8, 5, 8, 15)),
        ("2014-08-05T08:15:00+07:00", at(2014, 8, 5, 8, 15)),
        ("2014-08-05T01:15:00Z", at(2014, 8, 5, 8, 15)),
        ("2014-08-05 08:15:00", at(2014, 8, 5, 8, 15)),
        ("Tue, 05 Aug 2014 08:15:00 +0700", at(2014, 8, 5, 8, 15)),
        ("Tuesday, 05 August 2014 08:15", at(2014, 8, 5, 8, 15)),
        ("August 5, 2014", at(2014, 8, 5)),
        ("Written on 5 August 2014 2:30 pm", at(2014, 8, 5, 14, 30)),
    ],
)
def test_parse_date_forms(text, expected):
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("text", ["", None, "Lượt xem: 1523", "31/02/2014", "99 Tháng 13 2014"])
def test_parse_date_rejects_what_is_not_a_date(text):
    assert parse_date(text) is None


def test_site_zone_is_plus_seven():
    assert SITE_TZ.utcoffset(None) == timedelta(hours=7)
    assert parse_date("2014-08-05T08:15:00+07:00").isoformat() == "2014-08-05T08:15:00+07:00"
