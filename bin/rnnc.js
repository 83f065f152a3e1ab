#!/usr/bin/env node
// Entry point of the `rnnc` command. The compiler is built into dist/ by `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/compiler/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error("rnnc: the compiler is not built yet; run 'npm run build' in the rnnc folder");
  process.exit(2);
}
const { main } = await import(cli.href);
const code = await main(process.argv.slice(2));
// Exit explicitly (the WebGPU device would otherwise keep Node alive), once what was written to
// a pipe has been flushed: process.exit alone can cut a long error report short.
let pending = 2;
const done = () => --pending === 0 && process.exit(code);
process.stdout.write("", done);
process.stderr.write("", done);
