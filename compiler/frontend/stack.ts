// A cell call as torch.nn.RNN/LSTM/GRU stack it: layer by layer, each layer one scan per
// direction (the second running backwards in time), the directions' outputs joined along their
// last axis, dropout between layers when training, and each state's final values stacked in
// the order PyTorch keeps them: [layer 0 forward, layer 0 reverse, layer 1 forward, ...].
import type { GraphBuilder } from "../ir/builder.js";

export interface Stacking {
  layers: number;
  directions: number;
  /** Between layers (not after the last), as torch.nn.LSTM(dropout=p) applies it when training. */
  dropout?: (x: number) => number;
  /** Called with each layer's k-th outputs, one per direction, before they are joined (to refuse what cannot be). */
  checkJoin?: (outputs: number[], k: number) => void;
}

/** One scan of the stack: a layer's inputs -> its output sequences and each state's final value. */
export type ScanLayer = (inputs: number[], layer: number, reverse: boolean, slot: number) => { outputs: number[]; finals: number[] };

/**
 * The stack's output sequences (the last layer's; the next layer reads the first) and, per
 * state, its final values stacked over layers and directions.
 */
export function stackLayers(b: GraphBuilder, s: Stacking, sequences: number[], states: number, scan: ScanLayer): number[] {
  const finals: number[][] = Array.from({ length: states }, () => []);
  let inputs = sequences;
  let joined: number[] = [];
  for (let layer = 0; layer < s.layers; layer++) {
    const results = Array.from({ length: s.directions }, (_, dir) => scan(inputs, layer, dir === 1, layer * s.directions + dir));
    results.forEach((r) => r.finals.forEach((f, i) => finals[i].push(f)));
    joined = results[0].outputs.map((_, k) => {
      const parts = results.map((r) => r.outputs[k]);
      s.checkJoin?.(parts, k);
      return parts.length === 1 ? parts[0] : b.add("concat", parts);
    });
    inputs = [joined[0]];
    if (s.dropout && layer < s.layers - 1) inputs = [s.dropout(inputs[0])];
  }
  return [...joined, ...finals.map((fs) => b.add("stack", fs))];
}
