"""Embedders: the ONNX int8 path agrees with sentence-transformers, keeps order, normalises, handles edge cases."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from index.embed import DIM, EMBEDDERS, OnnxEmbedder, OnnxInt8Embedder, SentenceTransformerEmbedder, get_embedder, length_batches, pad_rows
from index.errors import NewsQAError

SQUAD11 = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "squad" / "dev-v1.1.json.gz"
TEXTS = [
    "Kishida and Yoon met in Tokyo.",
    "",
    "A much longer sentence about a summit in Moscow, where Xi Jinping and Vladimir Putin talked for three days "
    "about trade, energy, Ukraine and what they call a multipolar world order.",
    "Short.",
    "AUKUS submarines",
]


@pytest.fixture(scope="module", params=["onnx", "int8"])
def onnx(request) -> OnnxEmbedder:
    """Each ONNX embedder: the packaged model as it is, and its int8-compute copy."""
    return get_embedder(request.param)


@pytest.fixture(scope="module")
def st() -> SentenceTransformerEmbedder:
    return get_embedder("st")


@pytest.mark.unit
def test_registered_under_its_name_and_alias(onnx):
    assert OnnxEmbedder.name in EMBEDDERS and SentenceTransformerEmbedder.name in EMBEDDERS
    assert isinstance(onnx, OnnxEmbedder)
    assert get_embedder(onnx.name) is onnx
    assert onnx.dim == DIM


@pytest.mark.unit
def test_unknown_embedder_is_refused():
    with pytest.raises(NewsQAError, match="unknown embedder"):
        get_embedder("no/such-model")


def test_vectors_are_unit_length_float32(onnx):
    vectors = onnx.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input(onnx):
    assert onnx.embed([]).shape == (0, DIM)


def test_sorting_by_length_keeps_input_order(onnx):
    """Batched rows (texts of one length together) equal the texts embedded one at a time.

    The int8 model quantises activations per batch, so a row moves a little with its batch-mates:
    there each row must still be nearest to its own text.
    """
    batched = onnx.embed(TEXTS, batch_size=2)
    single = np.stack([onnx.embed([t])[0] for t in TEXTS])
    reversed_rows = onnx.embed(TEXTS[::-1], batch_size=3)[::-1]
    floor = 0.97 if isinstance(onnx, OnnxInt8Embedder) else 0.9999
    for rows in (batched, reversed_rows):
        agreement = rows @ single.T
        assert list(agreement.argmax(axis=1)) == list(range(len(TEXTS)))
        assert np.diag(agreement).min() > floor


def test_truncates_at_the_models_max_sequence_length(onnx):
    assert onnx.max_seq_length == 256
    long_text = "word " * 1000
    assert onnx.token_counts([long_text, "two words"]) == [256, 4]
    assert onnx.embed([long_text]).shape == (1, DIM)


def test_bad_settings_are_refused(onnx, monkeypatch):
    with pytest.raises(ValueError):
        OnnxEmbedder(threads=0)
    with pytest.raises(ValueError):
        onnx.embed(["x"], batch_size=0)
    monkeypatch.setenv("QA_EMBED_THREADS", "many")
    with pytest.raises(NewsQAError, match="QA_EMBED_THREADS"):
        OnnxEmbedder()
    monkeypatch.setenv("QA_EMBED_THREADS", "1")
    assert OnnxEmbedder().threads == 1


def test_interchangeable_with_sentence_transformers_on_short_texts(onnx, st):
    """Short texts (questions) lose most to int8 activations: 0.979 for the empty text; 0.99 for the exact models."""
    cosine = np.sum(onnx.embed(TEXTS) * st.embed(TEXTS), axis=1)
    assert cosine.min() >= (0.97 if isinstance(onnx, OnnxInt8Embedder) else 0.99)


@pytest.mark.slow
@pytest.mark.skipif(not SQUAD11.exists(), reason="SQuAD v1.1 dev is not beside the repository")
def test_interchangeable_with_sentence_transformers_on_squad_paragraphs(onnx, st):
    """Cosine >= 0.99 for each of 200 SQuAD paragraphs spread over the file (bench/embedders.py checks all 2,067)."""
    data = json.loads(gzip.decompress(SQUAD11.read_bytes()))["data"]
    paragraphs = [p["context"] for article in data for p in article["paragraphs"]]
    sample = paragraphs[:: max(1, len(paragraphs) // 200)][:200]
    cosine = np.sum(onnx.embed(sample) * st.embed(sample), axis=1)
    assert len(sample) == 200
    assert cosine.min() >= 0.99, f"lowest cosine {cosine.min():.4f} at paragraph {int(cosine.argmin())}"


def test_the_int8_model_is_prepared_once_and_cached(tmp_path, monkeypatch):
    """A fresh cache gets one prepared file; a second embedder reuses it; its products run in int8."""
    import onnx as onnx_lib

    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    first = OnnxInt8Embedder().model_path()
    assert first.parent == tmp_path and [p.name for p in tmp_path.iterdir()] == [first.name]
    stamp = first.stat().st_mtime_ns
    assert OnnxInt8Embedder().model_path() == first and first.stat().st_mtime_ns == stamp
    graph = onnx_lib.load(str(first)).graph
    ops = [node.op_type for node in graph.node]
    assert ops.count("QAttention") == 6 and ops.count("Gelu") == 6  # index.fusions matched every layer
    assert ops.count("DynamicQuantizeMatMul") + ops.count("MatMulInteger") >= 18  # attention out, FFN in, FFN out: x6
    weights = {init.name for init in graph.initializer}
    assert not [n.name for n in graph.node if n.op_type == "MatMul" and n.input[1] in weights], "a product with a weight left in fp32"
    assert ops.count("ReduceMax") == 6  # FFN out: quantised per row
    assert "IsNaN" not in ops


def test_a_cpu_without_vnni_gets_the_int8_model_with_uint8_weights(tmp_path, monkeypatch):
    """Prepared for a CPU without VNNI, the model keeps its products in integers, their weights as
    uint8 (exact there; ``index.runtime.exact_int8``), in a cache file of its own."""
    import onnx as onnx_lib
    from onnx import TensorProto

    import index.quantize
    import index.runtime

    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    for module in (index.runtime, index.quantize):
        monkeypatch.setattr(module, "has_vnni", lambda: False)
    path = OnnxInt8Embedder().model_path()
    assert path.name.endswith("-u8.onnx")
    graph = onnx_lib.load(str(path)).graph
    types = {init.name: init.data_type for init in graph.initializer}
    weights = [node.input[1] for node in graph.node if node.op_type in ("MatMulInteger", "QAttention")]
    assert len(weights) >= 24 and {types[w] for w in weights} == {TensorProto.UINT8}


@pytest.mark.unit
def test_scale_rows_keeps_the_product():
    """(x / r) @ w * r is x @ w; a row of zeros stays zero (no division by zero)."""
    import onnx as onnx_lib
    from onnx import TensorProto, helper, numpy_helper

    from index.quantize import scale_rows

    rng = np.random.default_rng(0)
    w = rng.normal(size=(6, 3)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="product")], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 6])], [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4, 3])],
        [numpy_helper.from_array(w, "w")],
    )
    for opset in (13, 18):
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = 8
        scale_rows(model, ["product"])
        onnx_lib.checker.check_model(model)
        x = rng.normal(size=(4, 6)).astype(np.float32) * np.array([[1000], [1], [0.001], [0]], dtype=np.float32)
        np.testing.assert_allclose(_run_graph(model, {"x": x}), x @ w, rtol=1e-5, atol=1e-6)


def test_fusions_keep_what_the_model_computes(tmp_path):
    """The fp32 graph with fused attention and GELU gives the same token vectors as the exported one, padding included."""
    import copy

    from index.fusions import fuse_attention, fuse_gelu
    from index.quantize import NUM_HEADS, drop_softmax_nan_guards, fp32_model

    packaged = get_embedder("onnx")
    exported = fp32_model(packaged.model_path(), tmp_path)
    drop_softmax_nan_guards(exported.graph)
    fused = copy.deepcopy(exported)
    assert fuse_attention(fused, num_heads=NUM_HEADS) == 6 and fuse_gelu(fused) == 6
    assert not {"Softmax", "Erf", "Transpose"} & {node.op_type for node in fused.graph.node}
    ids, mask = pad_rows([packaged.tokenizer.encode(text).ids for text in TEXTS])
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    before, after = (_run_graph(m, feed) for m in (exported, fused))
    np.testing.assert_allclose(after[mask == 1], before[mask == 1], atol=2e-4)


def test_no_batch_is_padded(onnx, monkeypatch):
    texts = [f"{t} number {i}" for i in range(20) for t in TEXTS]  # more than the int8 embedder embeds one by one
    widths, run = [], onnx._run
    monkeypatch.setattr(onnx, "_run", lambda rows: widths.append({len(row) for row in rows}) or run(rows))
    vectors = onnx.embed(texts, batch_size=8)
    assert vectors.shape == (len(texts), DIM) and len(widths) < len(texts) and all(len(w) == 1 for w in widths)


@pytest.mark.unit
def test_length_batches_never_pad():
    """Each batch holds texts of one length, longest first, within both caps; every text is in exactly one batch."""
    lengths = [5, 9, 5, 200, 9, 9, 1, 5, 200, 9]
    batches = length_batches(lengths, batch_size=2, tokens_per_batch=300)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert [[lengths[i] for i in batch] for batch in batches] == [[200], [200], [9, 9], [9, 9], [5, 5], [5], [1]]
    assert batches[2:4] == [[1, 4], [5, 9]]  # ties keep input order
    assert length_batches([], 8, 100) == []


@pytest.mark.unit
def test_gelu_is_fused_only_where_it_is_gelu():
    """x * (0.5 * (1 + erf(x / sqrt 2))) becomes one Gelu with the same values; dividing by 2 instead is left alone."""
    from onnx import TensorProto, helper, numpy_helper

    from index.fusions import fuse_gelu

    def model(divisor: float):  # noqa: ANN202 - onnx.ModelProto
        nodes = [
            helper.make_node("Div", ["x", "divisor"], ["scaled"]),
            helper.make_node("Erf", ["scaled"], ["erf"]),
            helper.make_node("Add", ["erf", "one"], ["plus_one"]),
            helper.make_node("Mul", ["half", "plus_one"], ["halved"]),
            helper.make_node("Mul", ["x", "halved"], ["y"]),
        ]
        constants = [numpy_helper.from_array(np.array(v, dtype=np.float32), n) for n, v in (("divisor", divisor), ("one", 1.0), ("half", 0.5))]
        io = lambda name: helper.make_tensor_value_info(name, TensorProto.FLOAT, [4])  # noqa: E731
        return helper.make_model(helper.make_graph(nodes, "g", [io("x")], [io("y")], constants), opset_imports=[helper.make_opsetid("", 17)])

    x = np.array([-3.0, -0.5, 0.0, 2.0], dtype=np.float32)
    gelu = model(float(np.sqrt(2)))
    expected = _run_graph(gelu, {"x": x})
    assert fuse_gelu(gelu) == 1 and [n.op_type for n in gelu.graph.node] == ["Gelu"]
    np.testing.assert_allclose(_run_graph(gelu, {"x": x}), expected, atol=1e-6)
    other = model(2.0)
    assert fuse_gelu(other) == 0 and len(other.graph.node) == 5


def _run_graph(model, feed: dict[str, np.ndarray]) -> np.ndarray:  # noqa: ANN001 - onnx.ModelProto
    import onnxruntime

    return onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, feed)[0]


def test_vectors_do_not_depend_on_the_threads():
    """Batches run side by side; which texts share a batch depends on the texts only."""
    texts = [f"{t} number {i}" for i in range(40) for t in TEXTS]
    np.testing.assert_array_equal(OnnxInt8Embedder(threads=1).embed(texts, batch_size=8), OnnxInt8Embedder(threads=2).embed(texts, batch_size=8))


@pytest.mark.unit
def test_softmax_nan_guards_are_found_and_only_they(tmp_path):
    import onnx as onnx_lib
    from onnx import TensorProto, helper

    from index.quantize import drop_softmax_nan_guards

    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    nodes = [
        helper.make_node("Softmax", ["x"], ["p"]),
        helper.make_node("IsNaN", ["p"], ["nan"]),
        helper.make_node("Where", ["nan", "zero", "p"], ["guarded"]),
        helper.make_node("IsNaN", ["x"], ["xnan"]),
        helper.make_node("Where", ["xnan", "zero", "x"], ["y"]),  # not after a softmax: kept
        helper.make_node("Add", ["guarded", "y"], ["out"]),
    ]
    io = lambda name: helper.make_tensor_value_info(name, TensorProto.FLOAT, [2, 3])  # noqa: E731
    graph = helper.make_graph(nodes, "g", [io("x")], [io("out")], [zero])
    assert drop_softmax_nan_guards(graph) == 1
    assert [n.op_type for n in graph.node] == ["Softmax", "IsNaN", "Where", "Add"]
    assert list(graph.node[-1].input) == ["p", "y"]
    onnx_lib.checker.check_graph(graph)


def test_int8_query_time_vectors_depend_on_the_text_alone():
    """A question or a sentence gets the same vector whatever it is embedded with (answers do not depend on history)."""
    int8 = get_embedder("int8")
    alone = np.stack([int8.embed([t])[0] for t in TEXTS])
    np.testing.assert_array_equal(int8.embed(TEXTS), alone)
    np.testing.assert_array_equal(int8.embed(TEXTS[::-1])[::-1], alone)


@pytest.mark.unit
def test_an_unwritable_cache_says_what_to_do(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QA_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(NewsQAError, match="QA_CACHE_DIR"):
        OnnxInt8Embedder().model_path()
