"""Hand fusions of the packaged MiniLM graph into ONNX Runtime's transformer operators.

The package's graph comes from PyTorch's dynamo exporter, whose attention and GELU patterns ONNX
Runtime's own fusions do not recognise. Here each attention block (Q, K, V projections, scaled
scores, key mask, softmax, context) becomes one ``com.microsoft.Attention`` node, which
``quantize_dynamic`` turns into ``QAttention`` (the three projections as one int8 product), and
each ``x * 0.5 * (1 + erf(x / sqrt 2))`` becomes one ``com.microsoft.Gelu``. The same function in
exact arithmetic, in fewer and fused kernels (docs/log.md, 2026-12-01, recipe 3).
A block that does not have the expected shape is left as it is. The reader's graph goes the
other way: its fused layer norms are written out (``split_skip_layer_norms``).
"""

from __future__ import annotations

import numpy as np
from onnx import GraphProto, ModelProto, NodeProto, TensorProto, helper, numpy_helper

MS_DOMAIN = "com.microsoft"


class _Graph:
    """Who makes and who reads each value of a graph, and its constant tensors."""

    def __init__(self, graph: GraphProto) -> None:
        self.producer = {out: node for node in graph.node for out in node.output}
        self.consumers: dict[str, list[NodeProto]] = {}
        for node in graph.node:
            for name in node.input:
                self.consumers.setdefault(name, []).append(node)
        self.constants = {init.name: numpy_helper.to_array(init) for init in graph.initializer}

    def only_reader(self, name: str, op_type: str) -> NodeProto:
        readers = self.consumers.get(name, [])
        if len(readers) != 1 or readers[0].op_type != op_type:
            raise _NoMatch
        return readers[0]

    def constant_of(self, node: NodeProto) -> tuple[np.ndarray | None, str]:
        """A two-input node's constant input (or None) and its other input."""
        if len(node.input) == 2:
            for at in (0, 1):
                if node.input[at] in self.constants:
                    return self.constants[node.input[at]], node.input[1 - at]
        return None, node.input[0] if node.input else ""

    def projection(self, name: str) -> tuple[str, np.ndarray, np.ndarray, float]:
        """Walk up from ``name`` through reshapes, transposes, a bias and scalings to a product with a weight:
        the product's input, its weight, the bias added and the scale applied after it."""
        bias, scale = None, 1.0
        node = self.producer.get(name)
        while node is not None:
            constant, other = self.constant_of(node)
            if node.op_type == "MatMul" and node.input[1] in self.constants and bias is not None:
                return node.input[0], self.constants[node.input[1]], bias, scale
            if node.op_type == "Add" and constant is not None and bias is None:
                bias = constant
            elif node.op_type == "Mul" and constant is not None and constant.size == 1:
                scale *= float(constant)
            elif node.op_type in ("Reshape", "Transpose"):
                other = node.input[0]
            else:
                break
            node = self.producer.get(other)
        raise _NoMatch

    def scalar_is(self, node: NodeProto, op_type: str, value: float) -> bool:
        constant, _ = self.constant_of(node)
        return node.op_type == op_type and constant is not None and constant.size == 1 and bool(np.isclose(float(constant), value, rtol=1e-4))


class _NoMatch(Exception):
    """A block is not the expected pattern; it stays unfused."""


