/** Codes of `DashboardError`. */
export const DASHBOARD_ERROR_CODES = ['unknown_view', 'not_a_page', 'assets_missing', 'invalid_option'] as const
export type DashboardErrorCode = (typeof DASHBOARD_ERROR_CODES)[number]

/** `startDashboard` could not start: what was wrong and what to do. */
export class DashboardError extends Error {
  override readonly name = 'DashboardError'
  readonly code: DashboardErrorCode

  constructor(code: DashboardErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
