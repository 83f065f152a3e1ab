// The adapter's product ceiling: rnnc's product kernel alone (y = W x) on three large shapes,
// the best rate. A model's achieved GFLOP/s is measured against it (rnnc bench --ceiling,
// npm run bench), so a share of it says how close to this adapter's best a model runs.
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { compile, type CompileOptions } from "../compile.js";
import { timed, type Timing } from "./timing.js";

export interface Ceiling {
  gflopsPerSecond: number;
  shape: string; // M x K x N of the best
  ms: Timing;
  flops: number;
}

export async function productCeiling(rounds: number, options: CompileOptions = {}): Promise<Ceiling> {
  const { device } = await acquireDevice();
  const rng = new Random(0);
  let best: Ceiling | undefined;
  for (const [M, K, N] of [[1024, 1024, 1024], [4096, 256, 1024], [4096, 512, 512]]) {
    const text = `size K = ${K}\nsize N = ${N}\nsize T, B\nmodel {\n  input x [T, B, K]\n  param W [N, K]\n  y = W @ x\n  output y\n}\n`;
    const model = await Model.create(compile("product.cell", text, {}, options).manifest, device);
    model.initParams(0);
    const x = { shape: [M / 32, 32, K], data: Float32Array.from({ length: M * K }, () => rng.next() * 2 - 1) };
    const ms = await timed(async () => {
      await model.submit({ x }, { read: [] });
      await device.queue.onSubmittedWorkDone();
    }, rounds);
    model.destroy();
    const flops = 2 * M * K * N;
    if (!best || flops / ms.median > best.flops / best.ms.median) best = { gflopsPerSecond: flops / (ms.median * 1e6), shape: `${M}x${K}x${N}`, ms, flops };
  }
  return best!;
}
