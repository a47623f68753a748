"""Reading input files that must be regular files: a named pipe, socket or device is
refused before it is read (a pipe with no writer would block forever)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(Exception):
    """The path is a directory, pipe, socket or device; `what` says which, in words."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def non_regular_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes.

    Raises NotARegularFile, TooLarge, or the OSError of opening or reading it."""
    what = non_regular_kind(os.stat(path).st_mode)
    if what is not None:
        raise NotARegularFile(what)
    # O_NONBLOCK: should a pipe replace the file after the stat, opening it must not wait
    # for a writer; fstat then sees what was opened, and it is refused unread.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        what = non_regular_kind(info.st_mode)
        if what is not None:
            raise NotARegularFile(what)
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        data = stream.read(limit + 1)  # the file may have grown since the fstat
        if len(data) > limit:
            raise TooLarge(len(data))
        return data
