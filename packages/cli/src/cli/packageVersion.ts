import { readFileSync } from 'node:fs'

/** This package's version, from its package.json (the same path from src/ and dist/). */
export function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
  return typeof json.version === 'string' ? json.version : 'unknown'
}
