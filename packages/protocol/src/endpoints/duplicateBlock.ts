import { z } from 'zod'

const blockPointer = z.looseObject({ id: z.string().min(1).max(100), spaceId: z.string().max(100).nullish() })

/**
 * The request of a `duplicateBlock` task (enqueueTask). Older clients name one source and an
 * optional target by id (`sourceBlockId`, `targetBlockId`); the web app sends lists of pointers
 * (`sourceBlocks`, `targetBlocks`). The target, when named, is a `copy_indicator` block the
 * caller created where the copy goes; the task turns it into the copy (docs/protocol.md#tasks).
 */
export const duplicateBlockRequestSchema = z
  .looseObject({
    sourceBlockId: z.string().min(1).max(100).optional(),
    targetBlockId: z.string().min(1).max(100).optional(),
    sourceBlocks: z.array(blockPointer).max(1).optional(),
    targetBlocks: z.array(blockPointer).max(1).optional(),
    /** Prefix the copy's title as the web app's "Duplicate" does. */
    addCopyName: z.boolean().optional(),
    /** Copy synced blocks' contents rather than referencing the original. */
    deepCopyTransclusionContainers: z.boolean().optional(),
    spaceId: z.string().max(100).optional(),
  })
  .refine((request) => request.sourceBlockId !== undefined || request.sourceBlocks?.[0] !== undefined, {
    message: 'a duplicate names its source as sourceBlockId or sourceBlocks[0].id',
  })
export type DuplicateBlockRequest = z.infer<typeof duplicateBlockRequestSchema>

/** The source and (optional) target block ids a duplicate request names, in either form. */
export function duplicatedBlockIds(request: DuplicateBlockRequest): { sourceId: string; targetId: string | undefined } {
  return {
    sourceId: request.sourceBlockId ?? request.sourceBlocks?.[0]?.id ?? '',
    targetId: request.targetBlockId ?? request.targetBlocks?.[0]?.id,
  }
}
