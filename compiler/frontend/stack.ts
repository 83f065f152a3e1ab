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
  /** Called with each layer's outputs before they are joined (to refuse what cannot be). */
  checkJoin?: (outputs: number[]) => void;
}

/** One scan of the stack: a layer's inputs -> its output sequence and each state's final value. */
export type ScanLayer = (inputs: number[], layer: number, reverse: boolean, slot: number) => { output: number; finals: number[] };

/** The stack's output sequence and, per state, its final values stacked over layers and directions. */
export function stackLayers(b: GraphBuilder, s: Stacking, sequences: number[], states: number, scan: ScanLayer): number[] {
  const finals: number[][] = Array.from({ length: states }, () => []);
  let inputs = sequences;
  for (let layer = 0; layer < s.layers; layer++) {
    const outputs: number[] = [];
    for (let dir = 0; dir < s.directions; dir++) {
      const result = scan(inputs, layer, dir === 1, layer * s.directions + dir);
      outputs.push(result.output);
      result.finals.forEach((f, i) => finals[i].push(f));
    }
    s.checkJoin?.(outputs);
    inputs = [outputs.length === 1 ? outputs[0] : b.add("concat", outputs)];
    if (s.dropout && layer < s.layers - 1) inputs = [s.dropout(inputs[0])];
  }
  return [inputs[0], ...finals.map((fs) => b.add("stack", fs))];
}
