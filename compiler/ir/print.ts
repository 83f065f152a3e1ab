// The IR as text: one line per node, scan bodies indented.
import type { Graph, Node } from "./graph.js";

export function printGraph(graph: Graph, indent = ""): string {
  const lines: string[] = [];
  for (const node of graph.nodes) {
    lines.push(`${indent}${printNode(node)}`);
    if (node.op === "scan") lines.push(printGraph(node.attrs.scan!.body, indent + "    "));
  }
  const outs = graph.outputs.map((o) => `${o.name} = %${o.node}`).join(", ");
  lines.push(`${indent}return ${outs}`);
  return lines.join("\n");
}

function printNode(node: Node): string {
  const a = node.attrs;
  const parts: string[] = [];
  if (a.name !== undefined) parts.push(JSON.stringify(a.name));
  if (a.optional) parts.push("optional");
  if (a.init) parts.push(Object.entries(a.init).map(([k, v]) => (k === "kind" ? v : `${k}=${+(+v).toPrecision(4)}`)).join(" "));
  if (node.op === "arg" || node.op === "get" || node.op === "index") parts.push(String(a.index));
  if (a.value !== undefined) parts.push(String(a.value));
  if (a.axis !== undefined) parts.push(`axis=${a.axis}`);
  if (a.start !== undefined) parts.push(node.op === "pad" ? `at ${a.start} of ${a.size}` : `${a.start}:${a.start + a.size!}`);
  else if (a.size !== undefined) parts.push(`size=${a.size}`);
  if (a.scan) parts.push(`${a.scan.reverse ? "reverse " : ""}over ${a.scan.length}, carries=${a.scan.carries} sequences=${a.scan.sequences}`);
  const args = [...node.inputs.map((i) => `%${i}`), ...parts].join(", ");
  const shape = node.op === "scan" ? "" : ` [${node.shape.join(", ")}]`;
  const label = node.label ? `  # ${node.label}` : "";
  const line = node.line ? ` (line ${node.line})` : "";
  return `%${node.id}${shape} = ${node.op}(${args})${label}${label || line ? line : ""}`;
}
