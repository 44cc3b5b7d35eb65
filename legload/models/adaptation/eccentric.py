"""Eccentric work the terrain adds, judged against the athlete's habit: sources and numbers.

Level running has eccentric phases in every stride; what damages unaccustomed muscle is the
extra braking of long descents (Maeo 2017), and one prior exposure protects against the next
(the repeated-bout effect, Bontemps 2020). legload therefore compares a week's
terrain-added eccentric work (work at the recorded grade less work at the same speed on the
level, :mod:`legload.analysis.muscle_load`) with the athlete's own recent weeks, not the
total eccentric work with a fixed share. The rule is in
:func:`legload.models.adaptation.rules.novel_eccentric`; the risk flag in
:mod:`legload.models.risk.model`.
"""

from __future__ import annotations

from legload.models.sources import Source

BONTEMPS_2020 = Source(
    citation=(
        "Bontemps B, Vercruyssen F, Gruet M, Louis J (2020) Downhill running: what are the "
        "effects and how can we adapt? A narrative review. Sports Med 50(12):2083-2110"
    ),
    doi="10.1007/s40279-020-01355-z",
    note=(
        "[R] abstract: downhill running causes exercise-induced muscle damage (strength loss, "
        "creatine kinase, soreness), most in the least accustomed; prior exposure to downhill "
        "running is the best-supported protection (repeated-bout effect)."
    ),
)

MAEO_2017 = Source(
    citation=(
        "Maeo S, Ando Y, Kanehisa H, Kawakami Y (2017) Localization of damage in the human "
        "leg muscles induced by downhill running. Sci Rep 7:5769"
    ),
    doi="10.1038/s41598-017-06129-8",
    note=(
        "[R] abstract: 45 min at -15 % in 14 young adults: knee-extensor torque -14 to 17 %, "
        "plantar flexors -6 to 8 % at 24-48 h; damage largest in the vastus intermedius."
    ),
)

#: Terrain-added eccentric work (J/kg in a week, per muscle) from which a week's descents count
#: as a novel eccentric dose when the athlete's habit is well below it.  [M] About a quarter
#: of the quadriceps' terrain-added eccentric work in Maeo 2017's protocol (45 min at -15 %:
#: 4,200-5,000 J/kg at 2.5-3.0 m/s in legload.models.locomotion.muscles), i.e. some 10 min of
#: steep descent.
NOVEL_ECCENTRIC_J_KG: float = 1000.0


__all__ = ["BONTEMPS_2020", "MAEO_2017", "NOVEL_ECCENTRIC_J_KG"]
