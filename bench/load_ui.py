"""Load test of the chatbot's HTTP API: N concurrent gradio_client clients asking for a fixed time.

    python bench/load_ui.py                          # starts `qa serve` on the seeds, 20 clients, 60 s
    python bench/load_ui.py --url http://127.0.0.1:7860/ --clients 20 --seconds 60
    python bench/load_ui.py --corpus BBC_DIR --questions ../shared/eval/bbc/questions_dev.jsonl --no-cache --seconds 600

Loopback only: it starts its own server on 127.0.0.1 (on a temporary copy of the index
unless --index is given), or targets one on this machine. Bounded: at most 64 clients
and 900 s. Prints p50/p95/max latency, calls/s and errors, and the resident memory of the
server it started (at the start, after a minute and at the end); --json writes them to a file.
The built-in questions repeat, so the server's answer cache serves most calls; --no-cache starts
the server with it off, to measure the cost of computing every answer; --questions takes the
questions from a JSONL file ("question" fields), each call asking the next one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_CLIENTS = 64
MAX_SECONDS = 900
QUESTIONS = [
    "How much was the AUKUS submarine deal worth?",
    "Where did Kishida and Yoon meet?",
    "Who is South Korea's president?",
    "What did North Korea stage last weekend?",
    "Why did Kishida have to go to Ukraine?",
    "What do Xi and Putin plan to continue in order to deepen military mutual trust?",
    "What is the GDP of Brazil?",
    "When did Russia invade Ukraine?",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "config", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no server answered at {url} within {timeout:.0f} s")


def start_server(corpus: Path, index: Path, port: int, cache: bool = True) -> subprocess.Popen:
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1", NO_PROXY="127.0.0.1,localhost")
    if not cache:
        env["QA_ANSWER_CACHE"] = "0"
    command = [sys.executable, "-c", "from qa.cli import app; app()", "serve", "--corpus", str(corpus), "--index", str(index), "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def rss_mb(pid: int) -> float | None:
    """The resident memory of process ``pid`` in MB (Linux /proc), None where it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def client_loop(
    url: str, questions: list[str], turns: itertools.count, deadline: float, latencies: list[float], errors: list[str], answered: list[bool], lock: threading.Lock, number: int
) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # noqa: BLE001 - counted, reported
        with lock:
            errors.append(f"client {number}: connect: {exc}")
        return
    while time.monotonic() < deadline:
        question = questions[next(turns) % len(questions)]
        start = time.perf_counter()
        try:
            answer = client.predict(question, [], api_name="/ask")
            ok = isinstance(answer, dict) and answer.get("question") == question
        except Exception as exc:  # noqa: BLE001 - counted, reported
            with lock:
                errors.append(f"client {number}: {type(exc).__name__}: {exc}")
            continue
        elapsed = time.perf_counter() - start
        with lock:
            if ok:
                latencies.append(elapsed)
                answered.append(bool(answer["answered"]))
            else:
                errors.append(f"client {number}: unexpected reply {str(answer)[:200]}")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def run(url: str, clients: int, seconds: float, questions: list[str], server: int | None = None) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    answered: list[bool] = []
    lock = threading.Lock()
    turns = itertools.count()
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=client_loop, args=(url, questions, turns, deadline, latencies, errors, answered, lock, n), daemon=True)
        for n in range(clients)
    ]
    memory = {"start": rss_mb(server)} if server else {}
    for thread in threads:
        thread.start()
    if server and seconds > 60:
        time.sleep(60)
        memory["after 60 s"] = rss_mb(server)
    for thread in threads:
        thread.join(timeout=seconds + 120)
    if server:
        memory["end"] = rss_mb(server)
    wall = time.monotonic() - started
    return {
        "server_rss_mb": memory,
        "clients": clients,
        "seconds": round(wall, 1),
        "calls": len(latencies),
        "errors": len(errors),
        "calls_per_second": round(len(latencies) / wall, 2),
        "p50_seconds": round(percentile(latencies, 50), 3),
        "p95_seconds": round(percentile(latencies, 95), 3),
        "max_seconds": round(max(latencies), 3) if latencies else None,
        "answered_share": round(sum(answered) / len(answered), 2) if answered else None,
        "first_errors": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running chatbot on this machine (default: start one)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds", help="corpus of the server this starts")
    parser.add_argument("--index", type=Path, help="index of the server this starts (default: a temporary one)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--no-cache", action="store_true", help="start the server with its answer cache off (every call computes)")
    parser.add_argument("--questions", type=Path, help="JSONL file of questions (\"question\" fields) to ask in turn (default: 8 about the seeds)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS:
        parser.error(f"--clients must be between 1 and {MAX_CLIENTS}")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be between 1 and {MAX_SECONDS}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

    process = None
    scratch = None
    if args.url:
        host = urlparse(args.url).hostname
        if host not in LOOPBACK:
            parser.error("--url must be on this machine (127.0.0.1 or localhost): this is a local benchmark")
        url = args.url.rstrip("/") + "/"
    else:
        if args.index is None:
            scratch = tempfile.TemporaryDirectory(prefix="qa-load-")
            args.index = Path(scratch.name) / "index"
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        print(f"starting the chatbot on {url} (building the index if needed) ...", file=sys.stderr)
        process = start_server(args.corpus, args.index, port, cache=not args.no_cache)
    try:
        wait_until_up(url, process)
        print(f"{args.clients} clients asking for {args.seconds:.0f} s ...", file=sys.stderr)
        questions = QUESTIONS
        if args.questions:
            questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
        figures = run(url, args.clients, args.seconds, questions, process.pid if process else None)
        figures["answer_cache"] = "unknown (external server)" if args.url else not args.no_cache
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if scratch is not None:
            scratch.cleanup()
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1))
    if figures["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
