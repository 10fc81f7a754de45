"""Checks an exported JSON Lines history on its own, with no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from marketplace import bounded_json

FIELDS = ("position", "aggregate_id", "aggregate_type", "version", "type", "time", "actor",
          "data")


@dataclass
class ExportCheck:
    """What the check found: how many events and aggregates, and each problem by line."""

    events: int = 0
    aggregates: int = 0
    last_position: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems


def check_export(lines: Iterable[str], *, limit: int = 20) -> ExportCheck:
    """Positions must rise line after line, and each aggregate's versions run 1, 2, 3...

    Only the last version of each aggregate is remembered, so a file of any length is
    checked in memory that grows with aggregates, not events. At most `limit` problems
    are listed: after the first few, the rest are usually consequences.
    """
    found = ExportCheck()
    versions: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if len(found.problems) >= limit:
            break
        if not line.strip():
            continue
        try:
            # Bounded: a doctored line nested thousands deep must be a problem, not a crash.
            record = bounded_json.loads(line.encode(), limit=100)
        except ValueError:
            found.problems.append(f"line {number}: not a JSON object")
            continue
        missing = [name for name in FIELDS if not isinstance(record, dict) or name not in record]
        if missing:
            found.problems.append(f"line {number}: missing {', '.join(missing)}")
            continue
        position, aggregate, version = (record["position"], str(record["aggregate_id"]),
                                        record["version"])
        if not isinstance(position, int) or not isinstance(version, int):
            found.problems.append(f"line {number}: position and version must be whole numbers")
            continue
        found.events += 1
        if position <= found.last_position:
            found.problems.append(f"line {number}: position {position} does not come after "
                                  f"{found.last_position}")
        found.last_position = max(found.last_position, position)
        expected = versions.get(aggregate, 0) + 1
        if version != expected:
            found.problems.append(f"line {number}: position {position}, {aggregate} is at "
                                  f"version {version} where {expected} was due")
        versions[aggregate] = max(version, versions.get(aggregate, 0))
    found.aggregates = len(versions)
    return found
