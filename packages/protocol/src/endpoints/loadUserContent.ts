import { z } from 'zod'

/** `{}`: everything the app needs to draw its sidebar for the active user (docs/protocol.md#bootstrap-endpoints). */
export const loadUserContentRequestSchema = z.looseObject({})
export type LoadUserContentRequest = z.infer<typeof loadUserContentRequestSchema>

/** `{recordMap: {notion_user, user_root, user_settings, space_view, space, block}}`. */
export const loadUserContentResponseSchema = z.looseObject({
  recordMap: z.record(z.string(), z.unknown()),
})
export type LoadUserContentResponse = z.infer<typeof loadUserContentResponseSchema>
