// The playground (`npm run playground`) end to end in headless Chromium, driven as a user drives
// it: edit the .cell file, see the error inline, fix it, read the IR and the WGSL, train a small
// char model on a pasted text, watch the loss fall, sample from it, and run another example.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildPlayground, servePlayground } from "../../playground/serve.mjs";
import { launchChromium } from "./chromium.js";

const CORPUS = "abcd abcd abcd dcba dcba ".repeat(40); // a pattern a small model learns in a few dozen steps
const STEPS = 40;
const QUICK = 3_000; // the page reacts to typing within this (it compiles 200 ms after the last key)

let dir: string;
let site: Awaited<ReturnType<typeof servePlayground>>;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rnnc-playground-"));
  await buildPlayground(dir);
  site = await servePlayground({ port: 0, dir });
  origin = new URL(site.url).origin;
  ({ browser, context } = await launchChromium(origin, requested));
  page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Open the page and wait for its first compile (char_lstm.cell) to succeed. */
async function open() {
  await page.goto(site.url);
  await page.locator('#status[data-state="ok"]').waitFor({ timeout: 10_000 });
}

const text = (selector: string) => page.locator(selector).textContent().then((t) => t ?? "");
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test("diagnostics follow the typing: an error is shown at its line and column, and goes once fixed", { timeout: 60_000 }, async () => {
  await open();
  expect(await page.locator("#example").inputValue()).toBe("char_lstm.cell");
  expect(await text("#status")).toMatch(/^OK/);
  expect(await page.locator("#problems li").count()).toBe(0);

  const editor = page.locator("#editor");
  const source = await editor.inputValue();
  expect(source).toContain("size V");
  // An undefined name in the LSTM cell's gate equation.
  const lines = source.split("\n");
  const line = lines.findIndex((l) => l.includes("gates = weight_ih @ x")) + 1;
  const col = lines[line - 1].indexOf("weight_ih") + 1;
  expect(line).toBeGreaterThan(1);
  await editor.fill(source.replace("gates = weight_ih @ x", "gates = weight_xx @ x"));

  await page.locator('#status[data-state="error"]').waitFor({ timeout: QUICK });
  const problem = page.locator("#problems li");
  expect(await problem.count()).toBe(1);
  expect(await problem.locator(".where").textContent()).toBe(`char_lstm.cell:${line}:${col}`);
  expect(await problem.locator(".message").textContent()).toBe("unknown name 'weight_xx'");
  expect(await problem.locator(".hint").textContent()).toContain("weight_ih");
  expect(await problem.locator("pre").textContent()).toContain("^^^^^^^^^");
  // Marked in the editor itself: the line number and the name.
  expect(await page.locator("#gutter .error").allTextContents()).toEqual([String(line)]);
  expect(await page.locator("#highlight mark").allTextContents()).toEqual(["weight_xx"]);

  await editor.fill(source);
  await page.locator('#status[data-state="ok"]').waitFor({ timeout: QUICK });
  expect(await page.locator("#problems li").count()).toBe(0);
  expect(await page.locator("#highlight mark").count()).toBe(0);

  await page.getByRole("tab", { name: "IR", exact: true }).click();
  expect(await text("#ir-view")).toContain('input("tokens")');
  await page.getByRole("tab", { name: "Schedule" }).click();
  expect(await text("#schedule-view")).toMatch(/loop T times/);
  await page.getByRole("tab", { name: "WGSL" }).click();
  const kernels = await page.locator("#kernel option").allTextContents();
  expect(kernels.length).toBeGreaterThan(3);
  expect(await text("#wgsl-view")).toContain("@compute");
  await page.locator("#kernel").selectOption({ index: kernels.length - 1 });
  expect(await text("#wgsl-view")).toContain("@compute");
  expect(consoleErrors).toEqual([]);
});

