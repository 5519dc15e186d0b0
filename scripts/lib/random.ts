/** A seeded pseudo-random sequence in [0, 1) (a linear congruential generator): benchmarks and samples that give the same data every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
