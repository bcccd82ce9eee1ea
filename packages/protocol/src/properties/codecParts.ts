import type { CellContext } from '../query/cellContext.js'
import type { CellValue } from '../query/cellKind.js'
import { plainText, segmentsOf } from '../query/storedCell.js'
import { plainTextToRichText, richTextSchema, type RichText, type RichTextSegment } from '../richText.js'
import type { EncodeContext, EncodeOutcome } from './propertyCodec.js'

/** Shared pieces of the codecs in this folder. */

/** Text cells are rich text; anything else in them is dropped rather than trusted. */
export function richTextOf(raw: unknown): RichText {
  return segmentsOf(raw).filter((segment) => typeof segment[0] === 'string') as RichText
}

/** The stored cell's readable text as a text cell (the query evaluator's default). */
export function textCell(context: CellContext): CellValue {
  return { kind: 'text', text: plainText(context.raw) }
}

/** A number written as text; `null` for blank or non-finite text. */
export function numberOfText(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const number = Number(trimmed)
  return Number.isFinite(number) ? number : null
}

/** Plain text (through `stringToRichText`) or rich text as is; anything else refused. */
export function encodeRichText(value: unknown, context: EncodeContext): EncodeOutcome {
  if (typeof value === 'string') return { richText: (context.stringToRichText ?? plainTextToRichText)(value) }
  const parsed = richTextSchema.safeParse(value)
  return parsed.success ? { richText: parsed.data } : { refused: value }
}

/** A string as a link to itself: how url, email and phone number cells are stored. */
export function encodeLinkText(value: unknown): EncodeOutcome {
  return typeof value === 'string' ? { richText: [[value, [['a', value]]]] } : { refused: value }
}

/** Read-only types: Notion computes them. */
export const READ_ONLY_ACCEPTS = 'Notion computes it, so it cannot be written'

/** `encode` of a read-only type (never called: writes are refused before). */
export const refuseAll = (value: unknown): EncodeOutcome => ({ refused: value })

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

/** `[seg, [","], seg, [","], ...]`: how Notion separates mentions and files in one cell. */
export function commaJoined(segments: RichTextSegment[]): RichText {
  return segments.flatMap((segment, index) => (index === 0 ? [segment] : [[','] as RichTextSegment, segment]))
}

/** A user's or page's id from a string or an object with an `id` (a `User`, a `Block`). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id
  return undefined
}
