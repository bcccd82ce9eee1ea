import { usersNamedBy } from './namedUsers.js'
import type { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import type { RecordValue, StoredRecord } from '../storage/recordRepository.js'

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function stringField(value: RecordValue, key: string): string | undefined {
  const field = value[key]
  return typeof field === 'string' && field !== '' ? field : undefined
}

/** The collection of a collection_view(_page) block: `collection_id`, or the newer `format.collection_pointer`. */
function collectionIdOf(block: RecordValue): string | undefined {
  const format = block['format']
  const pointer = typeof format === 'object' && format !== null ? (format as RecordValue)['collection_pointer'] : undefined
  const pointerId = typeof pointer === 'object' && pointer !== null ? (pointer as RecordValue)['id'] : undefined
  return stringField(block, 'collection_id') ?? (typeof pointerId === 'string' ? pointerId : undefined)
}

/**
 * Adds the records a block brings along in a page chunk (docs/protocol.md#loadcachedpagechunkv2): the collection and
 * views of a database block, its discussions with their comments, and the users who wrote or are
 * mentioned in any of them (readable through the block, as for anonymous readers of a public
 * page). Records the caller cannot read are left out, not stubbed.
 */
export function addRelatedRecords(builder: RecordMapBuilder, block: StoredRecord): void {
  const value = block.value
  const users = usersNamedBy(value)
  const collectionId = collectionIdOf(value)
  if (collectionId) builder.add('collection', collectionId)
  for (const viewId of strings(value['view_ids'])) builder.add('collection_view', viewId)
  for (const discussionId of strings(value['discussions'])) {
    const discussion = builder.add('discussion', discussionId)
    if (!discussion) continue
    for (const commentId of strings(discussion.value['comments'])) {
      const comment = builder.add('comment', commentId)
      if (comment) users.push(...usersNamedBy(comment.value))
    }
  }
  for (const userId of users) builder.add('notion_user', userId, { namedByReadable: true })
}
