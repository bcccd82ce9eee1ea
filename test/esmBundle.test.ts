import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NotionClient } from '@notion-rx/core'
import { startEmulator } from '@notion-rx/emulator'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

// A program as a user deploys it: @notion-rx/core with live updates, bundled into one ESM file.
const program = `
import { NotionClient } from '@notion-rx/core'

const client = new NotionClient({ tokenV2: process.env.TOKEN, baseUrl: process.env.API_URL, monitor: true })
client.connection$.subscribe((state) => console.log(JSON.stringify({ state })))
const page = await client.getBlock(process.env.PAGE_ID)
page.title$.subscribe((title) => console.log(JSON.stringify({ title, notifications: client.monitor.stats.notifications })))
process.on('SIGTERM', () => client.close().then(() => process.exit(0)))
`

describe('an ESM bundle (esbuild --platform=node --format=esm --bundle)', () => {
  it('loads, connects to the message store and receives a live update', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notion-rx-bundle-'))
    const emu = await startEmulator({ port: 0, db: ':memory:', seed: 'demo' })
    const writer = new NotionClient({ tokenV2: emu.demo!.ownerToken, baseUrl: emu.apiUrl })
    const child = { kill: () => {} } as { kill: () => void }
    try {
      const outfile = join(dir, 'watch.mjs')
      await build({
        stdin: { contents: program, resolveDir: root, sourcefile: 'watch.mjs', loader: 'js' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        tsconfig: join(root, 'tsconfig.json'),
        logLevel: 'silent',
      })
      // The whole SDK is in the file: nothing is left for node_modules to resolve at run time.
      expect(readFileSync(outfile, 'utf8')).not.toMatch(/from ["']@notion-rx\//)

      const watcher = spawn(process.execPath, [outfile], {
        cwd: dir,
        env: { ...process.env, TOKEN: emu.demo!.memberToken, API_URL: emu.apiUrl, PAGE_ID: emu.demo!.homePageId },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.kill = () => watcher.kill('SIGKILL')
      const lines: Record<string, unknown>[] = []
      let stderr = ''
      let exited: number | null | undefined
      watcher.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      let pending = ''
      watcher.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        pending += chunk
        const parts = pending.split('\n')
        pending = parts.pop()!
        for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>)
      })
      watcher.on('exit', (code) => (exited = code))
      const until = async (check: () => boolean, what: string) => {
        const deadline = Date.now() + 60_000
        while (!check()) {
          if (exited !== undefined) throw new Error(`the bundle exited (${exited}) before ${what}:\n${stderr}`)
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output: ${JSON.stringify(lines)}\n${stderr}`)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }

      await until(() => lines.some((line) => line['state'] === 'live') && lines.some((line) => 'title' in line), 'the page and a live connection')
      const page = await writer.getBlock(emu.demo!.homePageId)
      const title = `Edited at ${Date.now()}`
      ;(page as unknown as { title: string }).title = title
      await writer.flush()
      await until(() => lines.some((line) => line['title'] === title), 'the live update')

      const update = lines.find((line) => line['title'] === title)!
      // Pushed by the message store (a notification), not found by the version-polling fallback.
      expect(update['notifications']).toBeGreaterThanOrEqual(1)
      expect(lines.filter((line) => 'state' in line).map((line) => line['state'])).toEqual(['connecting', 'live'])
      expect(stderr).toBe('')
    } finally {
      child.kill()
      await writer.close()
      await emu.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
