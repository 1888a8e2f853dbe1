"""How this CPU multiplies int8: ``exact_int8`` gives integer products that are exact on every CPU."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import index.runtime as runtime
from index.runtime import cpu_session, exact_int8

pytestmark = pytest.mark.unit


def _product(weights: np.ndarray, zero_point: np.ndarray) -> onnx.ModelProto:
    """``y = x @ (weights - zero_point)`` in integers, as ``quantize_dynamic`` writes a weight's product."""
    k, n = weights.shape
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["x", "w", "x_zero", "w_zero"], ["y"])],
        "product",
        [helper.make_tensor_value_info("x", TensorProto.UINT8, [1, k])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [1, n])],
        [
            numpy_helper.from_array(weights, "w"),
            numpy_helper.from_array(np.array(0, dtype=np.uint8), "x_zero"),
            numpy_helper.from_array(zero_point, "w_zero"),
        ],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def test_uint8_weights_multiply_exactly_where_int8_ones_may_saturate(monkeypatch):
    """Large activations times large weights: pairs of these products overflow 16 bits, as ONNX
    Runtime adds them on a CPU without VNNI; the weights stored as uint8 give the exact product."""
    rng = np.random.default_rng(7)
    weights = rng.integers(100, 128, size=(64, 8), dtype=np.int8)
    weights[:, ::2] *= -1
    zero_point = np.arange(8, dtype=np.int8) - 3
    x = np.full((1, 64), 250, dtype=np.uint8)
    exact = x.astype(np.int64) @ (weights.astype(np.int64) - zero_point.astype(np.int64))

    monkeypatch.setattr(runtime, "has_vnni", lambda: False)
    model = exact_int8(_product(weights, zero_point))
    stored = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    assert stored["w"].dtype == np.uint8 and stored["w_zero"].dtype == np.uint8
    assert np.array_equal(stored["w"].astype(np.int64) - stored["w_zero"].astype(np.int64), weights.astype(np.int64) - zero_point.astype(np.int64))
    (y,) = cpu_session(model.SerializeToString(), 1).run(None, {"x": x})
    assert np.array_equal(y, exact)


def test_a_cpu_with_vnni_keeps_the_int8_weights(monkeypatch):
    monkeypatch.setattr(runtime, "has_vnni", lambda: True)
    model = _product(np.ones((4, 2), dtype=np.int8), np.zeros(2, dtype=np.int8))
    before = model.SerializeToString()
    assert exact_int8(model).SerializeToString() == before



@pytest.mark.skipif(not Path("/proc/cpuinfo").is_file(), reason="reads the flags Linux reports")
def test_vnni_is_read_from_the_flags_this_cpu_reports():
    """A virtual CPU may report VNNI yet match only a generic microarchitecture that lacks it; the
    slower uint8 products would then be chosen for nothing."""
    runtime.has_vnni.cache_clear()
    flags = {word for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags") for word in line.split(":", 1)[1].split()}
    assert runtime.has_vnni() == bool({"avx512_vnni", "avx_vnni"} & flags)
