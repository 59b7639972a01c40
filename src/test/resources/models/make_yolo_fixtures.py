"""Makes two tiny ONNX models that emit a fixed YOLO output whatever the input, one per layout, so the YOLO decoder
is tested on the real ONNX Runtime path without shipping AGPL weights. Run with Debian's python3-onnx:
    /usr/bin/python3 make_yolo_fixtures.py
Candidates (input pixels of the 64x64 model input, 2 classes):
    0: cx 32, cy 16, w 20, h 10, class scores 0.9 / 0.1   -> class 0 at 0.9
    1: cx 40, cy 40, w 10, h 10, class scores 0.05 / 0.1  -> below any sane threshold
    2: cx 10, cy 50, w 8,  h 8,  class scores 0.2 / 0.8   -> class 1 at 0.8
v5 rows add an objectness of 1.0 (candidate 2: 0.5, so its final score is 0.4).
"""
import numpy as np
import onnx
from onnx import helper, TensorProto, numpy_helper

cands = [(32, 16, 20, 10, [0.9, 0.1]), (40, 40, 10, 10, [0.05, 0.1]), (10, 50, 8, 8, [0.2, 0.8])]

def model(name, out_value):
    inp = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 64, 64])
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, list(out_value.shape))
    nodes = [
        helper.make_node("ReduceMean", ["images"], ["m"], keepdims=0),
        helper.make_node("Mul", ["m", "zero"], ["z"]),
        helper.make_node("Add", ["z", "fixed"], ["output0"]),
    ]
    inits = [numpy_helper.from_array(np.array(0, dtype=np.float32), "zero"),
             numpy_helper.from_array(out_value.astype(np.float32), "fixed")]
    g = helper.make_graph(nodes, name, [inp], [out], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="image-anonymizer-tests")
    m.ir_version = 7
    onnx.checker.check_model(m)
    onnx.save(m, name + ".onnx")

v8 = np.zeros((1, 6, 3))
for i, (cx, cy, w, h, s) in enumerate(cands):
    v8[0, :, i] = [cx, cy, w, h] + s
model("yolo-v8-fixture", v8)

v5 = np.zeros((1, 3, 7))
for i, (cx, cy, w, h, s) in enumerate(cands):
    obj = 0.5 if i == 2 else 1.0
    v5[0, i, :] = [cx, cy, w, h, obj] + s
model("yolo-v5-fixture", v5)
