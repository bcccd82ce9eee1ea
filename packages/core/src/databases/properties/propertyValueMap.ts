// What each property type decodes to and accepts: declared with the codecs, in @notion-rx/protocol.
export type {
  IdInput,
  PropertyFile,
  PropertyInput,
  PropertyInputMap,
  PropertyValue,
  PropertyValueMap,
  RollupItem,
  RollupValue,
  WritablePropertyType,
} from '@notion-rx/protocol'
