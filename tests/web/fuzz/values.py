"""What the fuzz types into a form: sensible values by field name, and hostile text."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from tests.conftest import START
from tests.web.signin import PASSWORD

# Text no one should ever send, and a few shapes that trip parsers.
NASTY = ["", " ", "\x00", "\r\n", "0", "-1", "1e999", "NaN", "Infinity", "2025-02-30",
         "9" * 400, "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
         "\u202e\u0000\ufeff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "%s%n", "{{7*7}}"]
TEXT = st.text(alphabet=st.characters(codec="utf-8"))  # any character but lone surrogates
_LATER = [(START + timedelta(days=d)).date().isoformat() for d in (0, 7, 30, 90)]
# Values that pass a field's checks, by the field's name, where the page offers none.
SENSIBLE: dict[str, set[str]] = {
    "name": {"Ana Ruiz", "Aceros Unidos"}, "company_name": {"Aceros Unidos"},
    "manager_name": {"Ana Ruiz"}, "contact_name": {"Lucía Pérez"},
    "email": {"lucia@example.mx"}, "manager_email": {"ana.ruiz@example.org"},
    "slug": {"fuzz-metal", "fuzz-agri"}, "sector_nace": {"25", "10"},
    "sector_name": {"Fabricated metal products"}, "region": {"ES-CB"},
    "amount": {"1000", "25000.50"}, "programme_cap": {"700000"},
    "annual_fees": {"standard 2400\nfounding 3600"}, "tax_id": {"ESB39123456"},
    "employees": {"40"}, "website": {"", "https://aceros.example"},
    "on": set(_LATER), "due_on": set(_LATER), "quote_needed_by": set(_LATER[2:]),
    "wanted_delivery": set(_LATER[3:]), "as_of": set(_LATER[:1]),
    "valid_until": set(_LATER[1:]), "quantity": {"4", "2.5"}, "unit": {"blocks"},
    "rate": {"1.0850"}, "currency_from": {"USD"}, "currency_to": {"EUR"},
    "currency": {"EUR"}, "country": {"MX"}, "incoterm": {"CIF"}, "named_place": {"Veracruz"},
    "password": {PASSWORD, "another horse battery"}, "confirm": {PASSWORD},
    "period": {"2026"}, "price": {"1000"}, "lead_time_days": {"30"}, "language": {"es"},
    "stages": {"design"}, "consortium": {"metal"},
}
# Business keys: a value already used is refused before the rest of the form is looked at.
UNIQUE = {"slug": "fuzz-{}", "tax_id": "ESB{:08d}", "email": "fuzz{}@example.org",
          "manager_email": "manager{}@example.org"}


HOSTILE = st.one_of(st.sampled_from(NASTY), TEXT,
                    TEXT.map(lambda s: (s or "x") * 5000))  # very long
HOSTILE_FIELDS = st.one_of(HOSTILE, st.lists(HOSTILE, max_size=3))


@st.composite
def filled_in(draw: st.DrawFn, offered: dict[str, set[str]]) -> dict[str, Any]:
    """A form filled in sensibly but for a few fields, which get hostile text, and a few
    left out: the hostile value then often gets past every other check to the store."""
    names = sorted(offered)
    # Fields people type into (the page offers no value) are the likeliest to be hostile.
    # Which fields those are changes as we post, so they are picked by plain numbers
    # modulo the list: Hypothesis wants the same draws whatever the world's state.
    typed = [name for name in names if not offered[name]]
    weighted = typed * 3 + names
    picks = draw(st.lists(st.integers(0, 2**30), min_size=1, max_size=2))
    hostile = {weighted[n % len(weighted)] for n in picks} if names else set()
    left_out = draw(st.lists(st.integers(0, 2**30), max_size=1))
    missing = {names[n % len(names)] for n in left_out} if names else set()
    form: dict[str, Any] = {}
    for name in names:
        # Every field draws the same things in the same order, whichever is used, and one
        # number picks the sensible value: which fields are hostile and how many values a
        # page offers change as we post, and Hypothesis wants the same draws whatever the
        # world's state (else FlakyStrategyDefinition).
        bad = draw(HOSTILE_FIELDS)
        pick = draw(st.integers(0, 2**30))
        if name in missing:
            continue
        if name in hostile:
            form[name] = bad
            continue
        if name in UNIQUE and not offered[name]:  # a new one each time, or it exists
            form[name] = UNIQUE[name].format(pick)
        else:
            sensible = sorted(offered[name] | SENSIBLE.get(name, set())) or ["Steel structures."]
            form[name] = sensible[pick % len(sensible)]
    return form
