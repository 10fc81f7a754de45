"""Names buyers read: value-chain stages and countries in the page's language."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from domain.values import Stage

# Each stage by name, so the catalogs translate them; in value-chain order.
STAGE_LABELS = {
    Stage.DESIGN.value: _l("Design"),
    Stage.ENGINEERING.value: _l("Engineering"),
    Stage.MANUFACTURING.value: _l("Manufacturing"),
    Stage.LOGISTICS.value: _l("Logistics and shipping"),
    Stage.INSTALLATION.value: _l("Installation"),
    Stage.MAINTENANCE.value: _l("Maintenance"),
}
STAGES: tuple[str, ...] = tuple(STAGE_LABELS)


def stage_label(stage: str) -> str:
    """A stage's name in the page's language."""
    label = STAGE_LABELS.get(stage)
    return str(label) if label is not None else stage


def country_name(code: str) -> str:
    """An ISO 3166-1 country's name in the page's language (MX: Mexico, México, Mexique)."""
    locale = get_locale()
    territories = locale.territories if locale is not None else {}
    return territories.get(code.upper(), code)
