import type { JSX } from 'preact'
import type { ChannelModel } from '../src/viewModel.js'
import { Card } from './Card.js'

type ViewModel = Extract<ChannelModel, { kind: 'view' }>

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

export function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number]
  const date = new Date(Date.UTC(year, index - 1 + by, 1))
  return date.toISOString().slice(0, 7)
}

/** A calendar view: the month's weeks, each day with the rows whose date covers it. */
export function CalendarView({ model, onMonth }: { model: ViewModel; onMonth: (month: string) => void }): JSX.Element {
  const { meta, rows } = model
  const month = meta.month ?? new Date().toISOString().slice(0, 7)
  const [year, index] = month.split('-').map(Number) as [number, number]
  const first = new Date(Date.UTC(year, index - 1, 1))
  const daysInMonth = new Date(Date.UTC(year, index, 0)).getUTCDate()
  const byDay = new Map((meta.days ?? []).map((day) => [day.day, day.ids]))
  const cells: (string | undefined)[] = Array.from({ length: first.getUTCDay() }, () => undefined)
  for (let day = 1; day <= daysInMonth; day++) cells.push(`${month}-${String(day).padStart(2, '0')}`)
  while (cells.length % 7 !== 0) cells.push(undefined)
  const title = first.toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })
  return (
    <div class="calendar">
      <div class="calendar-bar">
        <button type="button" onClick={() => onMonth(shiftMonth(month, -1))} aria-label="Previous month">‹</button>
        <span class="calendar-month" data-month={month}>{title}</span>
        <button type="button" onClick={() => onMonth(shiftMonth(month, 1))} aria-label="Next month">›</button>
      </div>
      <div class="calendar-grid">
        {WEEKDAYS.map((day) => <div key={day} class="calendar-weekday">{day}</div>)}
        {cells.map((day, position) => (
          <div key={day ?? `blank-${position}`} class={`calendar-day${day ? '' : ' blank'}`} data-day={day}>
            {day ? <div class="calendar-date">{Number(day.slice(8))}</div> : null}
            {(day ? byDay.get(day) ?? [] : []).map((id) => <Card key={id} row={rows[id]} columns={meta.columns} compact />)}
          </div>
        ))}
      </div>
    </div>
  )
}
