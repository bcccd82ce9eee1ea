/**
 * Calendar days as `YYYY-MM-DD` strings. Date filters compare whole days in the caller's time zone
 * (`loader.userTimeZone`), as the Notion UI does; strings of this form sort like the days they name.
 */
export type CalendarDay = string

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export function isCalendarDay(value: unknown): value is CalendarDay {
  return typeof value === 'string' && DAY_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    } catch {
      // An unknown zone name from a client: fall back to UTC rather than fail the query.
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The day an epoch-ms instant falls on in `timeZone`. */
export function dayInZone(ms: number, timeZone: string): CalendarDay {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '01'
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** Shifts a day by whole days, months or years (month ends clamp: Jan 31 + 1 month = Feb 28/29). */
export function shiftDay(day: CalendarDay, amount: { days?: number; months?: number; years?: number }): CalendarDay {
  const date = new Date(`${day}T00:00:00Z`)
  const months = (amount.months ?? 0) + 12 * (amount.years ?? 0)
  if (months !== 0) {
    const wantedDay = date.getUTCDate()
    date.setUTCDate(1)
    date.setUTCMonth(date.getUTCMonth() + months)
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
    date.setUTCDate(Math.min(wantedDay, lastDay))
  }
  if (amount.days) date.setUTCDate(date.getUTCDate() + amount.days)
  return date.toISOString().slice(0, 10)
}
