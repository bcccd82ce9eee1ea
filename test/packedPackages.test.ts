import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installPacked } from './support/installPacked.js'

const run = promisify(execFile)
const root = fileURLToPath(new URL('..', import.meta.url))
const PACKAGES = ['protocol', 'markdown', 'core', 'emulator', 'pipe', 'dashboard', 'cli'] as const

interface PackResult {
  name: string
  filename: string
  files: { path: string }[]
}

/** The newest modification time under a folder (0 when it does not exist). */
function newest(dir: string): number {
  let latest = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const entry of entries) {
    const path = join(dir, entry)
    const stat = statSync(path)
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs)
  }
  return latest
}

// Entry points besides the package root, each with its types and code in dist/.
const SUBPATH_EXPORTS: Readonly<Record<string, Readonly<Record<string, { types: string; default: string }>>>> = {
  '@notion-rx/core': { './advanced': { types: './dist/advanced.d.ts', default: './dist/advanced.js' } },
  '@notion-rx/emulator': { './testing': { types: './dist/testing/index.d.ts', default: './dist/testing/index.js' } },
}

// What a user writes: every package imported, types from each in use, checked as strictly as a
// strict consumer would (skipLibCheck off: our .d.ts files and what they import are checked too).
const consumer = `
import { parseId, type NormalizedRecordMap } from '@notion-rx/protocol'
import { NotionClient, type Block, type NotionClientOptions } from '@notion-rx/core'
import { RecordStore } from '@notion-rx/core/advanced'
import { toMarkdown } from '@notion-rx/markdown'
import { startEmulator, type Emulator, type EmulatorOptions } from '@notion-rx/emulator'
import { describeChange } from '@notion-rx/cli'
import corePackage from '@notion-rx/core/package.json' with { type: 'json' }

const options: EmulatorOptions = { port: 0, db: ':memory:', seed: 'demo' }
const emu: Emulator = await startEmulator(options)
const clientOptions: NotionClientOptions = { tokenV2: emu.demo!.ownerToken, baseUrl: emu.apiUrl }
const client = new NotionClient(clientOptions)
const block: Block = await client.getBlock(parseId(emu.demo!.homePageId).id)
const map: NormalizedRecordMap | undefined = undefined
console.log(block.id, toMarkdown([['x', [['b']]]]), typeof describeChange, corePackage.name, map, new RecordStore().keys().length)
await client.close()
await emu.close()
`

// A plain node script against the installed packages: the emulator starts, the SDK reads from it.
const script = `
import { parseId } from '@notion-rx/protocol'
import { NotionClient } from '@notion-rx/core'
import { toMarkdown } from '@notion-rx/markdown'
import { startEmulator } from '@notion-rx/emulator'
import { describeChange } from '@notion-rx/cli'

const emu = await startEmulator({ port: 0, db: ':memory:', seed: 'demo' })
const client = new NotionClient({ tokenV2: emu.demo.ownerToken, baseUrl: emu.apiUrl })
const page = await client.getBlock(parseId(emu.demo.homePageId).id)
console.log(JSON.stringify({ type: page.type, title: page.title, markdown: toMarkdown([['x', [['b']]]]), describeChange: typeof describeChange }))
await client.close()
await emu.close()
`

describe('the packages as npm would publish them', { timeout: 600_000 }, () => {
  let dir: string
  let packed: PackResult[]
  const project = () => join(dir, 'project')

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'notion-rx-pack-'))
    // Publishing builds first (each package's prepack); here dist/ is rebuilt only when stale.
    if (PACKAGES.some((name) => newest(join(root, 'packages', name, 'src')) > newest(join(root, 'packages', name, 'dist')))) {
      await run('npm', ['run', 'build'], { cwd: root })
    }
    const tarballs = join(dir, 'tarballs')
    mkdirSync(tarballs)
    const workspaces = PACKAGES.flatMap((name) => ['-w', `packages/${name}`])
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs, ...workspaces], { cwd: root })
    packed = JSON.parse(stdout) as PackResult[]
    mkdirSync(project())
    writeFileSync(join(project(), 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    installPacked(root, packed.map((result) => join(tarballs, result.filename)), project(), ['@types/node'])
  }, 600_000)

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  it('ships dist, LICENSE, README and package.json; no TypeScript sources, tests or source conditions', () => {
    expect(packed.map((result) => result.name).sort()).toEqual(PACKAGES.map((name) => `@notion-rx/${name}`).sort())
    const license = readFileSync(join(root, 'LICENSE'), 'utf8')
    for (const result of packed) {
      const paths = result.files.map((file) => file.path)
      expect(paths, result.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']))
      expect(paths.filter((path) => !/^(dist\/|bin\/[\w-]+\.js$|assets\/|LICENSE$|README\.md$|package\.json$)/.test(path)), result.name).toEqual([])
      expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts')), result.name).toEqual([])
      const installed = join(project(), 'node_modules', result.name)
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toBe(license)
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
      expect(manifest.engines).toEqual({ node: '>=20.19' })
      expect(manifest.exports).toEqual({ '.': { types: './dist/index.d.ts', default: './dist/index.js' }, ...SUBPATH_EXPORTS[result.name], './package.json': './package.json' })
    }
  })

  it('type-checks a strict consumer with skipLibCheck off (module nodenext)', async () => {
    writeFileSync(join(project(), 'consumer.ts'), consumer)
    writeFileSync(
      join(project(), 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          resolveJsonModule: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['consumer.ts'],
      }),
    )
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project() }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    )
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  })

  it('runs under plain node: the emulator starts and the SDK reads the demo page from it', async () => {
    writeFileSync(join(project(), 'script.mjs'), script)
    const { stdout, stderr } = await run(process.execPath, ['script.mjs'], { cwd: project(), timeout: 120_000 })
    expect(stderr).toBe('')
    expect(JSON.parse(stdout.trim())).toEqual({ type: 'page', title: expect.stringMatching(/\S/), markdown: '**x**', describeChange: 'function' })
  })

  it('installs working commands: notion-rx and notion-rx-emulator answer --help', async () => {
    const cli = await run(process.execPath, [join(project(), 'node_modules/@notion-rx/cli/bin/notion-rx.js'), '--help'], { cwd: project() })
    expect(cli.stdout).toMatch(/Usage: notion-rx/)
    const emulator = await run(process.execPath, [join(project(), 'node_modules/@notion-rx/emulator/bin/notion-rx-emulator.js'), '--help'], { cwd: project() })
    expect(emulator.stdout).toMatch(/Usage: notion-rx-emulator/)
  })
})

describe('the workspace order', () => {
  it('lists every package after the workspace packages it depends on, so `npm run build` builds them in order', () => {
    const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces
    const names = workspaces.map((path) => (JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as { name: string }).name)
    workspaces.forEach((path, index) => {
      const manifest = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
      for (const dependency of Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@notion-rx/'))) {
        expect(names.indexOf(dependency), `${names[index]} needs ${dependency} built first`).toBeGreaterThanOrEqual(0)
        expect(names.indexOf(dependency), `${names[index]} needs ${dependency} built first`).toBeLessThan(index)
      }
    })
    expect(names.sort()).toEqual(PACKAGES.map((name) => `@notion-rx/${name}`).sort())
  })
})
