"""What a batch reads: a folder (or zip) holding one sub-folder per athlete, each with what
``legload import`` accepts and an optional ``athlete.toml`` profile.

:func:`discover` walks it once, in a stable order, as events: ``("file", athlete, member)``
for each file found (a :class:`~legload.readers.exports.archive.Member`, or the ReadError of
one that cannot be read) and ``("end", athlete, None)`` once an athlete has no more files.
"""

from __future__ import annotations

import os
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath

from legload.core.profile import AthleteProfile, validated
from legload.errors import LegloadError, ReadError
from legload.readers import iter_members
from legload.readers.exports.archive import is_junk
from legload.readers.files import check_regular, read_file

PROFILE_FILE = "athlete.toml"
MAX_PROFILE_BYTES = 65_536
_PROFILE_FIELDS = {f.name for f in fields(AthleteProfile)}
_ALIASES = {"body_fat": "body_fat_fraction", "height": "height_m", "weight": "weight_kg"}

Event = tuple[str, str, object]


@dataclass(frozen=True)
class Athlete:
    """One athlete of the input: the folder name (the partition key), the profile, or the
    problem that keeps the athlete out of this run."""

    key: str
    profile: AthleteProfile
    problem: str | None = None


def athletes(root: Path) -> list[Athlete]:
    """The athletes of a folder or zip, sorted by folder name, with their profiles."""
    if root.is_dir():
        keys = sorted(p.name for p in root.iterdir() if p.is_dir() and not _hidden(p.name))
        found = [_athlete(k, str(root / k / PROFILE_FILE), _profile_file(root / k))
                 for k in keys]
    else:
        found = _zip_athletes(root)
    if not found:
        raise ReadError(str(root), "holds no athlete folder (give one sub-folder per athlete)")
    return found


def _profile_file(folder: Path) -> Callable[[], bytes | None]:
    path = folder / PROFILE_FILE
    return lambda: read_file(path) if path.is_file() else None


def _zip_athletes(root: Path) -> list[Athlete]:
    check_regular(root)
    if not zipfile.is_zipfile(root):
        raise ReadError(str(root), "is neither a folder nor a zip of athlete folders")
    with zipfile.ZipFile(root) as archive:
        infos = {i.filename: i for i in archive.infolist() if not is_junk(i.filename)}
        keys = sorted({n.split("/")[0] for n in infos if "/" in n and not _hidden(n.split("/")[0])})
        found = []
        for key in keys:
            info = infos.get(f"{key}/{PROFILE_FILE}")

            def read(info=info) -> bytes | None:
                if info is None:
                    return None
                if info.file_size > MAX_PROFILE_BYTES:
                    raise LegloadError(f"larger than {MAX_PROFILE_BYTES} bytes: not a profile")
                return archive.read(info)

            found.append(_athlete(key, f"{root}!{key}/{PROFILE_FILE}", read))
    return found


def discover(root: Path, keys: list[str]) -> Iterator[Event]:
    """Every file of every athlete in ``keys``, then the athlete's end (see the module)."""
    if root.is_dir():
        for key in keys:
            for member in iter_members(root / key):
                if not _is_profile(member, f"{root / key}{os.sep}{PROFILE_FILE}"):
                    yield "file", key, member
            yield "end", key, None
        return
    wanted = set(keys)
    for member in iter_members(root):
        inner = _source(member).partition("!")[2]
        key = inner.split("/")[0] if "/" in inner else None
        if key in wanted and PurePosixPath(inner) != PurePosixPath(key, PROFILE_FILE):
            yield "file", key, member
    for key in keys:
        yield "end", key, None


def _source(member) -> str:
    return member.path if isinstance(member, ReadError) else member.source


def _is_profile(member, path: str) -> bool:
    return not isinstance(member, ReadError) and member.source == path


def _hidden(name: str) -> bool:
    return name.startswith((".", "_")) or is_junk(name)


def _athlete(key: str, source: str, read: Callable[[], bytes | None]) -> Athlete:
    """The athlete of folder ``key``: the profile of ``athlete.toml`` (name defaults to the
    folder's), or the problem of a profile that cannot be used."""
    try:
        data = read()
        if data is None:
            return Athlete(key, AthleteProfile(name=key))
        return Athlete(key, read_profile(data, key))
    except ReadError as exc:
        return Athlete(key, AthleteProfile(name=key), f"{exc.path}: {exc.problem}")
    except LegloadError as exc:
        return Athlete(key, AthleteProfile(name=key), f"{source}: {exc}")


def read_profile(data: bytes, default_name: str) -> AthleteProfile:
    """An ``athlete.toml``: ``name``, ``sex``, ``birth_year``, ``height_m``, ``weight_kg``,
    ``body_fat_fraction`` (or ``body_fat`` as a fraction or %), ``running_years``,
    ``lifting_years``; checked as ``legload athlete set`` checks them."""
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LegloadError(f"not a TOML profile ({exc})") from None
    values = {_ALIASES.get(k, k): v for k, v in table.items()}
    unknown = sorted(set(values) - _PROFILE_FIELDS)
    if unknown:
        raise LegloadError(f"unknown profile field(s): {', '.join(unknown)}")
    fat = values.get("body_fat_fraction")
    if isinstance(fat, int | float) and fat > 1:
        values["body_fat_fraction"] = fat / 100.0  # given in percent
    values.setdefault("name", default_name)
    wrong = [k for k, v in values.items()
             if not isinstance(v, str if k in ("name", "sex") else int | float)
             or isinstance(v, bool)]
    if wrong:
        raise LegloadError(f"profile field(s) of the wrong type: {', '.join(sorted(wrong))}")
    return validated(AthleteProfile(**values))
