// The timing rule of rnnc bench and npm run bench: one warm-up, then `rounds` timed runs;
// the median with min and max, as this machine is shared and noisy.

export interface Timing {
  median: number;
  min: number;
  max: number;
}

/** ms of each of `rounds` timed runs of `run` after one warm-up. */
export async function timed(run: () => Promise<unknown>, rounds: number): Promise<Timing> {
  await run();
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1] };
}
