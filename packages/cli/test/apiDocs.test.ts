import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// docs/api is generated from the doc comments by `npm run docs:api` (TypeDoc) and committed, so
// the reference is browsable in the repository. This regenerates it and fails when it is stale.

const root = fileURLToPath(new URL('../../../', import.meta.url))
const typedoc = join(createRequire(import.meta.url).resolve('typedoc/package.json'), '..', 'bin', 'typedoc')

function files(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort()
}

describe('API reference (docs/api)', () => {
  it('is what `npm run docs:api` generates from the current doc comments', async () => {
    const out = mkdtempSync(join(tmpdir(), 'notion-rx-api-'))
    try {
      await promisify(execFile)(process.execPath, [typedoc, '--out', out, '--logLevel', 'Error'], { cwd: root, timeout: 240_000 })
      const committed = join(root, 'docs/api')
      const generated = files(out)
      const stale = [...new Set([...generated, ...files(committed)])].filter((file) => {
        try {
          return readFileSync(join(out, file), 'utf8') !== readFileSync(join(committed, file), 'utf8')
        } catch {
          return true
        }
      })
      expect(stale, `docs/api is out of date (run \`npm run docs:api\` and commit the result); differing files:\n${stale.join('\n')}`).toEqual([])
      // Every package is an entry point, and the client's methods are documented.
      const index = readFileSync(join(committed, 'README.md'), 'utf8')
      for (const name of ['protocol', 'core', 'markdown', 'emulator', 'cli']) expect(index).toContain(`@notion-rx/${name}`)
      const client = readFileSync(join(committed, '@notion-rx/core/classes/NotionClient.md'), 'utf8')
      for (const method of ['getPage', 'getBlock', 'getCollectionView', 'search', 'flush', 'errors$']) expect(client).toContain(method)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 300_000)
})
