"""SQLite stores for tests: a copy of a template file, instead of building every table.

Building a store's tables cost each SQLite test 0.15-0.7 s of a two-core machine; copying
a file holding exactly those empty tables costs a millisecond. Each test process builds
its template once, by the same `bootstrap` a deployment runs, and checks that it holds no
row but the projector's position at 0 (what every bootstrap writes). The test's own
`bootstrap` then finds its tables, as a restarted server does. No two tests share a file.
"""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

_lock = threading.Lock()
_template: Path | None = None


def _build() -> Path:
    from marketplace.bootstrap import bootstrap

    folder = Path(tempfile.mkdtemp(prefix="consortia-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "template.db"
    # inline_projection=False: the outbox is not opened; each test's bootstrap opens it.
    bootstrap(f"sqlite:///{path}", inline_projection=False).close()
    leftovers = sorted(p.name for p in folder.iterdir() if p != path)
    assert not leftovers, f"the template was not closed cleanly: {leftovers}"
    with sqlite3.connect(path) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        # An FTS5 table's shadow tables (_data, _config) hold its settings from the start.
        virtual = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
        tables = [t for t in tables if not any(t.startswith(f"{v}_") for v in virtual)]
        for table in tables:
            where = " WHERE position <> 0" if table == "projection_position" else ""
            [(count,)] = conn.execute(f'SELECT count(*) FROM "{table}"{where}').fetchall()
            assert count == 0, f"the template's {table} has rows"
    conn.close()
    return path


def sqlite_store(path: Path) -> str:
    """The URL of an empty store at `path` (a file that must not exist yet)."""
    global _template
    with _lock:
        if _template is None:
            _template = _build()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(_template, "rb") as source, open(path, "xb") as target:
        shutil.copyfileobj(source, target)
    return f"sqlite:///{path}"
