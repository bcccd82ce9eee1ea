import { getTasksRequestSchema, type Task } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { tasksOf } from '../tasks/taskRunner.js'

/** The caller's tasks among `taskIds`, in the order asked; ids of other users' tasks are left out. */
export const getTasks = defineEndpoint({
  name: 'getTasks',
  auth: 'required',
  body: getTasksRequestSchema,
  handle({ emulator, user }, body) {
    const store = tasksOf(emulator).store
    const results = body.taskIds.map((id) => store.get(id, user!.id)).filter((task): task is Task => task !== undefined)
    return { results }
  },
})
