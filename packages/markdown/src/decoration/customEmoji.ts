import { idMentionForm } from './idMentionForm.js'

/** `ce`: `:emoji{#<custom_emoji id>}`. */
export const customEmoji = idMentionForm('ce', 'emoji', 86)
