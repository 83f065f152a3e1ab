// Golden WGSL and schedule of every example (and of one compiled to train), so a schedule or codegen
// change shows up as a readable diff in golden/wgsl/. Regenerate after an intended change: npm run goldens:wgsl.
// Updating writes one compilation and compares a second against it, so nondeterminism still fails.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Model } from "../../runtime/model.js";
import { printSchedule } from "../../compiler/schedule/print.js";
import { compileExample } from "../helpers.js";

const update = process.env.UPDATE_GOLDENS === "1";
const examples = readdirSync("dsl-examples").filter((f) => f.endsWith(".cell")).map((f) => f.replace(/\.cell$/, ""));

describe("every example's kernels compile on WebGPU", () => {
  for (const name of examples) {
    // Model.create fails on any WGSL error, naming the kernel; validation errors are caught here too.
    test(name, async () => {
      const model = await Model.create(compileExample(name).manifest);
      model.device.pushErrorScope("validation");
      // Zeros for every required input, with T = 3, S = 4 and B = 2 (zeros are valid ids and lengths too).
      const runtime: Record<string, number> = { T: 3, S: 4, B: 2 };
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

describe("generated WGSL and schedule equal the committed snapshot", () => {
  // Every example as compiled to run, and one compiled to train (the backward loop's kernels).
  const cases = [...examples.map((name) => ({ name, dir: name, options: {} })), { name: "lstm", dir: "lstm_train", options: { gradients: true } }];
  for (const c of cases) {
    test(c.dir, () => {
      const dir = join("golden", "wgsl", c.dir);
      const generate = () => {
        const { manifest, schedule } = compileExample(c.name, {}, c.options);
        const kernels = manifest.kernels.map((k, i) => ({ file: `${String(i).padStart(2, "0")}_${k.name}.wgsl`, text: k.wgsl }));
        return [...kernels, { file: "schedule.txt", text: `${printSchedule(schedule)}\n` }];
      };
      if (update) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        for (const k of generate()) writeFileSync(join(dir, k.file), k.text);
      }
      const files = generate();
      expect(existsSync(dir), `no snapshot for ${c.dir}: run npm run goldens:wgsl`).toBe(true);
      expect(files.map((k) => k.file).sort()).toEqual(readdirSync(dir).sort());
      for (const k of files) expect(k.text, `${dir}/${k.file} differs; if intended, run npm run goldens:wgsl`).toBe(readFileSync(join(dir, k.file), "utf8"));
    });
  }
});
