"""The baseline for S1: the smallest Flask app there is, served the same way as ours."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """One fixed string: what a request costs Flask and gunicorn before any work of ours."""
    return "Hello, world!"
