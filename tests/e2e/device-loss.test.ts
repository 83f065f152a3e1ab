// A lost GPU device (a driver reset, a tab in the background too long) is reported, not run on.
// In a file of its own: it destroys the process's shared device.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { acquireDevice, GpuError } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";

test("a run after the device is lost says so, with what to do", async () => {
  const { device } = await acquireDevice();
  const model = await Model.create(compile("gru.cell", readFileSync("dsl-examples/gru.cell", "utf8"), { I: 2, H: 3 }).manifest, device);
  const x = { x: { shape: [2, 1, 2], data: new Float32Array(4).fill(0.5) } };
  await model.run(x);
  device.destroy();
  await device.lost;
  await expect(model.run(x)).rejects.toThrow(GpuError);
  await expect(model.run(x)).rejects.toThrow(/^the GPU device was lost \(.+\); load the model again on a new device$/);
});
