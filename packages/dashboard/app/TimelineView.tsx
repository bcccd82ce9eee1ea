import type { JSX } from 'preact'
import type { ChannelModel } from '../src/viewModel.js'
import { RichText } from './RichText.js'

type ViewModel = Extract<ChannelModel, { kind: 'view' }>

const DAY_WIDTH = 28
const DAY_MS = 86_400_000

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
}

/** A timeline view: one bar per row from its start to its end day, the undated rows listed apart. */
export function TimelineView({ model }: { model: ViewModel }): JSX.Element {
  const { meta, rows } = model
  const bars = meta.bars ?? []
  const titleId = meta.columns[0]?.id ?? 'title'
  const title = (id: string) => {
    const cell = rows[id]?.cells[titleId]
    return cell?.kind === 'text' ? <RichText spans={cell.spans} /> : 'Untitled'
  }
  const start = bars.length > 0 ? Math.min(...bars.map((bar) => dayNumber(bar.start))) - 2 : 0
  const end = bars.length > 0 ? Math.max(...bars.map((bar) => dayNumber(bar.end))) + 3 : 0
  const days = Array.from({ length: Math.max(0, end - start) }, (_, index) => new Date((start + index) * DAY_MS).toISOString().slice(0, 10))
  return (
    <div class="timeline">
      <div class="timeline-scroll">
        <div class="timeline-days" style={{ width: `${days.length * DAY_WIDTH}px` }}>
          {days.map((day) => <div key={day} class={`timeline-day${day.endsWith('-01') ? ' month-start' : ''}`} style={{ width: `${DAY_WIDTH}px` }}>{day.endsWith('-01') ? day.slice(0, 7) : Number(day.slice(8))}</div>)}
        </div>
        {bars.map((bar) => (
          <div key={bar.id} class="timeline-row" style={{ width: `${days.length * DAY_WIDTH}px` }}>
            <div class="timeline-bar" data-row-id={bar.id} style={{ left: `${(dayNumber(bar.start) - start) * DAY_WIDTH}px`, width: `${(dayNumber(bar.end) - dayNumber(bar.start) + 1) * DAY_WIDTH}px` }}>
              {title(bar.id)}
            </div>
          </div>
        ))}
      </div>
      {(meta.undated ?? []).length > 0 ? (
        <div class="timeline-undated">
          <div class="timeline-undated-head">No date</div>
          {(meta.undated ?? []).map((id) => <div key={id} class="timeline-undated-row" data-row-id={id}>{title(id)}</div>)}
        </div>
      ) : null}
    </div>
  )
}
