"""A tiny numpy interpreter for the ONNX operators our bundled detection models use.

It exists to check conversions without onnxruntime (not installable offline here). Float32 throughout, like
the runtimes it stands in for. Supported: Add Sub Mul Div Exp Relu LeakyRelu Sigmoid Clip Identity Transpose Reshape
Concat Split Pad Conv MaxPool Resize(linear/nearest) DepthToSpace ConstantOfShape Constant Squeeze Unsqueeze
Shape Slice Gather Cast.

    from onnx_numpy import run
    outputs = run("model.onnx", {"input": array})       # {output name: ndarray}
"""
import numpy as np
import onnx
from onnx import numpy_helper


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a):
    group = a.get('group', 1)
    strides = a.get('strides', [1, 1])
    dil = a.get('dilations', [1, 1])
    kh, kw = w.shape[2], w.shape[3]
    pads = a.get('pads', [0, 0, 0, 0])
    if a.get('auto_pad', b'NOTSET') not in (b'NOTSET', 'NOTSET'):
        raise NotImplementedError('auto_pad')
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    n, c, h, wd = x.shape
    oh = (h - (kh - 1) * dil[0] - 1) // strides[0] + 1
    ow = (wd - (kw - 1) * dil[1] - 1) // strides[1] + 1
    o = w.shape[0]
    cg, og = c // group, o // group
    out = np.zeros((n, group, og, oh, ow), np.float32)
    wg = w.reshape(group, og, cg, kh, kw)
    for ky in range(kh):
        for kx in range(kw):
            y0, x0 = ky * dil[0], kx * dil[1]
            patch = x[:, :, y0:y0 + strides[0] * (oh - 1) + 1:strides[0], x0:x0 + strides[1] * (ow - 1) + 1:strides[1]]
            patch = patch.reshape(n, group, cg, oh, ow)
            if cg == 1 and og == 1:
                out += patch * wg[:, 0, 0, ky, kx].reshape(1, group, 1, 1, 1)
            else:
                out += np.einsum('ngchw,goc->ngohw', patch, wg[:, :, :, ky, kx], optimize=True)
    out = out.reshape(n, o, oh, ow)
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def _maxpool(x, a):
    k = a['kernel_shape']
    s = a.get('strides', [1, 1])
    p = a.get('pads', [0, 0, 0, 0])
    x = np.pad(x, ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])), constant_values=-np.inf)
    n, c, h, w = x.shape
    oh, ow = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
    out = np.full((n, c, oh, ow), -np.inf, np.float32)
    for ky in range(k[0]):
        for kx in range(k[1]):
            out = np.maximum(out, x[:, :, ky:ky + s[0] * (oh - 1) + 1:s[0], kx:kx + s[1] * (ow - 1) + 1:s[1]])
    return out


def _resize_axis(x, axis, out_size, mode, ctm):
    in_size = x.shape[axis]
    if in_size == out_size:
        return x
    scale = out_size / in_size
    o = np.arange(out_size, dtype=np.float64)
    if ctm == 'half_pixel':
        src = (o + 0.5) / scale - 0.5
    elif ctm == 'pytorch_half_pixel':
        src = (o + 0.5) / scale - 0.5 if out_size > 1 else np.zeros_like(o)
    elif ctm == 'align_corners':
        src = o * (in_size - 1) / (out_size - 1) if out_size > 1 else np.zeros_like(o)
    elif ctm == 'asymmetric':
        src = o / scale
    else:
        raise NotImplementedError(ctm)
    if mode == 'nearest':
        idx = np.clip(np.floor(src).astype(np.int64), 0, in_size - 1)
        return np.take(x, idx, axis=axis)
    src = np.clip(src, 0, in_size - 1)
    i0 = np.floor(src).astype(np.int64)
    i1 = np.minimum(i0 + 1, in_size - 1)
    f = (src - i0).astype(np.float32)
    shape = [1] * x.ndim
    shape[axis] = out_size
    f = f.reshape(shape)
    a0, a1 = np.take(x, i0, axis=axis), np.take(x, i1, axis=axis)
    return a0 + (a1 - a0) * f


def _resize(x, sizes, scales, a):
    mode = a.get('mode', b'nearest')
    mode = mode.decode() if isinstance(mode, bytes) else mode
    ctm = a.get('coordinate_transformation_mode', b'half_pixel')
    ctm = ctm.decode() if isinstance(ctm, bytes) else ctm
    if sizes is None:
        sizes = [int(np.floor(d * s)) for d, s in zip(x.shape, scales)]
    for ax in range(x.ndim):
        x = _resize_axis(x, ax, int(sizes[ax]), mode, ctm)
    return x.astype(np.float32)


def _pad(x, pads, value, a):
    mode = a.get('mode', b'constant')
    mode = mode.decode() if isinstance(mode, bytes) else mode
    r = x.ndim
    pads = [int(p) for p in pads]
    if any(p < 0 for p in pads):
        raise NotImplementedError('negative pads')
    width = [(pads[i], pads[i + r]) for i in range(r)]
    if mode == 'constant':
        return np.pad(x, width, constant_values=value)
    return np.pad(x, width, mode={'reflect': 'reflect', 'edge': 'edge'}[mode])


