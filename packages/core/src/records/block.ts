import { isKnownBlockType, type BlockType, type BlockValue, type KnownBlockType, type Operation } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import type { CallOptions } from '../callOptions.js'
import type { BlockFor } from './blockClassMap.js'
import type { FieldMap } from './blockField.js'
import { Children } from './children.js'
import { InvalidValueError } from './invalidValueError.js'
import { NotionRecord } from './notionRecord.js'
import { resolveRecord } from './recordRegistry.js'

/** Where `moveTo` puts a block relative to its target. */
export type MovePosition = 'before' | 'after' | 'first-child' | 'last-child'

export const MOVE_POSITIONS: readonly MovePosition[] = ['before', 'after', 'first-child', 'last-child']

/** The list a parent keeps its children in: `content` on blocks, `pages` on spaces; collections have none. */
export function childListKeyOf(parentTable: string): string | undefined {
  return parentTable === 'block' ? 'content' : parentTable === 'space' ? 'pages' : undefined
}

export interface RemoveOptions {
  /**
   * Also delete the block for good (deleteBlocks with permanentlyDelete), after the soft delete committed.
   * @default false
   */
  permanently?: boolean
}

/**
 * A block of any type; the base of the one class per block type (`blockClassFor`). Blocks of
 * types notion-rx does not know are plain Blocks and keep all their data (`value`, `get`, `set`).
 */
export class Block extends NotionRecord {
  /** The accessors `addNew(type, props)` may set on this class, by name. */
  static readonly fields: FieldMap = Object.freeze({})

  #children: Children | undefined

  constructor(context: ClientContext, id: string) {
    super(context, 'block', id)
  }

  override get value(): BlockValue | undefined {
    return super.value as BlockValue | undefined
  }

  /** The block type (`text`, `page`, `to_do`, ...); change it with `convertTo`. */
  get type(): BlockType | undefined {
    return this.value?.type
  }

  get type$(): Observable<BlockType | undefined> {
    return this.select((value) => value?.['type'] as BlockType | undefined)
  }

  /** False once the block is (soft-)deleted. */
  get alive(): boolean {
    return this.value?.alive !== false
  }

  get alive$(): Observable<boolean> {
    return this.select((value) => value?.['alive'] !== false)
  }

  get parentId(): string | undefined {
    return this.value?.parent_id
  }

  /** `block`, `space` or `collection` (database rows). */
  get parentTable(): string | undefined {
    return this.value?.parent_table
  }

  /** The parent record (a Block, a Space, or for rows the collection's record object). */
  get parent(): NotionRecord | undefined {
    const { parentId, parentTable } = this
    return parentId === undefined || parentTable === undefined ? undefined : resolveRecord(this.context, parentTable, parentId)
  }

  get createdTime(): number | undefined {
    return this.value?.created_time
  }

  get lastEditedTime(): number | undefined {
    return this.value?.last_edited_time
  }

