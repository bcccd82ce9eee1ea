import { z } from 'zod'

/**
 * `findUser {email}`: the share menu's look-up of an account by email (Nishan's endpoint types).
 * The answer wraps the user record as a record-map entry, `{value: {role, value: notion_user}}`,
 * or has no `value` when no account has that email.
 */
export const findUserRequestSchema = z.looseObject({
  email: z.string().min(3).max(320),
})
export type FindUserRequest = z.infer<typeof findUserRequestSchema>

export const findUserResponseSchema = z.looseObject({
  value: z
    .looseObject({
      role: z.string().optional(),
      value: z.looseObject({ id: z.string(), email: z.string().optional() }).optional(),
    })
    .optional(),
})
export type FindUserResponse = z.infer<typeof findUserResponseSchema>

/**
 * `createEmailUser {email, preferredLocaleOrigin?, preferredLocale?}` → `{userId}`: the account
 * Notion makes for an email it does not know yet, so a page can be shared with it (the invitee
 * signs up later with that email). Seen in public clients of the share menu (docs/protocol.md#sharing).
 */
export const createEmailUserRequestSchema = z.looseObject({
  email: z.string().min(3).max(320),
  preferredLocaleOrigin: z.string().max(64).optional(),
  preferredLocale: z.string().max(64).optional(),
})
export type CreateEmailUserRequest = z.infer<typeof createEmailUserRequestSchema>

export const createEmailUserResponseSchema = z.looseObject({ userId: z.string() })
export type CreateEmailUserResponse = z.infer<typeof createEmailUserResponseSchema>
