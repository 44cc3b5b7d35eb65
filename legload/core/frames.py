"""Frames laid out from their blocks: the frame the pandas constructor builds from the same
arrays, without its inference and checks of every column (pandas 3's
``pandas.api.internals``). Column labels are made once per set of names; each frame gets a
view of its own over them (their values are read-only; the name of a frame's columns, which
can be set in place, is its own)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

try:  # pandas 3: a frame laid out from its blocks
    from pandas.api.internals import create_dataframe_from_blocks as _from_blocks
except ImportError:  # pragma: no cover - older pandas builds every frame with its constructor
    _from_blocks = None

#: whether frames can be laid out from their blocks here (else callers use the constructor)
LAID_OUT = _from_blocks is not None
UTC_NS = pd.DatetimeTZDtype("ns", "UTC")
_LABELS: dict[tuple[str, ...], pd.Index] = {}
_MOST_LABELS = 256


def frame_from_blocks(blocks: list[tuple[Any, np.ndarray]], n_rows: int,
                      names: tuple[str, ...]) -> pd.DataFrame:
    """The frame of ``blocks`` ((array, column positions) each), ``n_rows`` rows indexed from
    0, columns ``names``; only where :data:`LAID_OUT`."""
    labels = _LABELS.get(names)
    if labels is None:
        if len(_LABELS) >= _MOST_LABELS:
            _LABELS.clear()
        labels = _LABELS[names] = pd.Index(list(names))
    return _from_blocks(blocks, pd.RangeIndex(n_rows), labels.view())


__all__ = ["LAID_OUT", "UTC_NS", "frame_from_blocks"]
