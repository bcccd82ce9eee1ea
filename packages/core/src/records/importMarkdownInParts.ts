import { markdownToPage, type BlockNode, type MarkdownPage } from '@notion-rx/markdown'
import type { OperationPointer } from '@notion-rx/protocol'
import type { Children } from './children.js'
import type { NotionRecord } from './notionRecord.js'
import type { PageBlock } from './pageBlocks.js'
import { PartialImportError } from './partialImportError.js'
import { resolveRecord } from './recordRegistry.js'
import { newBlockArgs } from './newBlockArgs.js'
import { DEFAULT_PART_BYTES, DEFAULT_PART_RECORDS, PartFailure, planParts, writeParts, type PlannedWrite } from './writeInParts.js'

/** Bytes of JSON per transaction (see `DEFAULT_PART_BYTES` in writeInParts.ts, where parts are cut). */
export const DEFAULT_IMPORT_PART_BYTES = DEFAULT_PART_BYTES
/** Blocks per transaction; see DEFAULT_IMPORT_PART_BYTES. */
export const DEFAULT_IMPORT_PART_BLOCKS = DEFAULT_PART_RECORDS

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
  const planned: PlannedWrite[] = []
  const plan = (node: BlockNode, listPointer: OperationPointer, listKey: string, parentId: string, parentTable: string, depth: number): string => {
    const id = context.newId()
    const args = newBlockArgs(node, { id, parentId, parentTable, spaceId, userId, now, ...(depth === 0 ? { extra } : {}) })
    const index = planned.length
    planned.push({ pointer: pointerOf(id), value: args, lists: ['content'], listing: { pointer: listPointer, key: listKey }, depth })
    const childIds = (node.children ?? []).map((child) => plan(child, pointerOf(id), 'content', id, 'block', depth + 1))
    if (childIds.length > 0) planned[index] = { ...planned[index]!, value: { ...args, content: childIds } }
    return id
  }
  const pageId = plan({ type: 'page', properties: { title: title ?? [] }, children: blocks }, parent.pointer(), list.listKey, parent.id, parent.table, 0)
  const parts = planParts(planned, { maxPartBytes: options.maxPartBytes, maxPartRecords: options.maxPartBlocks })
  try {
    await writeParts(context, parts, {
      onProgress: (progress) => options.onProgress?.({ part: progress.part, parts: progress.parts, blocks: progress.records, totalBlocks: progress.totalRecords }),
    })
  } catch (error) {
    if (!(error instanceof PartFailure)) throw error
    const { partsCommitted, committedIds: committedBlockIds, totalRecords: totalBlocks, cause } = error
    throw new PartialImportError({ pageId, committedBlockIds, partsCommitted, parts: error.parts, totalBlocks, cause })
  }
  return resolveRecord(context, 'block', pageId) as PageBlock
}
