import { wallClockOf } from '../query/zonedTime.js'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const TOKENS = /\[([^\]]*)\]|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|A|a|X|x|ZZ|Z/g

const pad = (value: number, length = 2) => String(value).padStart(length, '0')

function ordinal(day: number): string {
  const tens = day % 100
  if (tens >= 11 && tens <= 13) return `${day}th`
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`
}

/**
 * Formats an instant with Moment.js tokens, as Notion's `formatDate()` does, in `timeZone`.
 * Supported: `YYYY YY Q MMMM MMM MM M Do DD D dddd ddd dd d HH H hh h mm m ss s A a X x Z ZZ` and
 * `[literal]` text; anything else is copied.
 * @example formatMomentDate(new Date('1995-06-30T00:00:00Z'), 'MMMM D, YYYY', 'UTC') // 'June 30, 1995'
 */
export function formatMomentDate(date: Date, format: string, timeZone: string): string {
  const wall = wallClockOf(date, timeZone)
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12
  const offsetMinutes = Math.round((Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000)
  const offset = (separator: string) => `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}${separator}${pad(Math.abs(offsetMinutes) % 60)}`
  return format.replace(TOKENS, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal
    switch (token) {
      case 'YYYY': return pad(wall.year, 4)
      case 'YY': return pad(wall.year % 100)
      case 'Q': return String(Math.floor((wall.month - 1) / 3) + 1)
      case 'MMMM': return MONTHS[wall.month - 1] ?? ''
      case 'MMM': return (MONTHS[wall.month - 1] ?? '').slice(0, 3)
      case 'MM': return pad(wall.month)
      case 'M': return String(wall.month)
      case 'Do': return ordinal(wall.day)
      case 'DD': return pad(wall.day)
      case 'D': return String(wall.day)
      case 'dddd': return DAYS[wall.weekday] ?? ''
      case 'ddd': return (DAYS[wall.weekday] ?? '').slice(0, 3)
      case 'dd': return (DAYS[wall.weekday] ?? '').slice(0, 2)
      case 'd': return String(wall.weekday)
      case 'HH': return pad(wall.hour)
      case 'H': return String(wall.hour)
      case 'hh': return pad(hour12)
      case 'h': return String(hour12)
      case 'mm': return pad(wall.minute)
      case 'm': return String(wall.minute)
      case 'ss': return pad(wall.second)
      case 's': return String(wall.second)
      case 'A': return wall.hour < 12 ? 'AM' : 'PM'
      case 'a': return wall.hour < 12 ? 'am' : 'pm'
      case 'X': return String(Math.floor(date.getTime() / 1000))
      case 'x': return String(date.getTime())
      case 'Z': return offset(':')
      case 'ZZ': return offset('')
      default: return token
    }
  })
}
