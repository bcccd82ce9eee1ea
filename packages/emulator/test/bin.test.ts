import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url))
// Absolute, so the child can load tsx from any working folder.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
// The command runs in a temp folder: tsx finds the repository's tsconfig (its `paths` map the
// workspace packages to their sources) through this variable.
const TSCONFIG = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url))

interface Run {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with stdout once the banner's last line is printed. */
  ready: Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notion-rx-bin-'))
  dirs.push(dir)
  return dir
}

function runBin(args: string[], cwd: string): Run {
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], {
    cwd,
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8')
  child.stderr!.setEncoding('utf8')
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      out += chunk
      if (out.includes('Press Ctrl-C to stop.')) resolve(out)
    })
    void exited.then(({ code }) => reject(new Error(`exited with ${code} before the banner:\n${out}\n${err}`)))
  })
  // Runs that are expected to fail never await `ready`.
  ready.catch(() => {})
  child.stderr!.on('data', (chunk: string) => (err += chunk))
  return { child, stdout: () => out, stderr: () => err, ready, exited }
}

function field(banner: string, pattern: RegExp): string {
  const match = pattern.exec(banner)
  if (!match?.[1]) throw new Error(`no ${pattern} in:\n${banner}`)
  return match[1]
}

async function syncBlock(apiUrl: string, token: string | undefined, id: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${apiUrl}/syncRecordValues`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { cookie: `token_v2=${token}` } : {}) },
    body: JSON.stringify({ requests: [{ pointer: { table: 'block', id }, version: -1 }] }),
  })
  return { status: response.status, body: await response.json() }
}

function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

async function stop(run: Run): Promise<void> {
  run.child.kill('SIGTERM')
  const { code, signal } = await run.exited
  expect({ code, signal }).toEqual({ code: 0, signal: null })
  expect(run.stdout()).toContain('Stopped.')
  expect(run.stderr()).toBe('')
}

describe('notion-rx-emulator bin', () => {
  it('serves the demo workspace from the default database under the cwd, prints URLs and tokens, stops cleanly on SIGTERM', async () => {
    const cwd = tempDir()
    const run = runBin(['--port', '0'], cwd)
    const banner = await run.ready
    const apiUrl = field(banner, /API\s+(http:\/\/127\.0\.0\.1:\d+\/api\/v3)\n/)
    const homeUrl = field(banner, /Home page\s+(\S+)/)
    const token = field(banner, /ada@example\.com\s+user id\s+\S+\s+token_v2\s+(\S+)/)
    const graceToken = field(banner, /grace@example\.com\s+user id\s+\S+\s+token_v2\s+(\S+)/)
    expect(homeUrl).toMatch(new RegExp(`^${apiUrl.replace('/api/v3', '')}/[0-9a-f]{32}$`))
    expect(banner).toContain("new NotionClient({ baseUrl: '")
    expect(existsSync(join(cwd, '.emulator-data', 'notion.sqlite'))).toBe(true)

    const homeId = dashed(homeUrl.slice(-32))
    const asAda = await syncBlock(apiUrl, token, homeId)
    expect(asAda.status).toBe(200)
    expect(asAda.body.recordMap.block[homeId].value).toMatchObject({
      role: 'editor',
      value: { type: 'page', properties: { title: [['Acme Handbook']] } },
    })
    const asGrace = await syncBlock(apiUrl, graceToken, homeId)
    expect(asGrace.body.recordMap.block[homeId].value.role).toBe('editor')
    expect((await syncBlock(apiUrl, 'v02:made-up', homeId)).status).toBe(401)
    await stop(run)
    await expect(fetch(apiUrl, { method: 'POST' })).rejects.toThrow()
  })

  it('reuses a database file: the same tokens and ids after a restart', async () => {
    const db = join(tempDir(), 'data', 'demo.sqlite')
    const first = runBin(['--port', '0', '--db', db], tempDir())
    const banner1 = await first.ready
    await stop(first)
    const second = runBin(['--port', '0', '--db', db, '--seed', 'demo'], tempDir())
    const banner2 = await second.ready
    const strip = (banner: string) => banner.replace(/127\.0\.0\.1:\d+/g, 'HOST')
    expect(strip(banner2)).toBe(strip(banner1))
    const apiUrl = field(banner2, /API\s+(\S+)/)
    const token = field(banner2, /token_v2\s+(\S+)/)
    const homeId = dashed(field(banner2, /Home page\s+\S+\/([0-9a-f]{32})/))
    expect((await syncBlock(apiUrl, token, homeId)).body.recordMap.block[homeId].value.role).toBe('editor')
    await stop(second)
  })

  it('--seed none starts an empty emulator; --envelope flat and --latency shape its answers', async () => {
    const run = runBin(['--port', '0', '--db', ':memory:', '--seed', 'none', '--envelope', 'flat', '--latency', '300'], tempDir())
    const banner = await run.ready
    expect(banner).toContain('No demo workspace')
    expect(banner).not.toContain('token_v2')
    const apiUrl = field(banner, /API\s+(\S+)/)
    const started = performance.now()
    const anonymous = await syncBlock(apiUrl, undefined, '00000000-0000-4000-8000-000000000000')
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect(anonymous.status).toBe(200)
    // Flat envelope: `{role}` directly under the id, no `__version__`.
    expect(anonymous.body.recordMap.block['00000000-0000-4000-8000-000000000000']).toEqual({ role: 'none' })
    await stop(run)
  })

  it("--uploads picks getUploadFileUrl's answer: the 2026 POST slot by default, the older PUT one with put", async () => {
    const upload = async (apiUrl: string, token: string, bucket: string) => {
      const response = await fetch(`${apiUrl}/getUploadFileUrl`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `token_v2=${token}` },
        body: JSON.stringify({ bucket, name: 'a.png', contentType: 'image/png' }),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    for (const [args, expected] of [
      [[], { status: 200, type: 'POST', secure: 400 }],
      [['--uploads', 'put'], { status: 200, type: undefined, secure: 200 }],
    ] as const) {
      const run = runBin(['--port', '0', '--db', ':memory:', ...args], tempDir())
      const banner = await run.ready
      const apiUrl = field(banner, /API\s+(\S+)/)
      const token = field(banner, /token_v2\s+(\S+)/)
      const publicSlot = await upload(apiUrl, token, 'public')
      expect(publicSlot.status).toBe(expected.status)
      expect(publicSlot.body['type']).toBe(expected.type)
      expect(typeof publicSlot.body[expected.type === 'POST' ? 'signedUploadPostUrl' : 'signedPutUrl']).toBe('string')
      expect((await upload(apiUrl, token, 'secure')).status).toBe(expected.secure)
      await stop(run)
    }
  })

  it.each([
    [['--port', 'abc'], /--port <n>.*'abc' is invalid/],
    [['--port', '70000'], /integer from 0 to 65535/],
    [['--seed', 'sample'], /Allowed choices are none, demo/],
    [['--envelope', 'round'], /Allowed choices are nested, flat/],
    [['--uploads', 'patch'], /Allowed choices are post, put/],
    [['--latency', '-5'], /--latency/],
    [['--latency', '200-100'], /ends before it starts/],
    [['--no-such-option'], /unknown option '--no-such-option'/],
    [['serve'], /too many arguments/],
  ])('bad options %j exit 2 with a message and no stack trace', async (args, message) => {
    const cwd = tempDir()
    const run = runBin(args, cwd)
    const { code } = await run.exited
    expect(code).toBe(2)
    expect(run.stderr()).toMatch(message)
    expect(run.stderr()).toContain('--help')
    expect(run.stderr()).not.toMatch(/\n\s+at /)
    expect(run.stdout()).toBe('')
    // Nothing was created: bad options are caught before the database is opened.
    expect(existsSync(join(cwd, '.emulator-data'))).toBe(false)
  })

  it('--import loads recorded record maps and makes the demo users members of their spaces', async () => {
    const dir = tempDir()
    const spaceId = 'bc202e06-6caa-4e3f-81eb-f226ab5deef7'
    const pageId = '44f1a38e-efe9-4336-907c-7576ef4dd19b'
    const recordMap = {
      __version__: 3,
      space: { [spaceId]: { spaceId, value: { role: 'editor', value: { id: spaceId, version: 346, name: 'Main', pages: [pageId], permissions: [] } } } },
      block: {
        [pageId]: {
          spaceId,
          value: {
            role: 'editor',
            value: { id: pageId, version: 33, type: 'page', alive: true, parent_id: spaceId, parent_table: 'space', space_id: spaceId, properties: { title: [['Recorded page']] } },
          },
        },
      },
    }
    const file = join(dir, 'recorded.json')
    writeFileSync(file, JSON.stringify({ recordMap }))
    const run = runBin(['--port', '0', '--db', ':memory:', '--import', file], dir)
    const banner = await run.ready
    expect(banner).toContain(`Imported 2 records from ${file}`)
    const apiUrl = field(banner, /API\s+(\S+)/)
    const token = field(banner, /token_v2\s+(\S+)/)
    const page = await syncBlock(apiUrl, token, pageId)
    expect(page.body.recordMap.block[pageId].value).toMatchObject({ role: 'editor', value: { version: 33, properties: { title: [['Recorded page']] } } })
    await stop(run)
  })

  it.each([
    ['missing.json', /cannot read --import file .*missing\.json: ENOENT/],
    ['broken.json', /--import file .*broken\.json is not JSON/],
  ])('a bad --import file (%s) exits 2 before anything is created', async (name, message) => {
    const cwd = tempDir()
    writeFileSync(join(cwd, 'broken.json'), '{"recordMap": {')
    const run = runBin(['--port', '0', '--import', join(cwd, name)], cwd)
    const { code } = await run.exited
    expect(code).toBe(2)
    expect(run.stderr()).toMatch(message)
    expect(run.stderr()).not.toMatch(/\n\s+at /)
    expect(existsSync(join(cwd, '.emulator-data'))).toBe(false)
  })

  it('--version prints the package version and --help has examples and the exit codes, both exit 0', async () => {
    const version = runBin(['--version'], tempDir())
    expect((await version.exited).code).toBe(0)
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/)
    const help = runBin(['--help'], tempDir())
    expect((await help.exited).code).toBe(0)
    expect(help.stdout()).toMatch(/Examples:\n {2}\$ notion-rx-emulator/)
    expect(help.stdout()).toContain('Exit codes: 0 stopped cleanly, 1 failed at run time (port in use, database), 2 bad command line.')
  })

  it('a port in use exits 1 with a message, not a stack trace', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = blocker.address() as AddressInfo
      const run = runBin(['--port', String(port), '--db', ':memory:'], tempDir())
      const { code } = await run.exited
      expect(code).toBe(1)
      expect(run.stderr()).toContain(`port ${port} on 127.0.0.1 is in use`)
      expect(run.stderr()).not.toMatch(/\n\s+at /)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})
