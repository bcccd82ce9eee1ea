import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { NotionClient } from '@notion-rx/core'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { ChangeJson } from '../src/changeJson.js'
import { exportCommand } from '../src/exportCommand.js'

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

interface Run {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves once stdout (or stderr) holds text matching `pattern`. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>
  exited: Promise<number | null>
}

const children: ChildProcess[] = []
const dirs: string[] = []
const clients: NotionClient[] = []

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notion-rx-cli-'))
  dirs.push(dir)
  return dir
}

/** The real command, through tsx, with its own TMPDIR (to see what it leaves behind) and no token in the environment. */
function runCli(args: string[], options: { tmp?: string } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: options.tmp ?? tempDir() }
  delete env['NOTION_TOKEN_V2']
  delete env['NOTION_API_URL']
  const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  const text = { stdout: '', stderr: '' }
  const waiters: { pattern: RegExp; stream: 'stdout' | 'stderr'; resolve: () => void }[] = []
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text[waiter.stream])) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  }
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => ((text.stdout += chunk), check()))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => ((text.stderr += chunk), check()))
  // Closing stdout early is what some tests do on purpose.
  child.stdout!.on('error', () => {})
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    waitFor: (pattern, stream = 'stdout') =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, stream, resolve })
        check()
        void exited.then((code) => reject(new Error(`exited with ${code} before ${pattern}:\n${text.stdout}\n${text.stderr}`)))
      }),
  }
}

/** Closes the pipe the child writes to, as `| head` does once it has its lines. */
function closeStdout(run: Run): void {
  run.child.stdout!.destroy()
}

const NO_STACK = /\n\s+at |EPIPE|Unhandled/

async function demoEmulator() {
  const emu = await testEmulator({ seed: 'demo' })
  const demo = emu.demo!
  const editor = new NotionClient({ tokenV2: demo.memberToken, baseUrl: emu.apiUrl })
  clients.push(editor)
  return { emu, demo, editor }
}

async function tickTodo(editor: NotionClient, homePageId: string): Promise<string> {
  const home = await editor.getBlock(homePageId)
  const todo = [...home.children].find((block) => block.type === 'to_do')!
  const checked = todo.get(['properties', 'checked', 0, 0]) === 'Yes'
  await todo.set(['properties', 'checked'], [[checked ? 'No' : 'Yes']])
  return todo.id
}

