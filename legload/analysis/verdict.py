"""The headline of a report: rules that decide what it says, and a formatter that writes it.

:func:`headline_facts` applies the rules to the report's typed parts and returns a
:class:`Headline` (data: the answer and the facts each sentence rests on);
:func:`headline_text` writes those facts as one or two English sentences. A translation, a
web page or a test can use the facts without parsing the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from legload.analysis.plan import PlanItem
from legload.analysis.report_types import MuscleVerdict, Projection, Risk
from legload.models.locomotion.muscles import MUSCLES

#: a projected lean-mass change below this (kg) is worth a sentence
LEAN_LOSS_KG = -0.2
#: exercises the headline names at most
HEADLINE_EXERCISES = 3


@dataclass(frozen=True)
class Headline:
    """What the headline says.

    ``answer`` is ``yes`` (at least half the groups building), ``partly`` (some building),
    ``no`` (none building, some losing), ``not_much`` (endurance only) or ``no_data``.
    ``not_building`` lists the groups a ``partly`` answer names as not built;
    ``lean_change_kg`` is set only when the projected loss is worth saying, over
    ``projection_weeks``; ``exercises`` are the plan's first exercises when the plan would
    change the answer; ``more_food`` / ``more_protein`` whether the plan asks to eat more
    energy / protein; ``risk`` is the reason of the first risk flag; ``sport`` the athlete's
    main endurance sport, named in the words.
    """

    answer: str
    building: list[str] = field(default_factory=list)
    not_building: list[str] = field(default_factory=list)
    losing: list[str] = field(default_factory=list)
    lean_change_kg: float | None = None
    projection_weeks: int | None = None
    exercises: list[str] = field(default_factory=list)
    more_food: bool = False
    risk: str | None = None
    more_protein: bool = False
    sport: str = "running"


def headline_facts(muscles: dict[str, MuscleVerdict], projection: Projection | None,
                   plan: list[PlanItem], risks: list[Risk], *,
                   sport: str = "running") -> Headline:
    """The rules of the headline, applied to a report's parts."""
    verdicts = {m: v.verdict for m, v in muscles.items()}
    if all(v is None for v in verdicts.values()):
        return Headline(answer="no_data")
    building = [m for m, v in verdicts.items() if v == "building"]
    losing = [m for m, v in verdicts.items() if v == "losing"]
    endurance = [m for m, v in verdicts.items() if v == "endurance_only"]
    if building:
        answer = "yes" if len(building) >= len(MUSCLES) // 2 else "partly"
    else:
        answer = "no" if losing else "not_much"
    lean = None
    if projection is not None and projection.lean_change_kg < LEAN_LOSS_KG:
        lean = projection.lean_change_kg
    exercises = [p.what for p in plan if p.kind == "exercise"]
    if len(building) == len(MUSCLES):
        exercises = []  # everything is building: no call to change
    return Headline(
        answer=answer, building=building, not_building=endurance + losing, losing=losing,
        lean_change_kg=lean,
        projection_weeks=len(projection.weeks) - 1 if lean is not None else None,
        exercises=exercises[:HEADLINE_EXERCISES],
        more_food=any(p.kind == "intake" and p.what == "Eat more" for p in plan),
        more_protein=any(p.kind == "intake" and p.what == "More protein" for p in plan),
        risk=risks[0].reason if risks else None, sport=sport)


def _names(muscles: list[str]) -> str:
    return ", ".join(m.replace("_", " ") for m in muscles)


def _answer_sentence(facts: Headline) -> str:
    if facts.answer == "yes":
        return f"Yes: your training is building {_names(facts.building)}."
    if facts.answer == "partly":
        rest = f"; {_names(facts.not_building)} are not." if facts.not_building else "."
        return f"Partly: {_names(facts.building)} are being built{rest}"
    if facts.answer == "no":
        return (f"No: as things stand {_names(facts.losing)} are more likely to shrink than "
                "grow.")
    return f"Not much: your {facts.sport} trains your legs for endurance, not size."


def headline_text(facts: Headline) -> str:
    """One or two English sentences that answer the question for this athlete."""
    if facts.answer == "no_data":
        return ("No training data yet: import your runs (`legload import`) and strength log "
                "to get an answer.")
    parts = [_answer_sentence(facts)]
    if facts.lean_change_kg is not None:
        parts.append(f"At your logged intake the body model projects {facts.lean_change_kg:+.1f}"
                     f" kg of lean mass over {facts.projection_weeks} weeks.")
    if facts.exercises:
        extra = [w for w, on in (("more food", facts.more_food),
                                 ("more protein", facts.more_protein)) if on]
        parts.append(f"To change that: {', '.join(facts.exercises).lower()} twice a week"
                     + (f" and {' and '.join(extra)}." if extra else "."))
    if facts.risk is not None:
        parts.append(f"Watch out: {facts.risk}")
    return " ".join(parts)


__all__ = ["Headline", "headline_facts", "headline_text"]
