import { notionDateOf, type NotionDate, type PropertyDateInput } from '@notion-rx/protocol'
import { InputError } from '../../inputError.js'

// The date codec's pure parts are protocol's; this file adds the error a refused input throws.
export { fromNotionDate, propertyDateInstants } from '@notion-rx/protocol'
export type { DateReminder, PropertyDate, PropertyDateInput } from '@notion-rx/protocol'

/** Why a date input was refused; the codec wraps it in a PropertyValueError. */
export class DateInputError extends InputError {
  override readonly name = 'DateInputError' as const
  readonly code = 'invalid_date' as const
}

/**
 * The stored date object (`d` decoration argument, docs/protocol.md#rich-text-format) for an input.
 * @throws DateInputError for unreadable input (bad string, invalid Date, unknown time zone).
 */
export function toNotionDate(input: PropertyDateInput): NotionDate {
  const outcome = notionDateOf(input)
  if ('refusal' in outcome) throw new DateInputError(outcome.refusal)
  return outcome.date
}
