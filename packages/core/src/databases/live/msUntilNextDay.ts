const clocks = new Map<string, Intl.DateTimeFormat>()

/**
 * Milliseconds from `now` until the next midnight in `timeZone` (at least one second). On days
 * when the clock moves (daylight saving) it may be an hour off; callers check the day when it fires.
 */
export function msUntilNextDay(now: number, timeZone: string): number {
  let clock = clocks.get(timeZone)
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    clocks.set(timeZone, clock)
  }
  const parts = clock.formatToParts(new Date(now))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const elapsed = ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (now % 1000)
  return Math.max(1000, 86_400_000 - elapsed)
}
