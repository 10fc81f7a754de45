"""What a meeting's invitation says besides its day: the time, zone, length and place.

Each value is checked here and kept as plain text or a number on the event, so an
invitation can be rebuilt from the history alone: "10:00", "Europe/Madrid", 90 minutes,
a place and/or an https link to the call.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from urllib.parse import urlsplit

from domain.errors import N_, InvalidValueError, OutOfRangeError
from domain.text import readable, text

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
ZONE_LIMIT = 64
PLACE_LIMIT = 200
LINK_LIMIT = 500
SHORTEST, LONGEST = 15, 12 * 60  # minutes: a call, up to a working day


@functools.lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def start_time(value: object) -> str:
    """The local start time as HH:MM (24 hours)."""
    typed = str(value or "").strip()
    found = _TIME.fullmatch(typed)
    if not found:
        raise InvalidValueError("%(what)s must be a time of day such as 09:30",
                                what=N_("the start time"))
    return f"{int(found[1]):02d}:{found[2]}"


def time_zone(value: object) -> str:
    """An IANA time zone name, such as Europe/Madrid."""
    typed = str(value or "").strip()
    if not typed or len(typed) > ZONE_LIMIT or typed not in _zones():
        raise InvalidValueError("%(zone)s is not a time zone; name one such as "
                                "Europe/Madrid", zone=repr(typed[:ZONE_LIMIT]))
    return typed


def duration(value: object) -> int:
    """How long the meeting lasts, in whole minutes."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError("%(what)s must be a whole number of minutes",
                                what=N_("the meeting's length"))
    if not SHORTEST <= value <= LONGEST:
        raise OutOfRangeError("a meeting lasts between %(shortest)s and %(longest)s minutes",
                              shortest=SHORTEST, longest=LONGEST)
    return value


def video_link(value: object) -> str:
    """A link to the call: an https address with a host, bounded."""
    typed = str(value or "").strip()
    if len(typed) > LINK_LIMIT:
        raise InvalidValueError("%(what)s is longer than %(limit)s characters",
                                what=N_("the video link"), limit=LINK_LIMIT)
    readable(typed, N_("the video link"))
    try:
        host = urlsplit(typed).hostname
    except ValueError:  # a malformed address, such as an unclosed [ in its host
        host = None
    if not host or not typed.lower().startswith("https://") or any(
            c.isspace() for c in typed):
        raise InvalidValueError("the video link must be an https:// address")
    return typed


def schedule(starts: object, zone: object, minutes: object, place: object,
             link: object) -> dict[str, object]:
    """The meeting's time and place, checked: a place, a video link, or both."""
    where = " ".join(str(place or "").split())
    call = str(link or "").strip()
    if not where and not call:
        raise InvalidValueError("a meeting needs a place or a video link")
    return {"starts": start_time(starts), "time_zone": time_zone(zone),
            "duration_minutes": duration(minutes),
            "place": text(where, N_("the place"), PLACE_LIMIT) if where else None,
            "video_link": video_link(call) if call else None}
