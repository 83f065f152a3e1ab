// Headless Chromium with WebGPU and no network, for the tests that run pages.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";
// WebGPU in headless Chromium without a GPU: SwiftShader's software Vulkan. Only
// --enable-unsafe-webgpu is strictly needed with Chromium 156; the rest pin the adapter and keep
// the browser off the network.
export const FLAGS = [
  "--enable-unsafe-webgpu",
  "--enable-unsafe-swiftshader",
  "--use-webgpu-adapter=swiftshader",
  "--enable-features=Vulkan",
  "--no-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser and a context whose requests go nowhere but `origin` (each recorded in `requested`). */
export async function launchChromium(origin: string, requested: string[]): Promise<{ browser: Browser; context: BrowserContext }> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing`).toBe(true);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const context = await browser.newContext();
  context.on("request", (req) => requested.push(req.url()));
  // Nothing leaves the test's own server, even by accident.
  await context.route((url) => url.origin !== origin, (route) => route.abort("blockedbyclient"));
  return { browser, context };
}
