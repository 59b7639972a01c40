#!/usr/bin/env python3
"""Converts a TensorFlow.js graph model (model.json + .bin weight shards) to ONNX, with onnx + numpy only.

    tfjs_to_onnx.py MODEL_JSON OUT_ONNX [--input-shape 1,192,192,3] [--outputs NAME[,NAME...]]

MODEL_JSON is a TF.js "graph-model": modelTopology.node[] is a TensorFlow GraphDef, the weights are the .bin
shards listed in weightsManifest (read in order; float32, float16 where quantization.dtype says so, or 8/16-bit
affine-quantised with scale/min). The converter
  * keeps the model input exactly as TF has it (NHWC stays NHWC at the boundary; NCHW models stay NCHW),
  * runs the NHWC operators as ONNX NCHW operators, tracking each tensor's layout lazily so that a transpose is
    emitted only where a layout really has to change (TF "transpose, conv, transpose back" chains cancel out),
  * folds every node whose inputs are all constants, and resolves Shape from the static shapes
    (the batch dimension is fixed by --input-shape),
  * writes float32 weights, opset 13, IR version 7, deterministically (same input -> byte-identical file).
Only the operators of the bundled graphs are implemented (see SUPPORTED); anything else stops the conversion
with the operator's name.
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
IR_VERSION = 7
PRODUCER = 'image-anonymizer tfjs_to_onnx.py'
PRODUCER_VERSION = '1'

SUPPORTED = sorted([
    'Placeholder', 'Const', 'Identity', 'NoOp',
    'Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative',
    'MaxPool', 'AvgPool', 'Pad', 'PadV2', 'ResizeBilinear', 'ResizeNearestNeighbor', 'DepthToSpace',
    'Relu', 'Relu6', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Elu',
    'Add', 'AddV2', 'BiasAdd', 'Sub', 'Mul', 'RealDiv', 'Maximum', 'Minimum',
    'ConcatV2', 'Transpose', 'Reshape', 'SplitV', 'Split', 'Shape',
    # constant folding only (all inputs constant after folding):
    'StridedSlice', 'Pack', 'Cast', 'SparseToDense', 'GatherV2', 'Fill', 'Range', 'ExpandDims', 'Squeeze',
])

TF_DTYPES = {
    'DT_FLOAT': np.float32, 'DT_HALF': np.float16, 'DT_DOUBLE': np.float64, 'DT_INT32': np.int32,
    'DT_INT64': np.int64, 'DT_INT16': np.int16, 'DT_INT8': np.int8, 'DT_UINT8': np.uint8, 'DT_BOOL': np.bool_,
}
IDENT4 = (0, 1, 2, 3)
NHWC_OF_NCHW = (0, 2, 3, 1)   # tf NHWC tensor = transpose(onnx NCHW tensor, NHWC_OF_NCHW)


class ConversionError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------------
# weights

def load_weights(manifest, base_dir):
    """Returns {weight name: ndarray} for every entry of a TF.js weights manifest."""
    out = {}
    for group in manifest:
        data = b''.join(open(os.path.join(base_dir, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(s) for s in w['shape']]
            n = int(np.prod(shape)) if shape else 1
            dtype = w['dtype']
            q = w.get('quantization')
            if q:
                qd = q['dtype']
                if qd == 'float16':
                    raw = np.frombuffer(data, np.float16, n, off)
                    off += 2 * n
                    arr = raw.astype(np.float32)
                elif qd in ('uint8', 'uint16'):
                    t = np.uint8 if qd == 'uint8' else np.uint16
                    raw = np.frombuffer(data, t, n, off)
                    off += raw.itemsize * n
                    # like tfjs decodeWeights: double-precision affine map, stored as float32
                    arr = (raw.astype(np.float64) * float(q['scale']) + float(q['min'])).astype(np.float32)
                else:
                    raise ConversionError(f"weight {w['name']}: quantization dtype {qd} not supported")
                if dtype == 'int32':
                    arr = np.round(arr).astype(np.int32)
            elif dtype == 'float32':
                arr = np.frombuffer(data, np.float32, n, off).copy()
                off += 4 * n
            elif dtype == 'int32':
                arr = np.frombuffer(data, np.int32, n, off).copy()
                off += 4 * n
            elif dtype == 'bool':
                arr = np.frombuffer(data, np.uint8, n, off).astype(np.bool_)
                off += n
            else:
                raise ConversionError(f"weight {w['name']}: dtype {dtype} not supported")
            out[w['name']] = arr.reshape(shape)
        if off != len(data):
            raise ConversionError(f'weights group {group["paths"]}: read {off} of {len(data)} bytes')
    return out


def inline_tensor(t):
    """Value of a Const node's inline TensorProto (JSON form); None when the value lives in the shards."""
    dt = TF_DTYPES.get(t.get('dtype'))
    dims = [int(d.get('size', -1)) for d in t.get('tensorShape', {}).get('dim', [])]
    if 'tensorContent' in t:
        arr = np.frombuffer(base64.b64decode(t['tensorContent']), dt).copy()
    else:
        for key in ('floatVal', 'intVal', 'int64Val', 'boolVal', 'halfVal', 'doubleVal'):
            if key in t:
                vals = t[key]
                arr = np.array([v for v in vals], dtype=dt)
                break
        else:
            return None
    n = int(np.prod(dims)) if dims else 1
    if arr.size == 1 and n != 1:
        arr = np.full(n, arr.reshape(-1)[0], dt)
    return arr.reshape(dims).astype(dt)


