/** Wall-clock fields of an instant in a time zone. `month` is 1-12, `weekday` 0 (Sunday) to 6. */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  weekday: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // Throws RangeError for a zone the runtime does not know; callers turn it into their own error.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** True when the runtime knows the IANA zone (`America/Los_Angeles`, `UTC`, ...). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/** The wall clock of `instant` in `timeZone`. */
export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const fields: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value
  const year = Number(fields['year'])
  return {
    // `formatToParts` gives no sign for years before 1 CE; those are not Notion dates anyway.
    year: fields['era'] === 'BC' ? 1 - year : year,
    month: Number(fields['month']),
    day: Number(fields['day']),
    hour: Number(fields['hour']) % 24,
    minute: Number(fields['minute']),
    second: Number(fields['second']),
    millisecond: ((instant.getTime() % 1000) + 1000) % 1000,
    weekday: WEEKDAYS[fields['weekday'] ?? ''] ?? 0,
  }
}

function utcOf(wall: Omit<WallClock, 'weekday'>): number {
  const date = new Date(0)
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day)
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond)
  return date.getTime()
}

/**
 * The instant a wall clock names in `timeZone`. Two passes over the zone offset settle DST
 * transitions (a skipped hour resolves forward, a repeated one to its first occurrence).
 */
export function instantOfWallClock(wall: Omit<WallClock, 'weekday'>, timeZone: string): Date {
  const asUtc = utcOf(wall)
  const offsetAt = (instant: number) => utcOf(wallClockOf(new Date(instant), timeZone)) - instant
  let instant = asUtc - offsetAt(asUtc)
  instant = asUtc - offsetAt(instant)
  return new Date(instant)
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0')

/** `YYYY-MM-DD` of a wall clock. */
export function dayString(wall: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`
}

/** `HH:mm` of a wall clock. */
export function timeString(wall: Pick<WallClock, 'hour' | 'minute'>): string {
  return `${pad(wall.hour)}:${pad(wall.minute)}`
}
