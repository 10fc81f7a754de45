"""The auditor's checks as rows: one runner per job, leases, and a runner that dies mid-job."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

from marketplace.audit.jobs import DONE, QUEUED, RUNNING, AuditJobs, now
from marketplace.audit.runner import JobRunner
from marketplace.audit.verify import verify
from marketplace.bootstrap import Services, bootstrap
from tests.story import form_consortium

ROOT = Path(__file__).resolve().parents[2]


def test_the_same_check_asked_twice_is_one_job(services: Services) -> None:
    jobs = services.audit_jobs
    first = jobs.request("verify", {"expect": ""}, "auditor-1")
    assert jobs.request("verify", {"expect": ""}, "auditor-2") == first
    assert jobs.request("verify", {"expect": "ab@1"}, "auditor-2") != first
    assert jobs.request("replay", {}, "auditor-1") != first
    found = jobs.find(first)
    assert found is not None and found.status == QUEUED and found.requested_by == "auditor-1"
    assert jobs.latest("replay") is not None and jobs.find("no-such-job") is None


def test_finished_checks_are_kept_ninety_days(services: Services) -> None:
    jobs = services.audit_jobs
    old = jobs.request("replay", {}, "auditor")
    jobs.claim("runner")
    assert jobs.finish(old, "runner", result={"clean": True})
    jobs.request("verify", {"expect": ""}, "auditor", at=now() + timedelta(days=89))
    assert jobs.find(old) is not None
    jobs.request("verify", {"expect": "x"}, "auditor", at=now() + timedelta(days=91))
    assert jobs.find(old) is None


def test_two_runners_never_hold_the_same_job(services: Services) -> None:
    jobs = services.audit_jobs
    job_id = jobs.request("verify", {"expect": ""}, "auditor")
    held = jobs.claim("runner-a")
    assert held is not None and held.job_id == job_id and held.lease_owner == "runner-a"
    assert jobs.claim("runner-b") is None  # its lease still runs
    assert not jobs.renew(job_id, "runner-b", 1, 2)
    assert not jobs.finish(job_id, "runner-b", result={"intact": False})
    assert jobs.finish(job_id, "runner-a", result={"intact": True})
    done = jobs.find(job_id)
    assert done is not None and done.status == DONE and done.result == {"intact": True}


def test_a_runner_that_stops_renewing_loses_the_job_after_its_lease(services: Services) -> None:
    jobs = services.audit_jobs
    job_id = jobs.request("verify", {"expect": ""}, "auditor")
    assert jobs.claim("gone", lease=timedelta(seconds=30)) is not None
    assert jobs.claim("next", at=now() + timedelta(seconds=29)) is None
    again = jobs.claim("next", at=now() + timedelta(seconds=31))
    assert again is not None and again.job_id == job_id and again.attempts == 2
    assert not jobs.finish(job_id, "gone", result={"late": True})  # the dead one's word
    assert jobs.finish(job_id, "next", result={"intact": True})


def test_a_failed_check_keeps_its_reason(services: Services) -> None:
    job_id = services.audit_jobs.request("verify", {"expect": "f" * 64 + "@999999"}, "auditor")
    assert JobRunner(services, services.audit_jobs).run_once() is not None
    job = services.audit_jobs.find(job_id)
    assert job is not None and job.status == DONE  # a head past the end: found, not crashed
    assert job.result["intact"] is False and job.result["problem"]["kind"] == "truncated"
    broken = services.audit_jobs.request("no-such-kind", {}, "auditor")
    JobRunner(services, services.audit_jobs).run_once()
    failed = services.audit_jobs.find(broken)
    assert failed is not None and failed.status == "failed" and failed.error is not None


# A runner in a process of its own, whose check reports some progress, then hangs.
HANGING_RUNNER = textwrap.dedent("""
    import sys, threading
    from datetime import timedelta
    from marketplace.bootstrap import bootstrap
    from marketplace.audit.runner import JobRunner

    def hang(services, arguments, progress):
        progress(3, 10)
        threading.Event().wait()

    services = bootstrap(sys.argv[1])
    JobRunner(services, services.audit_jobs, lease=timedelta(seconds=2),
              kinds={"verify": hang}).run_once()
""")


def test_a_runner_killed_mid_job_is_replaced_after_its_lease(
        services: Services, store_url: str) -> None:
    form_consortium(services.marketplace, "metal")  # a history to verify
    job_id = services.audit_jobs.request("verify", {"expect": ""}, "auditor")
    runner = subprocess.Popen([sys.executable, "-c", HANGING_RUNNER, store_url], cwd=ROOT)
    try:
        job = _wait_for(services.audit_jobs, job_id, lambda j: j.done == 3)
        assert job.status == RUNNING and job.total == 10
    finally:
        runner.kill()  # SIGKILL: no chance to hand the job back
        runner.wait(10)
    other = JobRunner(services, services.audit_jobs)
    assert other.run_once() is None  # the dead runner's lease has not run out yet
    time.sleep(2.5)
    assert other.run_once() is not None
    done = services.audit_jobs.find(job_id)
    assert done is not None and done.status == DONE and done.attempts == 2
    assert done.result["intact"] is True
    assert done.result["head"] == str(verify(services.marketplace.recorder).head)


def test_jobs_asked_on_one_process_are_seen_by_another(
        services: Services, store_url: str) -> None:
    other = bootstrap(store_url)
    try:
        job_id = services.audit_jobs.request("replay", {}, "auditor")
        JobRunner(other, other.audit_jobs).run_once()
        job = services.audit_jobs.find(job_id)
        assert job is not None and job.status == DONE and job.result["clean"] is True
    finally:
        other.close()


def _wait_for(jobs: AuditJobs, job_id: str, ready, seconds: float = 30):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = jobs.find(job_id)
        if job is not None and ready(job):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not get there: {jobs.find(job_id)}")
