import { fromMarkdown, parseRichText, toMarkdown } from '@notion-rx/markdown'
import type { RichText } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import { Block } from './block.js'
import { fieldMap, plainTextField, richTextField, stringField, type BlockField } from './blockField.js'

/**
 * The title as markdown (as notion-py's `title`), through @notion-rx/markdown, which is lossless:
 * colours, mentions, dates and comments have directive forms, so reading a title and writing it
 * back changes nothing. A malformed title from the wire reads as the text of its string segments
 * (it is not thrown here; `parseRichText` reports it).
 */
export const TITLE: BlockField<string> = {
  name: 'title',
  path: Object.freeze(['properties', 'title']),
  accepts: 'a string (markdown)',
  check: (value) => typeof value === 'string',
  decode: (raw) => toMarkdown(salvageRichText(raw)),
  encode: (value: string) => fromMarkdown(value),
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

/** A block with a title and a colour (notion-py's `BasicBlock`): text, headings, lists, pages... */
export class BasicBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, TITLE, TITLE_PLAINTEXT, TITLE_RICH_TEXT, COLOR)

  /** The title as markdown (docs/markdown.md): `**b**`, `:user{#id}`, `:color[x]{value='red'}`... */
  get title(): string {
    return this.read(TITLE)
  }

  /** Writes markdown; writing back what was read is a no-op (nothing is queued). */
  set title(value: string) {
    if (value === this.title) return
    this.assign(TITLE, value)
  }

  get title$(): Observable<string> {
    return this.observe(TITLE)
  }

  get titlePlaintext(): string {
    return this.read(TITLE_PLAINTEXT)
  }

  set titlePlaintext(value: string) {
    this.assign(TITLE_PLAINTEXT, value)
  }

  get titlePlaintext$(): Observable<string> {
    return this.observe(TITLE_PLAINTEXT)
  }

  /** The raw title array, decorations and mentions included. */
  get titleRichText(): RichText {
    return this.read(TITLE_RICH_TEXT)
  }

  set titleRichText(value: RichText) {
    this.assign(TITLE_RICH_TEXT, value)
  }

  get titleRichText$(): Observable<RichText> {
    return this.observe(TITLE_RICH_TEXT)
  }

  get color(): string {
    return this.read(COLOR)
  }

  set color(value: string) {
    this.assign(COLOR, value)
  }

  get color$(): Observable<string> {
    return this.observe(COLOR)
  }
}
