// Runs face-api's own SSD-MobileNetV1 (TF.js CPU backend) on one [1,512,512,3] float32 input (RGB 0..255):
// the reference for faceapi_ssd_to_onnx.py. See models/tools/README.md for the set-up (face-api's
// dist/face-api.esm-nobundle.js copied next to a node_modules with @tensorflow/tfjs 4.22.0).
//
//   node faceapi_reference.mjs FACE_API_ESM_NOBUNDLE MODEL_DIR INPUT.f32 OUT_DIR
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const [faceApiFile, modelDir, inFile, outDir] = process.argv.slice(2);
const faceapi = await import(pathToFileURL(path.resolve(faceApiFile)).href);
const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();
const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'ssd_mobilenetv1_model-weights_manifest.json')));
const bins = manifest[0].paths.map((p) => fs.readFileSync(path.join(modelDir, p)));
const buf = Buffer.concat(bins);
const weights = tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), manifest[0].weights);
const net = faceapi.nets.ssdMobilenetv1;
net.loadFromWeightMap(weights);
const raw = fs.readFileSync(inFile);
const x = tf.tensor(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)), [1, 512, 512, 3]);
let { boxes, scores } = net.forwardInput(await faceapi.toNetInput(x));
if (Array.isArray(boxes)) { boxes = boxes[0].expandDims(0); scores = scores[0].expandDims(0); }
fs.mkdirSync(outDir, { recursive: true });
for (const [n, t] of [['boxes', boxes], ['scores', scores]]) {
  const v = t.dataSync();
  fs.writeFileSync(path.join(outDir, `${n}.f32`), Buffer.from(v.buffer, v.byteOffset, v.byteLength));
}
fs.writeFileSync(path.join(outDir, 'shapes.json'), JSON.stringify({ boxes: boxes.shape, scores: scores.shape }));
