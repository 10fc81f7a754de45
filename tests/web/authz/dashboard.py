"""Who may read the KPI dashboard: the agency everywhere, a manager their own consortium."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

EXPECTED = {
    # A manager's overview lists only their own consortia, so the other manager gets it too.
    "dashboard.overview": signed_in("officer", "manager", "auditor", manager_other="ok"),
    "dashboard.consortium": signed_in("officer", "manager", "auditor", manager_other="403",
                                      **ELSEWHERE),
    "dashboard.consortium_download": signed_in("officer", "manager", "auditor",
                                               manager_other="403", **ELSEWHERE),
    # The installation's totals, or an agency's for its officers and auditors.
    "dashboard.overall_download": signed_in("officer", "auditor"),
}

URL_ARGS = {
    "dashboard.consortium": {"slug": lambda w: w.slug},
    "dashboard.consortium_download": {"slug": lambda w: w.slug, "fmt": "csv"},
    "dashboard.overall_download": {"fmt": "csv"},
}
