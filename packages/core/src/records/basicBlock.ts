import { fromMarkdown, parseRichText, toMarkdown } from '@notion-rx/markdown'
import type { RichText } from '@notion-rx/protocol'
import { Block } from './block.js'
import { fieldMap, plainTextField, richTextField, stringField, type BlockField } from './blockField.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'

/**
 * The title as markdown (as notion-py's `title`), through @notion-rx/markdown, which is lossless:
 * colours, mentions, dates and comments have directive forms, so reading a title and writing it
 * back changes nothing. A malformed title from the wire reads as the text of its string segments
 * (it is not thrown here; `parseRichText` reports it).
 */
export const TITLE: BlockField<string, 'title'> = {
  name: 'title',
  path: Object.freeze(['properties', 'title']),
  accepts: 'a string (markdown)',
  check: (value) => typeof value === 'string',
  decode: (raw) => toMarkdown(salvageRichText(raw)),
  encode: (value: string) => fromMarkdown(value),
  // Lossless both ways, so a title read and written back is the same: nothing to send.
  skipsUnchanged: true,
}

function salvageRichText(raw: unknown): RichText {
  if (raw === undefined || raw === null) return []
  const parsed = parseRichText(raw)
  if (parsed.success) return parsed.data
  if (!Array.isArray(raw)) return []
  return raw.flatMap((segment: unknown) =>
    Array.isArray(segment) && typeof segment[0] === 'string' ? [[segment[0]] as [string]] : [],
  )
}
/** The title as a reader sees it: mentions of loaded users and pages read as their names. */
export const TITLE_PLAINTEXT = plainTextField('titlePlaintext', 'properties.title', { resolveMentions: true })
export const TITLE_RICH_TEXT = richTextField('titleRichText', 'properties.title')
/** `format.block_color`: a text colour or a `*_background` colour; `'default'` when unset. */
export const COLOR = stringField('color', 'format.block_color', 'default')

const BASIC_BLOCK_FIELDS = {
  /**
   * The title as markdown (docs/markdown.md): `**b**`, `:user{#id}`, `:color[x]{value='red'}`...
   * Writing back what was read is a no-op (nothing is queued).
   */
  title: TITLE,
  /** The title as a reader sees it: mentions of loaded users and pages read as their names; writes plain text. */
  titlePlaintext: TITLE_PLAINTEXT,
  /** The raw title array, decorations and mentions included. */
  titleRichText: TITLE_RICH_TEXT,
  /** `format.block_color`: a text colour or a `*_background` colour; `'default'` when unset. */
  color: COLOR,
}

// The accessors BASIC_BLOCK_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface BasicBlock extends FieldAccessors<typeof BASIC_BLOCK_FIELDS> {}

/** A block with a title and a colour (notion-py's `BasicBlock`): text, headings, lists, pages... */
export class BasicBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, BASIC_BLOCK_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}
