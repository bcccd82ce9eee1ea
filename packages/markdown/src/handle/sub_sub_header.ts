import { heading } from './heading.js'

/** `sub_sub_header`: a level-3 heading (`### `). */
export const subSubHeader = heading(3)
