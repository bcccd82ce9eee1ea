import { markdownToPage, type BlockNode, type MarkdownPage } from '@notion-rx/markdown'
import type { Operation, OperationPointer } from '@notion-rx/protocol'
import type { Children } from './children.js'
import type { NotionRecord } from './notionRecord.js'
import type { PageBlock } from './pageBlocks.js'
import { PartialImportError } from './partialImportError.js'
import { resolveRecord } from './recordRegistry.js'
import { newBlockArgs } from './newBlockArgs.js'
import { queueWrite } from './recordWrites.js'

/**
 * Bytes of JSON per transaction. Notion does not document a limit for its internal API; its public
 * API accepts 500 KB and 1000 blocks per request (docs/markdown.md#large-documents), and the
 * emulator 8 MB. Half of the public figures leaves room for what the queue adds.
 */
export const DEFAULT_IMPORT_PART_BYTES = 256 * 1024
/** Blocks per transaction; see DEFAULT_IMPORT_PART_BYTES. */
export const DEFAULT_IMPORT_PART_BLOCKS = 500
/**
 * Bytes of JSON around a block's own fields, at their longest: the `set` operation's pointer, path
 * and command (160), the `last_edited_*` update the queue adds per block (300) and a `listAfter` (220).
 */
const PER_BLOCK_OVERHEAD = 680
/**
 * The queue's `last_edited_*` update of a parent in an earlier part that this part lists blocks
 * on. Those parents are the ancestors of the part's first block, so a part reserves one per level.
 */
const PARENT_UPDATE_BYTES = 300
/** A child id in `content`: a quoted UUID and a comma. */
const PER_CHILD_BYTES = 39

export interface ImportProgress {
  /** Parts committed so far, of `parts`. */
  part: number
  parts: number
  /** Blocks committed so far (the page included), of `totalBlocks`. */
  blocks: number
  totalBlocks: number
}

export interface ImportInPartsOptions {
  /** @default DEFAULT_IMPORT_PART_BYTES */
  maxPartBytes?: number
  /** @default DEFAULT_IMPORT_PART_BLOCKS */
  maxPartBlocks?: number
  /** Called after each part commits. */
  onProgress?: (progress: ImportProgress) => void
}

interface PlannedBlock {
  id: string
  args: Record<string, unknown>
  /** Where the block is listed: the parent record's pointer and list. */
  listPointer: OperationPointer
  listKey: string
  childIds: string[]
  bytes: number
  /** 0 for the page. */
  depth: number
}

/**
 * Imports a markdown document as a NEW page under `parent`, like `importMarkdown`, but in as many
 * transactions as its size needs, sent one after another: each under `maxPartBytes` and
 * `maxPartBlocks`, parents always in an earlier or the same part as their children, so every
 * committed prefix is a well-formed page. Resolves with the page once every part committed.
 * Do not call it inside `client.transaction()`: it waits for each part to commit.
 * @throws PartialImportError when a part after the first fails (the first part's failure is
 *   thrown as it is: then nothing was created)
 * @example const page = await importMarkdownInParts(parent, bigMarkdown, { onProgress: console.log })
 */
export function importMarkdownInParts(
  parent: NotionRecord & { readonly children?: Children; readonly pages?: Children },
  markdown: string,
  options: ImportInPartsOptions = {},
): Promise<PageBlock> {
  return importPageInParts(parent, markdownToPage(markdown), options)
}

/**
 * `importMarkdownInParts` for a page already read into blocks (`markdownToPage`, `htmlToPage`):
 * the same parts, order and errors, whatever format the document came in.
 */
export async function importPageInParts(
  parent: NotionRecord & { readonly children?: Children; readonly pages?: Children },
  page: MarkdownPage,
  options: ImportInPartsOptions = {},
): Promise<PageBlock> {
  const list = parent.table === 'space' ? parent.pages : parent.children
  if (list === undefined) throw new TypeError(`cannot add a page under a ${parent.table} record`)
  const maxBytes = options.maxPartBytes ?? DEFAULT_IMPORT_PART_BYTES
  const maxBlocks = options.maxPartBlocks ?? DEFAULT_IMPORT_PART_BLOCKS
  if (!(maxBytes > 0) || !Number.isInteger(maxBlocks) || maxBlocks < 1) {
    throw new RangeError(`maxPartBytes and maxPartBlocks must be positive (got ${maxBytes} and ${maxBlocks})`)
  }
  const { context } = parent
  const { title, blocks } = page
  const userId = context.currentUserId()
  const spaceId = parent.table === 'space' ? parent.id : parent.spaceId
  const now = context.now()
  const pointerOf = (id: string): OperationPointer => (spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId })
  // A top-level page needs a permission to be visible, as Space.addPage gives it.
  const extra =
    parent.table === 'space' ? { permissions: [userId === undefined ? { role: 'editor', type: 'space_permission' } : { role: 'editor', type: 'user_permission', user_id: userId }] } : {}

  // Every block in document order (parents before children).
  const planned: PlannedBlock[] = []
  const plan = (node: BlockNode, listPointer: OperationPointer, listKey: string, parentId: string, parentTable: string, depth: number): string => {
    const id = context.newId()
    const args = newBlockArgs(node, { id, parentId, parentTable, spaceId, userId, now, ...(depth === 0 ? { extra } : {}) })
    const block: PlannedBlock = { id, args, listPointer, listKey, childIds: [], bytes: Buffer.byteLength(JSON.stringify(args)) + PER_BLOCK_OVERHEAD, depth }
    planned.push(block)
    for (const child of node.children ?? []) block.childIds.push(plan(child, pointerOf(id), 'content', id, 'block', depth + 1))
    block.bytes += block.childIds.length * PER_CHILD_BYTES
    return id
  }
  const pageId = plan({ type: 'page', properties: { title: title ?? [] }, children: blocks }, parent.pointer(), list.listKey, parent.id, parent.table, 0)

  // Greedy cut in document order; a block too large on its own still gets a part of its own.
  const parts: PlannedBlock[][] = []
  let current: PlannedBlock[] = []
  let bytes = PARENT_UPDATE_BYTES
  for (const block of planned) {
    if (current.length > 0 && (bytes + block.bytes > maxBytes || current.length >= maxBlocks)) {
      parts.push(current)
      current = []
      bytes = (block.depth + 1) * PARENT_UPDATE_BYTES
    }
    current.push(block)
    bytes += block.bytes
  }
  parts.push(current)

  const committed: string[] = []
  for (const [index, part] of parts.entries()) {
    const inPart = new Set(part.map((block) => block.id))
    const sets: Operation[] = []
    const listings: Operation[] = []
    for (const block of part) {
      // Children in this part are listed in the record; those in later parts are appended then.
      const content = block.childIds.filter((id) => inPart.has(id))
      sets.push({ pointer: pointerOf(block.id), path: [], command: 'set', args: content.length > 0 ? { ...block.args, content } : block.args })
    }
    for (const block of part) {
      if (!inPart.has(String(block.args['parent_id']))) {
        listings.push({ pointer: block.listPointer, path: [block.listKey], command: 'listAfter', args: { id: block.id } })
      }
    }
    try {
      await queueWrite(context, [...sets, ...listings])
    } catch (error) {
      if (index === 0) throw error
      throw new PartialImportError({ pageId, committedBlockIds: committed, partsCommitted: index, parts: parts.length, totalBlocks: planned.length, cause: error })
    }
    committed.push(...part.map((block) => block.id))
    options.onProgress?.({ part: index + 1, parts: parts.length, blocks: committed.length, totalBlocks: planned.length })
  }
  return resolveRecord(context, 'block', pageId) as PageBlock
}
