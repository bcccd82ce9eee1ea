import { enqueueTaskRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { tasksOf } from '../tasks/taskRunner.js'

/** Starts a background task (exports; docs/protocol.md#tasks) and answers its id at once. */
export const enqueueTask = defineEndpoint({
  name: 'enqueueTask',
  auth: 'required',
  body: enqueueTaskRequestSchema,
  handle({ emulator, user }, body) {
    return { taskId: tasksOf(emulator).enqueue(body.task.eventName, body.task.request, user!.id) }
  },
})