def attr_value(a):
    if 'i' in a:
        return int(a['i'])
    if 'f' in a:
        return float(a['f'])
    if 'b' in a:
        return bool(a['b'])
    if 's' in a:
        return base64.b64decode(a['s']).decode()
    if 'type' in a:
        return a['type']
    if 'list' in a:
        lst = a['list']
        if 'i' in lst:
            return [int(x) for x in lst['i']]
        if 'f' in lst:
            return [float(x) for x in lst['f']]
        if 's' in lst:
            return [base64.b64decode(x).decode() for x in lst['s']]
        return []
    if 'shape' in a:
        return [int(d.get('size', -1)) for d in a['shape'].get('dim', [])]
    return None


# ---------------------------------------------------------------------------------------------------------------
# values

class Const:
    def __init__(self, value):
        self.value = np.asarray(value)

    @property
    def shape(self):
        return list(self.value.shape)


class Dyn:
    """A runtime tensor: TF value = np.transpose(onnx tensor `name`, perm); shape is the TF shape."""

    def __init__(self, name, perm, shape):
        self.name, self.perm, self.shape = name, tuple(perm), [int(s) for s in shape]


def inverse(p):
    inv = [0] * len(p)
    for i, v in enumerate(p):
        inv[v] = i
    return tuple(inv)


