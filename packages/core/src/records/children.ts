import { markdownToBlocks } from '@notion-rx/markdown'
import { isKnownBlockType, type KnownBlockType, type Operation, type OperationPointer } from '@notion-rx/protocol'
import { combineLatest, map, of, switchMap, type Observable } from 'rxjs'
import type { CallOptions } from '../callOptions.js'
import type { Block } from './block.js'
import { fieldOperation } from './blockField.js'
import type { BlockFor, BlockProps } from './blockClassMap.js'
import { InvalidValueError } from './invalidValueError.js'
import { addBlockNodes } from './markdownBlocks.js'
import type { NotionRecord } from './notionRecord.js'
import { resolveBlockClass, resolveRecord } from './recordRegistry.js'
import { queueWrite } from './recordWrites.js'

/** The list a parent keeps its children's ids in. */
export type ChildListKey = 'content' | 'pages'

const EMPTY: readonly string[] = Object.freeze([])

/**
 * The children of a block (`content`) or the pages of a space (`pages`), read from the store at
 * every access (notion-py's `Children`). Indexing gives Block objects of each child's class,
 * whether or not the child is loaded (`load()` fetches the missing ones).
 */
export class Children implements Iterable<Block> {
  readonly parent: NotionRecord
  readonly listKey: ChildListKey

  constructor(parent: NotionRecord, listKey: ChildListKey) {
    this.parent = parent
    this.listKey = listKey
  }

  /** The children's ids, in order (the store's frozen array). */
  get ids(): readonly string[] {
    const ids = this.parent.value?.[this.listKey]
    return Array.isArray(ids) ? (ids as string[]) : EMPTY
  }

  get ids$(): Observable<readonly string[]> {
    return this.parent.field([this.listKey]).pipe(map((ids) => (Array.isArray(ids) ? (ids as string[]) : EMPTY)))
  }

  get length(): number {
    return this.ids.length
  }

  /** The child at `index` (negative counts from the end); undefined when out of range. */
  at(index: number): Block | undefined {
    if (!Number.isInteger(index)) return undefined
    const id = this.ids.at(index)
    return id === undefined ? undefined : this.#block(id)
  }

  *[Symbol.iterator](): Iterator<Block> {
    for (const id of this.ids) yield this.#block(id)
  }

  /** Whether the block (or id) is one of the children. */
  includes(block: Block | string): boolean {
    return this.ids.includes(typeof block === 'string' ? block : block.id)
  }

  /**
   * The children of one type (a type string) or class (instanceof, so `filter(BasicBlock)` works).
   * @example page.children.filter('to_do').filter((todo) => !todo.checked)
   */
  filter<T extends KnownBlockType>(type: T): BlockFor<T>[]
  filter<C extends abstract new (...args: never[]) => Block>(blockClass: C): InstanceType<C>[]
  filter(kind: string | (abstract new (...args: never[]) => Block)): Block[] {
    const blocks = [...this]
    return typeof kind === 'string' ? blocks.filter((block) => block.type === kind) : blocks.filter((block) => block instanceof kind)
  }

