import { idMentionForm } from './idMentionForm.js'

/** `p`: `:page{#<block id>}`. */
export const pageMention = idMentionForm('p', 'page', 81)
