import type { KnownPropertyType } from '../records/propertyTypes.js'
import { autoIncrementIdCodec } from './autoIncrementId.js'
import { buttonCodec } from './button.js'
import { checkboxCodec } from './checkbox.js'
import { createdByCodec } from './createdBy.js'
import { createdTimeCodec } from './createdTime.js'
import { dateCodec } from './date.js'
import { emailCodec } from './email.js'
import { fileCodec } from './file.js'
import { formulaCodec } from './formula.js'
import { lastEditedByCodec } from './lastEditedBy.js'
import { lastEditedTimeCodec } from './lastEditedTime.js'
import { locationCodec } from './location.js'
import { multiSelectCodec } from './multiSelect.js'
import { numberCodec } from './number.js'
import { personCodec } from './person.js'
import { phoneNumberCodec } from './phoneNumber.js'
import type { PropertyCodec } from './propertyCodec.js'
import { relationCodec } from './relation.js'
import { rollupCodec } from './rollup.js'
import { selectCodec } from './select.js'
import { statusCodec } from './status.js'
import { textCodec } from './text.js'
import { titleCodec } from './title.js'
import { uniqueIdCodec } from './uniqueId.js'
import { unknownPropertyCodec } from './unknownPropertyCodec.js'
import { urlCodec } from './url.js'
import { verificationCodec } from './verification.js'

/** The codec of every property type notion-rx knows: a new type is one file and one line here. */
export const PROPERTY_CODECS: Readonly<Record<KnownPropertyType, PropertyCodec>> = {
  title: titleCodec,
  text: textCodec,
  number: numberCodec,
  select: selectCodec,
  status: statusCodec,
  multi_select: multiSelectCodec,
  date: dateCodec,
  person: personCodec,
  file: fileCodec,
  checkbox: checkboxCodec,
  url: urlCodec,
  email: emailCodec,
  phone_number: phoneNumberCodec,
  relation: relationCodec,
  formula: formulaCodec,
  rollup: rollupCodec,
  created_time: createdTimeCodec,
  last_edited_time: lastEditedTimeCodec,
  created_by: createdByCodec,
  last_edited_by: lastEditedByCodec,
  auto_increment_id: autoIncrementIdCodec,
  unique_id: uniqueIdCodec,
  button: buttonCodec,
  verification: verificationCodec,
  location: locationCodec,
}

/**
 * The codec of a property type; `unknownPropertyCodec` (stored rich text kept as is, every
 * operator) for a type notion-rx does not know.
 * @example codecFor('checkbox').filterOperators // ['checkbox_is', 'checkbox_is_not']
 */
export function codecFor(type: string | undefined): PropertyCodec {
  return type !== undefined && Object.hasOwn(PROPERTY_CODECS, type) ? PROPERTY_CODECS[type as KnownPropertyType] : unknownPropertyCodec
}