def fuse_attention(model: ModelProto, num_heads: int, mask_input: str = "attention_mask") -> int:
    """Replace each self-attention block with one ``Attention`` node; return how many were fused."""
    graph, fused = model.graph, 0
    mask = f"{mask_input}/int32"
    if mask_input not in {value.name for value in graph.input}:
        return 0
    for softmax in [node for node in graph.node if node.op_type == "Softmax"]:
        g = _Graph(graph)
        try:
            masked = g.producer[softmax.input[0]]
            scores = g.producer[masked.input[0]]
            weighted = g.only_reader(softmax.output[0], "MatMul")
            merged = g.only_reader(g.only_reader(weighted.output[0], "Transpose").output[0], "Reshape")
            x, wq, bq, sq = g.projection(scores.input[0])
            xk, wk, bk, sk = g.projection(scores.input[1])
            xv, wv, bv, sv = g.projection(weighted.input[1])
        except (_NoMatch, KeyError, IndexError):
            continue
        if masked.op_type != "Add" or scores.op_type != "MatMul" or not x == xk == xv or sv != 1.0:
            continue
        tag = f"attention_{fused}"
        graph.initializer.extend([
            numpy_helper.from_array(np.concatenate([wq, wk, wv], axis=1).astype(np.float32), f"{tag}/qkv_weight"),
            numpy_helper.from_array(np.concatenate([bq, bk, bv]).astype(np.float32), f"{tag}/qkv_bias"),
        ])
        inputs = [x, f"{tag}/qkv_weight", f"{tag}/qkv_bias", mask]  # the mask: 1 for a real token, 0 for padding
        _replace(graph, merged, helper.make_node("Attention", inputs, [merged.output[0]], name=tag, domain=MS_DOMAIN, num_heads=num_heads, scale=sq * sk))
        fused += 1
    if fused:
        graph.node.insert(0, helper.make_node("Cast", [mask_input], [mask], to=TensorProto.INT32))
    return _finish(model, fused)


def fuse_gelu(model: ModelProto) -> int:
    """Replace each ``x * (0.5 * (1 + erf(x / sqrt 2)))`` with one ``Gelu`` node; return how many were fused."""
    graph, fused = model.graph, 0
    for erf in [node for node in graph.node if node.op_type == "Erf"]:
        g = _Graph(graph)
        try:
            div = g.producer[erf.input[0]]
            plus_one = g.only_reader(erf.output[0], "Add")
            half = g.only_reader(plus_one.output[0], "Mul")
            product = g.only_reader(half.output[0], "Mul")
        except (_NoMatch, KeyError):
            continue
        x = div.input[0]
        if not (div.input[1] in g.constants and g.scalar_is(div, "Div", np.sqrt(2)) and g.scalar_is(plus_one, "Add", 1) and g.scalar_is(half, "Mul", 0.5) and x in product.input):
            continue
        _replace(graph, product, helper.make_node("Gelu", [x], [product.output[0]], name=f"gelu_{fused}", domain=MS_DOMAIN))
        fused += 1
    return _finish(model, fused)


def _replace(graph: GraphProto, old: NodeProto, new: NodeProto) -> None:
    graph.node.insert(list(graph.node).index(old), new)
    graph.node.remove(old)


def _finish(model: ModelProto, fused: int) -> int:
    """Drop what nothing reads any more; declare the operator domain the fused nodes use."""
    if fused:
        prune(model.graph)
        if all(opset.domain != MS_DOMAIN for opset in model.opset_import):
            model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return fused


def prune(graph: GraphProto) -> None:
    """Remove the nodes and constants the graph's outputs do not depend on."""
    wanted, kept = {out.name for out in graph.output}, []
    for node in reversed(graph.node):
        if any(out in wanted for out in node.output):
            kept.append(node)
            wanted.update(node.input)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    used = [init for init in graph.initializer if init.name in wanted]
    del graph.initializer[:]
    graph.initializer.extend(used)


def split_skip_layer_norms(model: ModelProto) -> ModelProto:
    """The model with each fused ``SkipLayerNormalization`` written out as ``Add`` (+ bias) and ``LayerNormalization``.

    Same arithmetic, but ONNX Runtime's CPU kernel for the fused node is slow: written out, a window
    reads faster (docs/log.md, 2026-11-30). The session must then not fuse them back.
    """
    nodes = []
    for node in model.graph.node:
        if node.op_type != "SkipLayerNormalization" or len([o for o in node.output if o]) != 1:  # also outputs its mean etc.: kept
            nodes.append(node)
            continue
        x, skip, gamma, beta, *rest = node.input
        epsilon = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "epsilon"), 1e-12)
        if rest and rest[0]:  # the bias of the product before it
            nodes.append(helper.make_node("Add", [x, rest[0]], [f"{node.name}/biased"]))
            x = f"{node.name}/biased"
        nodes.append(helper.make_node("Add", [x, skip], [f"{node.name}/sum"]))
        nodes.append(helper.make_node("LayerNormalization", [f"{node.name}/sum", gamma, beta], [node.output[0]], axis=-1, epsilon=epsilon))
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    return model
