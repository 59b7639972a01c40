#!/usr/bin/env python3
"""Rewrites an ONNX graph so ONNX Runtime runs it faster on the CPU, with the same arithmetic.

PaddleOCR's exported detectors (PP-OCRv4 det: PPLCNetV3 with "learnable affine blocks") carry, around every
convolution, per-tensor scale and shift nodes (Conv -> Mul(a) -> Add(b)) and hard-swish spelt out as four
nodes (Add 3, Clip 0..6, Mul, Div 6). ONNX Runtime fuses none of them: on a 960x544 input they took more than
half of the run (Add, Mul, Clip, Div and the layout reorders between them). This tool folds them away:

1. Conv -> Mul(const) -> Add(const), where the convolution's output has no other reader: the scale goes into
   the convolution's weights and bias, the shift into its bias (exact).
2. Add(x, 3) -> Clip(0, 6) -> Mul(x, .) -> Div(6) becomes one HardSwish node (opset 14; exact).
3. Mul(const) -> Add(const) in front of convolutions only (the block after an activation): the scale goes into
   every reading convolution's weights (exact, zero padding stays zero); the shift into the bias only where
   the convolution has no padding (a 1x1 or unpadded one), otherwise the Add stays (a padded border would
   differ).
4. Conv -> BatchNormalization (inference form) is folded into the convolution (exact).
5. Pad (constant 0, height and width only) read by convolutions only goes into their `pads` (exact: a
   convolution pads with zeros). TF.js graphs converted by tfjs_to_onnx.py (NanoDet) pad in a node of their own
   before every 3x3 convolution; folded, the quantizer puts its Q/DQ pair on the activation itself and ONNX
   Runtime sees DQ -> Conv -> Q, which it runs as one QLinearConv. (PP-OCRv4 det has no Pad node.)

Constant nodes become initializers first. Nothing else changes: inputs, outputs and their names stay.

Usage: fold_affine.py IN.onnx OUT.onnx
Needs python3 with onnx and numpy (Debian: python3-onnx python3-numpy, run with /usr/bin/python3).
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

HARDSWISH_OPSET = 14


class Graph:
    """The graph with look-ups by tensor name; edits keep them in step."""

    def __init__(self, model):
        self.model = model
        self.g = model.graph
        self._constants_to_initializers()
        self.inits = {i.name: i for i in self.g.initializer}
        self.outputs = {o.name for o in self.g.output}

    def _constants_to_initializers(self):
        keep = []
        for n in self.g.node:
            if n.op_type == "Constant" and len(n.attribute) == 1 and n.attribute[0].name == "value":
                t = onnx.TensorProto()
                t.CopyFrom(n.attribute[0].t)
                t.name = n.output[0]
                self.g.initializer.append(t)
            else:
                keep.append(n)
        del self.g.node[:]
        self.g.node.extend(keep)

    def readers(self, name):
        return [n for n in self.g.node if name in n.input]

    def producer(self, name):
        for n in self.g.node:
            if name in n.output:
                return n
        return None

    def const(self, name):
        t = self.inits.get(name)
        return None if t is None else numpy_helper.to_array(t)

    def set_const(self, name, array):
        t = numpy_helper.from_array(np.ascontiguousarray(array), name)
        if name in self.inits:
            self.inits[name].CopyFrom(t)
        else:
            self.g.initializer.append(t)
            self.inits[name] = self.g.initializer[-1]

    def only_reader(self, name):
        r = self.readers(name)
        return r[0] if len(r) == 1 and name not in self.outputs else None

    def rename_input(self, old, new):
        for n in self.g.node:
            for i, x in enumerate(n.input):
                if x == old:
                    n.input[i] = new

    def remove(self, node):
        self.g.node.remove(node)

    def drop_unused_initializers(self):
        used = {x for n in self.g.node for x in n.input}
        for t in list(self.g.initializer):
            if t.name not in used:
                self.g.initializer.remove(t)
                self.inits.pop(t.name, None)


def const_operand(graph, node):
    """(constant array, other input name) of a binary node with one constant operand, else (None, None)."""
    a, b = node.input
    ca, cb = graph.const(a), graph.const(b)
    if ca is not None and cb is None:
        return ca, b
    if cb is not None and ca is None:
        return cb, a
    return None, None


def per_channel(array, channels):
    """A scalar or per-channel ([C], [1,C,1,1] or [C,1,1]) constant as a [C] vector, else None."""
    flat = np.asarray(array, dtype=np.float32)
    if flat.size == 1:
        return np.full(channels, flat.reshape(()), dtype=np.float32)
    if flat.size == channels and (flat.ndim == 1 or (flat.ndim >= 3 and flat.shape[-3] == channels)):
        return flat.reshape(channels)
    return None


def conv_bias(graph, conv, channels):
    if len(conv.input) > 2 and conv.input[2]:
        return graph.const(conv.input[2]).astype(np.float32)
    return np.zeros(channels, dtype=np.float32)


def set_conv_params(graph, conv, weight, bias):
    w_name = conv.output[0] + "_folded_w"
    b_name = conv.output[0] + "_folded_b"
    graph.set_const(w_name, weight.astype(np.float32))
    graph.set_const(b_name, bias.astype(np.float32))
    conv.input[1] = w_name
    if len(conv.input) > 2:
        conv.input[2] = b_name
    else:
        conv.input.append(b_name)


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def fold_conv_followers(graph):
    """Conv -> BatchNormalization / Mul(const) / Add(const), as long as one of them follows alone."""
    folded = 0
    changed = True
    while changed:
        changed = False
        for conv in [n for n in graph.g.node if n.op_type == "Conv"]:
            w = graph.const(conv.input[1])
            if w is None:
                continue
            nxt = graph.only_reader(conv.output[0])
            if nxt is None:
                continue
            channels = w.shape[0]
            bias = conv_bias(graph, conv, channels)
            if nxt.op_type == "BatchNormalization" and len(nxt.output) == 1:
                scale, shift, mean, var = (graph.const(x) for x in nxt.input[1:5])
                eps = attr(nxt, "epsilon", 1e-5)
                k = scale / np.sqrt(var + eps)
                set_conv_params(graph, conv, w * k.reshape(-1, 1, 1, 1), (bias - mean) * k + shift)
            elif nxt.op_type in ("Mul", "Add"):
                c, other = const_operand(graph, nxt)
                if c is None or other != conv.output[0]:
                    continue
                v = per_channel(c, channels)
                if v is None:
                    continue
                if nxt.op_type == "Mul":
                    set_conv_params(graph, conv, w * v.reshape(-1, 1, 1, 1), bias * v)
                else:
                    set_conv_params(graph, conv, w, bias + v)
            else:
                continue
            # the convolution now writes what the follower wrote
            out = nxt.output[0]
            graph.remove(nxt)
            conv.output[0] = out
            folded += 1
            changed = True
            break
    return folded


def is_scalar(graph, name, value):
    c = graph.const(name)
    return c is not None and c.size == 1 and abs(float(c.reshape(())) - value) < 1e-6


def fuse_hardswish(graph):
    """Add(x, 3) -> Clip(0, 6) -> Mul(x, .) -> Div(6) as one HardSwish."""
    fused = 0
    for add in [n for n in graph.g.node if n.op_type == "Add"]:
        c, x = const_operand(graph, add)
        if c is None or c.size != 1 or abs(float(c.reshape(())) - 3) > 1e-6:
            continue
        clip = graph.only_reader(add.output[0])
        if clip is None or clip.op_type != "Clip" or len(clip.input) < 3:
            continue
        if not (is_scalar(graph, clip.input[1], 0) and is_scalar(graph, clip.input[2], 6)):
            continue
        mul = graph.only_reader(clip.output[0])
        if mul is None or mul.op_type != "Mul" or set(mul.input) != {x, clip.output[0]}:
            continue
        div = graph.only_reader(mul.output[0])
        if div is None or div.op_type != "Div" or div.input[0] != mul.output[0] or not is_scalar(graph, div.input[1], 6):
            continue
        hs = helper.make_node("HardSwish", [x], [div.output[0]], name=div.output[0] + "_hardswish")
        index = list(graph.g.node).index(add)
        for n in (add, clip, mul, div):
            graph.remove(n)
        graph.g.node.insert(index, hs)
        fused += 1
    return fused


def unpadded(conv):
    pads = attr(conv, "pads", [0, 0, 0, 0])
    auto = attr(conv, "auto_pad", b"NOTSET")
    auto = auto.decode() if isinstance(auto, bytes) else auto
    kernel = attr(conv, "kernel_shape", None)
    return (auto in ("NOTSET", "VALID") and not any(pads)) or kernel == [1, 1]


def fold_into_readers(graph):
    """Mul(const scalar) -> Add(const scalar) read by convolutions only: folded into those convolutions."""
    folded = 0
    for mul in [n for n in graph.g.node if n.op_type == "Mul"]:
        a, x = const_operand(graph, mul)
        if a is None or a.size != 1:
            continue
        add = graph.only_reader(mul.output[0])
        b = None
        if add is not None and add.op_type == "Add":
            b, other = const_operand(graph, add)
            if b is None or b.size != 1 or other != mul.output[0]:
                add, b = None, None
        else:
            add = None
        tail = add.output[0] if add is not None else mul.output[0]
        convs = graph.readers(tail)
        if not convs or tail in graph.outputs or any(c.op_type != "Conv" or c.input[0] != tail for c in convs):
            continue
        scale = float(a.reshape(()))
        shift = 0.0 if b is None else float(b.reshape(()))
        keep_add = shift != 0 and not all(unpadded(c) for c in convs)
        for conv in convs:
            w = graph.const(conv.input[1])
            if w is None:
                break
        else:
            for conv in convs:
                w = graph.const(conv.input[1]).astype(np.float32)
                bias = conv_bias(graph, conv, w.shape[0])
                if not keep_add:
                    # conv(a*x + b) = conv_{a w}(x) + b * sum(w) per output channel (no padding)
                    bias = bias + shift * w.sum(axis=(1, 2, 3))
                set_conv_params(graph, conv, w * scale, bias)
            if keep_add:
                # x*a + b = a*(x + b/a): the scale moves into the convolutions, the shift stays as one Add
                graph.set_const(add.input[0] if graph.const(add.input[0]) is not None else add.input[1],
                                np.array(shift / scale, dtype=np.float32).reshape(b.shape))
                add.input[0], add.input[1] = (x, add.input[1]) if add.input[0] == mul.output[0] else (add.input[0], x)
                graph.remove(mul)
            else:
                graph.rename_input(tail, x)
                graph.remove(mul)
                if add is not None:
                    graph.remove(add)
            folded += 1
    return folded


def fold_pads(graph):
    """Pad(x, constant 0) over height and width, read by convolutions only: folded into their pads."""
    folded = 0
    for pad in [n for n in graph.g.node if n.op_type == "Pad"]:
        mode = attr(pad, "mode", b"constant")
        mode = mode.decode() if isinstance(mode, bytes) else mode
        pads = graph.const(pad.input[1]) if len(pad.input) > 1 else None
        value = graph.const(pad.input[2]) if len(pad.input) > 2 and pad.input[2] else np.zeros(1)
        if mode != "constant" or pads is None or pads.size != 8 or value is None or np.any(value != 0):
            continue
        pads = [int(v) for v in pads]
        if any(pads[i] for i in (0, 1, 4, 5)) or min(pads) < 0:
            continue  # batch or channel padding, or cropping
        convs = graph.readers(pad.output[0])
        if not convs or pad.output[0] in graph.outputs or any(
                c.op_type != "Conv" or c.input[0] != pad.output[0] or attr(c, "auto_pad", b"NOTSET") not in
                (b"NOTSET", "NOTSET") for c in convs):
            continue
        for conv in convs:
            old = attr(conv, "pads", [0, 0, 0, 0])
            new = [old[0] + pads[2], old[1] + pads[3], old[2] + pads[6], old[3] + pads[7]]
            for a in list(conv.attribute):
                if a.name == "pads":
                    conv.attribute.remove(a)
            conv.attribute.append(helper.make_attribute("pads", new))
            conv.input[0] = pad.input[0]
        graph.remove(pad)
        folded += 1
    return folded


def fold(model):
    """The model with its affine blocks and hard-swishes folded (the model is changed in place and returned)."""
    graph = Graph(model)
    counts = {
        "conv followers": fold_conv_followers(graph),
        "hard-swish": fuse_hardswish(graph),
        "affine into readers": fold_into_readers(graph),
        "pads": fold_pads(graph),
    }
    counts["conv followers"] += fold_conv_followers(graph)
    graph.drop_unused_initializers()
    if counts["hard-swish"]:
        for o in model.opset_import:
            if o.domain in ("", "ai.onnx") and o.version < HARDSWISH_OPSET:
                o.version = HARDSWISH_OPSET
    onnx.checker.check_model(model)
    ops = {}
    for n in model.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    print("folded:", counts, "nodes now:", dict(sorted(ops.items())), file=sys.stderr)
    return model


def main(src, dst):
    onnx.save(fold(onnx.load(src)), dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: fold_affine.py IN.onnx OUT.onnx")
    main(sys.argv[1], sys.argv[2])