def run(model, feeds, want=None):
    """Evaluates the graph; returns {name: array} for the graph outputs (or the names in want)."""
    if isinstance(model, str):
        model = onnx.load(model)
    g = model.graph
    env = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    for k, v in feeds.items():
        env[k] = np.asarray(v)
    for node in g.node:
        a = _attrs(node)
        ins = [env[i] if i else None for i in node.input]
        op = node.op_type
        if op == 'Add':
            r = ins[0] + ins[1]
        elif op == 'Sub':
            r = ins[0] - ins[1]
        elif op == 'Mul':
            r = ins[0] * ins[1]
        elif op == 'Div':
            r = ins[0] / ins[1]
        elif op == 'Relu':
            r = np.maximum(ins[0], 0)
        elif op == 'LeakyRelu':
            al = np.float32(a.get('alpha', 0.01))
            r = np.where(ins[0] >= 0, ins[0], ins[0] * al)
        elif op == 'Sigmoid':
            r = (1 / (1 + np.exp(-ins[0].astype(np.float64)))).astype(np.float32)
        elif op == 'Exp':
            r = np.exp(ins[0])
        elif op == 'Clip':
            lo = ins[1] if len(ins) > 1 and ins[1] is not None else -np.inf
            hi = ins[2] if len(ins) > 2 and ins[2] is not None else np.inf
            r = np.clip(ins[0], lo, hi)
        elif op == 'Identity':
            r = ins[0]
        elif op == 'Transpose':
            r = np.transpose(ins[0], a.get('perm'))
        elif op == 'Reshape':
            shape = [int(s) for s in ins[1]]
            shape = [ins[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
            r = ins[0].reshape(shape)
        elif op == 'Concat':
            r = np.concatenate(ins, axis=a['axis'])
        elif op == 'Split':
            ax = a.get('axis', 0)
            split = ins[1] if len(ins) > 1 and ins[1] is not None else a.get('split')
            if split is None:
                r = np.split(ins[0], len(node.output), axis=ax)
            else:
                r = np.split(ins[0], np.cumsum([int(s) for s in split])[:-1], axis=ax)
        elif op == 'Pad':
            value = ins[2] if len(ins) > 2 and ins[2] is not None else 0
            r = _pad(ins[0], ins[1], np.asarray(value).item() if np.size(value) else 0, a)
        elif op == 'Conv':
            r = _conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, a)
        elif op == 'MaxPool':
            r = _maxpool(ins[0], a)
        elif op == 'Resize':
            scales = ins[2] if len(ins) > 2 and ins[2] is not None and ins[2].size else None
            sizes = ins[3] if len(ins) > 3 and ins[3] is not None else None
            r = _resize(ins[0], sizes, scales, a)
        elif op == 'DepthToSpace':
            bs = a['blocksize']
            n, c, h, w = ins[0].shape
            mode = a.get('mode', b'DCR')
            mode = mode.decode() if isinstance(mode, bytes) else mode
            if mode == 'DCR':
                t = ins[0].reshape(n, bs, bs, c // bs ** 2, h, w).transpose(0, 3, 4, 1, 5, 2)
            else:
                t = ins[0].reshape(n, c // bs ** 2, bs, bs, h, w).transpose(0, 1, 4, 2, 5, 3)
            r = t.reshape(n, c // bs ** 2, h * bs, w * bs)
        elif op == 'ConstantOfShape':
            v = numpy_helper.to_array(a['value']) if 'value' in a else np.zeros(1, np.float32)
            r = np.full([int(s) for s in ins[0]], v.item(), v.dtype)
        elif op == 'Constant':
            r = numpy_helper.to_array(a['value'])
        elif op == 'Shape':
            r = np.array(ins[0].shape, np.int64)
        elif op == 'Squeeze':
            axes = ins[1] if len(ins) > 1 and ins[1] is not None else a.get('axes')
            r = np.squeeze(ins[0], axis=tuple(int(x) for x in axes) if axes is not None else None)
        elif op == 'Unsqueeze':
            axes = ins[1] if len(ins) > 1 and ins[1] is not None else a.get('axes')
            r = ins[0]
            for ax in sorted(int(x) for x in axes):
                r = np.expand_dims(r, ax)
        elif op == 'Slice':
            starts, ends = ins[1], ins[2]
            axes = ins[3] if len(ins) > 3 and ins[3] is not None else range(len(starts))
            steps = ins[4] if len(ins) > 4 and ins[4] is not None else [1] * len(starts)
            sl = [slice(None)] * ins[0].ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                sl[int(ax)] = slice(int(s), int(e), int(st))
            r = ins[0][tuple(sl)]
        elif op == 'Gather':
            r = np.take(ins[0], ins[1].astype(np.int64), axis=a.get('axis', 0))
        elif op == 'Cast':
            r = ins[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a['to']])
        else:
            raise NotImplementedError(f'onnx_numpy: operator {op} ({node.name})')
        if isinstance(r, list):
            for name, v in zip(node.output, r):
                env[name] = v
        else:
            if isinstance(r, np.ndarray) and r.dtype == np.float64:
                r = r.astype(np.float32)
            env[node.output[0]] = r
    names = want or [o.name for o in g.output]
    return {n: env[n] for n in names}
