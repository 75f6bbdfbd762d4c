"""Densities of the substances claims measure, and volume and mass converted through them.

Plain numbers and arithmetic on base units (m³, kg), without pint, so that rules may use
them: rules receive normalised claims and never call the unit registry (quantities.py,
which builds its density contexts from the same table).
"""

from __future__ import annotations

# Densities by substance and phase, in kg/m³, as (low, high). Sources:
# - LPG liquid: propane 0.493–0.508 and butane 0.573–0.585 t/m³ at 15–25 °C, so commercial
#   mixtures span about 0.50–0.58 t/m³ (EN 589 automotive LPG; GPSA Engineering Data Book).
# - LPG gas at standard conditions (15 °C, 1 atm): propane 1.86, butane 2.49 kg/m³.
# - Wheat, bulk: 0.72–0.82 t/m³ (a test weight of 56–64 lb/bushel; USDA grain standards).
# - Gasoline: 720–775 kg/m³ at 15 °C (EN 228). Diesel: 820–845 kg/m³ at 15 °C (EN 590).
# - Crude oil: 800–950 kg/m³ (API gravity 17–45).
# - Natural gas at standard conditions: 0.70–0.90 kg/m³; LNG: 410–500 kg/m³.
DENSITIES: dict[str, dict[str, tuple[float, float]]] = {
    "lpg": {"liquid": (500.0, 580.0), "gas": (1.86, 2.49)},
    "wheat": {"bulk": (720.0, 820.0)},
    "flour": {"bulk": (500.0, 700.0)},
    "gasoline": {"liquid": (720.0, 775.0)},
    "diesel": {"liquid": (820.0, 845.0)},
    "crude-oil": {"liquid": (800.0, 950.0)},
    "natural-gas": {"gas": (0.70, 0.90), "liquid": (410.0, 500.0)},
}
PHASES = ("liquid", "gas", "bulk")
# How a message names each phase: "LPG as a liquid".
PHASE_LABELS = {"liquid": "as a liquid", "gas": "as a gas at standard conditions", "bulk": "in bulk"}
SUBSTANCE_LABELS = {
    "lpg": "LPG",
    "wheat": "wheat",
    "flour": "flour",
    "gasoline": "gasoline",
    "diesel": "diesel",
    "crude-oil": "crude oil",
    "natural-gas": "natural gas",
}

VOLUME_DIMENSION, MASS_DIMENSION = "[length] ** 3", "[mass]"
RATE = " / [time]"  # what a dimension per unit of time ends with, as pint writes it
COUNT_RATE = "1 / [time]"  # a plain count per unit of time ("44 a day"), as pint writes it


def amount_of(dimension) -> str:
    """The dimension of the amount a rate adds up to ('[mass] / [time]' → '[mass]', and a
    plain count's '1 / [time]' → 'dimensionless'); any other dimension as it is."""
    text = dimension if isinstance(dimension, str) else ""
    if text == COUNT_RATE:
        return "dimensionless"
    return text[: -len(RATE)] if text.endswith(RATE) else text


def is_rate(dimension) -> bool:
    return isinstance(dimension, str) and (dimension.endswith(RATE) or dimension == COUNT_RATE)


def rate_of(dimension) -> str:
    """The dimension of a rate of an amount ('dimensionless' → '1 / [time]')."""
    return COUNT_RATE if dimension == "dimensionless" else f"{dimension}{RATE}"


def density_bounds(
    low: float, high: float, dimension: str, target_dimension: str, substance: str | None
) -> dict[str, tuple[float, float]]:
    """An interval of base-unit volume (m³) as mass (kg), or of mass as volume, under each
    phase's density of the substance: {phase: (low, high)}; empty when no density links
    the two dimensions. Plain arithmetic on base units, so rules may call it."""
    phases = DENSITIES.get(substance or "", {})
    if {dimension, target_dimension} != {VOLUME_DIMENSION, MASS_DIMENSION} or not phases:
        return {}
    if dimension == VOLUME_DIMENSION:
        return {phase: (low * least, high * most) for phase, (least, most) in phases.items()}
    return {phase: (low / most, high / least) for phase, (least, most) in phases.items()}
