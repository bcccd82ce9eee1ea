import type { SelectOption } from '../records/collection.js'
import { plainText } from '../query/storedCell.js'
import type { RichText } from '../richText.js'
import { listOf } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { EncodeContext, EncodeOutcome, PropertyCodec } from './propertyCodec.js'
import { listed, optionValues, single } from './shownValues.js'

/** The values of a multi-select cell (one comma-joined string); `[[""]]`, what notion-py writes for none, is none. */
function splitValues(raw: unknown): string[] {
  return plainText(raw)
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '')
}

/**
 * Option values matched to the schema's options without regard to case (the option's own
 * spelling is written); unknown values come back as `newOptions` (colour `default`).
 */
function encodeOptions(value: unknown, context: EncodeContext, count: 'one' | 'many'): EncodeOutcome {
  if (count === 'one' && typeof value !== 'string') return { refused: value }
  const wanted = listOf(value)
  // Multi-select cells are one comma-joined string: a comma inside an option cannot be stored.
  if (!wanted.every((item) => typeof item === 'string' && item.trim() !== '' && !item.includes(','))) return { refused: value }
  const known = context.property.options ?? []
  const newOptions: SelectOption[] = []
  const values: string[] = []
  for (const item of wanted as string[]) {
    const text = item.trim()
    const match = [...known, ...newOptions].find((option) => option.value.toLowerCase() === text.toLowerCase())
    if (!match) newOptions.push({ id: context.newOptionId(), value: text, color: 'default' })
    const stored = match?.value ?? text
    if (!values.includes(stored)) values.push(stored)
  }
  const richText: RichText = [[values.join(',')]]
  return newOptions.length > 0 ? { richText, newOptions } : { richText }
}

/** The codec of select and status (one option) and multi-select (many): option values as text. */
export function optionCodec(type: 'select' | 'status' | 'multi_select'): PropertyCodec {
  const count = type === 'multi_select' ? 'many' : 'one'
  /** A select's one value; `undefined` when empty. */
  const one = (raw: unknown) => plainText(raw).trim() || undefined
  return {
    type,
    readOnly: false,
    accepts: count === 'many' ? 'an option value or a list of them (strings without commas)' : 'an option value (a string without commas)',
    cleared: [],
    options: count,
    filterOperators: count === 'many' ? FILTERS.multiSelect : FILTERS.select,
    aggregators: AGGREGATES.counts,
    cell: ({ raw }) => {
      if (count === 'many') return { kind: 'list', values: splitValues(raw) }
      const value = one(raw)
      return { kind: 'list', values: value === undefined ? [] : [value] }
    },
    // One value, or none: `null`, not `''`.
    ...(count === 'one' ? { formulaInput: ({ raw }) => one(raw) ?? null } : {}),
    decode: ({ raw }) => (count === 'many' ? splitValues(raw) : (one(raw) ?? null)),
    encode: (value, context) => encodeOptions(value, context, count),
    show: (value) => (count === 'many' ? listed(value as string[]) : single(value as string | null)),
    convertInto: (input) => {
      const shown = input.shown()
      if (shown === undefined) return undefined
      const values = optionValues(shown, count)
      return { value: count === 'many' ? values : (values[0] ?? null) }
    },
  }
}
