"""The member blueprint: under /workspace/member, for member users, officers and auditors."""

from __future__ import annotations

from flask import Blueprint

member = Blueprint("member", __name__, url_prefix="/workspace/member")
