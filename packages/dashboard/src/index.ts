export { startDashboard } from './startDashboard.js'
export type { Dashboard, DashboardOptions } from './startDashboard.js'
export { DASHBOARD_ERROR_CODES, DashboardError } from './dashboardError.js'
export type { DashboardErrorCode } from './dashboardError.js'
export { DashboardActionError, dashboardActionSchema } from './dashboardActions.js'
export { AccessGuard } from './accessGuard.js'
export type { Refusal } from './accessGuard.js'
export type {
  ActionReply,
  Aggregate,
  BlockModel,
  BoardGroup,
  CalendarDay,
  Cell,
  CellValue,
  ChannelModel,
  ChartGroup,
  ChartGrouping,
  ChartModel,
  Choice,
  Column,
  ConnectionStatus,
  DashboardAction,
  DateValue,
  NumberStats,
  PageModel,
  Patch,
  Row,
  SelectOption,
  ServerEvent,
  Span,
  TimelineBar,
  ViewMeta,
  ViewSummary,
} from './viewModel.js'
