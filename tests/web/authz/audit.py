"""Who may use the audit screens: auditors and agency officers, read-only, nobody else."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

AUDITORS = signed_in("officer", "auditor")
# About one record of the first agency: its officer and auditor read it, the other's not.
RECORD = signed_in("officer", "auditor", **ELSEWHERE)
# The whole installation's exports: the log's download holds an agency's own events.
WHOLE = signed_in("officer", "auditor", **ELSEWHERE)

EXPECTED = {
    "audit.log": AUDITORS,
    "audit.event": RECORD,
    "audit.aggregate": RECORD,
    "audit.as_of": RECORD,
    "audit.verify_history": AUDITORS,
    # A POST asks for the chain's check, which only reads (see web/workspace/audit/jobs.py).
    "audit.start_verify": AUDITORS,
    "audit.verify_job": AUDITORS,
    "audit.export_jsonl": WHOLE,
    "audit.export_ocds": WHOLE,
    "audit.log_download": AUDITORS,
    "audit.replay": AUDITORS,
    # A POST asks for a check that rebuilds in a scratch place and changes nothing stored.
    "audit.start_replay": AUDITORS,
    "audit.replay_job": AUDITORS,
}


URL_ARGS = {
    "audit.event": {"position": 1},
    "audit.log_download": {"fmt": "csv"},
    "audit.aggregate": {"aggregate_id": lambda w: w.quoted},
    "audit.as_of": lambda w: {"aggregate_id": w.quoted, "version": 1},
    "audit.replay_job": {"job_id": "no-such-job"},
    "audit.verify_job": {"job_id": "no-such-job"},
}
