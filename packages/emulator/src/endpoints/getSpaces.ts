import { getSpacesRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import { addUserSpaces } from '../reads/userSpaces.js'

/**
 * Every account of the caller's token_v2, keyed by user id, each with its own record map
 * (notion_user, user_root, space_view, space) read with that user's roles (docs/protocol.md#bootstrap-endpoints).
 * The active-user header does not narrow it: the account switcher needs them all.
 */
export const getSpaces = defineEndpoint({
  name: 'getSpaces',
  auth: 'required',
  body: getSpacesRequestSchema,
  handle({ emulator, user, profile }) {
    const result: Record<string, unknown> = {}
    for (const userId of emulator.accounts.usersOfToken(user!.token)) {
      const builder = new RecordMapBuilder(emulator, userId, profile.envelope)
      builder.add('notion_user', userId)
      builder.add('user_root', userId)
      addUserSpaces(builder, emulator, userId)
      result[userId] = builder.toWire()
    }
    return result
  },
})
