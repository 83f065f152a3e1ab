// A training step as one queue submission: forward, backward, optimizer update, and copying
// the final states into the next batch's initial states (truncated BPTT keeps the state, cuts
// the gradient). The loss is read back only when asked.
import type { Manifest } from "../format/manifest.js";
import type { NamedTensor } from "../format/safetensors.js";
import { ModelInputError, type Model } from "./model.js";
import { Carry } from "./carry.js";
import { Optimizer, type OptimizerOptions } from "./optimizer.js";

/** Output → input pairs carried from one batch to the next, e.g. [["h_n", "h0"], ["c_n", "c0"]]: each state output and the input it carries into. */
export function carriedPairs(manifest: Manifest): [string, string][] {
  return manifest.outputs.filter((o) => o.role === "state").map((o) => [o.name, o.of!]);
}

export interface TrainerOptions extends OptimizerOptions {
  /** The scalar output to minimise (default: loss). */
  loss?: string;
  /** Varies the dropout masks between runs. */
  seed?: number;
}

export class Trainer {
  readonly optimizer: Optimizer;
  /** The states carried from one batch to the next. */
  readonly carry: [string, string][];
  private readonly lossSeed: string;
  private carrying = false;
  private readonly copies: Carry;

  constructor(
    readonly model: Model,
    readonly options: TrainerOptions,
  ) {
    const m = model.manifest;
    if (!m.entries.train_step || !m.gradients) throw new ModelInputError("this model was compiled without gradients; compile it with { gradients: true } to train it");
    // The optimizer reads the gradients from the workspace's first byte, where the compiler puts them.
    if (m.gradients.buffer !== 1 || m.gradients.offset.length) throw new ModelInputError("this model's gradients do not start its workspace; compile it again with this version of rnnc");
    const loss = options.loss ?? "loss";
    const scalar = m.outputs.find((o) => o.name === loss && o.role === "value" && o.shape.length === 0);
    if (!scalar) throw new ModelInputError(`the model has no scalar output '${loss}' to minimise; its outputs are ${m.outputs.filter((o) => o.role !== "gradient").map((o) => o.name).join(", ")}`);
    this.lossSeed = m.inputs.find((i) => i.role === "seed" && i.of === loss)!.name;
    this.carry = carriedPairs(m);
    this.optimizer = new Optimizer(model.device, model.manifest.trainableCount ?? model.manifest.parameterCount, options);
    this.copies = new Carry(model.device, this.carry);
  }

  /** Forget the carried state: the next batch starts from zeros (e.g. at the start of an epoch). */
  resetState() {
    this.carrying = false;
  }

  /**
   * The carried states as the last step left them, to give back to `step` after the workspace
   * was used for something else (a validation pass); empty when nothing is carried.
   */
  async carriedState(): Promise<Record<string, NamedTensor>> {
    if (!this.carrying) return {};
    const state: Record<string, NamedTensor> = {};
    for (const [, to] of this.carry) state[to] = await this.model.read(to);
    return state;
  }

  /** One step on a batch; returns the loss when `readLoss` (a round trip), else undefined. */
  async step(batch: Record<string, NamedTensor>, lr: number, readLoss = false): Promise<number | undefined> {
    const loss = this.options.loss ?? "loss";
    const carry = this.carry;
    const scalar = (v: number): NamedTensor => ({ shape: [], data: Float32Array.of(v) });
    const inputs: Record<string, NamedTensor> = { ...batch, [this.lossSeed]: scalar(1) };
    for (const i of this.model.manifest.inputs) {
      if (i.role === "dropout-active") inputs[i.name] = scalar(1);
      // A new dropout mask every step, the same again when a run resumes at this step.
      if (i.role === "dropout-seed") inputs[i.name] = scalar(((this.options.seed ?? 0) * 7919 + this.optimizer.step + 1) % 16777216);
    }
    const out = await this.model.submit(inputs, {
      entry: "train_step",
      read: readLoss ? [loss] : [],
      keep: this.carrying ? carry.map(([, to]) => to) : [],
      encode: (pass, ctx) => {
        this.optimizer.encode(pass, ctx.params, ctx.work, lr);
        this.copies.encode(pass, ctx);
      },
    });
    this.carrying = carry.length > 0;
    return readLoss ? out[loss].data[0] : undefined;
  }
}

/**
 * Linear warm-up, then cosine decay from `lr` to `minLr` at `total` steps (step counts from 1).
 * A run with a time budget passes `done`, the fraction of it used, when that is further along.
 */
export function learningRate(step: number, s: { lr: number; warmup: number; total: number; minLr: number }, done = 0): number {
  if (step <= s.warmup) return (s.lr * step) / Math.max(1, s.warmup);
  const progress = Math.min(1, Math.max(done, (step - s.warmup) / Math.max(1, s.total - s.warmup)));
  return s.minLr + 0.5 * (s.lr - s.minLr) * (1 + Math.cos(Math.PI * progress));
}
