import type { EmulatorContext } from './emulatorContext.js'

/** What to put in a new emulator database. */
export type SeedOption = 'none'

/** Seeds an empty database; a database that already holds records is left as it is. */
export function applySeed(_emulator: EmulatorContext, _seed: SeedOption): void {}
