// Reading a file that ships beside a module (trained weights, say): fetch in a browser, the
// file system in Node, where fetch does not read file: URLs.

export async function readBytes(url: URL): Promise<Uint8Array> {
  if (url.protocol === "file:") {
    // A variable module name, marked for webpack and Vite, keeps bundlers from pulling a Node
    // built-in into browser builds.
    const fsName = "node:fs/promises";
    const fs = (await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName)) as { readFile: (u: URL) => Promise<Uint8Array> };
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch ${url.href}: ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}
