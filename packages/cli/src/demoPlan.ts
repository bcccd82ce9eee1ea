import type { Emulator } from '@notion-rx/emulator'
import type { TeammatePlan } from './teammate.js'

/** What the simulated teammate edits in the demo workspace, read from the emulator's own records. */
export function demoPlan(emulator: Emulator): TeammatePlan {
  const demo = emulator.demo
  if (!demo) throw new Error('The emulator has no demo workspace: start it with seed "demo" on an empty database.')
  const { records } = emulator.context
  const rowIds = records
    .childrenOf(demo.tasksCollectionId)
    .filter((row) => row.value['alive'] !== false)
    .map((row) => row.id)
    .sort()
  const schema = (records.get('collection', demo.tasksCollectionId)?.value['schema'] ?? {}) as Record<
    string,
    { name?: string; options?: { value: string }[] }
  >
  const [statusPropertyId, status] = Object.entries(schema).find(([, property]) => property.name === 'Status') ?? []
  if (!statusPropertyId || !status) throw new Error('The demo Tasks database has no Status property.')
  const todoIds: string[] = []
  const pending = [demo.homePageId]
  while (pending.length > 0) {
    const block = records.get('block', pending.pop()!)
    if (!block) continue
    if (block.value['type'] === 'to_do') todoIds.push(block.id)
    // The handbook's own to-dos, not those of its sub-pages: those are what the watcher shows.
    const content = block.id === demo.homePageId || block.value['type'] !== 'page' ? block.value['content'] : undefined
    if (Array.isArray(content)) pending.push(...content.filter((id): id is string => typeof id === 'string'))
  }
  return {
    rowIds,
    statusPropertyId,
    statuses: (status.options ?? []).map((option) => option.value),
    todoIds,
    notesPageId: demo.meetingNotesPageId,
  }
}
