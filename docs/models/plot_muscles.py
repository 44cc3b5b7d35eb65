"""Draw the per-muscle demand of running and walking against speed, at three grades.

Writes next to this file:

* ``muscles_run_work.png`` / ``muscles_walk_work.png`` - positive (solid) and negative
  (dashed) work rate [W/kg] of each group vs speed, one panel per grade (-10 %, 0, +10 %);
* ``muscles_run_activation.png`` / ``muscles_walk_activation.png`` - activation [fraction
  of MVC] vs speed, same panels.

Needs matplotlib, which is not a dependency of legload (``pip install matplotlib``)::

    python docs/models/plot_muscles.py
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from legload.models.locomotion.muscles import MUSCLES, demand

HERE = Path(__file__).resolve().parent
GRADES = (-0.10, 0.0, 0.10)
SPEEDS = {"run": np.linspace(1.5, 10.0, 171), "walk": np.linspace(0.5, 2.5, 81)}
COLOURS = dict(zip(MUSCLES, plt.get_cmap("tab10").colors, strict=False))


def _figure(mode: str, quantity: str) -> Path:
    speeds = SPEEDS[mode]
    fig, axes = plt.subplots(1, 3, figsize=(15, 5), sharey=True)
    for ax, grade in zip(axes, GRADES, strict=True):
        result = demand(speeds, grade, None, mode)
        for group in MUSCLES:
            d = result[group]
            colour = COLOURS[group]
            if quantity == "work":
                ax.plot(speeds, d.positive_work, color=colour, label=f"{group} +")
                ax.plot(speeds, d.negative_work, color=colour, linestyle="--")
            else:
                ax.plot(speeds, d.activation, color=colour, label=group)
        ax.set_title(f"{mode}, grade {grade:+.0%}")
        ax.set_xlabel("speed [m/s]")
        ax.grid(alpha=0.3)
    if quantity == "work":
        axes[0].set_ylabel("work rate [W/kg]  (solid: positive, dashed: negative)")
    else:
        axes[0].axhline(1.0, color="grey", linewidth=0.8)
        axes[0].set_ylabel("activation [fraction of MVC]")
    axes[-1].legend(fontsize=8, loc="upper left")
    fig.suptitle(f"legload.models.locomotion.muscles - {mode}: {quantity} by muscle group")
    fig.tight_layout()
    path = HERE / f"muscles_{mode}_{quantity}.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def main() -> None:
    for mode in ("run", "walk"):
        for quantity in ("work", "activation"):
            print(_figure(mode, quantity))


if __name__ == "__main__":
    main()
