import { instantOfWallClock, wallClockOf } from '../query/zonedTime.js'
import { formatMomentDate } from './formatMomentDate.js'
import { formulaDate, formulaDateEnd, formulaDateHasTime, type FormulaValue } from './formulaValue.js'

/** Where a formula finds its inputs. */
export interface FormulaScope {
  /** The value of the property `prop()` names, by property id; `undefined` when there is none. */
  property(id: string): FormulaValue | undefined
  /** What `now()` returns. @default new Date() at evaluation */
  now?: Date | undefined
  /** The zone of date parts (`hour()`, `formatDate()`, `dateAdd` by days...). @default 'UTC' */
  timeZone?: string | undefined
}

/** A formula's value, and what it could not compute (`function foo`, `property "x"`, ...). */
export interface FormulaEvaluation {
  /** `undefined` when an unsupported function or a missing property was on the way. */
  value: FormulaValue | undefined
  unsupported: string[]
}

type Value = FormulaValue | undefined
type Node = Record<string, unknown>

/** Operator symbols of the AST (`{type:"operator", operator:"+"}`) to the function they stand for. */
const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '%': 'mod',
  '^': 'pow',
  '==': 'equal',
  '!=': 'unequal',
  '>': 'larger',
  '>=': 'largerEq',
  '<': 'smaller',
  '<=': 'smallerEq',
  '?': 'if',
  and: 'and',
  or: 'or',
  not: 'not',
}

const SYMBOLS: Readonly<Record<string, FormulaValue>> = { e: Math.E, pi: Math.PI, true: true, false: false }

const UNIT_MS: Readonly<Record<string, number>> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
}

function unitOf(value: FormulaValue): string {
  const unit = toText(value).trim().toLowerCase()
  return unit.endsWith('s') ? unit : `${unit}s`
}

function toNumber(value: FormulaValue): number {
  if (typeof value === 'number') return value
  if (value === null) return 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.getTime()
  return value.trim() === '' ? 0 : Number(value)
}

function toBoolean(value: FormulaValue): boolean {
  if (typeof value === 'boolean') return value
  if (value === null) return false
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string') return value !== ''
  return true
}

function formatDateValue(date: Date, timeZone: string): string {
  const pattern = formulaDateHasTime(date) ? 'MMMM D, YYYY h:mm A' : 'MMMM D, YYYY'
  const end = formulaDateEnd(date)
  const start = formatMomentDate(date, pattern, timeZone)
  return end ? `${start} → ${formatMomentDate(end, pattern, timeZone)}` : start
}

function toText(value: FormulaValue, timeZone = 'UTC'): string {
  if (value === null) return ''
  if (value instanceof Date) return formatDateValue(value, timeZone)
  return String(value)
}

function isEmpty(value: FormulaValue): boolean {
  return value === null || value === '' || value === 0 || value === false || (typeof value === 'number' && Number.isNaN(value))
}

/** `null` compares as the empty value of the other side's type. */
function comparable(a: FormulaValue, b: FormulaValue): [string | number | boolean, string | number | boolean] {
  const plain = (value: FormulaValue, other: FormulaValue): string | number | boolean => {
    if (value instanceof Date) return value.getTime()
    if (value !== null) return value
    if (typeof other === 'number' || other instanceof Date) return 0
    if (typeof other === 'boolean') return false
    return ''
  }
  return [plain(a, b), plain(b, a)]
}

function regexOf(pattern: FormulaValue, flags: string): RegExp {
  const source = toText(pattern)
  try {
    return new RegExp(source, flags)
  } catch {
    // Notion accepts any text here; an invalid pattern matches itself literally.
    return new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags)
  }
}

