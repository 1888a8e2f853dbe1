"""Follow a corpus folder: poll it, and update the index whenever a file appears, changes or disappears.

Polling (size, modification time and inode of every file, every few seconds) needs no
dependency and works on every file system, network mounts included; an unchanged folder
costs one directory walk per poll. A change is handed to ``update`` (which itself reads
only the files that changed, and embeds only documents whose content changed).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from index.errors import IndexLockedError, NewsQAError
from index.load import corpus_files

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 2.0
SETTLE_SECONDS = 0.3  # a change is acted on once the folder looked the same twice this far apart
SETTLE_TRIES = 10
MAX_BACKOFF = 300.0  # seconds: the longest wait between two tries of an update that keeps failing


def folder_signature(corpus_dir: Path | str) -> dict[str, tuple[int, int, int]]:
    """(mtime, size, inode) of every file an update would look at: changes whenever one of them does."""
    root = Path(corpus_dir)
    if not root.is_dir():
        return {}
    return {relpath: (st.st_mtime_ns, st.st_size, st.st_ino) for relpath, st in corpus_files(root)}


def watch_folder(
    corpus_dir: Path | str,
    update: Callable[[], object],
    interval: float = DEFAULT_INTERVAL,
    stop: threading.Event | None = None,
) -> None:
    """Call ``update()`` now, then whenever the folder changes, until ``stop`` is set (or forever).

    A change is acted on once the folder stops changing for a moment, so a file still being
    written is not indexed half-way. The watch itself never dies: an update refused for a
    reason it names (a folder with nothing readable, a damaged index) is logged and retried
    after the next change; one that fails for any other reason (or finds the index locked) is
    logged and retried at later polls, waiting longer after each failure, up to ``MAX_BACKOFF`` seconds.
    """
    if interval <= 0:
        raise ValueError(f"interval must be positive, got {interval}")
    stop = stop or threading.Event()
    settle = min(SETTLE_SECONDS, interval)
    done: dict[str, tuple[int, int, int]] | None = None
    failures = 0
    while not stop.is_set():
        try:
            seen = _settled_signature(corpus_dir, done, settle, stop)
            if seen != done and not stop.is_set():
                try:
                    update()
                    done, failures = seen, 0
                except IndexLockedError as exc:
                    log.info("%s; trying again in %.0f s", exc, interval)
                except NewsQAError as exc:
                    log.warning("could not update the index: %s", exc)
                    done = seen
        except Exception:  # noqa: BLE001 - the watch outlives any failure; the traceback goes to the log
            failures += 1
            log.exception("updating the index failed (attempt %d); trying again in %.0f s", failures, _backoff(interval, failures))
            stop.wait(_backoff(interval, failures) - interval)
        stop.wait(interval)


def _backoff(interval: float, failures: int) -> float:
    """Seconds before the next try after ``failures`` failures in a row: doubling from ``interval``."""
    return min(MAX_BACKOFF, interval * 2 ** min(failures - 1, 16)) if failures else interval


def _settled_signature(corpus_dir: Path | str, done: dict | None, settle: float, stop: threading.Event) -> dict[str, tuple[int, int, int]]:
    """The folder's signature once it looks the same twice ``settle`` seconds apart (a file being copied finishes first)."""
    seen = folder_signature(corpus_dir)
    for _ in range(SETTLE_TRIES):
        if seen == done or stop.wait(settle):
            break
        again = folder_signature(corpus_dir)
        if again == seen:
            break
        seen = again
    return seen


def watch_index(
    index_dir: Path | str,
    corpus_dir: Path | str,
    embedder=None,  # noqa: ANN001 - an index.embed.Embedder, or None for the index's own
    interval: float = DEFAULT_INTERVAL,
    stop: threading.Event | None = None,
    on_update: Callable[[object], None] | None = None,
) -> None:
    """Keep the index folder ``index_dir`` in sync with ``corpus_dir`` (no QA object needed; see ``QA.watch``)."""
    from index.update import update_from_folder

    state: dict[str, object] = {}

    def update() -> None:
        index, report = update_from_folder(index_dir, corpus_dir, embedder, base=state.get("index"))
        state["index"] = index
        if (report.changes or report.skipped) and on_update:
            on_update(report)

    watch_folder(corpus_dir, update, interval, stop)
