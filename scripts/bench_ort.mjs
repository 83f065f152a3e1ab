// ONNX Runtime Web 1.30 with its WebGPU execution provider on npm run bench's W1 workloads
// (scripts/bench.mjs), in Node on the same Dawn adapter rnnc uses, each layer exported from
// PyTorch (scripts/bench_torch.py --onnx DIR): prints a JSON list of {workload, ms: {median,
// min, max}, tokens, flops}. A benchmark-only dev dependency; a process of its own.
//
//   node scripts/bench_ort.mjs DIR [ROUNDS]
import { readFileSync } from "node:fs";
import { timed, webgpuNavigator } from "./bench_common.mjs";

const [dir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 5);
const time = (run) => timed(run, rounds);
webgpuNavigator();
// ONNX Runtime's WebAssembly memory is shared, and Dawn for Node refuses to write from a view
// of shared memory: copy such data first.
const write = GPUQueue.prototype.writeBuffer;
GPUQueue.prototype.writeBuffer = function (buffer, offset, data, dataOffset = 0, size) {
  if (!(data.buffer instanceof SharedArrayBuffer)) return write.call(this, buffer, offset, data, dataOffset, size);
  const unit = data.BYTES_PER_ELEMENT ?? 1;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return write.call(this, buffer, offset, bytes, dataOffset * unit, size === undefined ? undefined : size * unit);
};
const ort = await import("onnxruntime-web/webgpu");

const [I, B, T] = [128, 32, 128];
const results = [];
for (const [name, H, gates] of [["W1 LSTM H=256", 256, 4], ["W1 LSTM H=512", 512, 4], ["W1-GRU H=256", 256, 3]]) {
  const file = `${dir}/${name.replace(/ /g, "_").replace("=", "")}.onnx`;
  // Every node on the WebGPU provider, or the session is refused: no silent fallback to the CPU.
  const session = await ort.InferenceSession.create(readFileSync(file), { executionProviders: ["webgpu"], extra: { session: { disable_cpu_ep_fallback: "1" } } });
  const x = new ort.Tensor("float32", Float32Array.from({ length: T * B * I }, () => Math.random() * 2 - 1), [T, B, I]);
  const ms = await time(() => session.run({ x }));
  results.push({ workload: name, ms, tokens: T * B, flops: 2 * T * B * gates * H * (I + H) });
  await session.release();
}
console.log(JSON.stringify(results));
process.exit(0);
