import type { PropertyCodec } from './propertyCodec.js'
import { titleCodec } from './title.js'

/** `text`: rich text, read and written as the title is; other types' cells convert to their text. */
export const textCodec = {
  ...titleCodec,
  type: 'text',
  convertInto: (input) => {
    const shown = input.shown()
    return shown === undefined ? undefined : { value: shown.values.join(', ') }
  },
} satisfies PropertyCodec
