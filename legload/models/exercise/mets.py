"""Energy of activities from Compendium METs, the kcal/J constant, and the map of the energy models.

The metabolic energy models are pure functions of floats or numpy arrays in SI units, one
module for each:

* :mod:`legload.models.locomotion.energy` — running and walking on slopes: cost per metre from
  Minetti et al. (2002), the metabolic power it implies, and the grade-adjusted speed / pace
  built on the same cost curve.
* :mod:`legload.models.cycling.energy` — cycling: metabolic power from mechanical power and
  gross efficiency, and the road-load mechanical power when only speed and grade are known.
* this module — other activities: energy from Compendium METs (Ainsworth et al. 2011), and
  :data:`J_PER_KCAL`.
* :mod:`legload.models.body.resting` — resting metabolic rate: Mifflin et al. (1990).

Every function accepts a float or an array (anything numpy broadcasts) and returns a float
for scalar inputs, an ``ndarray`` otherwise, so a 1 Hz stream integrates with a sum::

    power = running_power_w_per_kg(stream.speed_m_s, stream.grade)   # W/kg, one per second
    kcal = np.nansum(power) * mass_kg / J_PER_KCAL                   # 1 s per sample

NaN inputs (gaps in a stream) give NaN outputs; they never raise. Values a model cannot
take (negative speed, efficiency of 0, an unknown sex, ...) raise
:class:`~legload.errors.ModelDomainError`. The numbers are a frozen parameters argument,
``params``, whose default is the topic's published set (for METs
:mod:`legload.models.exercise.parameters`); ``docs/models/energy.md`` has the equations and
sources.
"""

from __future__ import annotations

import numpy as np

#: Joules per kilocalorie (thermochemical calorie).
from legload.core.units import J_PER_KCAL
from legload.models.exercise.parameters import PUBLISHED, ExerciseParameters
from legload.models.inputs import ArrayLike, require, to_arrays, to_result


def met_energy_kcal(
    met: ArrayLike, mass_kg: ArrayLike, duration_s: ArrayLike, *, net: bool = False,
    params: ExerciseParameters = PUBLISHED,
) -> float | np.ndarray:
    """Energy spent in an activity from its MET value.

    Parameters
    ----------
    met : float or array
        Intensity [MET], >= 0, e.g. from
        :data:`legload.models.exercise.parameters.COMPENDIUM_2011_METS`.
    mass_kg : float or array
        Body mass [kg], > 0.
    duration_s : float or array
        Duration [s], >= 0.
    net : bool, default False
        Return the energy above rest, ``max(MET - 1, 0)``, instead of the gross energy —
        use it when the resting metabolism is counted separately (e.g. with
        :func:`~legload.models.body.resting.resting_metabolic_rate_kcal_day`) so rest is
        not counted twice.
    params : ExerciseParameters, default PUBLISHED
        Its ``kcal_per_met_kg_hour`` (1, the Compendium's convention) is the energy of a MET.

    Returns
    -------
    float or ndarray
        Energy [kcal]: ``MET x mass_kg x duration_s / 3600`` (x 1 kcal kg-1 h-1 per MET).

    Notes
    -----
    The Compendium defines a MET as the ratio of the activity's metabolic rate to a standard
    resting rate, taken as 1 kcal per kg per hour (about 3.5 ml O2 kg-1 min-1). Compendium
    values are averages for adults, not individual measurements; legload uses them for
    strength sessions, swimming, hiking and activities without a better model. Table of
    codes used: ``docs/models/energy.md``. Negative MET, duration or mass <= 0 raise
    ModelDomainError.

    References
    ----------
    Ainsworth BE, Haskell WL, Herrmann SD, et al. (2011) 2011 Compendium of Physical
    Activities: a second update of codes and MET values. Med Sci Sports Exerc 43:1575-1581.
    doi:10.1249/MSS.0b013e31821ece12

    Examples
    --------
    >>> from legload.models.exercise.parameters import COMPENDIUM_2011_METS
    >>> met = COMPENDIUM_2011_METS["strength_vigorous"].met   # code 02050, 6.0 MET
    >>> met_energy_kcal(met, 80.0, 3600.0)
    480.0
    >>> met_energy_kcal(met, 80.0, 3600.0, net=True)
    400.0
    """
    scalar, (mt, m, t) = to_arrays(met, mass_kg, duration_s)
    require(~(mt < 0), "met must be >= 0")
    require(~(m <= 0), "mass_kg must be > 0 kg")
    require(~(t < 0), "duration_s must be >= 0 s")
    intensity = np.where(mt < 1.0, 0.0, mt - 1.0) if net else mt
    intensity = np.where(np.isnan(mt), np.nan, intensity)
    return to_result(intensity * params.kcal_per_met_kg_hour * m * t / 3600.0, scalar)


__all__ = ["J_PER_KCAL", "met_energy_kcal"]
