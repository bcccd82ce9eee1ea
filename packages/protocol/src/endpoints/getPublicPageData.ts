import { z } from 'zod'

/**
 * getPublicPageData: the old `{blockId}` body and the web app's
 * `{type: "block-space", name: "page", blockId, requestedOnPublicDomain, ...}` (docs/protocol.md#bootstrap-endpoints).
 */
export const getPublicPageDataRequestSchema = z.looseObject({
  blockId: z.string().min(1),
  type: z.string().optional(),
  name: z.string().optional(),
  spaceDomain: z.string().optional(),
  requestedOnPublicDomain: z.boolean().optional(),
})
export type GetPublicPageDataRequest = z.infer<typeof getPublicPageDataRequestSchema>

/**
 * What the sharing screen needs before loading a page. An anonymous caller asking about a
 * private page gets exactly `{publicAccessRole: "none"}`, so every other field is optional.
 */
export const getPublicPageDataResponseSchema = z.looseObject({
  publicAccessRole: z.string(),
  spaceId: z.string().optional(),
  spaceName: z.string().optional(),
  spaceDomain: z.string().optional(),
  icon: z.string().optional(),
  ownerUserId: z.string().optional(),
  betaEnabled: z.boolean().optional(),
  canJoinSpace: z.boolean().optional(),
  canRequestAccess: z.boolean().optional(),
  hasPublicAccess: z.boolean().optional(),
  userHasExplicitAccess: z.boolean().optional(),
  requireLogin: z.boolean().optional(),
  pageId: z.string().optional(),
})
export type GetPublicPageDataResponse = z.infer<typeof getPublicPageDataResponseSchema>