  /** The block's children (`content`), in order. */
  get children(): Children {
    return (this.#children ??= new Children(this, 'content'))
  }

  /**
   * Changes the block's type (notion-py `convert_to_type`); keeps its id, properties and children.
   * Returns the block as an object of the new type's class.
   * @throws InvalidValueError `unknown_block_type` for a type not in BLOCK_TYPES (nothing is sent)
   */
  convertTo<T extends KnownBlockType>(type: T): BlockFor<T> {
    if (typeof type !== 'string' || !isKnownBlockType(type)) {
      throw new InvalidValueError('unknown_block_type', {
        recordId: this.id,
        accessor: 'convertTo',
        accepts: 'a block type from BLOCK_TYPES',
        value: type,
      })
    }
    void this.write([this.operation(['type'], 'set', type)])
    return resolveRecord(this.context, 'block', this.id) as BlockFor<T>
  }

  /**
   * Moves the block, in one batch as notion-py's `move_to`: out of its parent's list, re-parented,
   * into the new parent's list. `first-child`/`last-child` put it inside `target` (a block or a
   * space); `before`/`after` next to `target`, under `target`'s parent. Applied to the store at
   * once; resolves when committed.
   * Throws InvalidValueError `invalid_move`, before anything is queued, when the block would go
   * into itself or a descendant, or when what it needs (the target's parent) is not loaded. Like a
   * setter, it may be left un-awaited: a rejected commit then reaches `client.errors$`, not the
   * process's unhandled rejections.
   */
  moveTo(target: NotionRecord, position: MovePosition = 'last-child'): Promise<void> {
    const refuse = (accepts: string) =>
      new InvalidValueError('invalid_move', { recordId: this.id, accessor: 'moveTo', accepts, value: target.id })
    if (!MOVE_POSITIONS.includes(position)) {
      throw new InvalidValueError('invalid_value', {
        recordId: this.id,
        accessor: 'moveTo',
        accepts: `a position: ${MOVE_POSITIONS.join(', ')}`,
        value: position,
      })
    }
    const inside = position === 'first-child' || position === 'last-child'
    let parentTable: string
    let parentId: string
    if (inside) {
      if (target.table !== 'block' && target.table !== 'space') throw refuse('a block or a space as the new parent')
      parentTable = target.table
      parentId = target.id
    } else {
      if (target.table !== 'block') throw refuse('a block to move before or after')
      if (target.id === this.id) throw refuse('a block other than itself to move before or after')
      const targetValue = target.value
      if (typeof targetValue?.['parent_id'] !== 'string' || typeof targetValue['parent_table'] !== 'string') {
        throw refuse('a loaded target (its parent is not known; load it first)')
      }
      parentTable = targetValue['parent_table']
      parentId = targetValue['parent_id']
    }
    if (parentTable === 'block' && this.#isSelfOrAncestorOf(parentId)) {
      throw refuse('a target outside the block itself and its descendants')
    }
    const newListKey = childListKeyOf(parentTable)
    const oldSpaceId = this.spaceId
    // The space of the new parent: a block moved to another workspace goes there, subtree and all.
    const spaceId = parentTable === 'space' ? parentId : (this.#spaceOfBlock(parentId) ?? oldSpaceId)
    const pointerIn = (table: string, id: string, space: string | undefined) => (space === undefined ? { table, id } : { table, id, spaceId: space })
    const operations: Operation[] = []
    const oldListKey = this.parentTable === undefined ? undefined : childListKeyOf(this.parentTable)
    const oldParentId = this.parentId
    if (oldListKey !== undefined && oldParentId !== undefined && this.parentTable !== undefined) {
      operations.push({ pointer: pointerIn(this.parentTable, oldParentId, oldSpaceId), path: [oldListKey], command: 'listRemove', args: { id: this.id } })
    }
    const movesSpace = spaceId !== undefined && spaceId !== oldSpaceId
    operations.push(
      this.operation([], 'update', { alive: true, parent_id: parentId, parent_table: parentTable, ...(movesSpace ? { space_id: spaceId } : {}) }),
    )
    if (movesSpace) {
      for (const id of this.#loadedDescendants()) {
        operations.push({ pointer: pointerIn('block', id, spaceId), path: ['space_id'], command: 'set', args: spaceId })
      }
    }
    if (newListKey !== undefined) {
      const command = position === 'first-child' || position === 'before' ? 'listBefore' : 'listAfter'
      const args =
        position === 'before' ? { id: this.id, before: target.id } : position === 'after' ? { id: this.id, after: target.id } : { id: this.id }
      operations.push({ pointer: pointerIn(parentTable, parentId, spaceId), path: [newListKey], command, args })
    }
    return this.write(operations)
  }

  #spaceOfBlock(id: string): string | undefined {
    const stored = this.context.store.get('block', id)
    const spaceId = stored?.value?.['space_id']
    return typeof spaceId === 'string' ? spaceId : stored?.spaceId
  }

  /**
   * Ids of the blocks below this one that the store holds, through `content` lists (iterative, each
   * once). The server moves the rest of the subtree itself; these are moved here so the store agrees.
   */
  #loadedDescendants(): string[] {
    const found: string[] = []
    const seen = new Set<string>([this.id])
    const queue = [this.id]
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      const content = this.context.store.get('block', id)?.value?.['content']
      if (!Array.isArray(content)) continue
      for (const child of content) {
        if (typeof child !== 'string' || seen.has(child) || !this.context.store.get('block', child)) continue
        seen.add(child)
        found.push(child)
        queue.push(child)
      }
    }
    return found
  }

  /**
   * Deletes the block: soft (`alive: false` and out of its parent's list, as notion-py's
   * `remove()`), and with `{ permanently: true }` then for good through deleteBlocks. Applied to
   * the store at once; resolves when the server has done it. It may be left un-awaited, as a
   * setter: a rejected commit then reaches `client.errors$` (and never the process's unhandled
   * rejections).
   */
  remove(options: RemoveOptions = {}): Promise<void> {
    const operations: Operation[] = [this.operation([], 'update', { alive: false })]
    const listKey = this.parentTable === undefined ? undefined : childListKeyOf(this.parentTable)
    const { parentId, parentTable } = this
    if (listKey !== undefined && parentId !== undefined && parentTable !== undefined) {
      const spaceId = this.spaceId
      const pointer = spaceId === undefined ? { table: parentTable, id: parentId } : { table: parentTable, id: parentId, spaceId }
      operations.push({ pointer, path: [listKey], command: 'listRemove', args: { id: this.id } })
    }
    const written = this.write(operations)
    if (!options.permanently) return written
    const done = written.then(() => this.context.deleteBlocksPermanently([this.id]))
    // Handled here so an un-awaited call cannot end the process; awaiting it still rejects.
    done.catch(() => {})
    return done
  }

  /**
   * The blocks that mention this one (page mentions in any text) or link to it (alias blocks:
   * their parent is returned), as notion-py's `get_backlinks`. They are loaded into the store.
   */
  async getBacklinks(options: CallOptions = {}): Promise<Block[]> {
    const ids = await this.context.backlinksOf(this.id, options)
    return ids.map((id) => resolveRecord(this.context, 'block', id) as Block)
  }

  /** Whether `blockId` is this block or below it, walking parents through the store. */
  #isSelfOrAncestorOf(blockId: string): boolean {
    const seen = new Set<string>()
    let id: string | undefined = blockId
    while (id !== undefined && !seen.has(id)) {
      if (id === this.id) return true
      seen.add(id)
      const value: Readonly<Record<string, unknown>> | undefined = this.context.store.get('block', id)?.value
      id = value?.['parent_table'] === 'block' && typeof value['parent_id'] === 'string' ? value['parent_id'] : undefined
    }
    return false
  }
}
