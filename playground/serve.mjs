// `npm run playground`: bundle the page (the compiler and the runtime included) with esbuild and
// serve it on 127.0.0.1. Plain JavaScript so that node runs it directly, with no tsc step.
//   node playground/serve.mjs [--port N]   (default 8080; 0 picks a free port)
import { build } from "esbuild";
import { createReadStream, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = resolve(here, "..");
const FIRST_EXAMPLE = "char_lstm.cell";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** The example models, by file name, the char model first: the page embeds their text. */
export function readExamples() {
  const dir = join(repo, "dsl-examples");
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".cell"))
    .sort((a, b) => (a === FIRST_EXAMPLE ? -1 : b === FIRST_EXAMPLE ? 1 : a.localeCompare(b)));
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), "utf8")]));
}

/** Bundle playground/app.ts into `outDir`/app.js beside index.html; returns the folder. */
export async function buildPlayground(outDir = join(repo, "dist", "playground")) {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(here, "app.ts")],
    outfile: join(outDir, "app.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: false,
    sourcemap: "inline",
    logLevel: "silent",
    define: { PLAYGROUND_EXAMPLES: JSON.stringify(readExamples()) },
  });
  for (const w of result.warnings) console.warn(`esbuild: ${w.text}`);
  writeFileSync(join(outDir, "index.html"), readFileSync(join(here, "index.html")));
  return outDir;
}

/**
 * Serve `dir` (built by buildPlayground) on 127.0.0.1: GET and HEAD of its files only.
 * Resolves to { server, url, close }.
 */
export async function servePlayground({ port = 8080, dir = join(repo, "dist", "playground") } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain" }).end("bad path");
      return;
    }
    const file = resolve(root, "." + (path.endsWith("/") ? path + "index.html" : path));
    const inside = file.startsWith(root + sep);
    const isFile = inside && statSync(file, { throwIfNoEntry: false })?.isFile();
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "Content-Type": "text/plain", Allow: "GET, HEAD" }).end("only GET and HEAD");
      return;
    }
    if (!isFile) {
      res.writeHead(inside ? 404 : 403, { "Content-Type": "text/plain" }).end("not here");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(undefined));
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const close = () => new Promise((ok) => server.close(() => ok(undefined)));
  return { server, url, close };
}

/** `--port N` or `--port=N`; 8080 when not given. */
function portFromArgs(args) {
  const i = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
  if (i < 0) return 8080;
  const given = args[i].startsWith("--port=") ? args[i].slice("--port=".length) : (args[i + 1] ?? "");
  const port = given === "" ? NaN : Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${given}: give a port number from 0 to 65535`);
  return port;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const port = portFromArgs(process.argv.slice(2));
    const dir = await buildPlayground();
    const { url } = await servePlayground({ port, dir });
    console.log(`rnnc playground: ${url}  (Ctrl-C stops it)`);
  } catch (e) {
    console.error(`playground: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
