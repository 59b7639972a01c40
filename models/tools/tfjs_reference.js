#!/usr/bin/env node
// Runs a TF.js graph model on one float32 input with the pure-JS CPU backend: the reference side of
// verify_conversion.py. Needs @tensorflow/tfjs-core, -backend-cpu and -converter; NODE_PATH points at the
// node_modules they were installed into (see models/tools/README.md).
//
//   node tfjs_reference.js MODEL_JSON INPUT.f32 SHAPE(1,192,192,3) OUT_DIR OUTPUT_NAME[,OUTPUT_NAME...]
//
// INPUT.f32 is raw little-endian float32; each output is written as OUT_DIR/<name>.f32 and its shape goes
// into OUT_DIR/shapes.json.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

async function main() {
  const [modelJson, inputFile, shapeArg, outDir, outputsArg] = process.argv.slice(2);
  if (!outputsArg) {
    console.error('usage: tfjs_reference.js MODEL_JSON INPUT.f32 SHAPE OUT_DIR OUTPUT[,OUTPUT...]');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const j = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
  const dir = path.dirname(modelJson);
  const weightSpecs = [];
  const buffers = [];
  for (const group of j.weightsManifest) {
    for (const w of group.weights) weightSpecs.push(w);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const handler = {
    load: async () => ({
      modelTopology: j.modelTopology, weightSpecs, weightData, format: j.format,
      generatedBy: j.generatedBy, convertedBy: j.convertedBy, signature: j.signature,
      userDefinedMetadata: j.userDefinedMetadata,
    }),
  };
  const model = await converter.loadGraphModel(handler);
  const shape = shapeArg.split(',').map(Number);
  const raw = fs.readFileSync(inputFile);
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const input = tf.tensor(data, shape, 'float32');
  const names = outputsArg.split(',');
  let outs = model.execute(input, names);
  if (!Array.isArray(outs)) outs = [outs];
  fs.mkdirSync(outDir, { recursive: true });
  const shapes = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i].split(':')[0];
    const values = outs[i].dataSync();
    fs.writeFileSync(path.join(outDir, `${name}.f32`), Buffer.from(values.buffer, values.byteOffset, values.byteLength));
    shapes[name] = outs[i].shape;
  }
  fs.writeFileSync(path.join(outDir, 'shapes.json'), JSON.stringify(shapes));
}

main().catch((e) => { console.error(e); process.exit(1); });
