// The memory planner (compiler/schedule/reuse.ts) on generated lifetimes: two regions that live
// at the same time never overlap, at any run-time size, but for an output written over its input
// at the one step where the input dies and the output is made; regions that never live at once
// do share space; and the workspace is never larger than the regions side by side.
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
  // Outputs over inputs, drawn at random: some where the input dies as the output is made, most not.
  const inPlace = Array.from({ length: Math.floor(rng.next() * 4) }, () => ({ output: 1 + Math.floor(rng.next() * (regions - 1)), input: 1 + Math.floor(rng.next() * (regions - 1)) })).filter((p) => p.output !== p.input);
  return { sizes, uses, persistent, inPlace };
}

const at = [{ T: 1, B: 1 }, { T: 3, B: 2 }, { T: 128, B: 64 }, { T: 4096, B: 1 }];

describe("the memory planner", () => {
  test("regions alive at the same step never overlap, at any size", () => {
    const rng = new Random(3);
    for (let trial = 0; trial < 200; trial++) {
      const lifetimes = randomLifetimes(rng, 2 + Math.floor(rng.next() * 14), 1 + Math.floor(rng.next() * 10));
      const { bases, total } = packRegions(lifetimes);
      const { sizes, uses, persistent, inPlace } = lifetimes;
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
            // An output over its input: they meet at one step, the input's last and the output's first.
            const pair = inPlace.some((p) => (p.output === a && p.input === b) || (p.output === b && p.input === a));
            if (pair && (sa[1] === sb[0] || sb[1] === sa[0]) && Math.max(sa[0], sb[0]) === Math.min(sa[1], sb[1])) continue;
            const [b0, b1] = [evalSize(bases[b], sz), evalSize(bases[b], sz) + evalSize(sizes[b], sz)];
            expect(a1 <= b0 || b1 <= a0, `trial ${trial}: regions ${a} and ${b} overlap at ${JSON.stringify(sz)}`).toBe(true);
          }
        }
        const sideBySide = sizes.reduce((n, s) => n + evalSize(s, sz), 0);
        expect(end).toBeLessThanOrEqual(sideBySide);
      }
    }
  });

  test("an output goes over its input where the input dies at the output's first step, and only there", () => {
    const size: SizeExpr = [{ coef: 16, sizes: ["B", "T"] }];
    // 1 lives at steps 0-1; 2 at 1-2 (made where 1 dies); 3 at 1-3 (made where 2 lives on).
    const uses = [new Set([1]), new Set([1, 2, 3]), new Set([2, 3]), new Set([3])];
    const inPlace = [{ output: 2, input: 1 }, { output: 3, input: 2 }];
    const { bases, total } = packRegions({ sizes: [[], size, size, size], uses, persistent: new Set(), inPlace });
    expect(bases[2]).toEqual(bases[1]);
    expect(bases[3]).not.toEqual(bases[2]);
    expect(evalSize(total, { T: 2, B: 3 })).toBe(2 * 16 * 6);
    // Without the pairs, 1, 2 and 3 all live at step 1: three places.
    expect(evalSize(packRegions({ sizes: [[], size, size, size], uses, persistent: new Set() }).total, { T: 2, B: 3 })).toBe(3 * 16 * 6);
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
