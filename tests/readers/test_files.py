"""Files the user names: devices, FIFOs, sockets and links to them are refused before any read,
unreadable files give one line, and no read goes past its bound."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from legload.errors import ReadError
from legload.readers.files import is_readable_file, read_file

DEVICES = [p for p in ("/dev/zero", "/dev/urandom", "/dev/null") if Path(p).exists()]


@pytest.mark.parametrize("device", DEVICES)
def test_devices_are_refused_at_once(device):
    started = time.monotonic()
    with pytest.raises(ReadError, match="character device, not a regular file") as caught:
        read_file(device)
    assert time.monotonic() - started < 2
    assert str(caught.value).startswith(device + ": ")


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "run.fit"
    link.symlink_to("/dev/zero")
    with pytest.raises(ReadError, match="character device"):
        read_file(link)
    assert not is_readable_file(link)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.gpx"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ReadError, match="FIFO"):
        read_file(fifo)
    assert time.monotonic() - started < 2


def test_a_socket_and_a_folder_are_refused(tmp_path):
    with pytest.raises(ReadError, match="a folder"):
        read_file(tmp_path)
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(ReadError, match="socket"):
            read_file(path)


def test_missing_and_unreadable_files_give_one_line(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "nope.fit")
    locked = tmp_path / "locked.fit"
    locked.write_bytes(b"x")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that read any file")
        with pytest.raises(ReadError, match="permission denied"):
            read_file(locked)
    finally:
        locked.chmod(0o600)


def test_the_bound_holds(tmp_path):
    big = tmp_path / "big.gpx"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(ReadError, match="1001 bytes is larger than 1000"):
        read_file(big, limit=1000)
    assert read_file(big, limit=1001) == b"x" * 1001


class _Shrunk:
    """``os.stat`` or ``os.fstat`` as seen before the file grew: sizes ``by`` bytes short."""

    def __init__(self, real, by: int):
        self.real, self.by = real, by

    def __call__(self, *args, **kwargs):
        info = self.real(*args, **kwargs)
        return os.stat_result((*info[:6], max(info.st_size - self.by, 0), *info[7:]))


def _shrink(monkeypatch, by: int) -> None:
    for name in ("stat", "fstat"):
        monkeypatch.setattr(f"legload.readers.files.os.{name}", _Shrunk(getattr(os, name), by))


def test_a_file_grown_after_its_size_was_taken_is_read_whole(tmp_path, monkeypatch):
    grown = tmp_path / "grown.fit"
    grown.write_bytes(bytes(range(256)) * 40)
    _shrink(monkeypatch, by=4000)
    assert read_file(grown) == bytes(range(256)) * 40
    with pytest.raises(ReadError, match="more than 9000 bytes"):  # and its bound still holds
        read_file(grown, limit=9000)


def test_a_file_that_reports_no_size_is_read(tmp_path, monkeypatch):
    listed = tmp_path / "status"  # as /proc's files say 0 bytes and hold some
    listed.write_bytes(b"name: legload\n")
    _shrink(monkeypatch, by=10**6)
    assert read_file(listed) == b"name: legload\n"


def test_a_read_that_stops_short_is_read_on(tmp_path, monkeypatch):
    whole = tmp_path / "slow.fit"
    whole.write_bytes(bytes(range(256)) * 40)
    real = os.read
    monkeypatch.setattr("legload.readers.files.os.read", lambda fd, n: real(fd, min(n, 1000)))
    assert read_file(whole) == bytes(range(256)) * 40
    with pytest.raises(ReadError, match="larger than 9000"):
        read_file(whole, limit=9000)