def same_pads(in_size, k, s, d):
    eff = (k - 1) * d + 1
    out = -(-in_size // s)
    total = max((out - 1) * s + eff - in_size, 0)
    return total // 2, total - total // 2, out


class Converter:
    def __init__(self, model_json, input_shape=None, outputs=None):
        self.base_dir = os.path.dirname(os.path.abspath(model_json))
        j = json.load(open(model_json))
        if j.get('format') not in (None, 'graph-model'):
            raise ConversionError(f"format {j.get('format')}: only TF.js graph models are supported")
        self.nodes = {n['name']: n for n in j['modelTopology']['node']}
        self.weights = load_weights(j['weightsManifest'], self.base_dir)
        self.input_shape = input_shape
        self.outputs = outputs or [n for n in self._signature_outputs(j)]
        self.values = {}          # tf tensor name "node:idx" -> Const | Dyn
        self.onnx_nodes = []
        self.initializers = []
        self.inputs = []
        self.used_names = set()
        self.transposed = {}      # (onnx name, perm) -> onnx name
        self.emitted_consts = {}  # (tf name, perm) -> onnx name

    @staticmethod
    def _signature_outputs(j):
        sig = j.get('signature', {}).get('outputs', {})
        names = sorted(v['name'].split(':')[0] for v in sig.values())
        if not names:
            raise ConversionError('no --outputs given and the model has no signature')
        return names

    # -- naming / emission ----------------------------------------------------------------------------------------
    def uniq(self, name):
        base = name
        i = 1
        while name in self.used_names:
            name = f'{base}__{i}'
            i += 1
        self.used_names.add(name)
        return name

    def emit(self, op, inputs, name, outputs=1, **attrs):
        outs = [self.uniq(name if outputs == 1 else f'{name}:{i}') for i in range(outputs)]
        self.onnx_nodes.append(helper.make_node(op, inputs, outs, name=self.uniq('node/' + name), **attrs))
        return outs[0] if outputs == 1 else outs

    def initializer(self, arr, name):
        arr = np.ascontiguousarray(arr)
        if arr.dtype == np.float64 or arr.dtype == np.float16:
            arr = arr.astype(np.float32)
        n = self.uniq(name)
        self.initializers.append(numpy_helper.from_array(arr, n))
        return n

    def materialize(self, v, want, hint='const'):
        """ONNX tensor name X such that TF value = transpose(X, want)."""
        want = tuple(want)
        if isinstance(v, Const):
            arr = v.value
            if arr.ndim < len(want):
                arr = arr.reshape([1] * (len(want) - arr.ndim) + list(arr.shape))
            arr = np.transpose(arr, inverse(want)) if arr.ndim else arr
            key = (id(v), want)
            if key not in self.emitted_consts:   # keeps v alive, so its id stays unique
                self.emitted_consts[key] = (self.initializer(arr, hint), v)
            return self.emitted_consts[key][0]
        winv = inverse(want)
        q = tuple(v.perm[winv[j]] for j in range(len(want)))
        if q == tuple(range(len(q))):
            return v.name
        key = (v.name, q)
        if key not in self.transposed:
            self.transposed[key] = self.emit('Transpose', [v.name], v.name + '/T' + ''.join(map(str, q)), perm=list(q))
        return self.transposed[key]

    # -- graph walk -----------------------------------------------------------------------------------------------
    @staticmethod
    def split_ref(ref):
        if ref.startswith('^'):
            return None, None
        if ':' in ref:
            n, i = ref.rsplit(':', 1)
            return n, int(i)
        return ref, 0

    def topo_order(self):
        order, state = [], {}
        stack = [(self.split_ref(o)[0], False) for o in reversed(self.outputs)]
        while stack:
            name, done = stack.pop()
            if done:
                if state.get(name) != 2:
                    state[name] = 2
                    order.append(name)
                continue
            if state.get(name):
                continue
            if name not in self.nodes:
                raise ConversionError(f'node {name} not found')
            state[name] = 1
            stack.append((name, True))
            for ref in reversed(self.nodes[name].get('input', [])):
                n, _ = self.split_ref(ref)
                if n is not None and not state.get(n):
                    stack.append((n, False))
        return order

    def get(self, ref):
        n, i = self.split_ref(ref)
        return self.values[f'{n}:{i}']

    def convert(self):
        for name in self.topo_order():
            node = self.nodes[name]
            op = node['op']
            if op not in SUPPORTED:
                raise ConversionError(f'operator {op} (node {name}) is not supported by this converter')
            ins = [self.get(r) for r in node.get('input', []) if not r.startswith('^')]
            attrs = {k: attr_value(v) for k, v in node.get('attr', {}).items()}
            if op == 'Const':
                val = self.weights.get(name)
                if val is None:
                    val = inline_tensor(node['attr']['value']['tensor'])
                if val is None:
                    raise ConversionError(f'constant {name} has no value')
                res = Const(val)
            elif op == 'Placeholder':
                shape = attrs.get('shape') or []
                if self.input_shape:
                    if len(self.input_shape) != len(shape):
                        raise ConversionError(f'--input-shape rank {len(self.input_shape)} != model rank {len(shape)}')
                    shape = self.input_shape
                if any(s < 0 for s in shape):
                    raise ConversionError(f'input {name} has dynamic dims {shape}: give --input-shape')
                dt = TF_DTYPES[attrs.get('dtype', 'DT_FLOAT')]
                self.inputs.append(helper.make_tensor_value_info(
                    name, helper.np_dtype_to_tensor_dtype(np.dtype(dt)) if hasattr(helper, 'np_dtype_to_tensor_dtype')
                    else onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[np.dtype(dt)], shape))
                self.used_names.add(name)
                res = Dyn(name, tuple(range(len(shape))), shape)
            elif all(isinstance(v, Const) for v in ins) and op not in ('Identity', 'NoOp'):
                res = fold(op, [v.value for v in ins], attrs, name)
            else:
                res = getattr(self, 'op_' + op, None)
                if res is None:
                    raise ConversionError(f'operator {op} (node {name}) only supported on constants')
                res = res(name, ins, attrs)
            if isinstance(res, list):
                for i, r in enumerate(res):
                    self.values[f'{name}:{i}'] = r
            else:
                self.values[f'{name}:0'] = res
        return self.finish()

    def finish(self):
        outputs = []
        for ref in self.outputs:
            v = self.get(ref)
            out_name = self.split_ref(ref)[0]
            if isinstance(v, Const):
                raise ConversionError(f'output {ref} is a constant')
            src = self.materialize(v, tuple(range(len(v.shape))))
            self.used_names.add(out_name)
            self.onnx_nodes.append(helper.make_node('Identity', [src], [out_name], name='node/output/' + out_name))
            outputs.append(helper.make_tensor_value_info(out_name, TensorProto.FLOAT, v.shape))
        graph = helper.make_graph(self.onnx_nodes, 'tfjs', self.inputs, outputs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)],
                                  producer_name=PRODUCER, producer_version=PRODUCER_VERSION)
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model)
        inferred = onnx.shape_inference.infer_shapes(model)
        for o in inferred.graph.output:
            dims = [d.dim_value for d in o.type.tensor_type.shape.dim]
            want = [v.type.tensor_type.shape.dim for v in outputs if v.name == o.name][0]
            if dims and dims != [d.dim_value for d in want]:
                raise ConversionError(f'shape inference disagrees on {o.name}: {dims}')
        return model

    # -- helpers for ops ------------------------------------------------------------------------------------------
    def dyn_perm(self, v, rank):
        return v.perm if isinstance(v, Dyn) else tuple(range(rank))

    def layout_want(self, attrs, rank=4):
        fmt = attrs.get('data_format', 'NHWC')
        if fmt == 'NHWC':
            return NHWC_OF_NCHW, (1, 2)
        if fmt == 'NCHW':
            return IDENT4, (2, 3)
        raise ConversionError(f'data_format {fmt}')

    # -- elementwise ----------------------------------------------------------------------------------------------
    def unary(self, onnx_op, name, x, **attrs):
        return Dyn(self.emit(onnx_op, [x.name], name, **attrs), x.perm, x.shape)

    def op_Identity(self, name, ins, attrs):
        return ins[0]

    def op_Relu(self, name, ins, attrs):
        return self.unary('Relu', name, ins[0])

    def op_Sigmoid(self, name, ins, attrs):
        return self.unary('Sigmoid', name, ins[0])

    def op_Tanh(self, name, ins, attrs):
        return self.unary('Tanh', name, ins[0])

    def op_Elu(self, name, ins, attrs):
        return self.unary('Elu', name, ins[0], alpha=1.0)

    def op_LeakyRelu(self, name, ins, attrs):
        return self.unary('LeakyRelu', name, ins[0], alpha=float(attrs.get('alpha', 0.2)))

    def op_Relu6(self, name, ins, attrs):
        x = ins[0]
        lo = self.initializer(np.array(0, np.float32), name + '/min')
        hi = self.initializer(np.array(6, np.float32), name + '/max')
        return Dyn(self.emit('Clip', [x.name, lo, hi], name), x.perm, x.shape)

    def binary(self, onnx_op, name, a, b):
        ra, rb = len(a.shape), len(b.shape)
        rank = max(ra, rb)
        out_shape = list(np.broadcast_shapes(tuple(a.shape), tuple(b.shape)))
        lead = a if isinstance(a, Dyn) and ra == rank else (b if isinstance(b, Dyn) and rb == rank else None)
        perm = lead.perm if lead is not None else tuple(range(rank))
        def prep(v):
            if isinstance(v, Const) or len(v.shape) == rank:
                return self.materialize(v, perm, name + '/c')
            if perm != tuple(range(rank)):
                raise ConversionError(f'{name}: broadcasting a lower-rank runtime tensor over a transposed one')
            return v.name
        return Dyn(self.emit(onnx_op, [prep(a), prep(b)], name), perm, out_shape)

    def op_Add(self, name, ins, attrs):
        return self.binary('Add', name, ins[0], ins[1])

    op_AddV2 = op_Add

    def op_BiasAdd(self, name, ins, attrs):
        x, b = ins
        if attrs.get('data_format', 'NHWC') == 'NCHW':
            b = Const(b.value.reshape(-1, 1, 1))
        return self.binary('Add', name, x, b)

    def op_Sub(self, name, ins, attrs):
        return self.binary('Sub', name, ins[0], ins[1])

    def op_Mul(self, name, ins, attrs):
        return self.binary('Mul', name, ins[0], ins[1])

    def op_RealDiv(self, name, ins, attrs):
        return self.binary('Div', name, ins[0], ins[1])

    def op_Maximum(self, name, ins, attrs):
        return self.binary('Max', name, ins[0], ins[1])

    def op_Minimum(self, name, ins, attrs):
        return self.binary('Min', name, ins[0], ins[1])

    # -- layout-neutral -------------------------------------------------------------------------------------------
    def op_Pad(self, name, ins, attrs):
        x, pads = ins[0], ins[1]
        if not isinstance(pads, Const):
            raise ConversionError(f'{name}: runtime paddings')
        p = x.perm
        tf_pads = pads.value.astype(np.int64)
        r = len(x.shape)
        onnx_pads = [0] * (2 * r)
        for i in range(r):
            onnx_pads[p[i]] = int(tf_pads[i][0])
            onnx_pads[p[i] + r] = int(tf_pads[i][1])
        pads_name = self.initializer(np.array(onnx_pads, np.int64), name + '/pads')
        inputs = [x.name, pads_name]
        if len(ins) > 2:
            inputs.append(self.initializer(np.asarray(ins[2].value, np.float32).reshape(()), name + '/value'))
        shape = [s + int(tf_pads[i][0]) + int(tf_pads[i][1]) for i, s in enumerate(x.shape)]
        return Dyn(self.emit('Pad', inputs, name, mode='constant'), p, shape)

    op_PadV2 = op_Pad

    def op_Transpose(self, name, ins, attrs):
        x, perm = ins
        tp = [int(v) for v in perm.value]
        return Dyn(x.name, tuple(x.perm[tp[i]] for i in range(len(tp))), [x.shape[t] for t in tp])

    def op_Reshape(self, name, ins, attrs):
        x, shape = ins
        if not isinstance(shape, Const):
            raise ConversionError(f'{name}: runtime shape')
        shp = [int(s) for s in shape.value.reshape(-1)]
        total = int(np.prod(x.shape))
        if -1 in shp:
            known = int(np.prod([s for s in shp if s != -1]))
            shp = [total // known if s == -1 else s for s in shp]
        src = self.materialize(x, tuple(range(len(x.shape))))
        sn = self.initializer(np.array(shp, np.int64), name + '/shape')
        return Dyn(self.emit('Reshape', [src, sn], name), tuple(range(len(shp))), shp)

    def op_Shape(self, name, ins, attrs):
        dt = TF_DTYPES[attrs.get('out_type', 'DT_INT32')]
        return Const(np.array(ins[0].shape, dt))

    def op_ConcatV2(self, name, ins, attrs):
        *xs, axis = ins
        lead = next(v for v in xs if isinstance(v, Dyn))
        rank = len(lead.shape)
        ax = int(axis.value)
        ax = ax + rank if ax < 0 else ax
        names = [self.materialize(v, lead.perm, name + '/c') for v in xs]
        shape = list(lead.shape)
        shape[ax] = sum(v.shape[ax] for v in xs)
        return Dyn(self.emit('Concat', names, name, axis=lead.perm[ax]), lead.perm, shape)

    def _split(self, name, x, sizes, ax):
        rank = len(x.shape)
        ax = ax + rank if ax < 0 else ax
        sizes = list(sizes)
        if -1 in sizes:
            sizes[sizes.index(-1)] = x.shape[ax] - sum(s for s in sizes if s != -1)
        sn = self.initializer(np.array(sizes, np.int64), name + '/split')
        outs = self.emit('Split', [x.name, sn], name, outputs=len(sizes), axis=x.perm[ax])
        if len(sizes) == 1:
            outs = [outs]
        res = []
        for o, s in zip(outs, sizes):
            shape = list(x.shape)
            shape[ax] = s
            res.append(Dyn(o, x.perm, shape))
        return res

    def op_SplitV(self, name, ins, attrs):
        x, sizes, dim = ins
        return self._split(name, x, [int(s) for s in sizes.value], int(dim.value))

    def op_Split(self, name, ins, attrs):
        dim, x = ins
        n = int(attrs['num_split'])
        ax = int(dim.value)
        return self._split(name, x, [x.shape[ax] // n] * n, ax)

    # -- NHWC operators -------------------------------------------------------------------------------------------
    def _conv(self, name, ins, attrs, depthwise, fused):
        x, w = ins[0], ins[1]
        if not isinstance(w, Const):
            raise ConversionError(f'{name}: runtime filter')
        want, (ha, wa) = self.layout_want(attrs)
        strides = attrs.get('strides', [1, 1, 1, 1])
        dil = attrs.get('dilations', [1, 1, 1, 1]) or [1, 1, 1, 1]
        s = [strides[ha], strides[wa]]
        d = [dil[ha], dil[wa]]
        k = w.value
        kh, kw, cin = k.shape[0], k.shape[1], k.shape[2]
        if depthwise:
            mult = k.shape[3]
            weight = k.transpose(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw)
            group = cin
        else:
            weight = k.transpose(3, 2, 0, 1)
            group = x.shape[3 if want == NHWC_OF_NCHW else 1] // cin
        cout = weight.shape[0]
        bias = None
        activation = None
        fused_ops = attrs.get('fused_ops', []) if fused else []
        extra = ins[2:]
        for fop in fused_ops:
            if fop == 'BiasAdd':
                bias = extra[0].value.astype(np.float32)
                extra = extra[1:]
            elif fop == 'FusedBatchNorm':
                scale, offset, mean, var = [e.value.astype(np.float32) for e in extra[:4]]
                extra = extra[4:]
                mul = scale / np.sqrt(var + np.float32(attrs.get('epsilon', 0.001)))
                weight = weight * mul.reshape(-1, 1, 1, 1)
                bias = offset - mean * mul
            elif fop in ('Relu', 'Relu6', 'LeakyRelu', 'Elu', 'Sigmoid', 'Tanh', 'Prelu'):
                activation = fop
            else:
                raise ConversionError(f'{name}: fused op {fop} not supported')
        in_h, in_w = x.shape[ha], x.shape[wa]
        pad = attrs.get('padding', 'VALID')
        if pad == 'VALID':
            pads = [0, 0, 0, 0]
            oh = (in_h - (kh - 1) * d[0] - 1) // s[0] + 1
            ow = (in_w - (kw - 1) * d[1] - 1) // s[1] + 1
        elif pad == 'SAME':
            t, b, oh = same_pads(in_h, kh, s[0], d[0])
            l, r, ow = same_pads(in_w, kw, s[1], d[1])
            pads = [t, l, b, r]
        elif pad == 'EXPLICIT':
            ep = attrs['explicit_paddings']
            t, b, l, r = ep[2 * ha], ep[2 * ha + 1], ep[2 * wa], ep[2 * wa + 1]
            pads = [t, l, b, r]
            oh = (in_h + t + b - (kh - 1) * d[0] - 1) // s[0] + 1
            ow = (in_w + l + r - (kw - 1) * d[1] - 1) // s[1] + 1
        else:
            raise ConversionError(f'{name}: padding {pad}')
        src = self.materialize(x, want)
        inputs = [src, self.initializer(weight.astype(np.float32), name + '/W')]
        if bias is not None:
            inputs.append(self.initializer(bias, name + '/B'))
        conv_name = name if activation is None else name + '/conv'
        y = self.emit('Conv', inputs, conv_name, kernel_shape=[kh, kw], strides=s, dilations=d, pads=pads, group=group)
        if activation == 'Relu':
            y = self.emit('Relu', [y], name)
        elif activation == 'Relu6':
            lo = self.initializer(np.array(0, np.float32), name + '/min')
            hi = self.initializer(np.array(6, np.float32), name + '/max')
            y = self.emit('Clip', [y, lo, hi], name)
        elif activation == 'LeakyRelu':
            y = self.emit('LeakyRelu', [y], name, alpha=float(attrs.get('leakyrelu_alpha', 0.2)))
        elif activation in ('Elu', 'Sigmoid', 'Tanh'):
            y = self.emit(activation, [y], name)
        elif activation == 'Prelu':
            alpha = extra[0].value.astype(np.float32).reshape(-1, 1, 1)
            y = self.emit('PRelu', [y, self.initializer(alpha, name + '/alpha')], name)
        n = x.shape[0]
        shape = [n, oh, ow, cout] if want == NHWC_OF_NCHW else [n, cout, oh, ow]
        return Dyn(y, want, shape)

    def op_Conv2D(self, name, ins, attrs):
        return self._conv(name, ins, attrs, depthwise=False, fused=False)

    def op__FusedConv2D(self, name, ins, attrs):
        return self._conv(name, ins, attrs, depthwise=False, fused=True)

    def op_DepthwiseConv2dNative(self, name, ins, attrs):
        return self._conv(name, ins, attrs, depthwise=True, fused=False)

    def op_FusedDepthwiseConv2dNative(self, name, ins, attrs):
        return self._conv(name, ins, attrs, depthwise=True, fused=True)

    def _pool(self, onnx_op, name, ins, attrs):
        x = ins[0]
        want, (ha, wa) = self.layout_want(attrs)
        ks, st = attrs['ksize'], attrs['strides']
        k, s = [ks[ha], ks[wa]], [st[ha], st[wa]]
        in_h, in_w = x.shape[ha], x.shape[wa]
        extra = {}
        if attrs.get('padding') == 'SAME':
            t, b, oh = same_pads(in_h, k[0], s[0], 1)
            l, r, ow = same_pads(in_w, k[1], s[1], 1)
            pads = [t, l, b, r]
            if onnx_op == 'AveragePool':
                extra['count_include_pad'] = 0
        else:
            pads = [0, 0, 0, 0]
            oh, ow = (in_h - k[0]) // s[0] + 1, (in_w - k[1]) // s[1] + 1
        y = self.emit(onnx_op, [self.materialize(x, want)], name, kernel_shape=k, strides=s, pads=pads, **extra)
        shape = list(x.shape)
        shape[ha], shape[wa] = oh, ow
        return Dyn(y, want, shape)

    def op_MaxPool(self, name, ins, attrs):
        return self._pool('MaxPool', name, ins, attrs)

    def op_AvgPool(self, name, ins, attrs):
        return self._pool('AveragePool', name, ins, attrs)

    def _resize(self, name, ins, attrs, mode):
        x, size = ins
        if not isinstance(size, Const):
            raise ConversionError(f'{name}: runtime size')
        h, w = [int(v) for v in size.value]
        if attrs.get('align_corners'):
            ctm = 'align_corners'
        elif attrs.get('half_pixel_centers'):
            ctm = 'half_pixel' if mode == 'linear' else 'tf_half_pixel_for_nn'
        else:
            ctm = 'asymmetric'
        n, c = x.shape[0], x.shape[3]
        sizes = self.initializer(np.array([n, c, h, w], np.int64), name + '/sizes')
        extra = {'nearest_mode': 'floor'} if mode == 'nearest' and ctm != 'align_corners' else {}
        if mode == 'nearest' and ctm == 'align_corners':
            extra = {'nearest_mode': 'round_prefer_ceil'}
        y = self.emit('Resize', [self.materialize(x, NHWC_OF_NCHW), '', '', sizes], name,
                      mode=mode, coordinate_transformation_mode=ctm, **extra)
        return Dyn(y, NHWC_OF_NCHW, [n, h, w, c])

    def op_ResizeBilinear(self, name, ins, attrs):
        return self._resize(name, ins, attrs, 'linear')

    def op_ResizeNearestNeighbor(self, name, ins, attrs):
        return self._resize(name, ins, attrs, 'nearest')

    def op_DepthToSpace(self, name, ins, attrs):
        x = ins[0]
        bs = int(attrs['block_size'])
        if attrs.get('data_format', 'NHWC') != 'NHWC':
            raise ConversionError(f'{name}: DepthToSpace data_format')
        y = self.emit('DepthToSpace', [self.materialize(x, NHWC_OF_NCHW)], name, blocksize=bs, mode='DCR')
        n, h, w, c = x.shape
        return Dyn(y, NHWC_OF_NCHW, [n, h * bs, w * bs, c // (bs * bs)])


# ---------------------------------------------------------------------------------------------------------------
# constant folding (numpy)

def fold(op, vals, attrs, name):
    if op in ('Add', 'AddV2', 'BiasAdd'):
        return Const(vals[0] + vals[1])
    if op == 'Sub':
        return Const(vals[0] - vals[1])
    if op == 'Mul':
        return Const(vals[0] * vals[1])
    if op == 'RealDiv':
        return Const(vals[0] / vals[1])
    if op == 'Maximum':
        return Const(np.maximum(vals[0], vals[1]))
    if op == 'Minimum':
        return Const(np.minimum(vals[0], vals[1]))
    if op == 'Cast':
        return Const(vals[0].astype(TF_DTYPES[attrs['DstT']]))
    if op == 'Pack':
        return Const(np.stack(vals, axis=int(attrs.get('axis', 0))))
    if op == 'ConcatV2':
        return Const(np.concatenate(vals[:-1], axis=int(vals[-1])))
    if op == 'Reshape':
        return Const(vals[0].reshape([int(s) for s in vals[1].reshape(-1)]))
    if op == 'Transpose':
        return Const(np.transpose(vals[0], [int(v) for v in vals[1]]))
    if op == 'Shape':
        return Const(np.array(vals[0].shape, TF_DTYPES[attrs.get('out_type', 'DT_INT32')]))
    if op == 'ExpandDims':
        return Const(np.expand_dims(vals[0], int(vals[1])))
    if op == 'Squeeze':
        dims = attrs.get('squeeze_dims') or None
        return Const(np.squeeze(vals[0], axis=tuple(dims) if dims else None))
    if op == 'Fill':
        return Const(np.full([int(s) for s in vals[0]], vals[1]))
    if op == 'Range':
        return Const(np.arange(vals[0], vals[1], vals[2]))
    if op == 'GatherV2':
        return Const(np.take(vals[0], vals[1], axis=int(vals[2])))
    if op == 'SparseToDense':
        idx, shape, values, default = vals
        out = np.full([int(s) for s in np.atleast_1d(shape)], default, dtype=values.dtype)
        idx = np.asarray(idx).astype(np.int64)
        if idx.ndim == 0:
            idx = idx.reshape(1, 1)
        elif idx.ndim == 1:
            idx = idx.reshape(-1, 1) if out.ndim == 1 else idx.reshape(1, -1)
        values = np.broadcast_to(values, (idx.shape[0],))
        for row, v in zip(idx, values):
            out[tuple(row)] = v
        return Const(out)
    if op == 'StridedSlice':
        x, begin, end, strides = vals
        bm, em = int(attrs.get('begin_mask', 0)), int(attrs.get('end_mask', 0))
        sm, nm, elm = int(attrs.get('shrink_axis_mask', 0)), int(attrs.get('new_axis_mask', 0)), int(attrs.get('ellipsis_mask', 0))
        if nm or elm:
            raise ConversionError(f'{name}: StridedSlice new_axis/ellipsis masks')
        sl = []
        for i in range(len(begin)):
            if sm & (1 << i):
                sl.append(int(begin[i]))
            else:
                sl.append(slice(None if bm & (1 << i) else int(begin[i]), None if em & (1 << i) else int(end[i]), int(strides[i])))
        return Const(np.asarray(x[tuple(sl)]))
    raise ConversionError(f'operator {op} (node {name}) cannot be constant-folded')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('model_json')
    ap.add_argument('out_onnx')
    ap.add_argument('--input-shape', help='static input shape, e.g. 1,192,192,3 (fills the dynamic batch dim)')
    ap.add_argument('--outputs', help='comma-separated TF output node names (default: all signature outputs)')
    a = ap.parse_args(argv)
    shape = [int(s) for s in a.input_shape.split(',')] if a.input_shape else None
    outs = a.outputs.split(',') if a.outputs else None
    try:
        model = Converter(a.model_json, shape, outs).convert()
    except ConversionError as e:
        print(f'tfjs_to_onnx: {e}', file=sys.stderr)
        return 1
    data = model.SerializeToString(deterministic=True)
    with open(a.out_onnx, 'wb') as f:
        f.write(data)
    counts = {}
    for n in model.graph.node:
        counts[n.op_type] = counts.get(n.op_type, 0) + 1
    print(f'wrote {a.out_onnx}: {len(data)} bytes, {len(model.graph.node)} nodes {dict(sorted(counts.items()))}',
          file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
