#!/usr/bin/env python3
"""Static int8 quantization of an ONNX graph's convolutions in QDQ form, from measured activation ranges.

Every Conv gets: its input activation through QuantizeLinear/DequantizeLinear (uint8, asymmetric, the range
measured by calibration), its weights as int8 per output channel (symmetric), its bias as int32 at the
input scale times the weight scale, and its output through QuantizeLinear/DequantizeLinear (uint8). ONNX Runtime
fuses each DQ -> Conv -> Q into one QLinearConv (u8s8, VNNI where the CPU has it); the operators between
convolutions stay float.

Usage:
  quantize_qdq.py tensors IN.onnx LIST.txt          the names of the tensors whose ranges are needed
  quantize_qdq.py augment IN.onnx OUT.onnx          IN with those tensors as extra outputs (for calibration)
  quantize_qdq.py quantize IN.onnx RANGES.json OUT.onnx [--skip name,...] [--skip-first N] [--skip-last N]
                                                    [--skip-pooled]
  quantize_qdq.py fold-quantize IN.onnx RANGES.json OUT.onnx [--uint8-neck]
                                                               fold_affine.py first, then quantize (the
                                                               conversion of the bundled int8 models;
                                                               fold_affine.py's steps 6-7 last, then, with
                                                               --uint8-neck, uint8_neck.py's two rewrites)
IN may also be a TF.js graph model (model.json with its weight shards beside it): it is converted by
tfjs_to_onnx.py first, as for the float model (nanodet-416 -> nanodet-416-int8).
RANGES.json: {"tensor name": [min, max], ...}, measured by running the augmented model on calibration images.
--skip leaves the named convolutions (by output tensor) in float, --skip-first N the first N in graph order: the
stem of PP-OCRv4 det (full and half resolution, few channels) changed the text map most when quantized and saves
little time; --skip-last N the last N in graph order (a detector's output convolutions). --skip-pooled leaves in float the convolutions that read a globally pooled (1 x 1) map, the
squeeze-and-excitation convolutions: int8 saves nothing there, it only adds error and quantize/dequantize nodes.
Needs python3 with onnx and numpy (Debian: python3-onnx python3-numpy, run with /usr/bin/python3).
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper, version_converter

QDQ_OPSET = 13


def convs(model, skip):
    return [n for n in model.graph.node if n.op_type == "Conv" and n.output[0] not in skip]


def pooled_convs(model):
    """Output names of the convolutions that read a GlobalAveragePool's output, directly or through other nodes
    that read only such maps and constants (squeeze-and-excitation: pool -> conv -> relu -> conv -> sigmoid)."""
    constants = {i.name for i in model.graph.initializer}
    pooled = set()
    found = set()
    for n in model.graph.node:  # graph order is topological
        if n.op_type == "GlobalAveragePool":
            pooled.update(n.output)
            continue
        data = [i for i in n.input if i and i not in constants]
        if data and all(i in pooled for i in data):
            pooled.update(n.output)
            if n.op_type == "Conv":
                found.add(n.output[0])
    return found


def output_tensor(model, conv):
    """The tensor whose range quantizes a convolution's output: its own, or that of the Relu that alone reads it
    (that Relu is then dropped: a uint8 range starting at 0 clamps negatives to 0 in the QuantizeLinear itself)."""
    out = conv.output[0]
    readers = [n for n in model.graph.node if out in n.input]
    if len(readers) == 1 and readers[0].op_type == "Relu" and out not in {o.name for o in model.graph.output}:
        return readers[0].output[0]
    return out


def needed_tensors(model, skip):
    names = []
    for n in convs(model, skip):
        for t in (n.input[0], output_tensor(model, n)):
            if t not in names:
                names.append(t)
    return names


def augment(model, skip):
    known = {o.name for o in model.graph.output}
    for t in needed_tensors(model, skip):
        if t not in known:
            model.graph.output.append(helper.make_tensor_value_info(t, TensorProto.FLOAT, None))
    return model


def uint8_params(lo, hi):
    """Scale and zero point of an asymmetric uint8 range that holds 0."""
    lo, hi = min(0.0, lo), max(0.0, hi)
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zero = int(round(-lo / scale))
    return np.float32(scale), np.uint8(min(255, max(0, zero)))


class Builder:
    def __init__(self, model, ranges):
        self.model = model
        self.g = model.graph
        self.ranges = ranges
        self.inits = {i.name: i for i in self.g.initializer}
        self.qdq = {}  # tensor -> dequantized name
        self.new_nodes = []

    def const(self, name, array):
        t = numpy_helper.from_array(np.ascontiguousarray(array), name)
        self.g.initializer.append(t)
        self.inits[name] = t
        return name

    def scale_of(self, tensor):
        lo, hi = self.ranges[tensor]
        return uint8_params(lo, hi)

    def dequantized(self, tensor, before):
        """The name of tensor after Q -> DQ (made once per tensor), inserted before node `before`."""
        if tensor in self.qdq:
            return self.qdq[tensor]
        scale, zero = self.scale_of(tensor)
        s = self.const(tensor + "_qscale", np.array(scale, dtype=np.float32))
        z = self.const(tensor + "_qzero", np.array(zero, dtype=np.uint8))
        q = helper.make_node("QuantizeLinear", [tensor, s, z], [tensor + "_q"], name=tensor + "_Q")
        dq = helper.make_node("DequantizeLinear", [tensor + "_q", s, z], [tensor + "_dq"], name=tensor + "_DQ")
        self.new_nodes.append((before, [q, dq]))
        self.qdq[tensor] = tensor + "_dq"
        return self.qdq[tensor]

    def conv(self, node):
        w = numpy_helper.to_array(self.inits[node.input[1]]).astype(np.float32)
        channels = w.shape[0]
        w_scale = np.maximum(np.abs(w).reshape(channels, -1).max(axis=1), 1e-8) / 127.0
        w_q = np.clip(np.round(w / w_scale.reshape(-1, 1, 1, 1)), -127, 127).astype(np.int8)
        base = node.output[0]
        ws = self.const(base + "_wscale", w_scale.astype(np.float32))
        wz = self.const(base + "_wzero", np.zeros(channels, dtype=np.int8))
        wq = self.const(base + "_wq", w_q)
        w_dq = helper.make_node("DequantizeLinear", [wq, ws, wz], [base + "_wdq"], name=base + "_WDQ", axis=0)
        x_dq = self.dequantized(node.input[0], node)
        x_scale, _ = self.scale_of(node.input[0])
        nodes = [w_dq]
        inputs = [x_dq, base + "_wdq"]
        if len(node.input) > 2 and node.input[2]:
            b = numpy_helper.to_array(self.inits[node.input[2]]).astype(np.float64)
            b_scale = (np.float64(x_scale) * w_scale.astype(np.float64))
            b_q = np.clip(np.round(b / b_scale), -2**31, 2**31 - 1).astype(np.int32)
            bs = self.const(base + "_bscale", b_scale.astype(np.float32))
            bz = self.const(base + "_bzero", np.zeros(channels, dtype=np.int32))
            bq = self.const(base + "_bq", b_q)
            nodes.append(helper.make_node("DequantizeLinear", [bq, bs, bz], [base + "_bdq"], name=base + "_BDQ",
                                          axis=0))
            inputs.append(base + "_bdq")
        self.new_nodes.append((node, nodes))
        del node.input[:]
        node.input.extend(inputs)


def quantize(model, ranges, skip):
    b = Builder(model, ranges)
    targets = convs(model, skip)
    for n in targets:
        measured = output_tensor(model, n)
        if measured != n.output[0]:
            # the Relu goes; its readers read the convolution, whose uint8 range starts at 0
            relu = next(r for r in model.graph.node if r.output and r.output[0] == measured)
            model.graph.node.remove(relu)
            for r in model.graph.node:
                for i, x in enumerate(r.input):
                    if x == measured:
                        r.input[i] = n.output[0]
            b.ranges[n.output[0]] = [0.0, max(0.0, ranges[measured][1])]
    for n in targets:
        b.conv(n)
    # outputs: Q -> DQ after each conv, readers moved to the dequantized tensor
    for n in targets:
        out = n.output[0]
        readers = [r for r in model.graph.node if out in r.input]
        dq = b.dequantized(out, None)
        for r in readers:
            for i, x in enumerate(r.input):
                if x == out:
                    r.input[i] = dq
        for o in model.graph.output:
            if o.name == out:
                raise SystemExit("a quantized conv writes a graph output: " + out)
    # every new node goes in; a topological sort puts each after what it reads
    nodes = list(model.graph.node) + [n for _, extra in b.new_nodes for n in extra]
    del model.graph.node[:]
    model.graph.node.extend(topological(nodes, {i.name for i in model.graph.input} | set(b.inits)))
    used = {x for n in model.graph.node for x in n.input}
    for t in list(model.graph.initializer):
        if t.name not in used:
            model.graph.initializer.remove(t)
    for o in model.opset_import:
        if o.domain in ("", "ai.onnx") and o.version < QDQ_OPSET:
            o.version = QDQ_OPSET
    return model


def topological(nodes, available):
    available = set(available)
    out = []
    pending = list(nodes)
    while pending:
        progress = False
        rest = []
        for n in pending:
            if all((not i) or i in available for i in n.input):
                out.append(n)
                available.update(n.output)
                progress = True
            else:
                rest.append(n)
        if not progress:
            raise SystemExit("graph has a cycle or a missing input: " + str([list(n.input) for n in rest[:3]]))
        pending = rest
    return out


def opset(model):
    return max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)


def load(src):
    """An ONNX file, or a TF.js graph model.json converted as tfjs_to_onnx.py converts it."""
    if not src.endswith(".json"):
        return onnx.load(src)
    import tfjs_to_onnx
    converted = tfjs_to_onnx.Converter(src, None, None).convert()
    return onnx.load_from_string(converted.SerializeToString(deterministic=True))


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    skip = set()
    first = 0
    if "--skip" in argv:
        i = argv.index("--skip")
        skip = set(argv[i + 1].split(","))
        argv = argv[:i] + argv[i + 2:]
    pooled = "--skip-pooled" in argv
    if pooled:
        argv = [a for a in argv if a != "--skip-pooled"]
    uint8_neck = "--uint8-neck" in argv
    if uint8_neck:
        argv = [a for a in argv if a != "--uint8-neck"]
    if "--skip-first" in argv:
        i = argv.index("--skip-first")
        first = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    last = 0
    if "--skip-last" in argv:
        i = argv.index("--skip-last")
        last = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    cmd, src = argv[1], argv[2]
    model = load(src)
    if cmd in ("quantize", "fold-quantize", "augment") and opset(model) < QDQ_OPSET:
        # per-channel DequantizeLinear needs opset 13; older graphs are converted first (Unsqueeze, ... change)
        model = version_converter.convert_version(model, QDQ_OPSET)
    if cmd == "tensors":
        with open(argv[3], "w") as f:
            f.write("\n".join(needed_tensors(model, skip)) + "\n")
    elif cmd == "augment":
        onnx.save(augment(model, skip), argv[3])
    elif cmd in ("quantize", "fold-quantize"):
        with open(argv[3]) as f:
            ranges = json.load(f)
        if cmd == "fold-quantize":
            import fold_affine
            model = fold_affine.fold(model, runtime=False)
        all_convs = [c for c in model.graph.node if c.op_type == "Conv"]
        skip |= {n.output[0] for n in all_convs[:first]}
        skip |= {n.output[0] for n in all_convs[len(all_convs) - last:]} if last else set()
        if pooled:
            skip |= pooled_convs(model)
        model = quantize(model, ranges, skip)
        if cmd == "fold-quantize":
            # the head's upsampling and the shifts, float either way, rewritten after quantization so the
            # convolutions they become are not quantized
            model = fold_affine.rewrite_for_runtime(model)
            if uint8_neck:
                # the neck's concatenation in uint8, its residual scalings in one pass: the same uint8 maps
                import uint8_neck as neck
                model = neck.rewrite(model)
        onnx.checker.check_model(model)
        onnx.save(model, argv[4])
        print("quantized", sum(1 for t in model.graph.initializer if t.name.endswith("_wq")), "convolutions", file=sys.stderr)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
