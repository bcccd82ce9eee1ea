import { heading } from './heading.js'

/** `header`: a level-1 heading (`# `). */
export const header = heading(1)
