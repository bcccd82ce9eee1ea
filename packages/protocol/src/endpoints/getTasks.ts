import { z } from 'zod'

/**
 * getTasks: `{taskIds, spaceId?}` → `{results}`, one result per task the caller may see, in the
 * order asked. Clients poll it until `state` is `success` (or `failure`).
 */
export const getTasksRequestSchema = z.looseObject({
  taskIds: z.array(z.string().min(1).max(100)).max(100),
  spaceId: z.string().optional(),
})
export type GetTasksRequest = z.infer<typeof getTasksRequestSchema>

export const TASK_STATES = ['not_started', 'in_progress', 'success', 'failure'] as const
export type TaskState = (typeof TASK_STATES)[number]

/**
 * One task as getTasks reports it. `status` is `{type: "progress", pagesExported}` while running
 * and `{type: "complete", pagesExported, exportURL}` once an export is done; a duplicate reports
 * `totalBlocks` and `completeBlocks` in both. A failed task carries `error`.
 */
export const taskSchema = z.looseObject({
  id: z.string(),
  eventName: z.string(),
  request: z.unknown(),
  userId: z.string().optional(),
  state: z.enum(TASK_STATES),
  status: z
    .looseObject({
      type: z.string(),
      pagesExported: z.number().optional(),
      exportURL: z.string().optional(),
      /** duplicateBlock: records to copy and records copied so far. */
      totalBlocks: z.number().optional(),
      completeBlocks: z.number().optional(),
    })
    .optional(),
  error: z.string().optional(),
})
export type Task = z.infer<typeof taskSchema>

export const getTasksResponseSchema = z.looseObject({ results: z.array(taskSchema) })
export type GetTasksResponse = z.infer<typeof getTasksResponseSchema>
