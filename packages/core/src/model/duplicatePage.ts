import { fromMarkdown } from '@notion-rx/markdown'
import { RecordNotFoundError } from '../recordNotFoundError.js'
import type { Block } from '../records/block.js'
import { DuplicateError } from '../records/duplicateError.js'
import type { DuplicateOptions } from '../records/duplicateOptions.js'
import type { NotionRecord } from '../records/notionRecord.js'
import type { PageBlock } from '../records/pageBlocks.js'
import { abortable } from '../sync/abortable.js'
import { clientDuplicate, type CopyPlace } from './clientDuplicate.js'
import { serverDuplicate } from './serverDuplicate.js'

/** Roles that may add content under a record. */
const EDIT_ROLES: ReadonlySet<string> = new Set(['editor', 'read_and_write'])

/**
 * `page.duplicate(options)`: checks the page and the target, then copies through Notion's
 * duplicate task (same client and workspace, deep) or the SDK's own batched copy.
 */
export async function duplicatePage(page: NotionRecord, options: DuplicateOptions = {}): Promise<PageBlock> {
  const { signal } = options
  signal?.throwIfAborted()
  const source = page as Block
  const reader = source.context
  await abortable((reader as { ready?: Promise<void> }).ready ?? Promise.resolve(), signal)
  await reader.loadRecords([{ table: 'block', id: source.id }], { signal })
  if (!source.isLoaded || source.value?.['alive'] === false) throw new RecordNotFoundError('block', source.id)
  const parent = options.parent ?? source.parent
  if (parent === undefined) throw new DuplicateError('invalid_parent', source.id, 'the page has no parent; pass `parent`')
  if (parent.table !== 'block' && parent.table !== 'space') throw new DuplicateError('invalid_parent', source.id, `${parent.table} ${parent.id}`)
  await parent.context.loadRecords([{ table: parent.table, id: parent.id }], { signal })
  if (!parent.isLoaded) throw new RecordNotFoundError(parent.table, parent.id)
  const role = parent.role
  if (role !== undefined && !EDIT_ROLES.has(role)) throw new DuplicateError('target_read_only', source.id, `${parent.table} ${parent.id}: role ${role}`)

  const spaceId = parent.table === 'space' ? parent.id : parent.spaceId
  const besideSource = parent.context === reader && parent.table === source.parentTable && parent.id === source.parentId
  const place: CopyPlace = {
    parent,
    listKey: parent.table === 'space' ? 'pages' : 'content',
    after: besideSource ? source.id : undefined,
    spaceId,
    ...(options.title === undefined ? {} : { title: fromMarkdown(options.title) }),
  }
  const mode = options.mode ?? 'auto'
  const serverCan = parent.context === reader && spaceId !== undefined && spaceId === source.spaceId && (options.deep ?? true)
  if (mode === 'server' && !serverCan) {
    throw new DuplicateError('server_unavailable', source.id, 'use the same client and workspace, and deep: true, or mode: client')
  }
  return mode === 'client' || !serverCan ? clientDuplicate(source, place, options) : serverDuplicate(source, place, options)
}
