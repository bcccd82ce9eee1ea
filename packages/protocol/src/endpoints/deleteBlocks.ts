import { z } from 'zod'

/**
 * `deleteBlocks {blockIds, permanentlyDelete}` (notion-py `remove(permanently=True)`).
 * With `permanentlyDelete: true` the blocks and their descendants are gone for good; without it
 * they are soft-deleted (`alive: false`, taken out of their parent's list).
 */
export const deleteBlocksRequestSchema = z.looseObject({
  blockIds: z.array(z.string().min(1)),
  permanentlyDelete: z.boolean().exactOptional(),
})
export type DeleteBlocksRequest = z.infer<typeof deleteBlocksRequestSchema>

/** Success is an empty object. */
export const deleteBlocksResponseSchema = z.looseObject({})
export type DeleteBlocksResponse = z.infer<typeof deleteBlocksResponseSchema>
