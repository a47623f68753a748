"""Arguments -> the files to check: files as given, folders walked for *.yaml / *.yml.

Folders are walked in sorted order, following symbolic links to folders but
never entering a folder twice (by device and inode), so a link loop cannot
hang the walk. Hidden entries (``.git``, ``.venv``) are not entered. A link
that loops or dangles is still listed, so that reading it reports PF001.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Discovered:
    files: tuple[str, ...]
    """Files to check, each once, in argument order then sorted within each folder."""
    named: frozenset[str]
    """Those of `files` named on the command line (not found in a folder)."""
    missing: tuple[str, ...]
    """Arguments naming nothing."""


def _walk(root: str, seen_dirs: set[tuple[int, int]], out: list[str]) -> None:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(folder) as entries:
                names = sorted(entries, key=lambda e: e.name)
        except OSError:
            continue
        folders = []
        for entry in names:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            try:
                is_dir = entry.is_dir()  # follows links; False for a loop or a dangling link
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(path)
            elif entry.name.lower().endswith(SUFFIXES):
                out.append(path)
        stack.extend(reversed(folders))


def discover(arguments: Sequence[str]) -> Discovered:
    files: list[str] = []
    named: set[str] = set()
    missing: list[str] = []
    seen_dirs: set[tuple[int, int]] = set()
    for argument in arguments:
        if os.path.isdir(argument):
            _walk(argument, seen_dirs, files)
        elif os.path.lexists(argument):
            files.append(argument)
            named.add(os.path.normpath(argument))
        else:
            missing.append(argument)
    unique = list(dict.fromkeys(os.path.normpath(f) for f in files))
    return Discovered(tuple(unique), frozenset(named), tuple(missing))
