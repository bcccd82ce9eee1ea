import type { Envelope, PageChunkCursorFrame } from '@notion-rx/protocol'
import { validationError } from '../http/apiError.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import type { StoredRecord } from '../storage/recordRepository.js'
import { addRelatedRecords } from './relatedRecords.js'
import { canRead } from '../access/roles.js'

/** Blocks per chunk when the request names no `limit` (what the web app asks for). */
export const DEFAULT_PAGE_CHUNK_LIMIT = 30

/** Deepest nesting read; also a guard against `content` cycles in bad data. */
const MAX_DEPTH = 64

/** Block types whose content is a page of its own, read by its own chunk calls. */
const SUB_PAGE_TYPES: ReadonlySet<string> = new Set(['page', 'collection_view_page'])

export interface PageChunkRequest {
  pageId: string
  /** 1..100, already validated by the endpoint's schema. */
  limit: number
  /** The cursor stack the caller got from the previous chunk; empty for chunk 0. */
  stack: readonly (readonly PageChunkCursorFrame[])[]
}

export interface PageChunk {
  /** The records of this chunk, normalized; the endpoint writes it in the emulator's envelope. */
  builder: RecordMapBuilder
  /** Where the next chunk starts; empty when the page is fully read (or unreadable). */
  stack: PageChunkCursorFrame[][]
  /** The page's space, when the caller can read the page. */
  spaceId: string | undefined
}

interface Frame {
  id: string
  index: number
  content: string[]
}

function contentOf(block: StoredRecord): string[] {
  const content = block.value['content']
  return Array.isArray(content) ? content.filter((id): id is string => typeof id === 'string') : []
}

/**
 * Reads a page in chunks, the way loadPageChunk and loadCachedPageChunk(V2) do.
 *
 * The page's blocks are walked depth first: each block is followed by its children, except the
 * children of sub-pages, which are pages of their own. A chunk holds up to `limit` of them (the
 * page block itself is in every chunk and not counted). The cursor stack is the path from the page
 * down to the block being read; each frame's `index` is the next child to visit in that block's
 * `content`, so the next call resumes exactly where this one stopped.
 */
export class PageChunker {
  private readonly emulator: EmulatorContext
  private readonly userId: string | undefined
  private readonly envelope: Envelope | undefined

  constructor(emulator: EmulatorContext, userId: string | undefined, envelope?: Envelope) {
    this.emulator = emulator
    this.userId = userId
    this.envelope = envelope
  }

  load(request: PageChunkRequest): PageChunk {
    const builder = new RecordMapBuilder(this.emulator, this.userId, this.envelope)
    const page = builder.add('block', request.pageId, { stubIfUnreadable: true })
    if (!page) {
      // Missing or forbidden: HTTP 200 with only the stub, as the real API answers.
      return { builder, stack: [], spaceId: undefined }
    }
    addRelatedRecords(builder, page)
    const path = request.stack.find((frames) => frames.length > 0)
    if (!path) this.addSurroundings(builder, page)
    const frames = path ? this.resume(page, path) : [{ id: page.id, index: 0, content: contentOf(page) }]

    let emitted = 0
    while (emitted < request.limit) {
      const top = frames.at(-1)
      if (!top) break
      const childId = top.content[top.index]
      if (childId === undefined) {
        frames.pop()
        continue
      }
      top.index++
      emitted++
      const child = builder.add('block', childId, { stubIfUnreadable: true })
      if (!child) continue
      addRelatedRecords(builder, child)
      if (this.isDescendable(child, top.id, page.id, frames.length)) {
        frames.push({ id: child.id, index: 0, content: contentOf(child) })
      }
    }
    // Drop finished frames so that the last chunk already says "done".
    while (frames.length > 0 && frames.at(-1)!.index >= frames.at(-1)!.content.length) frames.pop()

    const spaceId = page.spaceId
    const stack =
      frames.length === 0
        ? []
        : [frames.map(({ id, index }) => ({ table: 'block', id, index, ...(spaceId ? { spaceId } : {}) }))]
    return { builder, stack, spaceId }
  }

  /** Chunk 0 also carries the page's ancestors up to its space, and the space. */
  private addSurroundings(builder: RecordMapBuilder, page: StoredRecord): void {
    const seen = new Set<string>([`block:${page.id}`])
    let current: StoredRecord | undefined = page
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      const parentId: unknown = current.value['parent_id']
      const parentTable: string = typeof current.value['parent_table'] === 'string' ? current.value['parent_table'] : 'block'
      if (typeof parentId !== 'string' || seen.has(`${parentTable}:${parentId}`)) break
      seen.add(`${parentTable}:${parentId}`)
      // Unreadable ancestors become stubs and the walk goes on: a guest on a sub-page sees the chain.
      const ancestor = builder.add(parentTable, parentId, { stubIfUnreadable: true })
      if (ancestor && parentTable !== 'space') addRelatedRecords(builder, ancestor)
      current = ancestor ?? this.emulator.records.get(parentTable, parentId)
      if (parentTable === 'space') break
    }
    if (page.spaceId) builder.add('space', page.spaceId, { stubIfUnreadable: true })
  }

  /**
   * Rebuilds the frames of a cursor. A cursor is only advice: if the page changed since it was
   * issued, frames that no longer match the tree are dropped and reading goes on from the nearest
   * frame that still does. A cursor of another page is a 400.
   */
  private resume(page: StoredRecord, path: readonly PageChunkCursorFrame[]): Frame[] {
    const [rootFrame, ...deeper] = path
    if (!rootFrame || rootFrame.table !== 'block' || rootFrame.id !== page.id) {
      throw validationError('cursor.stack does not start at the requested page.')
    }
    if (path.length > MAX_DEPTH) throw validationError(`cursor.stack is deeper than ${MAX_DEPTH} frames.`)
    const rootContent = contentOf(page)
    const frames: Frame[] = [{ id: page.id, index: Math.min(rootFrame.index, rootContent.length), content: rootContent }]
    for (const frame of deeper) {
      const parent = frames.at(-1)!
      // The frame's block is the child the previous frame just stepped over.
      let position = parent.index - 1
      if (parent.content[position] !== frame.id) {
        position = parent.content.indexOf(frame.id)
        if (position === -1) break
        parent.index = position + 1
      }
      const block = this.emulator.records.get('block', frame.id)
      if (!block || frame.table !== 'block' || !this.isDescendable(block, parent.id, page.id, frames.length)) break
      if (!canRead(this.emulator.permissions.roleFor(this.userId, 'block', block.id, block))) break
      const content = contentOf(block)
      frames.push({ id: block.id, index: Math.min(frame.index, content.length), content })
    }
    return frames
  }

  /** Whether the chunk walks into a block's children (see the class comment). */
  private isDescendable(block: StoredRecord, listedIn: string, pageId: string, depth: number): boolean {
    if (depth >= MAX_DEPTH || block.id === pageId) return false
    if (SUB_PAGE_TYPES.has(String(block.value['type']))) return false
    // A block listed in a content array it was moved out of is shown, but not walked twice.
    const parentId = block.value['parent_id']
    if (typeof parentId === 'string' && parentId !== listedIn) return false
    return contentOf(block).length > 0
  }
}
