import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { post, readRecord, testEmulator } from '@notion-rx/emulator/testing'
import { exportCommand } from '../src/exportCommand.js'
import { importCommand } from '../src/importCommand.js'
import { publishCommand } from '../src/publishCommand.js'
import { shareCommand } from '../src/shareCommand.js'

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const HTML_FIXTURES = new URL('../../markdown/test/fixtures/html/', import.meta.url)

/** The real command through tsx; resolves with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env['NOTION_TOKEN_V2']
  delete env['NOTION_API_URL']
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const out = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, ...out })))
}

async function workspace() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada' })
  const bob = emu.createUser({ email: 'bob@example.com', name: 'Bob' })
  const pageId = (emu.context.records.get('space', ada.spaceId)?.value['pages'] as string[])[0]!
  return { emu, ada, bob, pageId }
}

describe('notion-rx share / publish', () => {
  it('share gives a person a role by email, and --role none takes it away', async () => {
    const { emu, ada, bob, pageId } = await workspace()
    const printed: string[] = []
    const common = { pageUrl: pageId, tokenV2: ada.tokenV2, apiUrl: emu.apiUrl, print: (line: string) => printed.push(line) }
    await shareCommand({ ...common, who: 'bob@example.com', role: 'reader' })
    expect(printed.at(-1)).toBe(`shared ${emu.url}/${pageId.replaceAll('-', '')} with bob@example.com (user ${bob.id}) as reader`)
    expect((await readRecord(emu, bob.tokenV2, 'block', pageId))?.role).toBe('reader')
    await shareCommand({ ...common, who: 'bob@example.com', role: 'none' })
    expect(printed.at(-1)).toMatch(/^removed bob@example\.com's access to /)
    expect((await readRecord(emu, bob.tokenV2, 'block', pageId))?.role).toBe('none')
    await expect(shareCommand({ ...common, who: 'nobody@example.com', role: 'reader', invite: false })).rejects.toThrow(/No Notion account has the email nobody@example\.com/)
  })

  it('publish turns the public link on with its options, --unpublish off', async () => {
    const { emu, ada, pageId } = await workspace()
    const printed: string[] = []
    const common = { pageUrl: pageId, tokenV2: ada.tokenV2, apiUrl: emu.apiUrl, print: (line: string) => printed.push(line) }
    await publishCommand({ ...common, allowDuplicate: true })
    expect(printed.at(-1)).toBe(`published ${emu.url}/${pageId.replaceAll('-', '')}: anyone with the link can read it (duplicating allowed)`)
    expect(emu.context.records.get('block', pageId)?.value['permissions']).toContainEqual(
      expect.objectContaining({ type: 'public_permission', role: 'reader', allow_duplicate: true, allow_search_engine_indexing: false }),
    )
    expect((await post(emu, 'getPublicPageData', { blockId: pageId })).body).toMatchObject({ hasPublicAccess: true })
    await publishCommand({ ...common, unpublish: true })
    expect((await post(emu, 'getPublicPageData', { blockId: pageId })).body).toEqual({ publicAccessRole: 'none' })
  })

  it('the real commands: exit 0 with the outcome, 1 when the caller lacks full access, 2 without a token', { timeout: 60_000 }, async () => {
    const { emu, ada, bob, pageId } = await workspace()
    const shared = await runCli(['share', pageId, 'bob@example.com', '--role', 'comment_only', '--token', ada.tokenV2, '--api-url', emu.apiUrl])
    expect(shared).toMatchObject({ code: 0, stderr: '' })
    expect(shared.stdout).toContain('as comment_only')
    const refused = await runCli(['publish', pageId, '--token', bob.tokenV2, '--api-url', emu.apiUrl])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^notion-rx: Publishing block [0-9a-f-]{36} needs full access \(the editor role\); you have comment_only\./)
    const anonymous = await runCli(['publish', pageId, '--unpublish', '--allow-duplicate', '--api-url', emu.apiUrl])
    expect(anonymous.code).toBe(2)
    expect(anonymous.stderr).toMatch(/publish needs a token/)
  })
})

describe('notion-rx import / export of HTML', () => {
  it('imports page.html by its extension and exports it again with --format html', async () => {
    const { emu, ada, pageId } = await workspace()
    const dir = mkdtempSync(join(tmpdir(), 'notion-rx-html-'))
    const file = join(dir, 'page.html')
    writeFileSync(file, readFileSync(new URL('notion-export.html', HTML_FIXTURES)))
    const common = { tokenV2: ada.tokenV2, apiUrl: emu.apiUrl }
    const progress: string[] = []
    const id = await importCommand({ ...common, file, parentUrl: pageId, print: () => {}, onProgress: (text) => progress.push(text) })
    expect(progress[0]).toMatch(/^reading \d+ KB of HTML…$/)
    let markdown = ''
    await exportCommand({ ...common, pageUrl: id, write: (text) => (markdown += text), log: () => {} })
    expect(markdown).toMatch(/^# Launch plan\n/)
    expect(markdown).toContain('- [x] Write the announcement')
    let html = ''
    await exportCommand({ ...common, pageUrl: id, format: 'html', write: (text) => (html += text), log: () => {} })
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('<title>Launch plan</title>')
    // What was written reads back as the same page.
    writeFileSync(join(dir, 'again.htm'), html)
    const again = await importCommand({ ...common, file: join(dir, 'again.htm'), parentUrl: pageId, print: () => {} })
    let markdownAgain = ''
    await exportCommand({ ...common, pageUrl: again, write: (text) => (markdownAgain += text), log: () => {} })
    expect(markdownAgain).toBe(markdown)
  })

  it('export --out page.html writes HTML (the real command)', { timeout: 60_000 }, async () => {
    const { emu, ada, pageId } = await workspace()
    const out = join(mkdtempSync(join(tmpdir(), 'notion-rx-html-')), 'page.html')
    const run = await runCli(['export', pageId, '--out', out, '--token', ada.tokenV2, '--api-url', emu.apiUrl])
    expect(run.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<title>Getting Started<\/title>[\s\S]*Welcome to your workspace\./)
  })
})
