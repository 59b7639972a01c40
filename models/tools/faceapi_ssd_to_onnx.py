#!/usr/bin/env python3
"""Rebuilds face-api's SSD-MobileNetV1 face detector as ONNX from its TF.js weights manifest.

    faceapi_ssd_to_onnx.py ssd_mobilenetv1_model-weights_manifest.json OUT_ONNX

face-api ships only weights (8-bit quantised, TF Object Detection API names) and builds the network in code
(src/ssdMobilenetv1 of face-api: mobileNetV1.ts, predictionLayer.ts, boxPredictionLayer.ts, outputLayer.ts).
This script rebuilds that network:
  input  "input"  [1,512,512,3] NHWC, RGB 0..255 (face-api pads the image to a square at bottom/right, then
                  resizes to 512); normalised inside the graph as x * 0.007843137718737125 - 1
  MobileNetV1: conv_0 3x3/2 + bn offset + relu6, then 13 x (depthwise 3x3 + batch norm + relu6,
                pointwise 1x1 + bn offset + relu6), stride 2 at layers 2, 4, 6, 12; conv11 kept
  prediction:  8 pointwise convs (+ bn offset, relu6), strides 2 at conv_1/3/5/7;
                box predictors on conv11 (3 anchors/cell), out, conv1, conv3, conv5, conv7 (6 anchors/cell)
  output:      box encodings decoded against Output/extra_dim anchors (scale 10, 10, 5, 5; centre/size form)
  outputs "boxes"  [1,5118,4]  ymin, xmin, ymax, xmax, normalised 0..1 of the 512 input
          "scores" [1,5118]    sigmoid of class logit 1 (face)
Batch norm is folded into the depthwise conv weights. Deterministic output (opset 13, IR 7).
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tfjs_to_onnx import IR_VERSION, OPSET, PRODUCER, PRODUCER_VERSION, load_weights, same_pads  # noqa: E402

EPS = 0.0010000000474974513


class Builder:
    def __init__(self, w):
        self.w = w
        self.nodes, self.inits, self.n = [], [], 0

    def const(self, arr, name):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(self, op, inputs, name, **attrs):
        self.nodes.append(helper.make_node(op, inputs, [name], name='node/' + name, **attrs))
        return name

    def relu6(self, x, name):
        if 'relu6/min' not in [i.name for i in self.inits]:
            self.const(np.array(0, np.float32), 'relu6/min')
            self.const(np.array(6, np.float32), 'relu6/max')
        return self.node('Clip', [x, 'relu6/min', 'relu6/max'], name)

    def conv(self, x, hw, kernel, bias, stride, name, depthwise=False):
        """x NCHW tensor name of spatial size hw (square); kernel in TF layout; SAME padding like tf.conv2d."""
        kh, kw, cin, m = kernel.shape
        if depthwise:
            wt = kernel.transpose(2, 3, 0, 1).reshape(cin * m, 1, kh, kw)
            group = cin
        else:
            wt = kernel.transpose(3, 2, 0, 1)
            group = 1
        t, b, out = same_pads(hw, kh, stride, 1)
        l, r, _ = same_pads(hw, kw, stride, 1)
        ins = [x, self.const(wt.astype(np.float32), name + '/W')]
        if bias is not None:
            ins.append(self.const(bias.astype(np.float32), name + '/B'))
        y = self.node('Conv', ins, name, kernel_shape=[kh, kw], strides=[stride, stride], pads=[t, l, b, r],
                      group=group)
        return y, out

    def pointwise(self, x, hw, prefix, stride, name):
        y, hw = self.conv(x, hw, self.w[prefix + '/weights'], self.w[prefix + '/convolution_bn_offset'], stride,
                          name + '/conv')
        return self.relu6(y, name), hw

    def depthwise(self, x, hw, prefix, stride, name):
        k = self.w[prefix + '/depthwise_weights'].astype(np.float64)
        g = self.w[prefix + '/BatchNorm/gamma'].astype(np.float64)
        beta = self.w[prefix + '/BatchNorm/beta'].astype(np.float64)
        mean = self.w[prefix + '/BatchNorm/moving_mean'].astype(np.float64)
        var = self.w[prefix + '/BatchNorm/moving_variance'].astype(np.float64)
        mul = g / np.sqrt(var + EPS)                      # per input channel (multiplier 1)
        k = k * mul.reshape(1, 1, -1, 1)
        bias = beta - mean * mul
        y, hw = self.conv(x, hw, k, bias, stride, name + '/conv', depthwise=True)
        return self.relu6(y, name), hw

    def predictor(self, x, hw, i, anchors_per_cell):
        p = f'Prediction/BoxPredictor_{i}'
        box, _ = self.conv(x, hw, self.w[p + '/BoxEncodingPredictor/weights'], self.w[p + '/BoxEncodingPredictor/biases'],
                           1, f'box_predictor_{i}/box')
        cls, _ = self.conv(x, hw, self.w[p + '/ClassPredictor/weights'], self.w[p + '/ClassPredictor/biases'],
                           1, f'box_predictor_{i}/class')
        # NCHW -> NHWC, then rows = (y * W + x) * anchors + a, as tf.reshape does on NHWC
        box = self.node('Transpose', [box], f'box_predictor_{i}/box_nhwc', perm=[0, 2, 3, 1])
        cls = self.node('Transpose', [cls], f'box_predictor_{i}/class_nhwc', perm=[0, 2, 3, 1])
        n = hw * hw * anchors_per_cell
        box = self.node('Reshape', [box, self.const(np.array([1, n, 4], np.int64), f'box_predictor_{i}/box_shape')],
                        f'box_predictor_{i}/box_rows')
        cls = self.node('Reshape', [cls, self.const(np.array([1, n, 3], np.int64), f'box_predictor_{i}/class_shape')],
                        f'box_predictor_{i}/class_rows')
        return box, cls, n

    def build(self):
        x = self.node('Transpose', ['input'], 'input_nchw', perm=[0, 3, 1, 2])
        x = self.node('Mul', [x, self.const(np.array(0.007843137718737125, np.float32), 'norm/scale')], 'norm/mul')
        x = self.node('Sub', [x, self.const(np.array(1, np.float32), 'norm/one')], 'norm/sub')
        hw = 512
        out, hw = self.pointwise(x, hw, 'MobilenetV1/Conv2d_0_pointwise', 2, 'mobilenet/conv_0')
        conv11 = None
        for i in range(1, 14):
            stride = 2 if i in (2, 4, 6, 12) else 1
            out, hw = self.depthwise(out, hw, f'MobilenetV1/Conv2d_{i}_depthwise', stride, f'mobilenet/conv_{i}/depthwise')
            out, hw = self.pointwise(out, hw, f'MobilenetV1/Conv2d_{i}_pointwise', 1, f'mobilenet/conv_{i}/pointwise')
            if i == 11:
                conv11, hw11 = out, hw
        feats = [(conv11, hw11, 3), (out, hw, 6)]
        y, h = out, hw
        for i in range(8):
            y, h = self.pointwise(y, h, f'Prediction/Conv2d_{i}_pointwise', 2 if i % 2 else 1, f'prediction/conv_{i}')
            if i % 2:
                feats.append((y, h, 6))
        boxes, classes, total = [], [], 0
        for i, (f, fh, a) in enumerate(feats):
            b, c, n = self.predictor(f, fh, i, a)
            boxes.append(b)
            classes.append(c)
            total += n
        enc = self.node('Concat', boxes, 'box_encodings', axis=1)
        cls = self.node('Concat', classes, 'class_predictions', axis=1)
        # decode against the anchors (ymin, xmin, ymax, xmax)
        anchors = self.w['Output/extra_dim'].reshape(total, 4).astype(np.float32)
        size_y = anchors[:, 2] - anchors[:, 0]
        size_x = anchors[:, 3] - anchors[:, 1]
        cen_y = anchors[:, 0] + size_y / np.float32(2)
        cen_x = anchors[:, 1] + size_x / np.float32(2)
        col = lambda v, n: self.const(v.reshape(1, total, 1).astype(np.float32), n)  # noqa: E731
        parts = [self.node('Slice', [enc, self.const(np.array([k], np.int64), f'dec/s{k}'),
                                     self.const(np.array([k + 1], np.int64), f'dec/e{k}'),
                                     self.const(np.array([2], np.int64), f'dec/a{k}')], f'dec/enc{k}') for k in range(4)]
        cy = self.node('Add', [self.node('Mul', [self.node('Div', [parts[0], self.const(np.array(10, np.float32), 'dec/ten')], 'dec/ty'),
                                                  col(size_y, 'dec/size_y')], 'dec/ty_s'), col(cen_y, 'dec/cen_y')], 'dec/cy')
        cx = self.node('Add', [self.node('Mul', [self.node('Div', [parts[1], 'dec/ten'], 'dec/tx'),
                                                  col(size_x, 'dec/size_x')], 'dec/tx_s'), col(cen_x, 'dec/cen_x')], 'dec/cx')
        five = self.const(np.array(5, np.float32), 'dec/five')
        two = self.const(np.array(2, np.float32), 'dec/two')
        hh = self.node('Div', [self.node('Mul', [self.node('Exp', [self.node('Div', [parts[2], five], 'dec/th')], 'dec/exp_h'),
                                                  'dec/size_y'], 'dec/h'), two], 'dec/hh')
        hw_ = self.node('Div', [self.node('Mul', [self.node('Exp', [self.node('Div', [parts[3], five], 'dec/tw')], 'dec/exp_w'),
                                                   'dec/size_x'], 'dec/w'), two], 'dec/hw')
        coords = [self.node('Sub', [cy, hh], 'dec/ymin'), self.node('Sub', [cx, hw_], 'dec/xmin'),
                  self.node('Add', [cy, hh], 'dec/ymax'), self.node('Add', [cx, hw_], 'dec/xmax')]
        self.node('Concat', coords, 'boxes', axis=2)
        face = self.node('Slice', [cls, self.const(np.array([1], np.int64), 'score/s'), self.const(np.array([2], np.int64), 'score/e'),
                                   self.const(np.array([2], np.int64), 'score/a')], 'score/logit')
        face = self.node('Sigmoid', [face], 'score/sigmoid')
        self.node('Reshape', [face, self.const(np.array([1, total], np.int64), 'score/shape')], 'scores')
        graph = helper.make_graph(
            self.nodes, 'faceapi-ssd-mobilenetv1',
            [helper.make_tensor_value_info('input', TensorProto.FLOAT, [1, 512, 512, 3])],
            [helper.make_tensor_value_info('boxes', TensorProto.FLOAT, [1, total, 4]),
             helper.make_tensor_value_info('scores', TensorProto.FLOAT, [1, total])],
            self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)],
                                  producer_name=PRODUCER, producer_version=PRODUCER_VERSION)
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model)
        return model


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    manifest_path, out = argv
    manifest = json.load(open(manifest_path))
    weights = load_weights(manifest, os.path.dirname(os.path.abspath(manifest_path)))
    model = Builder(weights).build()
    data = model.SerializeToString(deterministic=True)
    with open(out, 'wb') as f:
        f.write(data)
    print(f'wrote {out}: {len(data)} bytes, {len(model.graph.node)} nodes', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
