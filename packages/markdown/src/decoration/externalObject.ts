import { idMentionForm } from './idMentionForm.js'

/** `eoi` (GitHub issue and the like): `:external-object{#<external_object_instance block id>}`. */
export const externalObject = idMentionForm('eoi', 'external-object', 84)
