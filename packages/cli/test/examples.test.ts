import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// The programs in examples/ run as a user runs them (`npx tsx examples/<name>.ts`), against the
// emulator they start themselves, and must end by themselves with the output they promise.

const root = fileURLToPath(new URL('../../../', import.meta.url))
const tsx = createRequire(import.meta.url).resolve('tsx')
const examples = readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.ts') && name !== 'connect.ts').sort()

async function run(name: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env }
  delete env['NOTION_TOKEN_V2']
  return promisify(execFile)(process.execPath, ['--conditions=source', '--import', tsx, join('examples', name)], { cwd: root, env, timeout: 60_000 })
}

const numbers = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => Number(match[1]))

const checks: Record<string, (output: { stdout: string; stderr: string }) => void> = {
  'watch-page.ts': ({ stdout }) => {
    expect(stdout).toMatch(/^title: Acme Handbook$/m)
    expect(stdout).toMatch(/^title: Acme Handbook \(edited\)$/m)
    const blocks = numbers(stdout, /^blocks: (\d+)$/gm)
    expect(blocks.at(-1)).toBe(blocks[0]! + 1)
    expect(stdout).toMatch(/^remote change: .*properties\.title/m)
    expect(stdout).toMatch(/^done: [1-9]\d* remote changes/m)
  },
  'live-query.ts': ({ stdout }) => {
    const counts = numbers(stdout, /^(\d+) in progress: /gm)
    expect(counts).toHaveLength(2)
    expect(counts[1]).toBe(counts[0]! - 1)
    expect(stdout).toMatch(/^done: 2 results$/m)
  },
  'export-markdown.ts': ({ stdout }) => {
    expect(stdout.startsWith('# Acme Handbook\n')).toBe(true)
    expect(stdout).toMatch(/^\| Plan Q2 roadmap +\| In progress +\|/m)
  },
  'change-feed.ts': ({ stdout, stderr }) => {
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { table: string; origin: string; fields: { kind: string }[] })
    expect(lines.length).toBeGreaterThanOrEqual(2)
    expect(lines.every((line) => line.origin === 'remote' && line.table === 'block')).toBe(true)
    const kinds = lines.flatMap((line) => line.fields.map((field) => field.kind))
    expect(kinds).toContain('content_added')
    expect(kinds).toContain('content_removed')
    expect(stderr).toContain(`${lines.length} changes`)
  },
}

describe('examples/', () => {
  it('every example has its output checked here', () => {
    expect(examples).toEqual(Object.keys(checks).sort())
  })

  it.each(examples)('%s runs against the embedded emulator and ends by itself', async (name) => {
    const output = await run(name)
    checks[name]!(output)
  }, 90_000)
})
