import { findDemoWorkspace, seedDemoWorkspace, type DemoWorkspace } from './demoWorkspace.js'
import type { EmulatorContext } from '../emulatorContext.js'

/** What to put in a new emulator database: nothing, or the demo workspace (see `seedDemoWorkspace`). */
export type SeedOption = 'none' | 'demo'

export const SEED_OPTIONS: readonly SeedOption[] = ['none', 'demo']

export function isSeedOption(value: unknown): value is SeedOption {
  return typeof value === 'string' && (SEED_OPTIONS as readonly string[]).includes(value)
}

function isEmpty(emulator: EmulatorContext): boolean {
  return emulator.db.prepare('SELECT 1 FROM records LIMIT 1').get() === undefined
}

/**
 * Seeds an empty database; a database that already holds records is left as it is, so a demo
 * (and whatever was written to it) survives restarts. Returns the demo workspace when the database
 * holds one (seeded now or before), whatever `seed` is.
 */
export function applySeed(emulator: EmulatorContext, seed: SeedOption): DemoWorkspace | undefined {
  // Callers from plain JS (and the CLI) can pass anything; a typo must not silently mean 'none'.
  if (!isSeedOption(seed)) throw new TypeError(`seed must be one of ${SEED_OPTIONS.join(', ')}, got ${JSON.stringify(seed)}`)
  if (seed === 'demo' && isEmpty(emulator)) return seedDemoWorkspace(emulator)
  return findDemoWorkspace(emulator)
}
