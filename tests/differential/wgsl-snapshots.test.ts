// Golden WGSL of every example, so a codegen change shows up as a readable diff in golden/wgsl/.
// Regenerate after an intended change: npm run goldens:wgsl. Updating writes one compilation
// and compares a second against it, so code generation that is not deterministic still fails.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Model } from "../../runtime/model.js";
import { compileExample } from "../helpers.js";

const update = process.env.UPDATE_GOLDENS === "1";
const examples = readdirSync("dsl-examples").filter((f) => f.endsWith(".cell")).map((f) => f.replace(/\.cell$/, ""));

describe("every example's kernels compile on WebGPU", () => {
  for (const name of examples) {
    // Model.create fails on any WGSL error, naming the kernel; validation errors are caught here too.
    test(name, async () => {
      const model = await Model.create(compileExample(name).manifest);
      model.device.pushErrorScope("validation");
      // Zeros for every required input, with T = 3 and B = 2 (zeros are valid ids too).
      const runtime: Record<string, number> = { T: 3, B: 2 };
      const inputs = model.manifest.inputs
        .filter((i) => !i.optional)
        .map((i) => {
          const shape = i.shape.map((d) => (typeof d === "number" ? d : runtime[d]));
          return [i.name, { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) }];
        });
      await model.run(Object.fromEntries(inputs));
      expect(await model.device.popErrorScope()).toBeNull();
      model.destroy();
    });
  }
});

describe("generated WGSL equals the committed snapshot", () => {
  for (const name of examples) {
    test(name, () => {
      const dir = join("golden", "wgsl", name);
      const generate = () => compileExample(name).manifest.kernels.map((k, i) => ({ file: `${String(i).padStart(2, "0")}_${k.name}.wgsl`, wgsl: k.wgsl }));
      if (update) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        for (const k of generate()) writeFileSync(join(dir, k.file), k.wgsl);
      }
      const kernels = generate();
      expect(existsSync(dir), `no snapshot for ${name}: run npm run goldens:wgsl`).toBe(true);
      expect(kernels.map((k) => k.file)).toEqual(readdirSync(dir).sort());
      for (const k of kernels) expect(k.wgsl, `${dir}/${k.file} differs; if intended, run npm run goldens:wgsl`).toBe(readFileSync(join(dir, k.file), "utf8"));
    });
  }
});
