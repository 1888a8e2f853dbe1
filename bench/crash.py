"""Crash test at scale: kill an updating process with SIGKILL N times at random moments.

    python bench/crash.py [--kills 200] [--seed 1] [--max-delay 0.6]

After every kill the index must open, pass the consistency check (`qa index check`) and
hold exactly the documents of the state before or after the step that was running. Uses
the fake hashing embedder (bench/fake_embedder.py), so each kill loop takes about a second.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crash_driver import kill_loop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.6, help="longest wait before a kill, seconds")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = kill_loop(Path(tmp) / "idx", args.kills, args.seed, args.max_delay, log=(lambda line: None) if args.quiet else print)
    print(
        f"{args.kills} SIGKILLs in {time.perf_counter() - start:.0f} s: every time the index opened and passed the check; "
        f"{outcomes['before']} times in the state before the running step, {outcomes['after']} after it, "
        f"{outcomes['no index yet']} before the first commit; {outcomes['left garbage']} kills left a half-written "
        f"segment or manifest behind (ignored by readers, removed by the next writer); {outcomes['steps']} steps committed in all"
    )


if __name__ == "__main__":
    main()
