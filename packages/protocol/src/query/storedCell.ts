import { MENTION_PLACEHOLDER } from '../richText.js'
import type { QueryRow } from './queryRow.js'

/** A rich-text segment as stored: `[text, decorations?]`. */
export type Segment = [unknown, unknown?]

/** A row's stored cell for a property (rich text, unchecked). */
export function cellOf(row: QueryRow, propertyId: string): unknown {
  return (row.value['properties'] as Record<string, unknown> | undefined)?.[propertyId]
}

/** The segments of a stored rich-text cell, read defensively (records hold whatever clients wrote). */
export function segmentsOf(raw: unknown): Segment[] {
  return Array.isArray(raw) ? (raw.filter(Array.isArray) as Segment[]) : []
}

/** A segment's decorations, those that are arrays. */
export function decorationsOf(segment: Segment): unknown[][] {
  return Array.isArray(segment[1]) ? (segment[1].filter(Array.isArray) as unknown[][]) : []
}

/** The readable text of a rich-text array, without mention placeholders. */
export function plainText(raw: unknown): string {
  return segmentsOf(raw)
    .map((segment) => (typeof segment[0] === 'string' && segment[0] !== MENTION_PLACEHOLDER ? segment[0] : ''))
    .join('')
}

/** Ids carried by `‣` mentions with the given decoration code (`u` users, `p` pages). */
export function mentionIds(raw: unknown, code: string): string[] {
  const ids: string[] = []
  for (const segment of segmentsOf(raw)) {
    for (const decoration of decorationsOf(segment)) {
      if (decoration[0] === code && typeof decoration[1] === 'string') ids.push(decoration[1])
    }
  }
  return ids
}

/** The stored date objects of a cell's date mentions (`{type, start_date, start_time?, ...}`), in order. */
export function dateMentionsOf(raw: unknown): Array<Record<string, unknown>> {
  return segmentsOf(raw).flatMap((segment) =>
    decorationsOf(segment).flatMap((decoration) =>
      decoration[0] === 'd' && decoration[1] && typeof decoration[1] === 'object' ? [decoration[1] as Record<string, unknown>] : [],
    ),
  )
}
