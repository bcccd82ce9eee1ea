import type { CallOptions } from '../callOptions.js'
import { TITLE } from './basicBlock.js'
import { Block } from './block.js'
import { booleanField, fieldMap, numberField, optionalStringField, plainTextField } from './blockField.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'
import type { UploadFileOptions, UploadSource, UploadedFile } from '../sync/fileUploader.js'

const MEDIA_FIELDS = {
  /** The caption, as plain text (`properties.caption`). */
  caption: plainTextField('caption', 'properties.caption'),
}

// The accessors MEDIA_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface MediaBlock extends FieldAccessors<typeof MEDIA_FIELDS> {}

/** A block with a caption (notion-py's `MediaBlock`). The caption is plain text, as `title` is. */
export class MediaBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, MEDIA_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

const EMBED_FIELDS = {
  /** The URL as given (`properties.source`); an `attachment:` URI for an uploaded file. */
  source: plainTextField('source', 'properties.source'),
  /** What is shown, e.g. an iframe URL (`format.display_source`); setting `source` leaves it as it is. */
  displaySource: optionalStringField('displaySource', 'format.display_source'),
  /** Width in pixels (`format.block_width`), above 0; undefined removes it. */
  width: numberField('width', 'format.block_width', { above: 0 }),
  /** Height in pixels (`format.block_height`), above 0; undefined removes it. */
  height: numberField('height', 'format.block_height', { above: 0 }),
  /** Whether the block spans the full width (`format.block_full_width`). */
  fullWidth: booleanField('fullWidth', 'format.block_full_width'),
  /** Whether the block spans the page's width (`format.block_page_width`). */
  pageWidth: booleanField('pageWidth', 'format.block_page_width'),
}

// The accessors EMBED_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface EmbedBlock extends FieldAccessors<typeof EMBED_FIELDS> {}

/**
 * `embed` and the base of every media and embed block: `source` (the URL as given,
 * `properties.source`), `displaySource` (what is shown, e.g. an iframe URL), and the size:
 * `width`/`height` in pixels, `fullWidth`, `pageWidth`. Setting `source` does not change
 * `displaySource` (notion-py's `set_source_url` resolves it through embed.ly; not done here).
 */
export class EmbedBlock extends MediaBlock {
  static override readonly fields = fieldMap(MediaBlock.fields, EMBED_FIELDS)

  static {
    defineFieldAccessors(this)
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

const FILE_FIELDS = {
  /** The file's name, shown as the block's title (markdown, as every title). */
  title: TITLE,
  /** The file's size as Notion shows it, e.g. `12KB` (`properties.size`). */
  size: plainTextField('size', 'properties.size'),
}

// The accessors FILE_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface FileBlock extends FieldAccessors<typeof FILE_FIELDS> {}

/** `file`: an attachment; `title` is the file name and `size` its displayed size (e.g. `12KB`). */
export class FileBlock extends UploadableBlock {
  static override readonly fields = fieldMap(UploadableBlock.fields, FILE_FIELDS)

  static {
    defineFieldAccessors(this)
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

const BOOKMARK_FIELDS = {
  /** The page's title as the preview shows it (markdown, as every title). */
  title: TITLE,
  /** The bookmarked URL (`properties.link`). */
  link: plainTextField('link', 'properties.link'),
  /** The preview's description (`properties.description`). */
  description: plainTextField('description', 'properties.description'),
  /** The preview's icon URL (`format.bookmark_icon`); undefined removes it. */
  bookmarkIcon: optionalStringField('bookmarkIcon', 'format.bookmark_icon'),
  /** The preview's cover image URL (`format.bookmark_cover`); undefined removes it. */
  bookmarkCover: optionalStringField('bookmarkCover', 'format.bookmark_cover'),
}

// The accessors BOOKMARK_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface BookmarkBlock extends FieldAccessors<typeof BOOKMARK_FIELDS> {}

/** `bookmark`: a link preview; `link`, `title`, `description`, `bookmarkIcon`, `bookmarkCover`. */
export class BookmarkBlock extends EmbedBlock {
  static override readonly fields = fieldMap(EmbedBlock.fields, BOOKMARK_FIELDS)

  static {
    defineFieldAccessors(this)
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
