/**
 * Subscription keys of the message store (docs/protocol.md#subscription-keys). Only the two kinds the SDK and
 * notion-py use are parsed; every other key is kept as `other` so callers can pass it through.
 */
export type SubscriptionKey =
  | { kind: 'record'; table: string; id: string; spaceId?: string }
  | { kind: 'collection'; collectionId: string }
  | { kind: 'other'; key: string }

const RECORD_KEY = /^versions\/([^:/]+):([^:/]+)(?::([^:/]+))?$/
const COLLECTION_KEY = /^collection\/([^:/]+)$/

/** `versions/<id>:<table>`, or `versions/<id>:<table>:<spaceId>` for space-scoped tables. */
export function recordSubscriptionKey(table: string, id: string, spaceId?: string): string {
  return spaceId === undefined ? `versions/${id}:${table}` : `versions/${id}:${table}:${spaceId}`
}

/** `collection/<collectionId>`: notified when any row of the database changes. */
export function collectionSubscriptionKey(collectionId: string): string {
  return `collection/${collectionId}`
}

export function parseSubscriptionKey(key: string): SubscriptionKey {
  const record = RECORD_KEY.exec(key)
  if (record) {
    const [, id, table, spaceId] = record as unknown as [string, string, string, string | undefined]
    return spaceId === undefined ? { kind: 'record', table, id } : { kind: 'record', table, id, spaceId }
  }
  const collection = COLLECTION_KEY.exec(key)
  if (collection) return { kind: 'collection', collectionId: collection[1]! }
  return { kind: 'other', key }
}
