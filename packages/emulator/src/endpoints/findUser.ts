import { findUserRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'

/**
 * The share menu's look-up of an account by email (docs/protocol.md#sharing): `{value: {role,
 * value}}` with the user's public fields, or `{}` when no account has that email. Only logged-in
 * callers may ask; the answer names the user, never their tokens or settings.
 */
export const findUser = defineEndpoint({
  name: 'findUser',
  auth: 'required',
  body: findUserRequestSchema,
  handle({ emulator }, body) {
    const id = emulator.accounts.findUserByEmail(body.email)
    const user = id === undefined ? undefined : emulator.records.get('notion_user', id)
    if (!user) return {}
    const { id: userId, version, email, given_name, family_name, name, profile_photo } = user.value
    const value = Object.fromEntries(
      Object.entries({ id: userId, version, email, given_name, family_name, name, profile_photo }).filter(([, field]) => field !== undefined),
    )
    return { value: { role: 'reader', value } }
  },
})
