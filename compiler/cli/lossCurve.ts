// The loss curve of a run: a CSV of every logged step and an SVG a person can open.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomic } from "./files.js";

export interface LossPoint {
  step: number;
  train?: number;
  validation?: number;
  seconds?: number; // training seconds at the step
}

export class LossCurve {
  readonly points: LossPoint[] = [];

  constructor(private readonly dir: string) {}

  /** Points of an earlier run, up to the step it resumes from (later ones were lost with the kill). */
  resume(upTo: number) {
    const csv = join(this.dir, "loss.csv");
    if (!existsSync(csv)) return;
    for (const line of readFileSync(csv, "utf8").trim().split("\n").slice(1)) {
      const [step, train, validation, seconds] = line.split(",");
      if (Number(step) > upTo) continue;
      const number = (v?: string) => (v ? Number(v) : undefined);
      this.points.push({ step: Number(step), train: number(train), validation: number(validation), seconds: number(seconds) });
    }
  }

  add(point: LossPoint) {
    const last = this.points[this.points.length - 1];
    if (last?.step === point.step) Object.assign(last, Object.fromEntries(Object.entries(point).filter(([, v]) => v !== undefined)));
    else this.points.push(point);
  }

  write() {
    const csv = ["step,train_loss,validation_loss,seconds", ...this.points.map((p) => `${p.step},${p.train ?? ""},${p.validation ?? ""},${p.seconds?.toFixed(2) ?? ""}`)].join("\n") + "\n";
    writeAtomic(join(this.dir, "loss.csv"), csv);
    writeAtomic(join(this.dir, "loss.svg"), this.svg());
  }

  private svg(): string {
    const [w, h, pad] = [720, 420, 56];
    const values = this.points.flatMap((p) => [p.train, p.validation]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const maxStep = Math.max(1, ...this.points.map((p) => p.step));
    const [lo, hi] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
    const span = hi - lo || 1;
    const x = (step: number) => pad + ((w - 2 * pad) * step) / maxStep;
    const y = (v: number) => h - pad - ((h - 2 * pad) * (v - lo)) / span;
    const line = (key: "train" | "validation", colour: string) => {
      const pts = this.points.filter((p) => p[key] !== undefined).map((p) => `${x(p.step).toFixed(1)},${y(p[key]!).toFixed(1)}`);
      return pts.length ? `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.join(" ")}"/>` : "";
    };
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
      const v = lo + f * span;
      return `<line x1="${pad}" x2="${w - pad}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${pad - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(2)}</text>`;
    });
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">`,
      `<rect width="100%" height="100%" fill="white"/>`,
      ...ticks,
      `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="black"/>`,
      `<text x="${w / 2}" y="${h - 16}" text-anchor="middle" font-size="12">step (last: ${maxStep})</text>`,
      `<text x="16" y="${h / 2}" transform="rotate(-90 16 ${h / 2})" text-anchor="middle" font-size="12">loss (nats per character)</text>`,
      line("train", "#1f77b4"),
      line("validation", "#d62728"),
      `<text x="${w - pad}" y="${pad - 20}" text-anchor="end" font-size="12"><tspan fill="#1f77b4">train</tspan>  <tspan fill="#d62728">validation</tspan></text>`,
      "</svg>",
      "",
    ].join("\n");
  }
}