function wallAdd(date: Date, amount: number, unit: string, timeZone: string): Date | undefined {
  const fixed = UNIT_MS[unit]
  if (fixed !== undefined && fixed < UNIT_MS['days']!) return new Date(date.getTime() + amount * fixed)
  const wall = wallClockOf(date, timeZone)
  const whole = Math.trunc(amount)
  let months = 0
  let days = 0
  if (unit === 'years') months = whole * 12
  else if (unit === 'quarters') months = whole * 3
  else if (unit === 'months') months = whole
  else if (unit === 'weeks') days = whole * 7
  else if (unit === 'days') days = whole
  else return undefined
  const monthIndex = wall.year * 12 + (wall.month - 1) + months
  const year = Math.floor(monthIndex / 12)
  const month = (monthIndex % 12) + 1
  // As moment does: Jan 31 + 1 month is the last day of February.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const shifted = new Date(Date.UTC(year, month - 1, Math.min(wall.day, lastDay) + days))
  return instantOfWallClock(
    { ...wall, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    timeZone,
  )
}

function dateBetween(a: Date, b: Date, unit: string, timeZone: string): number | undefined {
  const fixed = UNIT_MS[unit]
  if (fixed !== undefined) return Math.trunc((a.getTime() - b.getTime()) / fixed)
  const wa = wallClockOf(a, timeZone)
  const wb = wallClockOf(b, timeZone)
  let months = (wa.year - wb.year) * 12 + (wa.month - wb.month)
  const rest = (w: typeof wa) => [w.day, w.hour, w.minute, w.second, w.millisecond]
  const order = rest(wa).map((x, i) => x - rest(wb)[i]!).find((d) => d !== 0) ?? 0
  if (months > 0 && order < 0) months--
  if (months < 0 && order > 0) months++
  if (unit === 'months') return months
  if (unit === 'quarters') return Math.trunc(months / 3)
  if (unit === 'years') return Math.trunc(months / 12)
  return undefined
}

/**
 * Evaluates a formula AST as Notion stores it in `schema[id].formula` (`{type: "function" |
 * "operator" | "property" | "constant" | "symbol", ...}`, notion-types' `Formula`). Notion
 * computes formulas in the client, so the stored row has no value for them.
 *
 * Semantics follow Notion's formula language 1.0, which these ASTs come from: `month()` counts from
 * 0, `day()` is the weekday (0 = Sunday) and `date()` the day of the month; `format(date)` gives
 * `June 30, 1995` (with ` 9:30 AM` when the date has a time); `replace`, `replaceAll` and `test`
 * take regular expressions. An unsupported function or symbol, or a missing property, gives
 * `undefined` and is listed in `unsupported`; nothing throws.
 * @example evaluateFormula(schema['=7m2'].formula, { property: (id) => values[id] }).value // 'Jones'
 */
export function evaluateFormula(formula: unknown, scope: FormulaScope): FormulaEvaluation {
  const unsupported = new Set<string>()
  const timeZone = scope.timeZone ?? 'UTC'
  const now = scope.now ?? new Date()
  const report = (what: string): undefined => {
    unsupported.add(what)
    return undefined
  }

  const date = (value: FormulaValue): Date | undefined => (value instanceof Date ? value : undefined)

  function apply(name: string, args: FormulaValue[]): Value {
    const [a = null, b = null, c = null] = args
    const n = args.map(toNumber)
    const [x = 0, y = 0] = n
    switch (name) {
      // Logic and comparison
      case 'and': return args.every(toBoolean)
      case 'or': return args.some(toBoolean)
      case 'not': return !toBoolean(a)
      case 'empty': return isEmpty(a)
      case 'equal': { const [p, q] = comparable(a, b); return p === q }
      case 'unequal': { const [p, q] = comparable(a, b); return p !== q }
      case 'larger': { const [p, q] = comparable(a, b); return p > q }
      case 'largerEq': { const [p, q] = comparable(a, b); return p >= q }
      case 'smaller': { const [p, q] = comparable(a, b); return p < q }
      case 'smallerEq': { const [p, q] = comparable(a, b); return p <= q }
      // Numbers (`add` also joins text, as `+` does)
      case 'add':
        if (args.length === 1) return x
        return typeof a === 'string' || typeof b === 'string' || a instanceof Date || b instanceof Date
          ? toText(a, timeZone) + toText(b, timeZone)
          : x + y
      case 'subtract': return args.length === 1 ? -x : x - y
      case 'multiply': return x * y
      case 'divide': return x / y
      case 'mod': return x % y
      case 'pow': return x ** y
      case 'unaryMinus': return -x
      case 'unaryPlus': return x
      case 'abs': return Math.abs(x)
      case 'cbrt': return Math.cbrt(x)
      case 'ceil': return Math.ceil(x)
      case 'floor': return Math.floor(x)
      case 'exp': return Math.exp(x)
      case 'ln': return Math.log(x)
      case 'log10': return Math.log10(x)
      case 'log2': return Math.log2(x)
      case 'sign': return Math.sign(x)
      case 'sqrt': return Math.sqrt(x)
      case 'round': {
        const factor = 10 ** (args.length > 1 ? Math.trunc(y) : 0)
        return Math.round(x * factor) / factor
      }
      case 'max': return n.length ? Math.max(...n) : null
      case 'min': return n.length ? Math.min(...n) : null
      case 'toNumber': {
        if (a === null || typeof a === 'number' || typeof a === 'boolean' || a instanceof Date) return a === null ? null : toNumber(a)
        const parsed = Number.parseFloat(a)
        return Number.isNaN(parsed) ? null : parsed
      }
      // Text
      case 'concat': return args.map((arg) => toText(arg, timeZone)).join('')
      case 'join': return args.slice(1).map((arg) => toText(arg, timeZone)).join(toText(a, timeZone))
      case 'format': return toText(a, timeZone)
      case 'length': return toText(a, timeZone).length
      case 'contains': return toText(a, timeZone).includes(toText(b, timeZone))
      case 'lower': return toText(a, timeZone).toLowerCase()
      case 'upper': return toText(a, timeZone).toUpperCase()
      case 'slice': return toText(a, timeZone).slice(toNumber(b), args.length > 2 ? toNumber(c) : undefined)
      case 'replace': return toText(a, timeZone).replace(regexOf(b, ''), toText(c))
      case 'replaceAll': return toText(a, timeZone).replace(regexOf(b, 'g'), toText(c))
      case 'test': return regexOf(b, '').test(toText(a, timeZone))
      // Dates
      case 'now': return formulaDate(new Date(now.getTime()))
      case 'fromTimestamp': return formulaDate(new Date(x))
      case 'timestamp': return date(a)?.getTime() ?? null
      case 'start': return date(a) ? formulaDate(new Date(date(a)!.getTime()), { hasTime: formulaDateHasTime(date(a)!) }) : null
      case 'end': {
        const start = date(a)
        if (!start) return null
        return formulaDate(new Date((formulaDateEnd(start) ?? start).getTime()), { hasTime: formulaDateHasTime(start) })
      }
      case 'dateAdd':
      case 'dateSubtract': {
        const start = date(a)
        if (!start) return null
        const amount = toNumber(b) * (name === 'dateSubtract' ? -1 : 1)
        const shifted = wallAdd(start, amount, unitOf(c), timeZone)
        return shifted ? formulaDate(shifted, { hasTime: formulaDateHasTime(start) }) : report(`unit ${JSON.stringify(toText(c))}`)
      }
      case 'dateBetween': {
        const [p, q] = [date(a), date(b)]
        if (!p || !q) return null
        return dateBetween(p, q, unitOf(c), timeZone) ?? report(`unit ${JSON.stringify(toText(c))}`)
      }
      case 'formatDate': return date(a) ? formatMomentDate(date(a)!, toText(b), timeZone) : ''
      case 'minute': return date(a) ? wallClockOf(date(a)!, timeZone).minute : null
      case 'hour': return date(a) ? wallClockOf(date(a)!, timeZone).hour : null
      case 'day': return date(a) ? wallClockOf(date(a)!, timeZone).weekday : null
      case 'date': return date(a) ? wallClockOf(date(a)!, timeZone).day : null
      case 'month': return date(a) ? wallClockOf(date(a)!, timeZone).month - 1 : null
      case 'year': return date(a) ? wallClockOf(date(a)!, timeZone).year : null
      default: return report(`function ${name}`)
    }
  }

  function evaluate(node: unknown, depth: number): Value {
    if (depth > 64) return report('nesting deeper than 64')
    if (node === null || typeof node !== 'object') return report('malformed node')
    const { type } = node as Node
    switch (type) {
      case 'constant': {
        const { value, value_type: valueType } = node as Node
        if (valueType === 'number') return Number(value)
        if (valueType === 'boolean') return value === true || value === 'true'
        if (valueType === 'date') return value instanceof Date ? value : formulaDate(new Date(String(value)))
        if (typeof valueType === 'string' && valueType in SYMBOLS) return SYMBOLS[valueType]!
        return value === null || value === undefined ? '' : String(value)
      }
      case 'symbol': {
        const { name } = node as Node
        return typeof name === 'string' && name in SYMBOLS ? SYMBOLS[name]! : report(`symbol ${String(name)}`)
      }
      case 'property': {
        const { id, name } = node as Node
        if (typeof id !== 'string') return report('property without id')
        const value = scope.property(id)
        return value === undefined ? report(`property ${JSON.stringify(typeof name === 'string' ? name : id)}`) : value
      }
      case 'function':
      case 'operator': {
        const { name: rawName, operator, args: rawArgs } = node as Node
        const args = Array.isArray(rawArgs) ? rawArgs : []
        const name = typeof rawName === 'string' ? rawName : typeof operator === 'string' ? OPERATOR_NAMES[operator] : undefined
        if (name === undefined) return report(`operator ${String(operator)}`)
        if (name === 'if') {
          const condition = evaluate(args[0], depth + 1)
          if (condition === undefined) return undefined
          return evaluate(toBoolean(condition) ? args[1] : args[2], depth + 1)
        }
        const values: FormulaValue[] = []
        for (const arg of args) {
          const value = evaluate(arg, depth + 1)
          if (value === undefined) return undefined
          values.push(value)
        }
        return apply(name, values)
      }
      default:
        return report(`node type ${String(type)}`)
    }
  }

  const value = evaluate(formula, 0)
  return { value, unsupported: [...unsupported] }
}
