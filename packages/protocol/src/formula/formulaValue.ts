/**
 * A formula value: text, number, checkbox (boolean) or date (a `Date` instant), or `null` for an
 * empty property (it acts as `''`, `0` or `false` where one is needed, and `empty()` is true).
 */
export type FormulaValue = string | number | boolean | Date | null

interface DateInfo {
  end: Date | undefined
  hasTime: boolean
}

// Dates from date properties carry more than an instant (an end, whether a time was set); kept
// beside the Date so values stay plain `Date`s for callers.
const dateInfo = new WeakMap<Date, DateInfo>()

/** A formula date with an optional range end; `hasTime` decides how `format()` shows it. */
export function formulaDate(start: Date, options: { end?: Date | undefined; hasTime?: boolean } = {}): Date {
  dateInfo.set(start, { end: options.end, hasTime: options.hasTime ?? true })
  return start
}

/** The range end of a formula date (`undefined` for a single date). */
export function formulaDateEnd(date: Date): Date | undefined {
  return dateInfo.get(date)?.end
}

/** Whether a formula date shows a time: false for all-day dates from date properties. */
export function formulaDateHasTime(date: Date): boolean {
  return dateInfo.get(date)?.hasTime ?? true
}
