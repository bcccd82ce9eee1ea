import { heading } from './heading.js'

/** `header_4`: a level-4 heading (`#### `). */
export const header4 = heading(4)
