// The schedule as text (RNNC_DUMP=schedule): each kernel with what it writes, loops indented,
// the entries, and where every region sits.
import { sizeText } from "../../format/sizes.js";
import type { Place, Schedule, Step } from "./schedule.js";

export function printSchedule(s: Schedule): string {
  const where = (p: Place) => {
    const offset = p.offset.length ? ` + ${sizeText(p.offset)}` : "";
    const slot = p.slot ? `[${p.slot.index}]` : "";
    return `${s.memory.name(p.region)}${offset}${slot}`;
  };
  const lines = (steps: Step[], indent: string, numbered: boolean): string[] =>
    steps.flatMap((step, i) => {
      const at = numbered ? `${i}: ` : "";
      if (step.kind === "loop") return [`${indent}${at}loop ${sizeText(step.count)} times:`, ...lines(step.body, `${indent}  `, false)];
      if (step.kind === "product" && step.epilogue)
        return [`${indent}${at}${step.name}: ${step.node.op} of ${where(step.a)}, ${where(step.b)}, every gate of a thread's units, then ${step.epilogue.kernels.map((k) => `over [${k.shape.join(", ")}] -> ${k.outputs.map((o) => where(o.into)).join(", ")}`).join("; ")}`];
      if (step.kind === "product") return [`${indent}${at}${step.name}: ${step.node.op} of ${where(step.a)}, ${where(step.b)}${step.bias ? ` + bias ${where(step.bias)}` : ""} -> ${where(step.y)}`];
      return [`${indent}${at}${step.name}: over [${step.shape.join(", ")}] -> ${step.outputs.map((o) => where(o.into)).join(", ")}`];
    });
  const runs = (steps: number[]) => (steps.length === s.steps.length ? "every step" : `steps ${steps.join(" ")}`);
  return [
    "steps:",
    ...lines(s.steps, "  ", true),
    "entries:",
    ...Object.entries(s.entries).map(([name, e]) => `  ${name}: ${runs(e.steps)}, computing ${e.outputs.join(", ")}`),
    "regions:",
    ...s.memory.regions.map((r, i) => `  ${r.name}${i === 0 ? " (the parameter buffer)" : ` at ${sizeText(r.base)}`}`),
  ].join("\n");
}
