/**
 * Exponential backoff with "equal jitter": half of the ceiling fixed, half random, so clients that
 * lost the same server do not all come back in the same millisecond, yet none retries instantly.
 */
export function reconnectDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
