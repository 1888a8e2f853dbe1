"""Distributed embedding on a Ray cluster: the passages of a build embedded by a Ray Data actor pool.

Only the embedding leaves the process that runs the build: reading, chunking and writing the index
(to either backend) stay where they were, so ``RayEmbedder`` simply stands in for the embedder of
``index.update``. Each actor loads the embedder once and then embeds one checkpoint shard per call;
the shards come back to the build, which saves them as ``CheckpointedEmbedder`` does (an
interrupted build resumes, and only the missing shards go to the cluster).

Vectors do not depend on the workers. The int8 model quantises activations per batch, so a text's
vector moves slightly with its batch-mates; here a shard is always embedded by one ``embed`` call,
whose batches depend on the shard's texts only (``index.embed.length_batches``). Shards are cut at
multiples of the embedder's tokenizing window (``OnnxEmbedder.WINDOW``), where a single ``embed``
call over every text starts a new window anyway, and a short remainder joins the shard before it
(a call of at most ``ALONE_UP_TO`` texts embeds each text alone); so a Ray build gives the very
vectors of a single-process build on the same kind of CPU. A different CPU may run the int8
kernels with other instructions, which can change the last bits. An embedder without such a window
(sentence-transformers) is sharded by ``DEFAULT_SHARD_SIZE``; its batches are those of a
single-process ``CheckpointedEmbedder`` of the same shards, its vectors too up to PyTorch's
rounding, which may depend on the threads (not tested).

Ray is an optional extra (``pip install 'newsqa[ray]'``); nothing imports it unless a build asks for it.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from index.checkpoint import DEFAULT_SHARD_SIZE, CheckpointedEmbedder, checkpoint_folder, model_id
from index.embed import Embedder
from index.errors import NewsQAError

log = logging.getLogger(__name__)


class RayEmbedder(CheckpointedEmbedder):
    """``CheckpointedEmbedder`` whose missing shards are embedded on the Ray cluster at ``address``.

    ``address``: what ``ray.init`` takes: ``auto`` (the cluster this machine belongs to) or the head's
    ``HOST:PORT``. When this process is already connected to Ray, that connection is used.
    ``actors``: embedders running at once (default: the cluster's CPUs divided by ``cpus_per_actor``).
    An actor whose model differs from this one (another version of newsqa on its machine) is refused.
    """

    def __init__(
        self, inner: Embedder, folder: Path | str, address: str, actors: int | None = None, cpus_per_actor: int = 1,
        shard_size: int | None = None,
    ) -> None:
        if not address or not address.strip():
            raise ValueError("a Ray address is needed: auto, or HOST:PORT of the cluster's head")
        if actors is not None and actors < 1:
            raise ValueError(f"actors must be at least 1, got {actors}")
        if cpus_per_actor < 1:
            raise ValueError(f"cpus_per_actor must be at least 1, got {cpus_per_actor}")
        window = getattr(inner, "WINDOW", None)
        if shard_size is None:
            shard_size = window or DEFAULT_SHARD_SIZE
        super().__init__(inner, folder, shard_size)
        self.address = address.strip()
        self.actors = actors
        self.cpus_per_actor = cpus_per_actor
        self.alone_up_to = getattr(inner, "ALONE_UP_TO", 0)
        self.workers: set[str] = set()  # host:pid of the actors that embedded shards in this process
        self.model_id = model_id(inner)

    def bounds(self, count: int) -> list[tuple[int, int]]:
        """Runs of ``shard_size`` texts, a last one of at most ``ALONE_UP_TO`` texts joined to the one before
        (alone, it would be embedded text by text, unlike the same texts at the end of one long call)."""
        bounds = super().bounds(count)
        if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] <= self.alone_up_to:
            bounds[-2:] = [(bounds[-2][0], count)]
        return bounds

    def embed_shards(self, shards: Sequence[Sequence[str]], batch_size: int) -> Iterator[tuple[int, np.ndarray]]:
        """Each shard embedded by one call on one actor of a pool, yielded as it comes back."""
        if not shards:
            return
        ray = _import_ray()
        started = _connect(ray, self.address)
        try:
            actors = self.actors or max(1, int(ray.cluster_resources().get("CPU", 1)) // self.cpus_per_actor)
            actors = min(actors, len(shards))
            log.info("embedding %d shards on %d Ray actors", len(shards), actors)
            items = [{"shard": number, "texts": list(part)} for number, part in enumerate(shards)]
            results = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
                ShardEmbedder,
                batch_size=1,
                batch_format="numpy",
                # one shard at a time per actor: a shard queued behind another on a busy actor would wait while others idle
                compute=ray.data.ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=1),
                fn_constructor_args=(self.inner.name, self.cpus_per_actor, batch_size),
                num_cpus=self.cpus_per_actor,
            )
            for row in results.iter_rows():
                if row["model"] != self.model_id:
                    raise NewsQAError(
                        f"the Ray worker {row['worker']} embeds with {row['model']}, this build with {self.model_id}: "
                        "install the same version of newsqa on every machine of the cluster"
                    )
                number = int(row["shard"])
                vectors = np.frombuffer(row["vectors"], dtype=np.float32).reshape(len(shards[number]), self.dim)
                self.workers.add(str(row["worker"]))
                yield number, vectors.copy()
        finally:
            if started:
                ray.shutdown()


def on_ray(model: Embedder, index_dir: Path | str, address: str, actors: int | None = None) -> RayEmbedder:
    """The embedder of a build of ``index_dir`` on the Ray cluster at ``address``, its shards kept in
    ``checkpoint_folder(index_dir)`` (what ``qa index build --ray`` and ``QA.build(ray_address=...)`` use)."""
    return RayEmbedder(model, checkpoint_folder(index_dir), address, actors=actors)


class ShardEmbedder:
    """A Ray Data actor: loads the embedder once, then embeds one shard (a row of texts) per call."""

    def __init__(self, name: str, threads: int, batch_size: int) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("QA_EMBED_THREADS", str(threads))  # the CPUs Ray gave this actor, not the machine's
        from index.embed import get_embedder

        self.model = get_embedder(name)
        self.batch_size = batch_size
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.model_id = model_id(self.model)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(text) for text in batch["texts"][0]]
        vectors = np.ascontiguousarray(self.model.embed(texts, batch_size=self.batch_size), dtype=np.float32)
        return {
            "shard": batch["shard"][:1],
            "vectors": np.array([vectors.tobytes()], dtype=object),
            "worker": np.array([self.worker]),
            "model": np.array([self.model_id]),
        }


def _import_ray():  # noqa: ANN202 - the ray module
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise NewsQAError("building on Ray needs the ray extra: run `pip install 'newsqa[ray]'`") from exc
    return ray


def _connect(ray, address: str) -> bool:  # noqa: ANN001 - the ray module
    """Connect to the cluster at ``address`` unless already connected; True if this call connected."""
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # Ray reports usage to its makers unless told not to
    if address != "auto":
        _check_reachable(address)
    try:
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise NewsQAError(f"cannot reach the Ray cluster at {address}: {exc} (on a machine of the cluster, try the address auto)") from exc
    return True


def _check_reachable(address: str, timeout: float = 10.0) -> None:
    """Refuse at once an address where nothing listens (Ray itself would keep retrying for minutes)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise NewsQAError(f"a Ray address is auto or HOST:PORT (the head's, 6379 unless it was started with --port), got {address!r}")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise NewsQAError(f"cannot reach the Ray cluster at {address}: {exc}; is its head running (`ray start --head`)?") from exc
