import type { Observable } from 'rxjs'
import type { CallOptions } from '../callOptions.js'
import { TITLE } from './basicBlock.js'
import { Block } from './block.js'
import { booleanField, fieldMap, numberField, optionalStringField, plainTextField } from './blockField.js'
import type { UploadFileOptions, UploadSource, UploadedFile } from '../sync/fileUploader.js'

const CAPTION = plainTextField('caption', 'properties.caption')

/** A block with a caption (notion-py's `MediaBlock`). The caption is plain text, as `title` is. */
export class MediaBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, CAPTION)

  get caption(): string {
    return this.read(CAPTION)
  }

  set caption(value: string) {
    this.assign(CAPTION, value)
  }

  get caption$(): Observable<string> {
    return this.observe(CAPTION)
  }
}

const SOURCE = plainTextField('source', 'properties.source')
const DISPLAY_SOURCE = optionalStringField('displaySource', 'format.display_source')
const WIDTH = numberField('width', 'format.block_width', { above: 0 })
const HEIGHT = numberField('height', 'format.block_height', { above: 0 })
const FULL_WIDTH = booleanField('fullWidth', 'format.block_full_width')
const PAGE_WIDTH = booleanField('pageWidth', 'format.block_page_width')

/**
 * `embed` and the base of every media and embed block: `source` (the URL as given,
 * `properties.source`), `displaySource` (what is shown, e.g. an iframe URL), and the size:
 * `width`/`height` in pixels, `fullWidth`, `pageWidth`. Setting `source` does not change
 * `displaySource` (notion-py's `set_source_url` resolves it through embed.ly; not done here).
 */
export class EmbedBlock extends MediaBlock {
  static override readonly fields = fieldMap(MediaBlock.fields, SOURCE, DISPLAY_SOURCE, WIDTH, HEIGHT, FULL_WIDTH, PAGE_WIDTH)

  get source(): string {
    return this.read(SOURCE)
  }

  set source(value: string) {
    this.assign(SOURCE, value)
  }

  get source$(): Observable<string> {
    return this.observe(SOURCE)
  }

  get displaySource(): string | undefined {
    return this.read(DISPLAY_SOURCE)
  }

  set displaySource(value: string | undefined) {
    this.assign(DISPLAY_SOURCE, value)
  }

  get displaySource$(): Observable<string | undefined> {
    return this.observe(DISPLAY_SOURCE)
  }

  get width(): number | undefined {
    return this.read(WIDTH)
  }

  set width(value: number | undefined) {
    this.assign(WIDTH, value)
  }

  get width$(): Observable<number | undefined> {
    return this.observe(WIDTH)
  }

  get height(): number | undefined {
    return this.read(HEIGHT)
  }

  set height(value: number | undefined) {
    this.assign(HEIGHT, value)
  }

  get height$(): Observable<number | undefined> {
    return this.observe(HEIGHT)
  }

  get fullWidth(): boolean {
    return this.read(FULL_WIDTH)
  }

  set fullWidth(value: boolean) {
    this.assign(FULL_WIDTH, value)
  }

  get fullWidth$(): Observable<boolean> {
    return this.observe(FULL_WIDTH)
  }

  get pageWidth(): boolean {
    return this.read(PAGE_WIDTH)
  }

  set pageWidth(value: boolean) {
    this.assign(PAGE_WIDTH, value)
  }

  get pageWidth$(): Observable<boolean> {
    return this.observe(PAGE_WIDTH)
  }
}

/** A media block whose file may be uploaded to Notion (notion-py's `EmbedOrUploadBlock`). */
export class UploadableBlock extends EmbedBlock {
  /** The uploaded file's id (`file_ids[0]`), when the file was uploaded rather than linked. */
  get fileId(): string | undefined {
    return this.value?.file_ids?.[0]
  }

  /**
   * Uploads a file (a path, or a Blob/File) and makes it the block's content, as notion-py's
   * `upload_file`: getUploadFileUrl, the bytes sent the way its answer says (2026's multipart
   * POST, or the older PUT), then in one batch `source` and `display_source` set to the file's
   * permanent address (an `attachment:<fileId>:<name>` URI, or an S3 URL from older servers) and
   * the file id appended to `file_ids`. Resolves when committed.
   * @example await page.children.addNew('image').uploadFile('./diagram.png')
   */
  async uploadFile(source: UploadSource, options: UploadFileOptions = {}): Promise<UploadedFile> {
    const file = await this.context.uploadFile(source, this.pointer(), options)
    await this.write([
      this.operation(['properties'], 'update', this.uploadedProperties(file)),
      this.operation(['format'], 'update', { display_source: file.url }),
      this.operation(['file_ids'], 'listAfter', { id: file.fileId }),
    ])
    return file
  }

