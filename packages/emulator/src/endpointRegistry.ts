import type { Endpoint } from './endpoint.js'
import { getRecordValues } from './endpoints/getRecordValues.js'
import {
  syncRecordValues,
  syncRecordValuesMain,
  syncRecordValuesSpace,
  syncRecordValuesSpaceInitial,
} from './endpoints/syncRecordValues.js'

/** Every `/api/v3` endpoint the emulator answers. Names not listed here get the real 404. */
export const ENDPOINTS: readonly Endpoint[] = [
  getRecordValues,
  syncRecordValues,
  syncRecordValuesMain,
  syncRecordValuesSpace,
  syncRecordValuesSpaceInitial,
] as Endpoint[]
