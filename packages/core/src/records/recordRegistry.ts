import type { Operation, OperationPointer } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import type { Block } from './block.js'
import type { FieldMap } from './blockField.js'
import type { NotionRecord } from './notionRecord.js'

/** A block class: what `blockClassFor` returns, with the accessors `addNew` may set. */
export interface BlockClass {
  new (context: ClientContext, id: string): Block
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

interface RecordResolver {
  recordFor(context: ClientContext, table: string, id: string): NotionRecord
  blockClassFor(type: string | undefined, value?: Readonly<Record<string, unknown>>): BlockClass
}

let installed: RecordResolver | undefined

/**
 * Installed by `recordFor.ts` when it loads. Why a hook and not an import: block.ts and children.ts
 * need the registry, and the registry needs every block class (which extend Block), so a static
 * import would make class evaluation order depend on which module a user imports first.
 */
export function installRecordResolver(resolver: RecordResolver): void {
  installed = resolver
}

function resolver(): RecordResolver {
  if (!installed) throw new Error('notion-rx records: the record registry is not loaded; import recordFor from @notion-rx/core')
  return installed
}

export function resolveRecord(context: ClientContext, table: string, id: string): NotionRecord {
  return resolver().recordFor(context, table, id)
}

export function resolveBlockClass(type: string | undefined, value?: Readonly<Record<string, unknown>>): BlockClass {
  return resolver().blockClassFor(type, value)
}
