import { decorationsOf, segmentsOf } from '../query/storedCell.js'
import type { RichTextSegment } from '../richText.js'
import { commaJoined, listOf } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import type { PropertyFile } from './propertyValue.js'
import { listed } from './shownValues.js'

/** Named segments of the cell: the `,` separators and blanks are not files. */
const named = (raw: unknown) => segmentsOf(raw).filter((segment) => typeof segment[0] === 'string' && segment[0] !== ',' && segment[0] !== '')

function files(raw: unknown): PropertyFile[] {
  return named(raw).map((segment) => {
    const link = decorationsOf(segment).find((decoration) => decoration[0] === 'a' && typeof decoration[1] === 'string')
    return { name: segment[0] as string, url: (link?.[1] as string | undefined) ?? (segment[0] as string) }
  })
}

function fileName(url: string): string {
  try {
    const path = new URL(url).pathname
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1))
    return last === '' ? url : last
  } catch {
    return url.slice(url.lastIndexOf('/') + 1) || url
  }
}

function fileSegment(item: unknown): RichTextSegment | undefined {
  const file = typeof item === 'string' ? { url: item } : (item as { url?: unknown; name?: unknown } | null)
  if (!file || typeof file.url !== 'string' || file.url.trim() === '' || (file.name !== undefined && typeof file.name !== 'string')) return undefined
  return [typeof file.name === 'string' && file.name !== '' ? file.name : fileName(file.url), [['a', file.url]]]
}

/** `file`: named links (`[name, [["a", url]]]`), comma-separated. */
export const fileCodec = {
  type: 'file',
  readOnly: false,
  accepts: 'a URL, {url, name?}, or a list of them',
  cleared: [],
  filterOperators: FILTERS.empty,
  aggregators: AGGREGATES.counts,
  cell: ({ raw }) => ({ kind: 'list', values: named(raw).map((segment) => segment[0] as string) }),
  decode: ({ raw }) => files(raw),
  encode: (value) => {
    const segments: RichTextSegment[] = []
    for (const item of listOf(value)) {
      const segment = fileSegment(item)
      if (segment === undefined) return { refused: item }
      segments.push(segment)
    }
    return { richText: commaJoined(segments) }
  },
  // A URL property wants the link; anything else the name the cell shows.
  show: (value, context) => listed((value as PropertyFile[]).map((file) => (context.toType === 'url' ? file.url : file.name))),
  // Links stay files (a URL cell, linked text); plain text names no file.
  convertInto: (input) => ({ value: (input.toValue() as PropertyFile[]).filter((file) => /^https?:\/\//i.test(file.url)) }),
} satisfies PropertyCodec
