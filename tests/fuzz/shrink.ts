// Shrinks a failing model: drop lines, lower sizes, shorten the run, keeping only changes
// after which the same kind of failure still happens.
import type { Finding } from "./differential.js";
import type { Runtime } from "./generate.js";

type Check = (text: string, runtime: Runtime) => Promise<Finding | undefined>;

export async function shrink(text: string, runtime: Runtime, finding: Finding, check: Check): Promise<{ text: string; runtime: Runtime }> {
  let best = { text, runtime };
  const stillFails = async (t: string, r: Runtime) => (await check(t, r))?.stage === finding.stage;
  for (let progress = true; progress; ) {
    progress = false;
    // Lines, last first (later lines use earlier ones).
    const lines = best.text.split("\n");
    for (let i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].trim() || /^(cell|model|\}|size [TN]\b)/.test(lines[i].trim())) continue;
      const candidate = [...lines.slice(0, i), ...lines.slice(i + 1)];
      if (await stillFails(candidate.join("\n"), best.runtime)) {
        lines.splice(i, 1);
        best = { ...best, text: lines.join("\n") };
        progress = true;
      }
    }
    // Sizes, each down to 1.
    for (const m of [...best.text.matchAll(/^size (\w+) = (\d+)/gm)]) {
      for (let v = 1; v < Number(m[2]); v++) {
        const candidate = best.text.replace(m[0], `size ${m[1]} = ${v}`);
        if (await stillFails(candidate, best.runtime)) {
          best = { ...best, text: candidate };
          progress = true;
          break;
        }
      }
    }
    for (const axis of Object.keys(best.runtime)) {
      if (best.runtime[axis] > 1 && (await stillFails(best.text, { ...best.runtime, [axis]: 1 }))) {
        best = { ...best, runtime: { ...best.runtime, [axis]: 1 } };
        progress = true;
      }
    }
  }
  return best;
}
