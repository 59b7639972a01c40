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
6. The DB head's 2x upsampling, ConvTranspose (2x2 kernel, stride 2) -> bias Add -> BatchNormalization -> Relu ->
   ConvTranspose (2x2, stride 2) -> bias Add -> Sigmoid, becomes 1x1 convolutions on the quarter-resolution map
   and one DepthToSpace: a 2x2 stride-2 transposed convolution writes each input pixel's own 2x2 block, which is
   a 1x1 convolution to four times the channels followed by DepthToSpace; two of them in a row are one 1x1
   convolution (block-sparse) and one DepthToSpace of 4. The same products are summed (exact up to rounding);
   ONNX Runtime's ConvTranspose and the normalisation, activation and bias nodes at half and full resolution took
   a tenth of the mixed int8 model's run.
7. Add(x, scalar) read only by convolutions (the shifts step 3 keeps because the convolution pads) becomes a
   depthwise 1x1 Conv with weight 1 and the shift as bias: the same sum, but ONNX Runtime keeps a convolution in
   its blocked (NCHWc) layout, where each broadcast Add cost a reorder out of it and one back (~5% of the run).

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


def upsampling_as_depth_to_space(graph):
    """2x2 stride-2 ConvTranspose (with the bias Add, BatchNormalization and Relu/Sigmoid that follow it alone)
    as a 1x1 Conv to 4x the channels, the activation, and DepthToSpace(2, CRD); then each DepthToSpace read only
    by another such group merged with it into one block-sparse 1x1 Conv and one DepthToSpace of twice the block."""
    rewritten = 0
    for up in [n for n in graph.g.node if n.op_type == "ConvTranspose"]:
        w = graph.const(up.input[1])
        if (w is None or w.ndim != 4 or list(w.shape[2:]) != [2, 2] or attr(up, "strides") != [2, 2]
                or any(attr(up, "pads", [0, 0, 0, 0])) or attr(up, "group", 1) != 1
                or attr(up, "dilations", [1, 1]) != [1, 1] or attr(up, "output_padding") or attr(up, "output_shape")
                or attr(up, "auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET")):
            continue
        cin, cout = w.shape[0], w.shape[1]
        # weight[(co, i, j), ci] so that DepthToSpace (CRD) puts channel co*4 + i*2 + j at (2y + i, 2x + j)
        weight = w.astype(np.float32).transpose(1, 2, 3, 0).reshape(cout * 4, cin)
        bias = (graph.const(up.input[2]).astype(np.float32) if len(up.input) > 2 and up.input[2]
                else np.zeros(cout, dtype=np.float32))
        tail = up.output[0]
        removed = []
        nxt = graph.only_reader(tail)
        if nxt is not None and nxt.op_type == "Add":
            c, other = const_operand(graph, nxt)
            v = None if c is None or other != tail else per_channel(c, cout)
            if v is not None:
                bias = bias + v
                removed.append(nxt)
                tail = nxt.output[0]
                nxt = graph.only_reader(tail)
        if nxt is not None and nxt.op_type == "BatchNormalization" and len(nxt.output) == 1:
            scale, shift, mean, var = (graph.const(x) for x in nxt.input[1:5])
            k = scale / np.sqrt(var + attr(nxt, "epsilon", 1e-5))
            weight = weight * np.repeat(k, 4).reshape(-1, 1)
            bias = (bias - mean) * k + shift
            removed.append(nxt)
            tail = nxt.output[0]
            nxt = graph.only_reader(tail)
        activation = nxt if nxt is not None and nxt.op_type in ("Relu", "Sigmoid") else None
        if activation is not None:
            removed.append(activation)
            tail = activation.output[0]
        name = up.output[0]
        graph.set_const(name + "_s2d_w", weight.reshape(cout * 4, cin, 1, 1))
        graph.set_const(name + "_s2d_b", np.repeat(bias.astype(np.float32), 4))
        nodes = [helper.make_node("Conv", [up.input[0], name + "_s2d_w", name + "_s2d_b"], [name + "_s2d"],
                                  name=name + "_s2d_conv", kernel_shape=[1, 1])]
        if activation is not None:
            nodes.append(helper.make_node(activation.op_type, [name + "_s2d"], [name + "_s2d_act"],
                                          name=name + "_s2d_" + activation.op_type.lower()))
        nodes.append(helper.make_node("DepthToSpace", [nodes[-1].output[0]], [tail], name=name + "_d2s",
                                      blocksize=2, mode="CRD"))
        index = list(graph.g.node).index(up)
        for n in [up] + removed:
            graph.remove(n)
        for k, n in enumerate(nodes):
            graph.g.node.insert(index + k, n)
        rewritten += 1
    return rewritten + merge_depth_to_space(graph)


