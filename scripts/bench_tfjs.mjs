// TensorFlow.js 4.22 with its WebGPU backend on npm run bench's workloads (scripts/bench.mjs),
// on the same Dawn adapter rnnc uses: prints a JSON list of {workload, ms: {median, min, max},
// tokens, flops}. A benchmark-only dev dependency; run on its own, a process of its own.
//
//   node scripts/bench_tfjs.mjs [ROUNDS]
import { timed, webgpuNavigator } from "./bench_common.mjs";

const rounds = Number(process.argv[2] ?? 5);
const time = (run) => timed(run, rounds);
webgpuNavigator();
const tf = await import("@tensorflow/tfjs-core");
await import("@tensorflow/tfjs-backend-webgpu");
const { layers, sequential } = await import("@tensorflow/tfjs-layers");
const train = tf.train;
if (!(await tf.setBackend("webgpu"))) throw new Error("TensorFlow.js found no WebGPU adapter");

const results = [];
// The orthogonal initialiser needs the chained ops of the full tfjs bundle; glorot does not
// change the timing.
const recurrentInitializer = "glorotUniform";
const [I, B, T] = [128, 32, 128];
for (const [name, kind, H, gates] of [["W1 LSTM H=256", "lstm", 256, 4], ["W1 LSTM H=512", "lstm", 512, 4], ["W1-GRU H=256", "gru", 256, 3]]) {
  const model = sequential({ layers: [layers[kind]({ units: H, returnSequences: true, inputShape: [T, I], recurrentInitializer })] });
  const x = tf.randomNormal([B, T, I]);
  const ms = await time(async () => {
    const y = model.predict(x);
    await y.data();
    y.dispose();
  });
  results.push({ workload: name, ms, tokens: T * B, flops: 2 * T * B * gates * H * (I + H) });
  model.dispose();
}

// W2: char_lstm.cell in layers (embedding 64, 2 x LSTM 256, dense), Adam (TensorFlow.js has no
// AdamW), batch 32 x 64, one trainOnBatch per step.
{
  const [V, E, H, TB, BB] = [65, 64, 256, 64, 32];
  const model = sequential({
    layers: [
      layers.embedding({ inputDim: V, outputDim: E, inputLength: TB }),
      layers.lstm({ units: H, returnSequences: true, recurrentInitializer }),
      layers.lstm({ units: H, returnSequences: true, recurrentInitializer }),
      layers.dense({ units: V }),
    ],
  });
  model.compile({ optimizer: train.adam(0.002), loss: (oneHot, logits) => tf.losses.softmaxCrossEntropy(oneHot, logits) });
  const ids = (shape) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.floor(Math.random() * V)), shape);
  const tokens = ids([BB, TB]);
  const targets = tf.oneHot(tf.cast(ids([BB, TB]), "int32"), V); // the loss takes the next characters one-hot
  const ms = await time(() => model.trainOnBatch(tokens, targets));
  results.push({ workload: "W2 char-LM train step", ms, tokens: TB * BB, flops: 3 * 2 * TB * BB * (4 * H * (E + H) + 4 * H * (H + H) + V * H) });
}
console.log(JSON.stringify(results));
process.exit(0);
