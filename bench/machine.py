"""The machine a benchmark run took its figures on: hardware, system and store versions."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

import psycopg

from bench.stores import POSTGRES_URL


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _os_name() -> str:
    try:
        release = platform.freedesktop_os_release()
        name = release.get("PRETTY_NAME", release.get("NAME", ""))
    except OSError:
        name = ""
    return f"{name} (kernel {platform.release()})" if name else platform.platform()


def _postgres_version() -> str:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        return str(row[0]) if row else "unknown"
    except psycopg.OperationalError as error:
        return f"not reachable ({' '.join(str(error).split())[:120]})"


def describe() -> dict[str, Any]:
    """CPU model, cores, memory, OS, Python, SQLite and PostgreSQL versions, and the libraries."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": _os_name(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _postgres_version(),
        "eventsourcing": metadata.version("eventsourcing"),
        "sqlalchemy": metadata.version("sqlalchemy"),
        "flask": metadata.version("flask"),
        "gunicorn": metadata.version("gunicorn"),
    }


def load_average() -> float:
    """The one-minute load average: other work on the machine lowers every figure."""
    return round(os.getloadavg()[0], 2)
