"""Decoding only the messages an activity is read from gives those messages exactly as a
whole decode does, and leaves the others out."""

from __future__ import annotations

import numpy as np
import pytest

from legload.readers.fit.decode import _DESCRIBED, decode
from legload.readers.fit.fields import DEVELOPER
from legload.readers.fit.messages import _LATER, _READ

from ..conftest import REAL

FILES = sorted(p for p in REAL.rglob("*.fit") if p.stat().st_size > 100_000) \
    if REAL.is_dir() else []


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    if a.dtype == object or b.dtype == object:
        return a.dtype == b.dtype and a.tolist() == b.tolist()
    return a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_only_the_needed_messages_decoded_as_a_whole_decode_does(path, real_dir):
    data = path.read_bytes()
    whole, needed = decode(data), decode(data, _READ)
    kept = {"field_description"} | set(_READ)
    assert set(needed.tables) == {name for name in whole.tables if name in kept}
    assert len(needed.tables) < len(whole.tables)  # these files hold more than an activity
    for name, table in needed.tables.items():
        fields = _DESCRIBED if name == "field_description" else _READ[name]
        expected = [column for column in whole.tables[name] if column in fields or column == "_offset"
                    or (DEVELOPER in fields and column.startswith("dev_"))]
        assert list(table) == expected  # the wanted fields, in the whole decode's order
        assert all(_same(values, whole.tables[name][column]) for column, values in table.items())
    assert (needed.warnings, needed.damaged, needed.dev_names) == \
        (whole.warnings, whole.damaged, whole.dev_names)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_messages_decoded_later_are_those_a_decode_of_them_gives(path, real_dir):
    """Messages framed now and decoded when first asked for: the same tables as decoding
    them with the others, and none decoded before it is asked for."""
    data = path.read_bytes()
    now, lazy = decode(data, {**_READ, **_LATER}), decode(data, _READ, later=_LATER)
    assert not set(lazy.tables) & set(_LATER)
    for name in _LATER:
        table = lazy.table(name)
        assert list(table) == list(now.table(name)), name
        assert all(_same(values, now.table(name)[column]) for column, values in table.items())
    assert set(lazy.tables) == set(now.tables) and not lazy.later


def _damaged_later(monkeypatch) -> None:
    """Decoding a table on demand meets damage (the whole decode does not)."""
    from legload.readers.fit import decode as fit_decode

    real = fit_decode._bulk_decode

    def bulk(data, found, out, only):
        if only is not None and set(only) <= set(_LATER):
            raise fit_decode.FitDamage("device table cut short")
        return real(data, found, out, only)

    monkeypatch.setattr(fit_decode, "_bulk_decode", bulk)


def test_damage_in_a_table_decoded_later_is_one_line_naming_the_file(monkeypatch, real_dir):
    """A file whose device is read from its device table (decoded when first asked for)."""
    from legload.errors import ReadError
    from legload.readers.fit import messages

    monkeypatch.setattr(messages, "_device", lambda found: found.numbers("device_info") and None)
    _damaged_later(monkeypatch)
    with pytest.raises(ReadError, match=r"^run\.fit: device table cut short$"):
        messages.read_fit_columns(FILES[0].read_bytes(), "run.fit")


def test_a_table_whose_later_decode_failed_is_decoded_when_asked_again(monkeypatch, real_dir):
    data = FILES[0].read_bytes()
    lazy = decode(data, _READ, later=_LATER)
    name = next(iter(_LATER))
    with monkeypatch.context() as patched:
        _damaged_later(patched)
        with pytest.raises(Exception, match="device table cut short"):
            lazy.table(name)
    assert name in lazy.later
    assert list(lazy.table(name)) == list(decode(data, {**_READ, **_LATER}).table(name))
