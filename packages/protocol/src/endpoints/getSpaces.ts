import { z } from 'zod'

/** `{}`: the spaces of every account the token_v2 is logged into (docs/protocol.md#bootstrap-endpoints). */
export const getSpacesRequestSchema = z.looseObject({})
export type GetSpacesRequest = z.infer<typeof getSpacesRequestSchema>

/**
 * Keyed by user id; each value is that user's record map (notion_user, user_root, space_view,
 * space), with `__version__: 3` in the nested envelope.
 * @example resp[userId].notion_user[userId]
 */
export const getSpacesResponseSchema = z.record(z.string(), z.record(z.string(), z.unknown()))
export type GetSpacesResponse = z.infer<typeof getSpacesResponseSchema>
