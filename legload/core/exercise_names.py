"""Exercise names of strength apps and watches -> legload library names.

Hevy and Strong titles ("Squat (Barbell)", "Romanian Deadlift (Dumbbell)", "Seated Calf Raise
(Plate Loaded)"), Garmin FIT exercise categories and sub-type names ("squat", "calf_raise",
"barbell_front_squat") and plain words ("RDL", "BSS") are normalised (lower case, equipment
qualifiers and punctuation dropped) and matched against ordered patterns:

1. leg exercises -> a library name (more specific patterns first: "leg press" before
   "press", "leg curl" before "curl", "front squat" before "squat");
2. cardio and locomotion ("Cycling (Indoor)", "Rowing (Machine)", "Elliptical Machine") ->
   kind ``cardio`` (not a strength set; a locomotion library name where one fits);
3. upper-body and core exercises -> kind ``non_leg``;
4. anything else -> kind ``unknown``. Nothing is guessed: an ambiguous title such as
   "Cable Kickback" (glute or triceps?) stays unknown.

Where a title has no exact library entry it maps to the nearest one (hack squat -> leg press,
goblet squat -> front squat, glute bridge -> hip thrust, Bulgarian split squat -> split
squat, glute-ham raise -> Nordic hamstring curl, clean pull -> deadlift, kettlebell swing ->
Romanian deadlift); ``docs/models/exercises.md`` lists these choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("leg", "cardio", "non_leg", "unknown")

_EQUIPMENT = (
    "barbell", "dumbbells", "dumbbell", "smith machine", "smith", "machine", "cable", "cables",
    "kettlebell", "plate loaded", "plate", "band", "bands", "banded", "bodyweight",
    "body weight", "weighted", "assisted", "ez bar", "trap bar", "hex bar", "landmine",
    "resistance band", "lever", "selectorized",
)

#: (pattern, library name), first match wins. Patterns see the normalised name.
LEG_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bnordic\b|glute ham raise|\bghr\b|razor curl|natural leg curl", "nordic_hamstring_curl"),
    (r"\bleg curls?\b|\bhamstring curls?\b", "leg_curl"),
    (r"\bleg extensions?\b|\bknee extensions?\b|\bquad extensions?\b", "leg_extension"),
    (r"\btib(ialis)? (raise|curl|bar)|\btoe raises?\b|\bdorsiflexion\b|\btibialis\b",
     "tibialis_raise"),
    (r"\b(seated|bent knee|bent leg) (calf|heel) raises?\b|\bseated calf\b|\bsoleus\b",
     "calf_raise_bent_knee"),
    (r"\b(calf|heel) raises?\b|\bcalf press\b|\bcalf extensions?\b|\bcalf raise\b|\bcalves\b",
     "calf_raise_straight_knee"),
    (r"\bleg press\b|\bhack squat\b|\bpendulum squat\b|\bv squat\b", "leg_press"),
    (r"\bhip thrusts?\b|\bglute bridges?\b|\bhip bridges?\b|\bhip raises?\b"
     r"|(?<!side )\bbridge\b|\bglute kickbacks?\b|\bdonkey kicks?\b|\bfrog pumps?\b"
     r"|\b(single |straight |one )?leg kickbacks?\b", "hip_thrust"),
    (r"\bgood ?mornings?\b", "good_morning"),
    (r"\bromanian\b|\brdls?\b|\bstiff[ -]?legg?e?d? deadlift|\bstraight[ -]?leg deadlift"
     r"|\bsingle leg deadlift|\bone leg deadlift|\bsldl\b|\bkettlebell swings?\b|\bkb swings?\b"
     r"|\bhip swing\b|\bswings?\b|\bpull ?throughs?\b", "romanian_deadlift"),
    (r"\bsumo deadlift|\bsumo dl\b", "sumo_deadlift"),
    (r"\bdeadlifts?\b|\bclean pulls?\b|\bsnatch pulls?\b|\brack pulls?\b|\bblock pulls?\b",
     "deadlift"),
    (r"\bback extensions?\b|\bhyperextensions?\b|\breverse hyper|\bhip extensions?\b",
     "back_extension"),
    (r"\bpistol\b|\bsingle leg squat|\bone legg?e?d? squat|\bskater squat|\bshrimp squat"
     r"|\bsingle leg (box|bench) squat", "single_leg_squat"),
    (r"\bsplit squats?\b|\bbulgarian\b|\brear foot elevated\b|\brfess?\b|\bbss\b"
     r"|\blateral squats?\b|\bcossack\b", "split_squat"),
    (r"\blunges?\b", "walking_lunge"),
    (r"\bstep ?ups?\b|\bstepovers?\b|\bstep overs?\b|\bbox step\b", "step_up"),
    (r"\bbox jumps?\b|\bjump squats?\b|\bsquat jumps?\b|\bbroad jumps?\b|\btuck jumps?\b"
     r"|\bbounds?\b|\bbounding\b|\bdepth jumps?\b|\bplyo(metrics?)?\b|\bpogo",
     "jump"),
    (r"\bclean and jerk\b|\bcleans?\b|\bsnatch(es)?\b|\bjerks?\b|\bolympic\b", "olympic_lift"),
    (r"\bfront squats?\b|\bgoblet\b|\bzercher\b|\bthrusters?\b", "front_squat"),
    (r"\bsquats?\b|\bwall sits?\b", "back_squat"),
    (r"\b(hanging |captain s chair |lying |flat |flying )?(leg|knee) raises?\b"
     r"|\btoes to bar\b|\bknees to (elbows|chest)\b|\bknee tucks?\b|\bhip flexor"
     r"|\bleg pull ?ins?\b|\bflutter kicks?\b|\bscissors?( crossover)? kicks?\b"
     r"|\bmountain climbers?\b", "leg_raise"),
    (r"\bsled\b|\bprowler\b", "sled"),
)

#: (pattern, locomotion library name or None): cardio rows are not strength sets.
CARDIO_PATTERNS: tuple[tuple[str, str | None], ...] = (
    (r"\b(treadmill|running|run|jog|jogging|run indoor|sprints?)\b", "running"),
    (r"\b(cycling|bike|biking|spin|spinning|indoor bike|bike outdoor|bicycle)\b"
     r"(?! crunch)", "cycling"),
    (r"\bhiking\b|\bhike\b|\brucking\b", "hiking"),
    (r"\b(speed walking|power walking|race walking|walking|walk)\b", "speed_walking"),
    (r"\browing\b|\brower\b|\bindoor row\b|\berg\b|\bski ?erg\b|\belliptical\b"
     r"|\bcross trainer\b|\bstair|\bstepmill\b|\bfloor climb\b|\bladder\b|\bjump rope\b"
     r"|\bskipping\b|\bjumping jacks?\b|\bburpees?\b|\bswim|\bcardio\b|\bair ?dyne\b"
     r"|\bassault\b", None),
)

#: Upper-body and core patterns: recognised as not leg exercises.
NON_LEG_PATTERNS: tuple[str, ...] = (
    r"\bbench\b", r"\bpress\b", r"\bcurls?\b", r"\brows?\b", r"\bpull ?downs?\b",
    r"\bpull ?ups?\b", r"\bchin ?ups?\b", r"\bdips?\b", r"\bfl(y|ye|yes|ies)\b", r"\bpec deck\b",
    r"\bbutterfly\b", r"\bcrossovers?\b", r"\braises?\b", r"\bshrugs?\b", r"\btriceps?\b",
    r"\bbiceps?\b", r"\bskull ?crushers?\b", r"\bface pulls?\b", r"\bpullovers?\b",
    r"\bpush ?ups?\b", r"\bplanks?\b", r"\bcrunch(es)?\b", r"\bsit ?ups?\b", r"\btwists?\b",
    r"\bab wheel\b", r"\brollouts?\b", r"\bbird ?dog\b", r"\bdead ?bug\b", r"\bside bends?\b",
    r"\bwood ?chops?\b", r"\bchops?\b", r"\bpallof\b", r"\bcarry\b", r"\bcarries\b",
    r"\bfarmer", r"\bholds?\b", r"\bwrist\b", r"\bforearm\b", r"\bneck\b", r"\bmuscle ups?\b",
    r"\bhandstand\b", r"\bshoulder\b", r"\bchest\b", r"\blat\b", r"\bdelts?\b", r"\bcore\b",
    r"\bsuperman\b", r"\bbattle rope\b", r"\bsledge ?hammer\b", r"\bextensions?\b",
    r"\bpulldowns?\b", r"\bpreacher\b", r"\barnold\b", r"\bupright\b", r"\bv ups?\b",
    r"\bhollow\b", r"\bl sit\b", r"\bjm\b", r"\babs?\b", r"\boblique",
    r"\bside bridges?\b", r"\barm circles?\b", r"\bwindmills?\b", r"\bget ?ups?\b",
    r"\bwalk ?outs?\b", r"\biron cross\b", r"\bbear crawls?\b", r"\btoe touch",
)

#: App titles that normalising would make ambiguous, by their exact lower-case text: Fitbod's
#: "Dumbbell Kickbacks" is its triceps kickback (a glute kickback is "Single Leg Kickback").
EXACT_TITLES: dict[str, tuple[str, str | None]] = {
    "dumbbell kickbacks": ("non_leg", None),
    "dumbbell kickback": ("non_leg", None),
}

_LEG = tuple((re.compile(p), name) for p, name in LEG_PATTERNS)
_CARDIO = tuple((re.compile(p), name) for p, name in CARDIO_PATTERNS)
_NON_LEG = tuple(re.compile(p) for p in NON_LEG_PATTERNS)
#: Loaded carries are walked but train grip and trunk: non-leg, checked before cardio.
_CARRY = re.compile(r"\bfarmer|\bcarry\b|\bcarries\b|\bsuitcase walk|\byoke walk")
_EQUIPMENT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _EQUIPMENT),
                                                    key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class Classification:
    """What an exercise title is.

    Attributes:
        kind: ``leg``, ``cardio``, ``non_leg`` or ``unknown``.
        exercise: library name for ``leg`` (and a locomotion mode for some ``cardio``
            titles), else None.
    """

    kind: str
    exercise: str | None = None


def normalise(name: str) -> str:
    """Lower case; underscores, hyphens, slashes and brackets to spaces; equipment words
    (barbell, dumbbell, machine, cable, smith ...) and punctuation dropped."""
    text = str(name).lower().replace("_", " ").replace("-", " ").replace("/", " ")
    text = re.sub(r"[()\[\],.:;'\"’+&*#!?]", " ", text)
    text = re.sub(r"\d+", " ", text)
    text = _EQUIPMENT_RE.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def classify(name: str) -> Classification:
    """Classify an exercise title (see the module docstring for the order of the rules)."""
    exact = EXACT_TITLES.get(" ".join(str(name).lower().split()))
    if exact is not None:
        return Classification(*exact)
    text = normalise(name)
    if not text:
        return Classification("unknown")
    for pattern, exercise in _LEG:
        if pattern.search(text):
            return Classification("leg", exercise)
    if _CARRY.search(text):
        return Classification("non_leg")
    for pattern, mode in _CARDIO:
        if pattern.search(text):
            return Classification("cardio", mode)
    if any(pattern.search(text) for pattern in _NON_LEG):
        return Classification("non_leg")
    return Classification("unknown")


def is_non_leg(name: str) -> bool:
    """True when ``name`` is recognised as an upper-body or core exercise."""
    return classify(name).kind == "non_leg"


__all__ = ["EXACT_TITLES", "KINDS", "Classification", "classify", "is_non_leg", "normalise"]
