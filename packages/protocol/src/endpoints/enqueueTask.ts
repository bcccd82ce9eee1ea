import { z } from 'zod'

/**
 * enqueueTask: `{task: {eventName, request}}` → `{taskId}`. Export requests name the block the old
 * way (`blockId`, kjk/notionapi) or the newer way (`block: {id, spaceId}`, notion-py and the web
 * app); the web app's `partitionedExportBlock` has the same request (docs/protocol.md#tasks).
 */
export const enqueueTaskRequestSchema = z.looseObject({
  task: z.looseObject({
    eventName: z.string().min(1).max(100),
    request: z.unknown(),
  }),
})
export type EnqueueTaskRequest = z.infer<typeof enqueueTaskRequestSchema>

export const enqueueTaskResponseSchema = z.looseObject({ taskId: z.string().min(1) })
export type EnqueueTaskResponse = z.infer<typeof enqueueTaskResponseSchema>

/** What an export covers and in which form. Notion also has `pdf` (paid plans); the emulator answers it with a 400. */
export const exportOptionsSchema = z.looseObject({
  exportType: z.string().min(1).max(40),
  timeZone: z.string().max(100).optional(),
  locale: z.string().max(40).optional(),
  collectionViewExportType: z.string().max(40).optional(),
  includeContents: z.string().max(40).optional(),
})
export type ExportOptions = z.infer<typeof exportOptionsSchema>

/** The request of an `exportBlock` / `partitionedExportBlock` task. */
export const exportBlockRequestSchema = z
  .looseObject({
    blockId: z.string().min(1).optional(),
    block: z.looseObject({ id: z.string().min(1), spaceId: z.string().nullish() }).optional(),
    recursive: z.boolean().default(false),
    exportOptions: exportOptionsSchema,
    shouldExportComments: z.boolean().optional(),
  })
  .refine((request) => request.blockId !== undefined || request.block !== undefined, {
    message: 'an export names its block as blockId or block.id',
  })
export type ExportBlockRequest = z.infer<typeof exportBlockRequestSchema>

/** The id an export request names, in either form. */
export function exportedBlockId(request: ExportBlockRequest): string {
  return request.block?.id ?? request.blockId ?? ''
}
