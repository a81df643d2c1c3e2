import { seededRandom, type Random } from '../src/sim/powerschool/random.js';

// One stream of random numbers per day and purpose, all from the soak's seed: what one day
// draws for its faults never shifts what another day draws for its churn, whatever happened
// in between (a run killed early, an upload that did not come), so a seed repeats its year.

export function randomFor(seed: number, day: number, purpose: string): Random {
  // FNV-1a over the three parts.
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${day}:${purpose}`) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return seededRandom(hash);
}
