import type { Operation, OperationPointer } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import type { FieldMap } from './blockField.js'
import type { DuplicateOptions } from './duplicateOptions.js'
import type { NotionRecord } from './notionRecord.js'

/** A block class: what `blockClassFor` returns, with the accessors `addNew` may set. */
export interface BlockClass {
  new (context: ClientContext, id: string): NotionRecord
  readonly fields: FieldMap
  /**
   * For blocks that own other records (a database block owns its collection and views): the
   * operations creating them, from the `addNew` props this hook handles (listed in `props`).
   * Called by `addNew` after the block's own operations; it throws to refuse props.
   */
  readonly createOwnedRecords?: (creation: OwnedRecordsCreation) => { props: readonly string[]; operations: readonly Operation[] }
}

/** What `createOwnedRecords` gets. */
export interface OwnedRecordsCreation {
  readonly context: ClientContext
  readonly block: OperationPointer
  readonly props: Readonly<Record<string, unknown>>
  /** Fields the caller puts in the new block record (`space.addPage` passes its title as `properties.title`). */
  readonly extra: Readonly<Record<string, unknown>>
}

/**
 * What records/ needs to make record objects of classes it does not know (database blocks and
 * rows, collections, views live in databases/, which imports records/): the object model's
 * registry, passed in by the client as `context.records`. Declared here so the arrows run one way.
 */
export interface RecordRegistry {
  recordFor(context: ClientContext, table: string, id: string): NotionRecord
  blockClassFor(type: string | undefined, value?: Readonly<Record<string, unknown>>): BlockClass
  /** Copies a page and what is below it (model/duplicatePage.ts, which needs the databases wing). */
  duplicate(page: NotionRecord, options: DuplicateOptions): Promise<NotionRecord>
}

/** The record object for `table`/`id`, from the context's registry. */
export function resolveRecord(context: ClientContext, table: string, id: string): NotionRecord {
  return (context.records as RecordRegistry).recordFor(context, table, id)
}

/** The class a block of `type` (and record `value`) gets, from the context's registry. */
export function resolveBlockClass(context: ClientContext, type: string | undefined, value?: Readonly<Record<string, unknown>>): BlockClass {
  return (context.records as RecordRegistry).blockClassFor(type, value)
}
