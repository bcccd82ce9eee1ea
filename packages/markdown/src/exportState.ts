import type { RichText } from '@notion-rx/protocol'
import type { BlockContent, Link, PhrasingContent, RootContent } from 'mdast'
import { parseRichText } from './parseRichText.js'
import type { InvalidRichTextError } from './invalidRichTextError.js'
import type { RecordSource, RecordValueLike } from './recordSource.js'
import { richTextToMdast } from './richTextToMdast.js'
import { richTextPlainText } from './richTextPlainText.js'

/** A problem met while exporting; the export goes on (see `PageToMarkdownOptions.onIssue`). */
export interface ExportIssue {
  readonly blockId: string
  /** `malformed_rich_text`, `missing_block` (not in the source), `cycle` (a synced block or alias that leads back). */
  readonly code: 'malformed_rich_text' | 'missing_block' | 'cycle'
  readonly message: string
  readonly error?: InvalidRichTextError
}

export interface PageToMarkdownOptions {
  /**
   * Start with the page title as a `#` heading (and a row's properties as a list).
   * @default true
   */
  title?: boolean
  /**
   * The link written for a page (child pages, aliases, links to pages).
   * @default (id) => `https://www.notion.so/${id without dashes}`
   */
  pageUrl?: (id: string) => string
  /** Called after each block is converted: `done` blocks so far. For progress on large pages. */
  onProgress?: (done: number) => void
  /** Called for every problem met; the export never throws on bad data. */
  onIssue?: (issue: ExportIssue) => void
}

/**
 * A block handler: the mdast a block becomes (one file per type in handle/, so a new block type
 * is a new file, not another branch in a switch).
 */
export type BlockHandler = (block: RecordValueLike, state: ExportState) => RootContent[]

/** What handlers share: the source, conversions of rich text and children, and the options. */
export interface ExportState {
  readonly source: RecordSource
  readonly options: PageToMarkdownOptions
  /** The id of the page being exported (its handler writes a title; nested pages are links). */
  readonly rootId: string
  /** The mdast of a block's `content`, in order; adjacent lists of one kind are merged. */
  children(block: RecordValueLike): RootContent[]
  /** The mdast of the block `id`; a comment when it is missing. */
  block(id: string): RootContent[]
  /** The content of the block `id`, followed from a synced block (a cycle is reported, not followed). */
  contentOf(id: string): RootContent[]
  /** A rich-text property of a block as phrasing (malformed data is reported and salvaged). */
  phrasing(block: RecordValueLike, key: string): PhrasingContent[]
  /** A rich-text property checked and salvaged: `[]` when absent. */
  richText(block: RecordValueLike, key: string): RichText
  /** A rich-text value as plain text, mentions resolved to names and titles from the source. */
  plainText(value: unknown, blockId: string): string
  /** A link to a page, labelled with its title (or its id when not loaded). */
  pageLink(id: string): Link
  /** `nodes` in a `:::color{value}` container when the block has a colour. */
  colored(block: RecordValueLike, nodes: RootContent[]): RootContent[]
  report(issue: ExportIssue): void
}

export type FlowContent = BlockContent

/** The text of a string property, e.g. a URL in `properties.source`. */
export function textOf(state: ExportState, block: RecordValueLike, key: string): string {
  return richTextPlainTextOf(state.richText(block, key))
}

function richTextPlainTextOf(richText: RichText): string {
  return richText.map(([text]) => text).join('')
}

export function formatOf(block: RecordValueLike): Readonly<Record<string, unknown>> {
  const format = block['format']
  return typeof format === 'object' && format !== null ? (format as Record<string, unknown>) : {}
}

export function propertiesOf(block: RecordValueLike): Readonly<Record<string, unknown>> {
  const properties = block['properties']
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {}
}

/** Checks wire rich text; a malformed value is reported and its string segments kept. */
export function checkedRichText(value: unknown, blockId: string, report: (issue: ExportIssue) => void): RichText {
  if (value === undefined || value === null) return []
  const parsed = parseRichText(value)
  if (parsed.success) return parsed.data
  report({ blockId, code: 'malformed_rich_text', message: parsed.error.message, error: parsed.error })
  if (!Array.isArray(value)) return []
  return value.flatMap((segment: unknown) => (Array.isArray(segment) && typeof segment[0] === 'string' ? [[segment[0]] as [string]] : []))
}

export { richTextToMdast, richTextPlainText }