describe('notion-rx (the real command)', () => {
  it('--version prints the package version; --help has examples and the exit codes', async () => {
    const version = runCli(['--version'])
    expect(await version.exited).toBe(0)
    expect(version.stdout().trim()).toBe(VERSION)
    const help = runCli(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.stdout()).toMatch(/Examples:\n {2}\$ notion-rx demo/)
    expect(help.stdout()).toContain('Exit codes: 0 done, 1 failed at run time, 2 bad command line')
    for (const command of ['demo', 'watch', 'export', 'import', 'duplicate']) expect(help.stdout()).toContain(`  ${command} `)
  })

  it.each([
    [['demo', '--duration', 'abc'], /--duration <seconds>' argument 'abc' is invalid/],
    [['demo', '--duration', '-5'], /argument '-5' is invalid/],
    [['demo', '--duration', '0'], /above 0/],
    [['demo', '--port', '70000'], /integer from 0 to 65535/],
    [['demo', 'extra'], /too many arguments/],
    [['watch', 'not-a-page'], /Invalid Notion id or URL "not-a-page"/],
    [['watch', '0123456789abcdef0123456789abcdef', '--api-url', 'ftp://example.com'], /Expected http or https/],
    [['export', '0123456789abcdef0123456789abcdef', '--token', ''], /token_v2 cookie value/],
    [['import', 'no-such-file.md', '0123456789abcdef0123456789abcdef'], /Cannot read no-such-file\.md: ENOENT/],
    [['export'], /missing required argument 'url'/],
    [['export', '0123456789abcdef0123456789abcdef', '--format', 'pdf'], /Allowed choices are markdown, html/],
    [['share', '0123456789abcdef0123456789abcdef', 'not-an-email'], /Expected an email address/],
    [['share', '0123456789abcdef0123456789abcdef', 'grace@example.com', '--role', 'owner'], /Allowed choices are editor, read_and_write, comment_only, reader, none/],
    [['publish', 'not-a-page'], /Invalid Notion id or URL "not-a-page"/],
    [['serve'], /unknown command 'serve'/],
  ])('%j exits 2 with the message and the usage, no stack trace', async (args, message) => {
    const run = runCli(args)
    expect(await run.exited).toBe(2)
    expect(run.stderr()).toMatch(message)
    expect(run.stderr()).toMatch(/Usage: notion-rx/)
    expect(run.stderr()).not.toMatch(NO_STACK)
    expect(run.stdout()).toBe('')
  })

  it('demo | head -4: the reader going away ends the demo quietly, exit 0, and its temp folder is removed', async () => {
    const tmp = tempDir()
    const run = runCli(['demo'], { tmp })
    await run.waitFor(/(.*\n){4}/)
    expect(readdirSync(tmp).some((name) => name.startsWith('notion-rx-demo-'))).toBe(true)
    closeStdout(run)
    expect(await run.exited).toBe(0)
    expect(run.stderr()).not.toMatch(NO_STACK)
    expect(readdirSync(tmp).filter((name) => name.startsWith('notion-rx-demo-'))).toEqual([])
  }, 60_000)

  it.each(['SIGINT', 'SIGTERM'] as const)('demo stops on %s with exit 0 and removes its temp folder', async (signal) => {
    const tmp = tempDir()
    const run = runCli(['demo'], { tmp })
    await run.waitFor(/\[watching \d+ records\]/)
    run.child.kill(signal)
    expect(await run.exited).toBe(0)
    expect(run.stderr()).not.toMatch(NO_STACK)
    expect(readdirSync(tmp).filter((name) => name.startsWith('notion-rx-demo-'))).toEqual([])
  }, 60_000)

  it('demo on a port in use exits 1 with a message and leaves no temp folder', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    try {
      const tmp = tempDir()
      const run = runCli(['demo', '--port', String((blocker.address() as AddressInfo).port)], { tmp })
      expect(await run.exited).toBe(1)
      expect(run.stderr()).toMatch(/^notion-rx: .*EADDRINUSE/)
      expect(run.stderr()).not.toMatch(NO_STACK)
      expect(readdirSync(tmp).filter((name) => name.startsWith('notion-rx-demo-'))).toEqual([])
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  }, 60_000)

  it('watch | head: a change written after the reader went away ends the watch quietly with exit 0', async () => {
    const { emu, demo, editor } = await demoEmulator()
    const run = runCli(['watch', demo.homePageId, '--api-url', emu.apiUrl, '--token', demo.ownerToken])
    await run.waitFor(/\[watching \d+ records/)
    closeStdout(run)
    await tickTodo(editor, demo.homePageId)
    expect(await run.exited).toBe(0)
    expect(run.stderr()).not.toMatch(NO_STACK)
  }, 60_000)

  it('watch --json prints one JSON object per change and line; status goes to stderr', async () => {
    const { emu, demo, editor } = await demoEmulator()
    const run = runCli(['watch', demo.homePageId, '--api-url', emu.apiUrl, '--token', demo.ownerToken, '--json'])
    await run.waitFor(/\[watching \d+ records/, 'stderr')
    const todoId = await tickTodo(editor, demo.homePageId)
    await run.waitFor(/\n/)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    const lines = run.stdout().trimEnd().split('\n')
    const changes = lines.map((line) => JSON.parse(line) as ChangeJson)
    const tick = changes.find((change) => change.id === todoId)!
    expect(tick).toMatchObject({ table: 'block', type: 'to_do', origin: 'remote', editor: { id: demo.memberId, name: 'Grace Hopper' } })
    expect(new Date(tick.time).toISOString()).toBe(tick.time)
    expect(tick.changes).toContainEqual(expect.objectContaining({ kind: 'prop_changed', path: ['properties', 'checked'] }))
    expect(run.stdout()).not.toContain('[connection')
    expect(run.stderr()).toContain('[connection: live]')
  }, 60_000)

  it('a missing token is reported as such, with how to get one', async () => {
    const { emu, demo } = await demoEmulator()
    const watch = runCli(['watch', demo.homePageId, '--api-url', emu.apiUrl])
    expect(await watch.exited).toBe(1)
    expect(watch.stderr()).toMatch(/^notion-rx: block [0-9a-f-]{36} is not readable without a token: no token was given\./)
    expect(watch.stderr()).toContain('Cookies → https://www.notion.so → token_v2')
    const file = join(tempDir(), 'a.md')
    writeFileSync(file, '# A\n')
    const importing = runCli(['import', file, demo.homePageId, '--api-url', emu.apiUrl])
    expect(await importing.exited).toBe(2)
    expect(importing.stderr()).toMatch(/^notion-rx: import needs a token: none was given\. Pass --token or set NOTION_TOKEN_V2/)
  }, 60_000)

  it('import of more than 1 MB of markdown goes in several transactions and reads back whole; export prints no progress when stderr is not a terminal', async () => {
    const { emu, demo } = await demoEmulator()
    const sections = Array.from({ length: 1000 }, (_, i) => `## Part ${i}\n\n${'Some words to make it long. '.repeat(36).trim()}\n\n- point ${i}\n  - detail ${i}\n`)
    const markdown = `# Large\n\n${sections.join('\n')}`
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(1024 * 1024)
    const file = join(tempDir(), 'large.md')
    writeFileSync(file, markdown)
    const run = runCli(['import', file, demo.homePageId, '--api-url', emu.apiUrl, '--token', demo.ownerToken])
    expect(await run.exited).toBe(0)
    const [, pageId, url] = /^imported .*large\.md as page ([0-9a-f-]{36}) under [0-9a-f-]{36}: (\S+)$/m.exec(run.stdout()) ?? []
    // The page's address on the emulator, not on notion.so.
    expect(url).toBe(`${emu.url}/${pageId!.replaceAll('-', '')}`)
    expect(run.stderr()).toBe('')
    let exported = ''
    await exportCommand({ pageUrl: pageId!, tokenV2: demo.ownerToken, apiUrl: emu.apiUrl, write: (text) => (exported += text), log: () => {} })
    expect(exported).toBe(markdown)

    const exportRun = runCli(['export', pageId!, '--api-url', emu.apiUrl, '--token', demo.ownerToken])
    expect(await exportRun.exited).toBe(0)
    expect(exportRun.stdout()).toBe(markdown)
    expect(exportRun.stderr()).toBe('')
  }, 120_000)
})
