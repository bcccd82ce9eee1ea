import { formulaDateEnd, formulaDateHasTime, type FormulaValue } from '../formula/formulaValue.js'
import { fromNotionDate, notionDateOf, type PropertyDate, type PropertyDateInput } from './propertyDate.js'

/** What a cell shows, as strings: one string for single values, the items of lists. */
export interface Shown {
  values: string[]
  /** Items of a list (multi-select, people, pages, files): never split on commas. */
  listed: boolean
}

/** One value shown (none when empty). */
export const single = (text: string | null | undefined): Shown => ({ values: text === null || text === undefined || text === '' ? [] : [text], listed: false })

/** The items of a list shown (empty ones left out). */
export const listed = (values: readonly string[]): Shown => ({ values: values.filter((value) => value !== ''), listed: true })

/** A date as text: `2024-01-05`, `2024-01-05 09:30 (Europe/Paris)`, `2024-01-05 → 2024-01-09`; reads back as the same date. */
export function dateText(date: PropertyDate): string {
  const wall = (value: string) => value.replace('T', ' ')
  const range = date.end === undefined ? wall(date.start) : `${wall(date.start)} → ${wall(date.end)}`
  return date.timeZone === undefined ? range : `${range} (${date.timeZone})`
}

/** An instant (created time, a formula's date) as a date in `timeZone`; formula dates keep their end and all-day-ness. */
export function instantDate(instant: Date, timeZone: string): PropertyDateInput {
  const end = formulaDateEnd(instant)
  return { start: instant, ...(end === undefined ? {} : { end }), includeTime: formulaDateHasTime(instant), timeZone }
}

/** An instant as `dateText` writes it; `''` for an instant no date can hold (an invalid Date). */
export function instantText(instant: Date, timeZone: string): string {
  const outcome = notionDateOf(instantDate(instant, timeZone))
  const date = 'date' in outcome ? fromNotionDate(outcome.date) : undefined
  return date === undefined ? '' : dateText(date)
}

/** A formula's value as text: dates as `dateText`, `true` as `Yes`, `false` and `null` as nothing. */
export function formulaText(value: FormulaValue, timeZone: string): string {
  if (value instanceof Date) return instantText(value, timeZone)
  if (typeof value === 'boolean') return value ? 'Yes' : ''
  return value === null ? '' : String(value)
}

/**
 * Option values a cell holds once retyped to a select-like property: text is split on commas (a
 * select keeps the first value), list items keep whole, commas inside them becoming spaces
 * (option values cannot hold commas).
 */
export function optionValues(shown: Shown, count: 'one' | 'many'): string[] {
  const values = shown.listed
    ? shown.values.map((value) => value.replace(/\s*,\s*/g, ' ').trim())
    : shown.values.flatMap((value) => value.split(',')).map((value) => value.trim())
  const kept = values.filter((value) => value !== '')
  return count === 'many' ? kept : kept.slice(0, 1)
}

/** `2024-01-05`, `2024-01-05 09:30`, an ISO instant, `A → B` ranges and a trailing `(Zone)`: what `dateText` writes. */
const DATE_TEXT = /^(.+?)(?:\s*(?:→|->)\s*(.+?))?(?:\s+\(([^()\s]+)\))?$/

/** Text as a date input (`dateText` read back); `null` when it is not one. */
export function dateInputOf(text: string): PropertyDateInput | null {
  const match = DATE_TEXT.exec(text.trim())
  if (!match) return null
  const [, start = '', end, timeZone] = match
  return { start, ...(end === undefined ? {} : { end }), ...(timeZone === undefined ? {} : { timeZone }) }
}
