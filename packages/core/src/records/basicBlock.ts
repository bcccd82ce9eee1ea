import type { RichText } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import { Block } from './block.js'
import { fieldMap, plainTextField, richTextField, stringField } from './blockField.js'

/**
 * Where the title is read and written. notion-py reads and writes markdown here; until
 * @notion-rx/markdown provides `toMarkdown`/`fromMarkdown`, `title` is plain text (decorations are
 * dropped on read and none are written). `titleRichText` keeps everything.
 */
export const TITLE = plainTextField('title', 'properties.title')
/** The title as a reader sees it: mentions of loaded users and pages read as their names. */
export const TITLE_PLAINTEXT = plainTextField('titlePlaintext', 'properties.title', { resolveMentions: true })
export const TITLE_RICH_TEXT = richTextField('titleRichText', 'properties.title')
/** `format.block_color`: a text colour or a `*_background` colour; `'default'` when unset. */
export const COLOR = stringField('color', 'format.block_color', 'default')

/** A block with a title and a colour (notion-py's `BasicBlock`): text, headings, lists, pages... */
export class BasicBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, TITLE, TITLE_PLAINTEXT, TITLE_RICH_TEXT, COLOR)

  /** The title (plain text until @notion-rx/markdown exists; see TITLE). */
  get title(): string {
    return this.read(TITLE)
  }

  set title(value: string) {
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
