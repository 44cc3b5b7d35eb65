"""Every number of the models is tagged where it is defined.

Each field of :class:`LocomotionParameters` (and of ``BodyParameters``, ``CyclingParameters``,
``ExerciseParameters``, ``AdaptationParameters``, ``RiskParameters``) is the module constant of the
same name in
capitals; the ``#:`` comment above that constant must carry [R] (read in the paper, page or
table named), [S] (secondary source) or [M] (model choice, with the reason). The test fails on
a new constant added without a tag, or on a tag deleted.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from legload.models.adaptation import eccentric as adaptation_eccentric
from legload.models.adaptation import parameters as adaptation_parameters
from legload.models.body import parameters as body_parameters
from legload.models.cycling import parameters as cycling_parameters
from legload.models.exercise import parameters as exercise_parameters
from legload.models.exercise import published_activation
from legload.models.locomotion import joint_parameters, muscle_parameters, parameters
from legload.models.locomotion.parameters import LocomotionParameters
from legload.models.risk import parameters as risk_parameters

MODULES = (joint_parameters, muscle_parameters, parameters)
TAG = re.compile(r"\[(R|S|M)\b")
#: fields whose constant is not their name in capitals
CONSTANTS = {
    "run_cost_coefficients": "MINETTI_2002_RUN_COEFFICIENTS",
    "walk_cost_coefficients": "MINETTI_2002_WALK_COEFFICIENTS",
    "minetti_grade_limit": "MINETTI_2002_GRADE_LIMIT",
    "mifflin_coefficients": "MIFFLIN_1990_COEFFICIENTS",
    "jackson_coefficients": "JACKSON_2002_COEFFICIENTS",
    "gross_efficiency": "CYCLING_GROSS_EFFICIENCY",
    "road_load": "CYCLING_ROAD_LOAD_DEFAULTS",
    "published_activation": "EXERCISE_PUBLISHED_ACTIVATION",
    "role_factors": "EXERCISE_ROLE_FACTORS",
    "fallback_reference": "EXERCISE_FALLBACK_REFERENCE",
    "aerobic_growth_pct": "HARBER_2012_QUADRICEPS_GAIN_PCT",
}
#: the other topics' parameter sets and the modules their constants are defined in
OTHER_SETS = {
    "body": (body_parameters.BodyParameters, (body_parameters,)),
    "cycling": (cycling_parameters.CyclingParameters, (cycling_parameters,)),
    "exercise": (exercise_parameters.ExerciseParameters, (exercise_parameters, published_activation)),
    "adaptation": (adaptation_parameters.AdaptationParameters,
                   (adaptation_parameters, adaptation_eccentric)),
    "risk": (risk_parameters.RiskParameters, (risk_parameters,)),
}


def comment_blocks(source: str) -> dict[str, str]:
    """``{CONSTANT: its '#:' comment}`` of a module's source."""
    blocks: dict[str, str] = {}
    comment: list[str] = []
    for line in source.splitlines():
        if line.startswith("#:"):
            comment.append(line[2:])
            continue
        match = re.match(r"^([A-Z][A-Z0-9_]+)\s*[:=]", line)
        if match:
            blocks[match.group(1)] = " ".join(comment)
            comment = []
        elif not line.startswith((" ", ")")):
            comment = []
    return blocks


def field_tags(cls=LocomotionParameters, modules=MODULES) -> dict[str, set[str]]:
    """The tags of every field of a parameters dataclass, from its constant's comment."""
    blocks: dict[str, str] = {}
    for module in modules:
        blocks.update(comment_blocks(Path(module.__file__).read_text(encoding="utf-8")))
    tags = {}
    for field in dataclasses.fields(cls):
        name = CONSTANTS.get(field.name, field.name.upper())
        assert name in blocks, f"no constant for field {field.name}"
        tags[field.name] = set(TAG.findall(blocks[name]))
    return tags


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(LocomotionParameters)])
def test_every_parameter_is_tagged(field):
    assert field_tags()[field], f"{field}: no [R], [S] or [M] tag at its constant"


@pytest.mark.parametrize("topic, field", [
    (topic, f.name) for topic, (cls, _) in OTHER_SETS.items() for f in dataclasses.fields(cls)
])
def test_every_other_model_parameter_is_tagged(topic, field):
    cls, modules = OTHER_SETS[topic]
    assert field_tags(cls, modules)[field], f"{topic}.{field}: no [R], [S] or [M] tag at its constant"


def test_the_comment_parser_sees_an_untagged_constant():
    assert comment_blocks("#: a value\nXY: float = 1.0\n") == {"XY": " a value"}
    assert not TAG.findall(comment_blocks("#: a value\nXY: float = 1.0\n")["XY"])