def merge_depth_to_space(graph):
    """DepthToSpace(b, CRD) -> 1x1 Conv [-> Relu/Sigmoid] -> DepthToSpace(2, CRD), the first read by the Conv
    alone: one 1x1 Conv on the first DepthToSpace's input [-> the activation] -> DepthToSpace(2b, CRD)."""
    merged = 0
    changed = True
    while changed:
        changed = False
        for first in [n for n in graph.g.node if n.op_type == "DepthToSpace"]:
            conv = graph.only_reader(first.output[0])
            if conv is None or conv.op_type != "Conv" or attr(conv, "kernel_shape") != [1, 1] \
                    or attr(conv, "group", 1) != 1 or graph.const(conv.input[1]) is None:
                continue
            after = graph.only_reader(conv.output[0])
            activation = after if after is not None and after.op_type in ("Relu", "Sigmoid") else None
            second = graph.only_reader(activation.output[0]) if activation is not None else after
            if (second is None or second.op_type != "DepthToSpace" or attr(second, "blocksize") != 2
                    or attr(first, "mode", b"DCR") not in (b"CRD", "CRD")
                    or attr(second, "mode", b"DCR") not in (b"CRD", "CRD")):
                continue
            b = attr(first, "blocksize")
            v = graph.const(conv.input[1]).astype(np.float32)
            c2, c1 = v.shape[0] // 4, v.shape[1]
            vb = conv_bias(graph, conv, v.shape[0])
            nb = 2 * b
            # out[d, nb*y + 2i + k, nb*x + 2j + l] = sum_c v[d*4 + k*2 + l, c] * z[c*b*b + i*b + j, y, x]
            m = np.zeros((c2 * nb * nb, c1 * b * b), dtype=np.float32)
            bias = np.zeros(c2 * nb * nb, dtype=np.float32)
            for d in range(c2):
                for k in range(2):
                    for l in range(2):
                        for i in range(b):
                            for j in range(b):
                                row = d * nb * nb + (2 * i + k) * nb + (2 * j + l)
                                m[row, np.arange(c1) * b * b + i * b + j] = v[d * 4 + k * 2 + l, :, 0, 0]
                                bias[row] = vb[d * 4 + k * 2 + l]
            conv.input[0] = first.input[0]
            set_conv_params(graph, conv, m.reshape(c2 * nb * nb, c1 * b * b, 1, 1), bias)
            for a in second.attribute:
                if a.name == "blocksize":
                    a.i = nb
            graph.remove(first)
            merged += 1
            changed = True
            break
    return merged


def shifts_as_depthwise(model, graph):
    """Add(x, scalar const) on a 4-D map read only by convolutions (and quantizers): a depthwise 1x1 Conv with
    weight 1 and the shift as bias. The same sum (x * 1 + b), but ONNX Runtime keeps a convolution in its blocked
    layout, where a broadcast Add costs a reorder out of that layout and one back (the shifts that stay because the
    convolution reading them pads its input)."""
    channels = {}
    inferred = onnx.shape_inference.infer_shapes(model)
    for v in list(inferred.graph.value_info) + list(inferred.graph.input):
        dims = v.type.tensor_type.shape.dim
        if len(dims) == 4 and dims[1].HasField("dim_value"):
            channels[v.name] = dims[1].dim_value
    rewritten = 0
    for add in [n for n in graph.g.node if n.op_type == "Add"]:
        c, x = const_operand(graph, add)
        if c is None or c.size != 1 or x not in channels or add.output[0] in graph.outputs:
            continue
        readers = graph.readers(add.output[0])
        if not readers or any(r.op_type not in ("Conv", "QuantizeLinear") for r in readers):
            continue
        n = channels[x]
        name = add.output[0]
        graph.set_const(name + "_dw_w", np.ones((n, 1, 1, 1), dtype=np.float32))
        graph.set_const(name + "_dw_b", np.full(n, float(c.reshape(())), dtype=np.float32))
        dw = helper.make_node("Conv", [x, name + "_dw_w", name + "_dw_b"], [name], name=name + "_dw",
                              kernel_shape=[1, 1], group=n)
        index = list(graph.g.node).index(add)
        graph.remove(add)
        graph.g.node.insert(index, dw)
        rewritten += 1
    return rewritten


def fold(model, runtime=True):
    """The model with its affine blocks and hard-swishes folded (the model is changed in place and returned);
    with runtime also steps 6 and 7 (the upsampling and the shifts rewritten for ONNX Runtime's layouts)."""
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
    if runtime:
        # after the opset change: step 7 reads channel counts from shape inference, which needs HardSwish's opset
        counts["upsampling"] = upsampling_as_depth_to_space(graph)
        counts["shifts as depthwise"] = shifts_as_depthwise(model, graph)
        graph.drop_unused_initializers()
    onnx.checker.check_model(model)
    ops = {}
    for n in model.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    print("folded:", counts, "nodes now:", dict(sorted(ops.items())), file=sys.stderr)
    return model


def rewrite_for_runtime(model):
    """Steps 6 and 7 alone, after quantization: the new convolutions stay float, as the nodes they replace were."""
    graph = Graph(model)
    counts = {"upsampling": upsampling_as_depth_to_space(graph), "shifts as depthwise": shifts_as_depthwise(model, graph)}
    graph.drop_unused_initializers()
    onnx.checker.check_model(model)
    print("rewritten:", counts, file=sys.stderr)
    return model


def main(src, dst):
    onnx.save(fold(onnx.load(src)), dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: fold_affine.py IN.onnx OUT.onnx")
    main(sys.argv[1], sys.argv[2])
