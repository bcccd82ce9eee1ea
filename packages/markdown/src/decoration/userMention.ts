import { idMentionForm } from './idMentionForm.js'

/** `u`: `:user{#<user id>}`. */
export const userMention = idMentionForm('u', 'user', 80)
