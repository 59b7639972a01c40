"""Makes a tiny ONNX model that emits a fixed RetinaFace output (InsightFace's MXNet export layout) whatever its
input, so the retinaface decoder, kept for users who bring such weights, is tested on the real ONNX Runtime path
without shipping InsightFace's non-commercial weights. Run with Debian's python3-onnx:
    /usr/bin/python3 make_retinaface_fixture.py
Input 1x3x64x64; one level, stride 16 (a 4x4 grid), two square anchors of 32 and 16 px, anchor centre offset 7.5:
    anchor 0 at cell (x 1, y 2): face probability 0.9, dx 0.25, dy -0.25, dw ln 1.5, dh 0
        -> centre (16 + 7.5 + 32 * 0.25, 32 + 7.5 - 32 * 0.25) = (31.5, 31.5), size 48 x 32
    anchor 1 at cell (x 3, y 0): face probability 0.2 -> below any sane threshold
Every other anchor: background probability 1, face probability 0.
"""
import math

import numpy as np
import onnx
from onnx import helper, TensorProto, numpy_helper

scores = np.zeros((1, 4, 4, 4), dtype=np.float32)
scores[0, 0:2] = 1.0                      # background probability of anchors 0 and 1
scores[0, 2, 2, 1], scores[0, 0, 2, 1] = 0.9, 0.1
scores[0, 3, 0, 3], scores[0, 1, 0, 3] = 0.2, 0.8
boxes = np.zeros((1, 8, 4, 4), dtype=np.float32)
boxes[0, 0:4, 2, 1] = [0.25, -0.25, math.log(1.5), 0.0]

inp = helper.make_tensor_value_info("data", TensorProto.FLOAT, [1, 3, 64, 64])
outs = [helper.make_tensor_value_info("scores_16", TensorProto.FLOAT, list(scores.shape)),
        helper.make_tensor_value_info("boxes_16", TensorProto.FLOAT, list(boxes.shape))]
nodes = [
    helper.make_node("ReduceMean", ["data"], ["m"], keepdims=0),
    helper.make_node("Mul", ["m", "zero"], ["z"]),
    helper.make_node("Add", ["z", "fixed_scores"], ["scores_16"]),
    helper.make_node("Add", ["z", "fixed_boxes"], ["boxes_16"]),
]
inits = [numpy_helper.from_array(np.array(0, dtype=np.float32), "zero"),
         numpy_helper.from_array(scores, "fixed_scores"), numpy_helper.from_array(boxes, "fixed_boxes")]
g = helper.make_graph(nodes, "retinaface-fixture", [inp], outs, inits)
m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="image-anonymizer-tests")
m.ir_version = 7
onnx.checker.check_model(m)
onnx.save(m, "retinaface-fixture.onnx")
