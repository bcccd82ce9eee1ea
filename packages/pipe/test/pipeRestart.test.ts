import { readFileSync, existsSync, writeFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecordCache } from '@notion-rx/core/advanced'
import { parsePipeEvent, type PipeEvent } from '../src/index.js'
import { runCli, tempDir } from './support/cliProcess.js'
import { checkChains, pipeWorkspace, serverRecord, waitFor } from './support/pipeWorkspace.js'

/** The events of an NDJSON file; only a last line cut short by a kill may be incomplete. */
function readEvents(path: string): PipeEvent[] {
  if (!existsSync(path)) return []
  const lines = readFileSync(path, 'utf8').split('\n')
  const last = lines.pop()
  if (last !== '' && last !== undefined) lines.push(last)
  return lines.flatMap((line, i) => {
    try {
      return [parsePipeEvent(JSON.parse(line))]
    } catch (error) {
      if (i === lines.length - 1) return []
      throw error
    }
  })
}

describe('pipe restarts', () => {
  // --checkpoint: a file of its own; --cache: the client's record cache, whose key/value area holds the checkpoints.
  it.each(['--checkpoint', '--cache'])('resumes after SIGKILL mid-stream (%s): every version written while it ran or was down arrives', async (option) => {
    const ws = await pipeWorkspace(4)
    const dir = tempDir()
    const out = join(dir, 'events.ndjson')
    const checkpoint = join(dir, 'checkpoint.db')
    const args = ['pipe', ws.db.pageId, '--to', out, option, checkpoint, '--json', '--api-url', ws.emu.apiUrl, '--token', ws.ada.tokenV2]
    const first = runCli(args)
    await waitFor(() => first.stderr().includes('pipe started'), 'the pipe to start')
    expect(statSync(checkpoint).mode & 0o777).toBe(0o600)

    const teammate = ws.client(ws.bob, false)
    const blocks = await Promise.all(ws.textIds.map((id) => teammate.getBlock(id)))
    const rows = await Promise.all(ws.db.rowIds.map((id) => teammate.getRecord('block', id)))
    let n = 0
    const writeRound = async () => {
      for (const block of blocks) await block.set(['properties', 'title'], [[`edit ${n++}`]])
      for (const row of rows) await row.set(['properties', 'num'], [[String(n++)]])
      await teammate.flush()
    }
    await writeRound()
    await waitFor(() => readEvents(out).length >= 3, 'events in the file')
    // Killed while writes go on.
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await writeRound()
    })()
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    await writing
    // Down: more writes, a new block, a deleted one.
    await writeRound()
    const page = await teammate.getBlock(ws.db.pageId)
    const added = page.children.addNew('text', { title: 'added while down' })
    await teammate.flush()
    await blocks[2]!.remove()

    const second = runCli(args)
    const touched = [...ws.textIds, ...ws.db.rowIds, added.id].map((id) => `block:${id}`)
    await waitFor(() => {
      const last = new Map<string, number>()
      for (const event of readEvents(out)) last.set(`${event.data.table}:${event.data.id}`, event.data.version)
      return touched.every((key) => last.get(key) === serverRecord(ws.emu, 'block', key.slice(6))?.version)
    }, 'the restarted pipe to deliver the final version of every record')
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    const chains = checkChains(readEvents(out))
    for (const key of touched) {
      const chain = chains.get(key)!
      // From the version when the pipe first started (1: text blocks and rows were written once) to the server's, unbroken.
      if (key !== `block:${added.id}`) expect(chain[0]!.data.previousVersion, key).toBe(1)
      else expect(chain[0]!.type).toBe('notion.block.created')
      expect(chain.at(-1)!.data.version).toBe(serverRecord(ws.emu, 'block', key.slice(6))!.version)
    }
    const deletedChain = chains.get(`block:${ws.textIds[2]}`)!
    expect(deletedChain.at(-1)!.type).toBe('notion.block.deleted')
    // The restart's first events span what happened while it was down, and say so.
    expect(readEvents(out).some((event) => event.data.catchUp)).toBe(true)
    if (option === '--cache') {
      // The checkpoints sit in the cache's key/value area, in Ada's partition only, with the last delivered values.
      const file = RecordCache.open(checkpoint)
      try {
        const delivered = file.kv<{ version: number; value?: Record<string, unknown> }>(ws.ada.id, 'pipe:default')
        const textId = ws.textIds[0]!
        expect(delivered.get(`done:block:${textId}`)?.version).toBe(serverRecord(ws.emu, 'block', textId)?.version)
        expect(delivered.get(`done:block:${textId}`)?.value?.['id']).toBe(textId)
        expect(delivered.entries('sending:')).toEqual([])
        expect(file.kv(ws.bob.id, 'pipe:default').keys()).toEqual([])
        // The client cached the records it followed, in the same file.
        expect(file.get(ws.ada.id, 'block', textId)?.version).toBeGreaterThan(1)
      } finally {
        file.close()
      }
    }
  }, 240_000)

  it('refuses a corrupted checkpoint with a clear error instead of starting from zero', async () => {
    const ws = await pipeWorkspace(1)
    const dir = tempDir()
    const checkpoint = join(dir, 'checkpoint.db')
    writeFileSync(checkpoint, 'this is not a SQLite database, it was overwritten by something else'.repeat(100))
    const run = runCli(['pipe', ws.db.pageId, '--to', join(dir, 'out.ndjson'), '--checkpoint', checkpoint, '--api-url', ws.emu.apiUrl, '--token', ws.ada.tokenV2])
    const { code } = await run.exited
    expect(code).toBe(1)
    expect(run.stderr()).toMatch(/checkpoint file .*checkpoint\.db cannot be read \(file is not a database\)/)
    expect(run.stderr()).toContain('never restarts from zero')
    expect(existsSync(join(dir, 'out.ndjson'))).toBe(false)
    expect(run.stderr().split('\n').filter(Boolean)).toHaveLength(1)
  }, 60_000)
})
