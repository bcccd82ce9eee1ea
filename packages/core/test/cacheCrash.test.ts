import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '@notion-rx/emulator'
import { NotionClient } from '../src/client.js'
import { RecordCache } from '../src/cache/recordCache.js'
import { buildBigPage } from './support/bigPage.js'

const dir = mkdtempSync(join(tmpdir(), 'notion-rx-crash-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the cache file after kill -9', () => {
  it('opens after a writer was killed mid-burst, and agrees with the server after one sync', async () => {
    const emu = await startEmulator({ port: 0, db: ':memory:' })
    try {
      const user = emu.createUser({ email: 'crash@example.com' })
      const page = buildBigPage(emu, user, { topLevel: 60, databaseAt: 7 })
      const cache = join(dir, 'crash.sqlite')
      const root = resolve(import.meta.dirname, '../../..')
      const script = resolve(import.meta.dirname, 'cacheBurstScript.ts')
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
        cwd: root,
        env: { ...process.env, API_URL: emu.apiUrl, TOKEN: user.tokenV2, PAGE_ID: page.pageId, CACHE: cache },
      })
      let stderr = ''
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
      const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
      // Killed in the middle of the bursts (after the 6th committed one), whatever it was doing.
      await new Promise<void>((done, fail) => {
        let out = ''
        child.stdout.on('data', (data: Buffer) => {
          out += data.toString()
          if (/burst 6\b/.test(out)) done()
        })
        child.on('exit', () => fail(new Error(`the writer exited before the kill: ${stderr}`)))
      })
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')

      // The file opens (WAL recovery), holds the page, and after one sync says what the server says.
      const file = RecordCache.open(cache)
      // The killed writer left its row: this open checked the whole file (and forgot the dead writer).
      expect(file.checkedAtOpen).toBe(true)
      expect(file.get(user.id, 'block', page.pageId)?.value).toBeDefined()
      file.close()
      const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache })
      try {
        await client.getBlock(page.pageId)
        await client.whenSynced()
        await client.flush()
        await client.whenSynced()
        for (const id of [page.pageId, ...page.blockIds]) {
          const server = emu.context.records.get('block', id)
          const local = client.store.get('block', id)
          expect(local?.version, id).toBe(server?.version)
          expect(local?.value?.['properties'], id).toEqual(server?.value['properties'])
        }
      } finally {
        await client.close()
      }
      // Every writer closed cleanly since: the next open reads the header only.
      const reopened = RecordCache.open(cache)
      expect(reopened.checkedAtOpen).toBe(false)
      reopened.close()
    } finally {
      await emu.close()
    }
  }, 120_000)
})
