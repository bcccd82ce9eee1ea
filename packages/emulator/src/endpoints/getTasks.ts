import { getTasksRequestSchema, type Task } from '@notion-rx/protocol'
import { validationError } from '../http/apiError.js'
import { defineEndpoint } from '../http/endpoint.js'
import { tasksOf } from '../tasks/taskRunner.js'

/** The caller's tasks among `taskIds`, in the order asked; ids of other users' tasks are left out. */
export const getTasks = defineEndpoint({
  name: 'getTasks',
  auth: 'required',
  body: getTasksRequestSchema,
  handle({ emulator, user, profile }, body) {
    // Notion has required the space since 2026 (a 400 without it); older clients send only taskIds.
    if (profile.strict && body.spaceId === undefined) throw validationError('getTasks needs spaceId.')
    const store = tasksOf(emulator).store
    const results = body.taskIds.map((id) => store.get(id, user!.id)).filter((task): task is Task => task !== undefined)
    return { results }
  },
})
