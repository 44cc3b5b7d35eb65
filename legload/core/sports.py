"""Sport names and the sets of sports that models treat alike.

Readers map every file's sport onto :data:`SPORTS`; the locomotion models apply to
:data:`FOOT_SPORTS` (running, walking, hiking), cycling models to ``"cycling"``.
"""

from __future__ import annotations

#: every sport name an Activity's summary may carry
SPORTS = ("running", "walking", "hiking", "cycling", "swimming", "strength", "other")

#: sports done on foot: the running/walking muscle and energy models apply
FOOT_SPORTS = frozenset({"running", "walking", "hiking"})

__all__ = ["FOOT_SPORTS", "SPORTS"]
