"""The athlete profile: who the numbers are about, validated with clear messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from legload.errors import LegloadError

#: accepted ranges: (low, high, unit) — wide enough for every adult athlete, narrow enough to
#: catch centimetres typed as metres or pounds typed as kilograms
RANGES = {
    "birth_year": (1900, dt.date.today().year - 10, ""),
    "height_m": (1.0, 2.5, "m"),
    "weight_kg": (25.0, 300.0, "kg"),
    "body_fat_fraction": (0.02, 0.7, "(fraction, e.g. 0.18 for 18 %)"),
    "running_years": (0.0, 80.0, "years"),
    "lifting_years": (0.0, 80.0, "years"),
}
SEXES = ("female", "male")


class ProfileError(LegloadError, ValueError):
    """A profile value is missing or out of range."""


@dataclass
class AthleteProfile:
    """What legload knows about an athlete; unknown values are None."""

    name: str
    sex: str | None = None
    birth_year: int | None = None
    height_m: float | None = None
    weight_kg: float | None = None
    body_fat_fraction: float | None = None
    running_years: float | None = None
    lifting_years: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    def age_years(self, on: dt.date | None = None) -> int | None:
        if self.birth_year is None:
            return None
        return (on or dt.date.today()).year - self.birth_year

    def missing(self) -> list[str]:
        """Profile fields that are not set."""
        return [f.name for f in fields(self) if getattr(self, f.name) is None]


def validated(profile: AthleteProfile) -> AthleteProfile:
    """Return ``profile`` with values checked (and sex normalised), or raise ProfileError."""
    name = (profile.name or "").strip()
    if not name or len(name) > 64 or any(c in name for c in "\n\r\t"):
        raise ProfileError("athlete name must be 1-64 characters on one line")
    profile.name = name
    if profile.sex is not None:
        sex = profile.sex.strip().lower()
        sex = {"f": "female", "m": "male", "woman": "female", "man": "male"}.get(sex, sex)
        if sex not in SEXES:
            raise ProfileError(f"sex must be one of {', '.join(SEXES)} (the energy and body "
                               f"models are sex-specific), not {profile.sex!r}")
        profile.sex = sex
    for key, (low, high, unit) in RANGES.items():
        value = getattr(profile, key)
        if value is None:
            continue
        if not (low <= value <= high):
            raise ProfileError(f"{key.replace('_', ' ')} must be between {low} and {high} "
                               f"{unit}, not {value}".rstrip())
    return profile
