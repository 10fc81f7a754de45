"""The `agency` blueprint: the officer's formation workflow, under /workspace/agency."""

from __future__ import annotations

from flask import Blueprint

agency = Blueprint("agency", __name__, url_prefix="/workspace/agency")