  /**
   * An address that reads the block's file. An uploaded file (an `attachment:` URI, or a source
   * listed with a file id) is signed by the server (getSignedFileUrls, the block as permission
   * record; valid for hours, so ask again later rather than keep it); a linked one is returned as
   * it is. Undefined without a source, or when the server signs nothing (no access).
   * @example const url = await image.signedSourceUrl(); const bytes = await (await fetch(url!)).arrayBuffer()
   */
  async signedSourceUrl(options: CallOptions = {}): Promise<string | undefined> {
    const source = this.source
    if (source === '') return undefined
    if (!source.startsWith('attachment:') && this.fileId === undefined) return source
    return this.context.signFileUrl(source, this.pointer(), options)
  }

  /** The properties an upload sets: `source`; file blocks add their name and size. */
  protected uploadedProperties(file: UploadedFile): Record<string, unknown> {
    return { source: [[file.url]] }
  }
}

export class ImageBlock extends UploadableBlock {}
export class VideoBlock extends UploadableBlock {}
export class AudioBlock extends UploadableBlock {}
export class PdfBlock extends UploadableBlock {}

const FILE_SIZE = plainTextField('size', 'properties.size')

/** `file`: an attachment; `title` is the file name and `size` its displayed size (e.g. `12KB`). */
export class FileBlock extends UploadableBlock {
  static override readonly fields = fieldMap(UploadableBlock.fields, TITLE, FILE_SIZE)

  get title(): string {
    return this.read(TITLE)
  }

  set title(value: string) {
    this.assign(TITLE, value)
  }

  get title$(): Observable<string> {
    return this.observe(TITLE)
  }

  get size(): string {
    return this.read(FILE_SIZE)
  }

  set size(value: string) {
    this.assign(FILE_SIZE, value)
  }

  get size$(): Observable<string> {
    return this.observe(FILE_SIZE)
  }

  protected override uploadedProperties(file: UploadedFile): Record<string, unknown> {
    return { ...super.uploadedProperties(file), title: [[file.name]], size: [[displaySize(file.size)]] }
  }
}

/** A size as Notion shows it on file blocks: `512B`, `1605.6KB`, `12.3MB`. */
function displaySize(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)}KB`
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`
}

const LINK = plainTextField('link', 'properties.link')
const DESCRIPTION = plainTextField('description', 'properties.description')
const BOOKMARK_ICON = optionalStringField('bookmarkIcon', 'format.bookmark_icon')
const BOOKMARK_COVER = optionalStringField('bookmarkCover', 'format.bookmark_cover')

/** `bookmark`: a link preview; `link`, `title`, `description`, `bookmarkIcon`, `bookmarkCover`. */
export class BookmarkBlock extends EmbedBlock {
  static override readonly fields = fieldMap(EmbedBlock.fields, TITLE, LINK, DESCRIPTION, BOOKMARK_ICON, BOOKMARK_COVER)

  get title(): string {
    return this.read(TITLE)
  }

  set title(value: string) {
    this.assign(TITLE, value)
  }

  get title$(): Observable<string> {
    return this.observe(TITLE)
  }

  get link(): string {
    return this.read(LINK)
  }

  set link(value: string) {
    this.assign(LINK, value)
  }

  get link$(): Observable<string> {
    return this.observe(LINK)
  }

  get description(): string {
    return this.read(DESCRIPTION)
  }

  set description(value: string) {
    this.assign(DESCRIPTION, value)
  }

  get description$(): Observable<string> {
    return this.observe(DESCRIPTION)
  }

  get bookmarkIcon(): string | undefined {
    return this.read(BOOKMARK_ICON)
  }

  set bookmarkIcon(value: string | undefined) {
    this.assign(BOOKMARK_ICON, value)
  }

  get bookmarkIcon$(): Observable<string | undefined> {
    return this.observe(BOOKMARK_ICON)
  }

  get bookmarkCover(): string | undefined {
    return this.read(BOOKMARK_COVER)
  }

  set bookmarkCover(value: string | undefined) {
    this.assign(BOOKMARK_COVER, value)
  }

  get bookmarkCover$(): Observable<string | undefined> {
    return this.observe(BOOKMARK_COVER)
  }
}

// Embeds of one provider each: an EmbedBlock with its own type.
export class CodepenBlock extends EmbedBlock {}
export class FigmaBlock extends EmbedBlock {}
export class GistBlock extends EmbedBlock {}
export class MapsBlock extends EmbedBlock {}
export class DriveBlock extends EmbedBlock {}
export class TweetBlock extends EmbedBlock {}
export class TypeformBlock extends EmbedBlock {}
export class ExcalidrawBlock extends EmbedBlock {}
export class MiroBlock extends EmbedBlock {}
export class ReplitBlock extends EmbedBlock {}
export class FramerBlock extends EmbedBlock {}
export class LoomBlock extends EmbedBlock {}
export class InvisionBlock extends EmbedBlock {}
/** `external_object_instance`: a synced external object (a GitHub issue, ...), shown like an embed. */
export class ExternalObjectInstanceBlock extends EmbedBlock {}
