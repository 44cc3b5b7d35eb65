"""fitdecode as a second, independent oracle for damaged FIT files: it decodes record by record
and stops at the first damage, so its records are "what a strict decoder saw before the
damage"."""

from __future__ import annotations

import fitdecode

from legload.readers.fit.decode import FIT_EPOCH_S


def records_before_damage(data: bytes) -> tuple[list[float | None], str | None]:
    """FIT-epoch timestamps [s] of the record messages fitdecode decodes before the first
    damage (CRC not checked: a wrong checksum is damage of the whole file, not of a record),
    and the damage it stopped at (None when it read to the end)."""
    stamps: list[float | None] = []
    try:
        with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.DISABLED,
                                 error_handling=fitdecode.ErrorHandling.RAISE) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                    when = frame.get_value("timestamp", fallback=None)
                    if isinstance(when, int):  # below 0x10000000: seconds since power-on
                        stamps.append(float(when))
                    else:
                        stamps.append(None if when is None else when.timestamp() - FIT_EPOCH_S)
    except fitdecode.FitError as exc:
        return stamps, f"{type(exc).__name__}: {exc}"
    return stamps, None
