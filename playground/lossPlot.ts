// The live loss plot: training loss per step as a line, validation losses as dots, in an SVG
// redrawn at every step. The losses are also kept on the element (data-losses,
// data-validation) as comma-separated numbers, for whoever reads the page.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { left: 48, right: 12, top: 12, bottom: 30 };

export class LossPlot {
  private steps = 1;
  private losses: [number, number][] = [];
  private validations: [number, number][] = [];

  constructor(private readonly svg: SVGSVGElement) {
    this.draw();
  }

  /** Start a new run of `steps` steps. */
  reset(steps: number) {
    this.steps = Math.max(1, steps);
    this.losses = [];
    this.validations = [];
    this.draw();
  }

  addLoss(step: number, loss: number) {
    this.losses.push([step, loss]);
    this.draw();
  }

  addValidation(step: number, loss: number) {
    this.validations.push([step, loss]);
    this.draw();
  }

  private draw() {
    const svg = this.svg;
    svg.dataset.losses = this.losses.map(([, l]) => l.toFixed(5)).join(",");
    svg.dataset.validation = this.validations.map(([, l]) => l.toFixed(5)).join(",");
    const all = [...this.losses, ...this.validations].map(([, l]) => l);
    const top = niceCeiling(Math.max(0.5, ...all));
    const x = (step: number) => MARGIN.left + ((step - 1) / Math.max(1, this.steps - 1)) * (WIDTH - MARGIN.left - MARGIN.right);
    const y = (loss: number) => HEIGHT - MARGIN.bottom - (Math.min(loss, top) / top) * (HEIGHT - MARGIN.top - MARGIN.bottom);

    const parts: SVGElement[] = [];
    for (let i = 0; i <= 4; i++) {
      const value = (top * i) / 4;
      parts.push(el("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
      parts.push(el("text", { x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end" }, value.toFixed(2)));
    }
    parts.push(el("line", { class: "axis", x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }));
    parts.push(el("line", { class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: HEIGHT - MARGIN.bottom, y2: HEIGHT - MARGIN.bottom }));
    for (const step of [1, Math.round(this.steps / 2), this.steps])
      parts.push(el("text", { x: x(step), y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "middle" }, String(step)));
    parts.push(el("text", { x: WIDTH - MARGIN.right, y: HEIGHT - 4, "text-anchor": "end" }, "step"));
    parts.push(el("text", { x: MARGIN.left + 6, y: MARGIN.top + 10 }, "loss (nats/char): — training  ● validation"));

    if (this.losses.length) parts.push(el("polyline", { class: "train", points: this.losses.map(([s, l]) => `${x(s).toFixed(1)},${y(l).toFixed(1)}`).join(" ") }));
    for (const [s, l] of this.validations) parts.push(el("circle", { class: "validation", cx: x(s), cy: y(l), r: 4 }));
    svg.replaceChildren(...parts);
  }
}

/** An SVG element with these attributes and, optionally, text. */
function el(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A round number at or above `v` for the top of the axis: 1, 2, 2.5 or 5 times a power of ten. */
function niceCeiling(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= v) return m * power;
  return 10 * power;
}
