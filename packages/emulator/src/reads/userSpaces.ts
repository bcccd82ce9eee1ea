import type { EmulatorContext } from '../emulatorContext.js'
import type { RecordMapBuilder } from '../storage/recordMapBuilder.js'

/**
 * Adds a user's space views (from `user_root.space_views`, then any other view the user owns) and
 * the spaces they point at or the user is a member of. Returns the ids of the spaces added readable.
 * The builder must be built for `userId`: space views are readable only by their owner.
 */
export function addUserSpaces(builder: RecordMapBuilder, emulator: EmulatorContext, userId: string): string[] {
  const root = emulator.records.get('user_root', userId)
  const listed = Array.isArray(root?.value['space_views']) ? (root.value['space_views'] as unknown[]) : []
  const viewIds = new Set(listed.filter((id): id is string => typeof id === 'string'))
  for (const view of emulator.records.childrenOf(userId, 'space_view')) viewIds.add(view.id)

  const spaceIds = new Set<string>()
  for (const viewId of viewIds) {
    const view = builder.add('space_view', viewId)
    // A view of a space the user left stays in the table with alive: false.
    if (!view || view.value['alive'] === false) continue
    if (typeof view.value['space_id'] === 'string') spaceIds.add(view.value['space_id'])
  }
  for (const spaceId of emulator.accounts.spacesOf(userId)) spaceIds.add(spaceId)

  return [...spaceIds].filter((spaceId) => builder.add('space', spaceId) !== undefined)
}
