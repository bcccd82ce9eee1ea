import { heading } from './heading.js'

/** `sub_header`: a level-2 heading (`## `). */
export const subHeader = heading(2)
