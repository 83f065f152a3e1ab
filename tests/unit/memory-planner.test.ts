// The memory planner (compiler/schedule/reuse.ts) on generated lifetimes: two regions that live
// at the same time never overlap, at any run-time size; regions that never live at once do
// share space; and the workspace is never larger than the regions side by side.
import { describe, expect, test } from "vitest";
import { evalSize, type SizeExpr } from "../../format/sizes.js";
import { packRegions } from "../../compiler/schedule/reuse.js";
import { Random } from "../../runtime/random.js";

/** A size like a·T·B + b·B + c, some terms absent. */
function randomSize(rng: Random): SizeExpr {
  const terms: SizeExpr = [];
  for (const sizes of [["B", "T"], ["B"], []]) if (rng.next() < 0.6) terms.push({ coef: 4 * (1 + Math.floor(rng.next() * 8)), sizes });
  return terms.length ? terms : [{ coef: 4, sizes: [] }];
}

function randomLifetimes(rng: Random, regions: number, steps: number) {
  const sizes: SizeExpr[] = [[]]; // region 0: the parameters, left alone
  const uses: Set<number>[] = Array.from({ length: steps }, () => new Set<number>());
  for (let r = 1; r < regions; r++) {
    sizes.push(randomSize(rng));
    const from = Math.floor(rng.next() * steps);
    const to = Math.min(steps - 1, from + Math.floor(rng.next() * 4));
    for (let s = from; s <= to; s++) if (s === from || s === to || rng.next() < 0.5) uses[s].add(r);
  }
  const persistent = new Set([1 + Math.floor(rng.next() * (regions - 1))]);
  return { sizes, uses, persistent };
}

const at = [{ T: 1, B: 1 }, { T: 3, B: 2 }, { T: 128, B: 64 }, { T: 4096, B: 1 }];

describe("the memory planner", () => {
  test("regions alive at the same step never overlap, at any size", () => {
    const rng = new Random(3);
    for (let trial = 0; trial < 200; trial++) {
      const lifetimes = randomLifetimes(rng, 2 + Math.floor(rng.next() * 14), 1 + Math.floor(rng.next() * 10));
      const { bases, total } = packRegions(lifetimes);
      const { sizes, uses, persistent } = lifetimes;
      const span = (r: number) => {
        const steps = uses.flatMap((u, s) => (u.has(r) ? [s] : []));
        return persistent.has(r) || !steps.length ? [-1, uses.length] : [Math.min(...steps), Math.max(...steps)];
      };
      for (const sz of at) {
        const end = evalSize(total, sz);
        for (let a = 1; a < sizes.length; a++) {
          const [a0, a1] = [evalSize(bases[a], sz), evalSize(bases[a], sz) + evalSize(sizes[a], sz)];
          expect(a1).toBeLessThanOrEqual(end);
          for (let b = a + 1; b < sizes.length; b++) {
            const [sa, sb] = [span(a), span(b)];
            if (sa[1] < sb[0] || sb[1] < sa[0]) continue; // never alive at once
            const [b0, b1] = [evalSize(bases[b], sz), evalSize(bases[b], sz) + evalSize(sizes[b], sz)];
            expect(a1 <= b0 || b1 <= a0, `trial ${trial}: regions ${a} and ${b} overlap at ${JSON.stringify(sz)}`).toBe(true);
          }
        }
        const sideBySide = sizes.reduce((n, s) => n + evalSize(s, sz), 0);
        expect(end).toBeLessThanOrEqual(sideBySide);
      }
    }
  });

  test("regions that never live at once share space; a smaller one fits where a larger one was", () => {
    const big: SizeExpr = [{ coef: 16, sizes: ["B", "T"] }];
    const small: SizeExpr = [{ coef: 4, sizes: ["B", "T"] }];
    // 1 and 2 live at steps 0 and 1, 3 and 4 at steps 2 and 3: 3 and 4 take 1's and 2's places.
    const uses = [new Set([1, 2]), new Set([1, 2]), new Set([3, 4]), new Set([3, 4])];
    const { bases, total } = packRegions({ sizes: [[], big, small, big, small], uses, persistent: new Set() });
    expect(evalSize(total, { T: 10, B: 3 })).toBe(20 * 30);
    expect(new Set(bases.slice(1).map((b) => JSON.stringify(b))).size).toBe(2);
  });
});
