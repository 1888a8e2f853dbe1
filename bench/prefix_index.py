"""An index of the first articles of the RealTimeQA corpus, up to N passages, from the vector shards of a whole-corpus build.

    .venv/bin/python bench/prefix_index.py --passages 100000 --out .qa-index-eval/realtimeqa-100k-int8

The whole-corpus build (``qa eval ../shared/eval/realtimeqa/questions_dev.jsonl --index
.qa-index-eval/realtimeqa-int8``) checkpoints passage vectors in shards of 2,048, in corpus
order. An index of the corpus's first articles embeds the same texts in the same order, so it
loads those shards instead of embedding again (only the last, partial shard is embedded): a
100k-passage index for ``bench/query_latency.py`` and ``bench/faiss_search.py`` in minutes,
even while the whole build is still running.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = Path("../shared/eval/realtimeqa/corpus.jsonl.gz")


def main(argv: list[str] | None = None) -> None:
    from index.checkpoint import CheckpointedEmbedder
    from index.chunk import chunk
    from index.update import build_index, save_index
    from index.embed import get_embedder
    from index.load import load_file
    from index.types import ChunkSettings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, required=True, help="stop adding articles once this many passages are in")
    parser.add_argument("--out", type=Path, required=True, help="the index folder to write")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--shards", type=Path, default=Path(".qa-index-eval/realtimeqa-int8.vectors"), help="the whole build's INDEX.vectors")
    parser.add_argument("--embedder", default="int8")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    chunking = ChunkSettings()
    documents, passages = [], 0
    for doc in load_file(args.corpus, args.corpus.parent):
        if passages >= args.passages:
            break
        documents.append(doc)
        passages += len(chunk(doc, size=chunking.size, overlap=chunking.overlap))
    embedder = CheckpointedEmbedder(get_embedder(args.embedder), args.shards)
    before = set(embedder.folder.glob("shard-*.npy"))
    try:
        index = build_index(documents, embedder, chunking, corpus=str(args.corpus), progress=True)
    finally:  # the prefix's own last shard is not one of the whole build's: leave the build's folder as it was
        for shard in set(embedder.folder.glob("shard-*.npy")) - before:
            shard.unlink()
    save_index(index, args.out)
    print(
        f"{args.out}: {len(documents)} articles, {len(index)} passages, {embedder.loaded} vectors from shards, "
        f"{embedder.embedded} embedded, {time.perf_counter() - start:.0f} s; dense: "
        f"{', '.join(sorted({s.dense.description for s in index.segments}))}"
    )


if __name__ == "__main__":
    main()
