"""Crash-safe file handling for the index folder: durable writes, atomic replace, one writer at a time.

A change to the index becomes visible by exactly one ``os.replace`` of ``manifest.json``;
everything it points to is written and fsynced before that, so a process killed at any
moment leaves either the old or the new manifest, and every file either one names.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import socket
import time
from pathlib import Path

from index.errors import IndexLockedError

LOCK = "lock"


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make the names in a directory (a rename, a new file) durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """fsync every file and directory under ``folder`` (files first, then their directories)."""
    for directory, _, names in os.walk(folder, topdown=False):
        for name in names:
            fsync_file(Path(directory, name))
        fsync_dir(Path(directory))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` all at once: write a temp file beside it, fsync, rename, fsync the folder."""
    path = Path(path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def remove_tree(path: Path) -> None:
    """Delete a file or folder if present (garbage of an earlier writer, or a retired segment)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


class WriterLock:
    """An exclusive, non-blocking ``flock`` on ``folder/lock``: the one writer of an index folder.

    The lock dies with its process (even on kill -9), so a crashed writer never blocks the next one.
    Readers take no lock: they read the manifest, which only ever changes by an atomic rename.
    """

    def __init__(self, folder: Path, wait: float = 0.0) -> None:
        self.folder = Path(folder)
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> "WriterLock":
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
                    os.close(fd)
                    raise IndexLockedError(
                        f"the index {self.folder} is being updated by {holder}; "
                        "wait for that update to finish (or stop it) and run this again"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()} on {socket.gethostname()} since {time.strftime('%H:%M:%S')}".encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