test("a small char model trains in the tab, its loss falls on the plot, and it samples", { timeout: 120_000 }, async () => {
  await open();
  await page.locator("#sizes").fill("H=16 E=8 L=1");
  await page.locator('#status[data-state="ok"]').waitFor({ timeout: QUICK });

  await page.getByRole("tab", { name: "Train" }).click();
  await page.locator("#train-text").fill(CORPUS);
  await page.locator("#steps").fill(String(STEPS));
  await page.locator("#batch").fill("4");
  await page.locator("#seq").fill("16");
  await page.locator("#lr").fill("0.02");
  await page.getByRole("button", { name: "Train" }).click();

  // Live: the plot has points before the run ends.
  await page.locator("#loss-plot polyline").waitFor({ timeout: 30_000 });
  await page.getByText(`Trained after ${STEPS} steps`).waitFor({ timeout: 90_000 });
  const losses = (await page.locator("#loss-plot").getAttribute("data-losses"))!.split(",").map(Number);
  const validation = (await page.locator("#loss-plot").getAttribute("data-validation"))!.split(",").map(Number);
  expect(losses).toHaveLength(STEPS);
  // ln(5) = 1.61 nats is guessing among the five characters; the pattern is far more certain.
  expect(mean(losses.slice(0, 5))).toBeGreaterThan(1.4);
  expect(mean(losses.slice(-5))).toBeLessThan(0.9);
  expect(validation.length).toBeGreaterThan(1);
  expect(validation.at(-1)!).toBeLessThan(0.9);
  expect(await page.locator("#loss-plot circle.validation").count()).toBe(validation.length);

  await page.locator("#prompt").fill("ab");
  await page.locator("#sample-length").fill("20");
  await page.locator("#temperature").fill("0.5");
  await page.getByRole("button", { name: "Sample" }).click();
  await page.getByText("Sampled 20 characters").waitFor({ timeout: 30_000 });
  const sample = await text("#sample-text");
  expect(sample).toHaveLength(20);
  expect([...sample].every((c) => CORPUS.includes(c)), sample).toBe(true);
  expect(await text("#sample-output")).toBe("ab" + sample);

  // Stop ends a long run between steps; what it trained so far still samples.
  await page.locator("#steps").fill("5000");
  await page.getByRole("button", { name: "Train" }).click();
  await page.getByText(/Training: step \d+ of 5000/).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Stop" }).click();
  const stopped = await page.getByText(/^Stopped after \d+ steps/).textContent({ timeout: 30_000 });
  const steps = Number(/after (\d+) steps/.exec(stopped ?? "")![1]);
  expect(steps).toBeLessThan(5000);
  expect((await page.locator("#loss-plot").getAttribute("data-losses"))!.split(",")).toHaveLength(steps);
  expect(await page.locator("#sample").isEnabled()).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test("another example runs forward on WebGPU: its outputs and their shapes are shown", { timeout: 60_000 }, async () => {
  await open();
  await page.locator("#example").selectOption("lstm.cell");
  await page.locator('#status[data-state="ok"]').waitFor({ timeout: QUICK });
  expect(await page.locator("#editor").inputValue()).toContain("input x [T, B, I]");

  await page.getByRole("tab", { name: "Run" }).click();
  await page.getByRole("button", { name: "Run on WebGPU" }).click();
  await page.locator("#run-status").getByText("Done.").waitFor({ timeout: 30_000 });
  const report = await text("#run-output");
  expect(report).toMatch(/adapter: .*swiftshader/i);
  expect(report).toMatch(/^ {2}x \[4, 2, 10\] {2}random normal$/m);
  // lstm.cell's own sizes: I=10, H=20, L=1, D=1; run at T=4, B=2.
  for (const shape of ["y [4, 2, 20]", "h_n [1, 2, 20]", "c_n [1, 2, 20]"]) expect(report).toMatch(new RegExp(`^  ${shape.replace(/[[\]]/g, "\\$&")}  -?\\d`, "m"));
  expect(consoleErrors).toEqual([]);
  expect(requested.filter((u) => !u.startsWith(origin + "/"))).toEqual([]);
});

test("without WebGPU the page says so and still compiles", { timeout: 30_000 }, async () => {
  const noGpu = await context.newPage();
  const errors: string[] = [];
  noGpu.on("pageerror", (e) => errors.push(String(e)));
  await noGpu.addInitScript(() => delete (Navigator.prototype as { gpu?: unknown }).gpu);
  await noGpu.goto(site.url);
  await noGpu.locator('#status[data-state="ok"]').waitFor({ timeout: 10_000 });
  expect(await noGpu.locator("#gpu-banner").textContent()).toMatch(/^This browser has no WebGPU: /);
  expect(await noGpu.locator("#train").isDisabled()).toBe(true);
  expect(await noGpu.locator("#run").isDisabled()).toBe(true);
  await noGpu.close();
  expect(errors).toEqual([]);
});
