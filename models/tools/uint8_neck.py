#!/usr/bin/env python3
"""Two rewrites of a QDQ-quantized DBNet neck (PP-OCRv4 det) that leave its arithmetic as it was and move less data.

1. A Concat whose output is quantized is fed quantized inputs instead: QuantizeLinear is elementwise, so
   Q(Concat(a, b, ...)) = Concat(Q(a), Q(b), ...) with the same scale and zero point. The neck's concatenation of four
   1/4-resolution maps then moves uint8 instead of float: a quarter of the bytes, bit for bit the same uint8 tensor.
   (Moving the quantization in front of the nearest-neighbour upsamplings too, which commute with it, was slower:
   ONNX Runtime's uint8 Resize took 2.2 ms where its float Resize took 0.8, at 768x1312.)
2. The neck's residual squeeze-and-excitation blocks compute x + x * s, s a per-channel (1 x 1) map; the rewrite
   computes x * (1 + s): one pass over the full-size map instead of two, (1 + s) on the 1 x 1 map. Equal up to
   float rounding (one unit in the last place), so a uint8 value after it may differ by one at a rounding edge.

Usage: uint8_neck.py IN.onnx OUT.onnx  (quantize_qdq.py fold-quantize ... --uint8-neck runs it last)
Needs python3 with onnx and numpy (Debian: python3-onnx python3-numpy, run with /usr/bin/python3).
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


class Graph:
    def __init__(self, model):
        self.g = model.graph
        self.inits = {i.name for i in self.g.initializer}

    def producer(self, tensor):
        return next((n for n in self.g.node if tensor in n.output), None)

    def readers(self, tensor):
        return [n for n in self.g.node if tensor in n.input]

    def is_graph_output(self, tensor):
        return any(o.name == tensor for o in self.g.output)

    def const(self, name, array):
        self.g.initializer.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        self.inits.add(name)
        return name

    def replace_node(self, old, new_nodes):
        index = list(self.g.node).index(old)
        self.g.node.remove(old)
        for k, n in enumerate(new_nodes):
            self.g.node.insert(index + k, n)


def quantized_concat_inputs(graph):
    """Rewrite 1: every Concat read only by one QuantizeLinear gets quantized inputs."""
    count = 0
    for concat in [n for n in graph.g.node if n.op_type == "Concat"]:
        readers = graph.readers(concat.output[0])
        if len(readers) != 1 or readers[0].op_type != "QuantizeLinear" or graph.is_graph_output(concat.output[0]):
            continue
        q = readers[0]
        scale, zero = q.input[1], q.input[2]
        if not _scalar(graph, scale):
            continue  # a per-channel quantization along the concatenated axis would not split this way
        new_inputs = []
        for k, x in enumerate(concat.input):
            quantized = f"{concat.output[0]}_in{k}_q"
            graph.replace_node(concat, [helper.make_node("QuantizeLinear", [x, scale, zero], [quantized],
                                                         name=quantized + "_Q"), concat])
            new_inputs.append(quantized)
        u8_concat = helper.make_node("Concat", new_inputs, [q.output[0]], name=concat.name + "_u8", axis=_attr(concat, "axis", 1))
        graph.g.node.remove(q)
        graph.replace_node(concat, [u8_concat])
        count += 1
    return count


def scaled_residuals(graph):
    """Rewrite 2: Add(x, Mul(x, s)), s read from a 1 x 1 map, becomes Mul(x, Add(s, 1))."""
    count = 0
    for add in [n for n in graph.g.node if n.op_type == "Add"]:
        for x_slot in (0, 1):
            x, m = add.input[x_slot], add.input[1 - x_slot]
            mul = graph.producer(m)
            if mul is None or mul.op_type != "Mul" or x not in mul.input or len(graph.readers(m)) != 1:
                continue
            s = mul.input[1] if mul.input[0] == x else mul.input[0]
            if s == x or not _pooled(graph, s):
                continue
            one = graph.const(add.output[0] + "_one", np.array(1.0, dtype=np.float32))
            gain = add.output[0] + "_gain"
            plus_one = helper.make_node("Add", [s, one], [gain], name=gain + "_Add")
            scaled = helper.make_node("Mul", [x, gain], [add.output[0]], name=add.name + "_scaled")
            graph.g.node.remove(mul)
            graph.replace_node(add, [plus_one, scaled])
            count += 1
            break
    return count


def _pooled(graph, tensor):
    """Whether tensor is computed from a GlobalAveragePool's output only (and constants): a 1 x 1 map."""
    n = graph.producer(tensor)
    seen = 0
    while n is not None and seen < 12:
        if n.op_type == "GlobalAveragePool":
            return True
        data = [i for i in n.input if i and not _constant(graph, i)]
        if len(data) != 1:
            return False
        n = graph.producer(data[0])
        seen += 1
    return False


def _constant(graph, tensor):
    """An initializer, or computed from initializers only (a quantized weight's DequantizeLinear)."""
    if tensor in graph.inits:
        return True
    n = graph.producer(tensor)
    return n is not None and all(not i or i in graph.inits for i in n.input)


def _scalar(graph, tensor):
    """Whether tensor is an initializer holding one value."""
    init = next((i for i in graph.g.initializer if i.name == tensor), None)
    return init is not None and numpy_helper.to_array(init).size == 1


def _attr(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def rewrite(model):
    graph = Graph(model)
    counts = {"concats fed uint8": quantized_concat_inputs(graph), "residuals as x * (1 + s)": scaled_residuals(graph)}
    onnx.checker.check_model(model)
    print("uint8 neck:", counts, file=sys.stderr)
    return model


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    onnx.save(rewrite(onnx.load(sys.argv[1])), sys.argv[2])
