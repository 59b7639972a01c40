#!/usr/bin/env python3
"""Checks a converted model against its TF.js original, and decodes its detections as a reference decoder.

    verify_conversion.py DESCRIPTOR IMAGE... [--onnx FILE] [--tfjs MODEL_JSON --node-path DIR] [--min-score S]

For every image: preprocess it as DESCRIPTOR's "input" says (resize, colour order, scale/mean/std, layout), run
the ONNX graph with the numpy interpreter in onnx_numpy.py, and
  * with --tfjs: run the original TF.js graph on the same tensor (tfjs_reference.js, pure-JS CPU backend) and
    print the max abs difference per output,
  * always: decode the outputs with the descriptor's family and params (nanodet) and print the
    detections in image pixels, so that the descriptor's decoder facts are checked on real images.
Exit status 1 when a difference exceeds --tolerance (default 1e-3).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_numpy  # noqa: E402


# ---------------------------------------------------------------------------------------------------------------
# preprocessing (what the Java side does; boxes come back through `to_image`)

def preprocess(path, inp):
    img = Image.open(path).convert('RGB')
    w0, h0 = img.size
    layout = inp['layout']
    shape = inp['shape']
    th, tw = (shape[1], shape[2]) if layout == 'NHWC' else (shape[2], shape[3])
    resize = inp['resize']
    if resize == 'stretch':
        sx, sy, px, py = tw / w0, th / h0, 0, 0
        canvas = img.resize((tw, th), Image.BILINEAR)
    elif resize == 'letterbox':
        s = min(tw / w0, th / h0)
        nw, nh = round(w0 * s), round(h0 * s)
        px, py = (tw - nw) // 2, (th - nh) // 2
        sx = sy = s
        pv = inp.get('padValue', 0)
        canvas = Image.new('RGB', (tw, th), (pv, pv, pv))
        canvas.paste(img.resize((nw, nh), Image.BILINEAR), (px, py))
    else:
        raise SystemExit(f'resize {resize} not handled here')
    a = np.asarray(canvas, np.float32)
    if inp['colorOrder'] == 'BGR':
        a = a[:, :, ::-1]
    a = (a * np.float32(inp['scale']) - np.array(inp['mean'], np.float32)) / np.array(inp['std'], np.float32)
    a = a[None]
    if layout == 'NCHW':
        a = a.transpose(0, 3, 1, 2)
    a = np.ascontiguousarray(a, np.float32)

    def to_image(x, y):  # model-input pixels -> image pixels
        return (x - px) / sx, (y - py) / sy
    return a, to_image, (w0, h0), (tw, th)


# ---------------------------------------------------------------------------------------------------------------
# decoders (the reference for the Java ones)

def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def nms(dets, thr):
    """dets: list of (score, [x1,y1,x2,y2], label); greedy, per label, highest score first."""
    keep = []
    for d in sorted(dets, key=lambda d: -d[0]):
        if all(k[2] != d[2] or iou(k[1], d[1]) < thr for k in keep):
            keep.append(d)
    return keep


NMS_IOU = 0.6  # a reference listing only; the function merges overlaps with anonymizer.detection.objects.nms-iou


def decode_nanodet(outs, desc, min_score):
    p = desc['params']
    inp = desc['input']['shape']
    size = inp[3] if desc['input']['layout'] == 'NCHW' else inp[2]
    bins = p['binsPerSide']
    dets = []
    for lvl in p['levels']:
        cls = outs[lvl['scores']][0]
        reg = outs[lvl['boxes']][0]
        stride = lvl['stride']
        gw = size // stride
        sc = cls  # the graph applies the sigmoid itself
        best = sc.argmax(1)
        bs = sc[np.arange(len(sc)), best]
        for i in np.nonzero(bs >= min_score)[0]:
            cx, cy = (i % gw + p['centerOffset']) * stride, (i // gw + p['centerOffset']) * stride
            d = reg[i].reshape(4, bins)
            e = np.exp(d - d.max(1, keepdims=True))
            dist = (e / e.sum(1, keepdims=True) * np.arange(bins)).sum(1) * stride
            dets.append((float(bs[i]), [cx - dist[0], cy - dist[1], cx + dist[2], cy + dist[3]], int(best[i])))
    return nms(dets, NMS_IOU), False


DECODERS = {'nanodet': decode_nanodet}


# ---------------------------------------------------------------------------------------------------------------

def run_tfjs(model_json, x, outputs, node_path):
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, 'input.f32')
        x.astype('<f4').tofile(inp)
        env = dict(os.environ, NODE_PATH=node_path)
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tfjs_reference.js')
        r = subprocess.run(['node', script, model_json, inp, ','.join(map(str, x.shape)), tmp, ','.join(outputs)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode:
            raise SystemExit(f'tfjs_reference.js failed:\n{r.stdout}')
        shapes = json.load(open(os.path.join(tmp, 'shapes.json')))
        return {n: np.fromfile(os.path.join(tmp, n + '.f32'), '<f4').reshape(s) for n, s in shapes.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('descriptor')
    ap.add_argument('images', nargs='+')
    ap.add_argument('--onnx', help='ONNX file (default: the descriptor\'s file beside it)')
    ap.add_argument('--tfjs', help='original TF.js model.json to compare with')
    ap.add_argument('--node-path', default=os.environ.get('NODE_PATH', ''), help='node_modules with @tensorflow/*')
    ap.add_argument('--min-score', type=float, default=0.25)
    ap.add_argument('--tolerance', type=float, default=1e-3)
    a = ap.parse_args()
    desc = json.load(open(a.descriptor))
    onnx_file = a.onnx or os.path.join(os.path.dirname(os.path.abspath(a.descriptor)), desc['file'])
    import onnx
    model = onnx.load(onnx_file)
    names = [o['name'] for o in desc['outputs']]
    worst = 0.0
    for path in a.images:
        x, to_image, (w0, h0), (tw, th) = preprocess(path, desc['input'])
        outs = onnx_numpy.run(model, {desc['input']['name']: x})
        print(f'{os.path.basename(path)} ({w0}x{h0}):')
        if a.tfjs:
            ref = run_tfjs(a.tfjs, x, [n.split(':')[0] for n in names], a.node_path)
            for n in names:
                r = ref[n.split(':')[0]]
                if r.shape != outs[n].shape:
                    raise SystemExit(f'  {n}: shape tfjs {r.shape} onnx {outs[n].shape}')
                diff = float(np.abs(r - outs[n]).max())
                worst = max(worst, diff)
                print(f'  {n} {list(r.shape)}: max abs diff {diff:.3g} (values {float(r.min()):.3g}..{float(r.max()):.3g})')
        dec = DECODERS.get(desc['family'])
        if dec:
            dets, normalised = dec(outs, desc, a.min_score)
            labels = desc.get('labels') or []
            for score, b, lab in dets[:15]:
                if normalised:
                    b = [b[0] * tw, b[1] * th, b[2] * tw, b[3] * th]
                x1, y1 = to_image(b[0], b[1])
                x2, y2 = to_image(b[2], b[3])
                name = labels[lab] if lab < len(labels) else str(lab)
                print(f'  {name:12s} {score:.3f}  [{x1:.0f},{y1:.0f},{x2:.0f},{y2:.0f}]')
            if not dets:
                print('  (no detections)')
    if a.tfjs:
        print(f'worst max abs diff: {worst:.3g}')
        if worst > a.tolerance:
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
