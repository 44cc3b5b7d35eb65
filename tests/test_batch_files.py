"""How ``legload batch`` hands each file to its task: a plain file of a folder by its path
(an empty one too: its task reports it), anything named as a member of a zip or an export's
record (``!``, ``#``) by its content, read by the client."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from legload.readers import iter_members
from legload.readers.exports.archive import Member

pytest.importorskip("distributed")

from legload.batch.driver import _on_disk, _reference  # after the skip: needs distributed


def _member(path: Path, source: str | None = None) -> Member:
    return Member(source=source or str(path), read=path.read_bytes, kind="activity")


def test_an_empty_plain_file_goes_by_its_path(tmp_path: Path):
    empty = tmp_path / "empty.fit"
    empty.write_bytes(b"")
    ref = _reference(_member(empty), 3)
    assert (ref.slot, ref.path, ref.data, ref.size) == (3, str(empty), None, 0)
    assert ref.mtime_ns == empty.stat().st_mtime_ns
    assert _on_disk(str(tmp_path / "empty.csv")) is None  # not there
    (tmp_path / "empty.csv").write_bytes(b"")
    assert _on_disk(str(tmp_path / "empty.csv")).st_size == 0  # a log, read by its path


@pytest.mark.parametrize("name", ["run!1.fit", "run#1.fit"])
def test_a_name_of_a_member_goes_by_its_content_even_when_a_file_has_it(tmp_path: Path, name):
    plain = tmp_path / name
    plain.write_bytes(b"the file")
    ref = _reference(_member(plain), 0)
    assert (ref.path, ref.data, ref.size) == (None, b"the file", 8)
    assert _on_disk(str(plain)) is None


def test_a_member_of_a_zip_goes_by_its_content(tmp_path: Path):
    archive = tmp_path / "runs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.fit", b"zipped")
    refs = [(member.source, _reference(member, 1)) for member in iter_members(archive)]
    assert [(source, ref.path, ref.data, ref.size) for source, ref in refs] == [
        (f"{archive}!a.fit", None, b"zipped", 6)]