  /**
   * The children as Block objects, now and whenever the list or a child's type (hence its class)
   * changes.
   */
  get blocks$(): Observable<Block[]> {
    const { store } = this.parent.context
    return this.ids$.pipe(
      switchMap((ids) =>
        ids.length === 0
          ? of([])
          : combineLatest(
              ids.map((id) =>
                store.selectValue('block', id, (record) => `${String(record?.value?.['type'])}/${String(record?.value?.['parent_table'])}`),
              ),
            ).pipe(map(() => ids.map((id) => this.#block(id)))),
      ),
    )
  }

  /** Fetches the children the store does not hold yet. */
  load(options: CallOptions = {}): Promise<void> {
    const spaceId = this.parent.spaceId
    return this.parent.context.loadRecords(
      this.ids.map((id) => (spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId })),
      options,
    )
  }

  /**
   * Creates a block at the end of the list (docs/protocol.md#recipes: `set` of the new record, `listAfter`
   * on the parent, then one `set` per prop), all in the tick's batch. Returns the new block at once,
   * already in the store; `await block.committed` (or `client.flush()`) waits for the server.
   * Props are the class's writable accessors (`{ title, checked }` for `to_do`), all checked before
   * anything is queued.
   * @throws InvalidValueError `unknown_block_type`, `unknown_accessor` or `invalid_value` (nothing queued)
   * @example const todo = page.children.addNew('to_do', { title: 'Ship', checked: false })
   */
  addNew<T extends KnownBlockType>(type: T, props?: BlockProps<T>): BlockFor<T> {
    const { block } = createChildBlock(this, type, (props ?? {}) as Readonly<Record<string, unknown>>)
    return block as BlockFor<T>
  }

  /**
   * Appends the blocks of a markdown document (headings, lists, to-dos, quotes, code, tables,
   * images by URL, `:::callout`/`:::toggle`, ...: docs/markdown.md), the whole tree in ONE batch.
   * Returns the top-level blocks at once, already in the store.
   * @example page.children.addMarkdown('## Plan\n\n- [ ] Ship\n- [x] Test')
   */
  addMarkdown(markdown: string): Block[] {
    return addBlockNodes(this, markdownToBlocks(markdown)).map((id) => this.#block(id))
  }

  /**
   * Lists an existing block here too, without re-parenting it (notion-py's `add_alias`): it then
   * shows under both parents. Returns the block.
   */
  addAlias(block: Block): Block {
    void queueWrite(this.parent.context, [
      { pointer: this.parent.pointer(), path: [this.listKey], command: 'listAfter', args: { id: block.id } },
    ])
    return this.#block(block.id)
  }

  #block(id: string): Block {
    return resolveRecord(this.parent.context, 'block', id) as Block
  }
}

/**
 * Builds and queues the operations creating a block of `type` at the end of `children`, with
 * `props` set through the class's accessors and `extra` fields in the new record (permissions).
 * Everything is checked before anything is queued.
 */
export function createChildBlock(
  children: Children,
  type: string,
  props: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>> = {},
): { block: Block; committed: Promise<void> } {
  const { parent, listKey } = children
  const { context } = parent
  if (typeof type !== 'string' || !isKnownBlockType(type)) {
    throw new InvalidValueError('unknown_block_type', {
      recordId: parent.id,
      table: parent.table,
      accessor: 'addNew',
      accepts: 'a block type from BLOCK_TYPES',
      value: type,
    })
  }
  const id = context.newId()
  const spaceId = parent.table === 'space' ? parent.id : parent.spaceId
  const pointer: OperationPointer = spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId }
  const blockClass = resolveBlockClass(context, type, { parent_table: parent.table })
  const propOperations: Operation[] = []
  const owned = blockClass.createOwnedRecords?.({ context, block: pointer, props, extra })
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || owned?.props.includes(name)) continue
    const field = Object.hasOwn(blockClass.fields, name) ? blockClass.fields[name] : undefined
    if (!field) {
      throw new InvalidValueError('unknown_accessor', {
        recordId: parent.id,
        table: parent.table,
        accessor: `addNew(${JSON.stringify(type)}).${name}`,
        accepts: `one of: ${Object.keys(blockClass.fields).join(', ') || '(no props)'}`,
      })
    }
    propOperations.push(fieldOperation(pointer, field, value))
  }
  const userId = context.currentUserId()
  const now = context.now()
  const record = {
    id,
    version: 1,
    type,
    alive: true,
    parent_id: parent.id,
    parent_table: parent.table,
    ...(spaceId === undefined ? {} : { space_id: spaceId }),
    created_time: now,
    ...(userId === undefined ? {} : { created_by_id: userId, created_by_table: 'notion_user' }),
    ...extra,
  }
  const committed = queueWrite(context, [
    { pointer, path: [], command: 'set', args: record },
    { pointer: parent.pointer(), path: [listKey], command: 'listAfter', args: { id } },
    ...propOperations,
    ...(owned?.operations ?? []),
  ])
  return { block: resolveRecord(context, 'block', id) as Block, committed }
}
