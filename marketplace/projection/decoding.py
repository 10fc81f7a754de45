"""Stored events back into domain events, fast: orjson and one walk, no per-dict callback.

The library's mapper decodes with `json` and an `object_hook` called for every object;
this decoder parses with orjson and then turns each `{"_type_": ..., "_data_": ...}`
into its value with the transcoder's own transcodings, innermost first, as the hook
does. Everything else is the mapper's own way: decryption and decompression when the
store has them, the originator id's type, upcasting, and an event made without calling
its constructor. What orjson refuses but `json` accepts (NaN, integers past 64 bits) is
handed to the mapper, which stays the reference this decoder is tested against.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import JSONTranscoder, Mapper, StoredEvent, find_id_convertor
from eventsourcing.utils import resolve_topic

Decode = Callable[[StoredEvent], Any]


_MISSING = object()
_IMMUTABLE = (UUID, date, datetime, Decimal, str, int, float)
CACHE_LIMIT = 200_000


def _immutable(value: Any) -> bool:
    """Whether a decoded value can be shared by several events: nobody can change it."""
    if isinstance(value, _IMMUTABLE):
        return True
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


class FastDecoder:
    """Decodes stored events as `mapper.to_domain_event` does, several times faster."""

    def __init__(self, mapper: Mapper[Any]) -> None:
        self.mapper = mapper
        transcoder = mapper.transcoder
        # Another transcoder (not JSON) is the mapper's business alone.
        self.fast = isinstance(transcoder, JSONTranscoder)
        self.names = {name: t.decode for name, t in getattr(transcoder, "names", {}).items()}
        self.cipher = mapper.cipher
        self.compressor = mapper.compressor
        self._classes: dict[tuple[str, type], tuple[type, int, Callable[[Any], Any]]] = {}
        # The same ids, dates and amounts recur in event after event: each immutable
        # value is decoded once and shared, keyed by its transcoding's name and data.
        self._values: dict[tuple[str, Any], Any] = {}
        self._shareable: dict[str, bool] = {}

    def _class(self, topic: str, id_type: type) -> tuple[type, int, Callable[[Any], Any]]:
        known = self._classes.get((topic, id_type))
        if known is None:
            cls = resolve_topic(topic)
            known = self._classes[(topic, id_type)] = (
                cls, getattr(cls, "class_version", 1), find_id_convertor(cls, id_type))
        return known

    def __call__(self, stored: StoredEvent) -> Any:
        if not self.fast:
            return self.mapper.to_domain_event(stored)
        state = stored.state
        if self.cipher:
            state = self.cipher.decrypt(state)
        if self.compressor:
            state = self.compressor.decompress(state)
        event_state = orjson.loads(state)
        if type(event_state) is not dict:
            raise _Unknown  # the mapper's object hook never sees it; let it say what it is
        event_state = self._dict(event_state)
        originator_id = stored.originator_id
        cls, class_version, convert = self._class(stored.topic, type(originator_id))
        event_state["originator_id"] = convert(originator_id)
        event_state["originator_version"] = stored.originator_version
        from_version = event_state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(event_state)
            from_version += 1
        event: Any = object.__new__(cls)
        object.__setattr__(event, "__dict__", event_state)
        return event

    def _dict(self, d: dict[str, Any]) -> Any:
        """A parsed object with its transcoded values decoded, innermost first."""
        values = self._values
        for key, value in d.items():
            kind = type(value)
            if kind is dict:
                data = value.get("_data_")
                if type(data) is str:
                    # The common case inline: a value decoded before, by name and string.
                    found = values.get((value.get("_type_"), data), _MISSING)
                    d[key] = self._typed(value) if found is _MISSING else found
                elif len(value) == 2:
                    d[key] = self._typed(value)
                else:
                    d[key] = self._dict(value)
            elif kind is list:
                d[key] = self._list(value)
        if len(d) == 2 and "_type_" in d and "_data_" in d:
            return self._decode(d["_type_"], d["_data_"])
        return d

    def _typed(self, d: dict[str, Any]) -> Any:
        """A two-key object, most often a transcoded value whose data is a string."""
        name = d.get("_type_", _MISSING)
        data = d.get("_data_", _MISSING)
        if len(d) != 2 or name is _MISSING or data is _MISSING or type(data) not in (str, list):
            return self._dict(d)
        if type(data) is list:
            data = self._list(data)
            if not all(type(item) is str for item in data):
                return self._decode(name, data)
            key = (name, tuple(data))
        else:
            key = (name, data)
        found = self._values.get(key, _MISSING)
        if found is not _MISSING:
            return found
        value = self._decode(name, data)
        shareable = self._shareable.get(name)
        if shareable is None:
            shareable = self._shareable[name] = _immutable(value)
        if shareable:
            if len(self._values) >= CACHE_LIMIT:
                self._values.clear()
            self._values[key] = value
        return value

    def _decode(self, name: Any, data: Any) -> Any:
        try:
            decode = self.names[name]
        except (KeyError, TypeError):
            # Unknown (or unhashable) names are for the mapper to explain.
            raise _Unknown from None
        return decode(data)

    def _list(self, items: list[Any]) -> list[Any]:
        for i, value in enumerate(items):
            kind = type(value)
            if kind is dict:
                items[i] = self._dict(value)
            elif kind is list:
                items[i] = self._list(value)
        return items


class _Unknown(Exception):
    """A transcoded value with a name no transcoding has."""


def decoder(mapper: Mapper[Any]) -> Decode:
    """The fast decoder for this mapper, which defers to the mapper on any doubt."""
    fast = FastDecoder(mapper)

    def decode(stored: StoredEvent) -> Any:
        try:
            return fast(stored)
        except Exception:
            # An unknown name, a value its transcoding refuses, a failing upcast: the
            # mapper decodes it again and raises (or not) exactly as it always has.
            return mapper.to_domain_event(stored)

    return decode
