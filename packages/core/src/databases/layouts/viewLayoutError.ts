import { InputError } from '../../inputError.js'

/**
 * Why a view could not be laid out as a calendar or timeline; thrown before anything is sent.
 * - `wrong_view_type`: `calendar()` on a view that is not a calendar, `timeline()` on one that is
 *   not a timeline.
 * - `no_date_property`: the view names no date property and the schema has none to fall back on.
 */
export const VIEW_LAYOUT_CODES = {
  wrong_view_type: true,
  no_date_property: true,
} as const satisfies Record<string, true>

export type ViewLayoutCode = keyof typeof VIEW_LAYOUT_CODES

export interface ViewLayoutErrorDetails {
  readonly viewId: string
  /** The view's `type` (`board`, `table`, ...); undefined when the view record is not loaded. */
  readonly viewType: string | undefined
  /** The layout asked for. */
  readonly expected: 'calendar' | 'timeline'
}

/**
 * A calendar or timeline asked of a view that cannot give one.
 * @example
 * try { await boardView.calendar({ from: '2024-01-01', to: '2024-01-31' }) } catch (error) {
 *   if (ViewLayoutError.isViewLayoutError(error)) console.log(error.code, error.viewType) // 'wrong_view_type' 'board'
 * }
 */
export class ViewLayoutError extends InputError {
  override readonly name = 'ViewLayoutError' as const
  readonly code: ViewLayoutCode
  readonly viewId: string
  readonly viewType: string | undefined
  readonly expected: 'calendar' | 'timeline'

  constructor(code: ViewLayoutCode, message: string, details: ViewLayoutErrorDetails) {
    super(message)
    this.code = code
    this.viewId = details.viewId
    this.viewType = details.viewType
    this.expected = details.expected
  }

  /** `instanceof`, or the same name and a known code (an error from a second copy of the package). */
  static isViewLayoutError(error: unknown): error is ViewLayoutError {
    return error instanceof ViewLayoutError || InputError.sameKind(error, 'ViewLayoutError', VIEW_LAYOUT_CODES)
  }
}
