import { describe, expect, it } from 'vitest'
import { msUntilNextDay } from '../src/databases/live/msUntilNextDay.js'

const HOUR = 3_600_000

describe('msUntilNextDay', () => {
  it('counts to the next midnight of the zone, not of UTC', () => {
    const lateEvening = Date.UTC(2026, 0, 1, 23, 0, 0)
    expect(msUntilNextDay(lateEvening, 'UTC')).toBe(HOUR)
    // 23:00 UTC is 08:00 the next day in Tokyo: 16 hours to go there.
    expect(msUntilNextDay(lateEvening, 'Asia/Tokyo')).toBe(16 * HOUR)
    // ... and 18:00 in New York (UTC-5 in January).
    expect(msUntilNextDay(lateEvening, 'America/New_York')).toBe(6 * HOUR)
    expect(msUntilNextDay(lateEvening + 1_500, 'UTC')).toBe(HOUR - 1_500)
  })

  it('never returns less than a second (a timer set at 23:59:59.999 does not spin)', () => {
    expect(msUntilNextDay(Date.UTC(2026, 0, 1, 23, 59, 59, 999), 'UTC')).toBe(1000)
  })
})
