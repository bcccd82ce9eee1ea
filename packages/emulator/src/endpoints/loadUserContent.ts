import { loadUserContentRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import { addUserSpaces } from '../reads/userSpaces.js'

/** The top-level pages of a space: `space.pages` in order, then other live pages parented to the space. */
function addTopLevelPages(builder: RecordMapBuilder, emulator: EmulatorContext, spaceId: string): void {
  const space = emulator.records.get('space', spaceId)
  const listed = Array.isArray(space?.value['pages']) ? (space.value['pages'] as unknown[]) : []
  for (const pageId of listed) if (typeof pageId === 'string') builder.add('block', pageId)
  for (const block of emulator.records.childrenOf(spaceId, 'block')) {
    if (block.value['parent_table'] === 'space' && block.value['alive'] !== false) builder.add('block', block.id)
  }
}

/**
 * The active user's bootstrap (docs/protocol.md#bootstrap-endpoints): their notion_user, user_root, user_settings,
 * space views, spaces, and the top-level pages of each space they can read.
 */
export const loadUserContent = defineEndpoint({
  name: 'loadUserContent',
  auth: 'required',
  // Every client's start asks it; the answer is the caller's records only.
  cacheable: true,
  body: loadUserContentRequestSchema,
  handle({ emulator, user, profile }) {
    const userId = user!.id
    const builder = new RecordMapBuilder(emulator, userId, profile.envelope)
    builder.add('notion_user', userId)
    builder.add('user_root', userId)
    builder.add('user_settings', userId)
    for (const spaceId of addUserSpaces(builder, emulator, userId)) addTopLevelPages(builder, emulator, spaceId)
    return { recordMap: builder.toWire() }
  },
})
