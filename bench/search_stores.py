"""SQLite stores of many published consortia for the catalog-search benchmark (S5).

Each consortium is proposed, its twenty firms registered, invited, declared, joined,
and its offer published, through the aggregates themselves (every business rule holds)
and saved in batches, as bench/generate.py does, then projected once. The stores are
cached under var/bench/, keyed by their size and a fingerprint of the code that shapes
them, like bench/catalog_stores.py's.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

from bench.catalog_stores import CACHE, ROOT, START, fingerprint, keep, project
from domain.company import Company
from domain.consortium import Consortium
from domain.membership import Membership
from domain.values import Sector, Stage
from marketplace.application import Marketplace
from marketplace.bootstrap import bootstrap
from marketplace.formation.programme import DEFAULT_PROGRAMME_CAP
from marketplace.people import person_record
from marketplace.ports import SteppingClock
from tests.story import ALL_STAGES, rules

FIRMS = 20
CONSORTIA_PER_SAVE = 10
SECTORS = (Sector("25", "Fabricated metal products"), Sector("10", "Manufacture of food products"),
           Sector("30.11", "Building of ships and floating structures"),
           Sector("35.11", "Offshore wind energy"))
REGIONS = ("ES-CB", "ES-AS", "ES-GA", "ES-PV", "FR-BRE", "PT-13", "DE-HH", "IT-LI")
# Products as firms type them, in their own languages: a search finds every spelling.
PRODUCTS = ("estructuras de acero", "steel towers", "pièces en acier", "Stahlbau",
            "conservas de pescado", "smoked fish", "fromage affiné", "Wein",
            "aluminium hulls", "cascos de aluminio", "wooden furniture", "muebles de madera",
            "mooring buoys", "bouées", "rotor blades", "palas eólicas", "copper cable",
            "welding services", "machining", "coating and painting")
CERTIFICATES = ("ISO 9001", "ISO 14001", "ISO 45001", "EN 1090", "IFS Food", "DNV")
SURNAMES = ("Núñez", "Peña", "Müller", "Lefèvre")
SPLIT = (("design", "engineering"), ("manufacturing",), ("logistics", "installation"))
STAGES = tuple(Stage(stage) for stage in ALL_STAGES)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _consortium(app: Marketplace, n: int, manager: object) -> list[object]:
    """One published consortium of FIRMS firms, its aggregates to save."""
    sector, region = SECTORS[n % len(SECTORS)], REGIONS[n % len(REGIONS)]
    consortium = Consortium.propose(
        slug=f"consortium-{n:04d}", name=f"Export Consortium {n:04d}", agency="SODERCAN",
        region=region, sector=sector, programme_cap=DEFAULT_PROGRAMME_CAP)
    aggregates: list[object] = [consortium]
    for f in range(FIRMS):
        k = n * FIRMS + f
        company = Company.register(
            tax_id=f"ESB{k:08d}", name=f"Firma {k:05d} {SURNAMES[k % len(SURNAMES)]}",
            region=region, sector=sector, employees=10 + k % 200, summary="A family firm.")
        membership = Membership.invite(consortium.id, company.id, "Exports already.")
        consortium.identify_prospect(company.id, membership.id, "Exports already.")
        membership.declare_capabilities(
            stages=tuple(Stage(s) for s in SPLIT[f % len(SPLIT)]),
            products=[PRODUCTS[(k * 7) % len(PRODUCTS)], PRODUCTS[(k * 3 + 1) % len(PRODUCTS)]],
            certifications=[{"name": CERTIFICATES[k % len(CERTIFICATES)], "expires_on": None}],
            capacity="100 t a year")
        membership.join(agreement="MA-signed.pdf", tier="standard")
        aggregates += [company, membership]
    consortium.appoint_manager(manager)
    consortium.adopt_rules(rules())
    consortium.establish(joined_members=FIRMS)
    consortium.publish_offer(STAGES, f"Full service from design to installation, n. {n}.")
    return aggregates


def tell(app: Marketplace, consortia: int) -> int:
    """Tell `consortia` published consortia into `app`; how many events were saved."""
    manager = app.vault.keep(person_record("Ana Ruiz", "ana.ruiz@example.com"))
    saved, batch = 0, []
    for n in range(consortia):
        batch += _consortium(app, n, manager)
        if (n + 1) % CONSORTIA_PER_SAVE == 0 or n + 1 == consortia:
            saved += len(app.save(*batch))
            batch = []
    return saved


def _key() -> str:
    digest = hashlib.sha256(fingerprint().encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def store_of(consortia: int) -> tuple[str, bool]:
    """The URL of a projected store of `consortia` published consortia, and whether cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"search-{consortia}-{_key()}.db"
    if path.exists():
        return f"sqlite:///{path}", True
    for stale in CACHE.glob(f"search-{consortia}-*.db*"):
        stale.unlink()
    _say(f"S5: building a store of {consortia:,} consortia (cached in "
         f"{path.relative_to(ROOT)}) ...")
    partial = path.with_suffix(".partial.db")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    services = bootstrap(f"sqlite:///{partial}", clock=SteppingClock(START),
                         inline_projection=False)
    try:
        began = time.perf_counter()
        told = tell(services.marketplace, consortia)
        _say(f"  told {told:,} events in {time.perf_counter() - began:.1f}s")
    finally:
        services.close()
    project(partial)
    keep(partial, path)
    return f"sqlite:///{path}", False
