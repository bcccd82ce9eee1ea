import { appendFile } from 'node:fs/promises'
import type { PipeEvent } from '../pipeEvent.js'

/** Where a sink puts events it gave up on: a file path (NDJSON, mode 0600), or a function. */
export type DeadLetter = string | ((events: readonly PipeEvent[], reason: string) => Promise<void>)

/** Appends `{ deadLetteredAt, reason, event }` lines, one per event. */
export async function writeDeadLetter(deadLetter: DeadLetter, events: readonly PipeEvent[], reason: string): Promise<void> {
  if (typeof deadLetter === 'function') return deadLetter(events, reason)
  const at = new Date().toISOString()
  const lines = events.map((event) => `${JSON.stringify({ deadLetteredAt: at, reason, event })}\n`).join('')
  await appendFile(deadLetter, lines, { mode: 0o600 })
}
