// Types for serve.mjs, for the TypeScript test that builds and serves the playground.
import type { Server } from "node:http";

/** The example models, by file name, the char model first. */
export function readExamples(): Record<string, string>;

/** Bundle the page into `outDir` (default dist/playground); resolves to the folder. */
export function buildPlayground(outDir?: string): Promise<string>;

/** Serve a built playground folder on 127.0.0.1 (port 0: a free one). */
export function servePlayground(options?: { port?: number; dir?: string }): Promise<{ server: Server; url: string; close: () => Promise<void> }>;
