"""Processes that open a new PostgreSQL store at the same moment all get a working store.

Web workers and the projector start together in production; PostgreSQL's
`CREATE TABLE IF NOT EXISTS` fails when two sessions run it at once, so they take turns
(marketplace.schema_lock).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL, drop_schema, require_postgres

ROOT = Path(__file__).resolve().parent.parent.parent
OPENER = """
import sys, time
from pathlib import Path
from marketplace.bootstrap import bootstrap
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
services = bootstrap(sys.argv[1], inline_projection=True)
services.marketplace.recorder.max_notification_id()
services.close()
"""
PROCESSES = 4


@pytest.mark.slow
def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    require_postgres()
    for round_ in range(2):
        schema = f"t_{uuid.uuid4().hex[:12]}"
        go = tmp_path / f"go-{round_}"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        try:
            processes = [subprocess.Popen(
                [sys.executable, "-c", OPENER, f"{POSTGRES_URL}?schema={schema}", str(go)],
                cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
                for _ in range(PROCESSES)]
            time.sleep(1.5)  # let every process import and wait at the line
            go.touch()
            for process in processes:
                _, errors = process.communicate(timeout=120)
                assert process.returncode == 0, errors
        finally:
            drop_schema(schema)
