import type { BlockHandler } from '../exportState.js'

/** `table_row`: written by its table; one met elsewhere has nothing to say on its own. */
export const tableRow: BlockHandler = () => []
