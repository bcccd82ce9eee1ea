import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js'
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ChartGroup, ChartModel } from '../src/viewModel.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

/** Notion's option colours, as bar colours. */
const COLORS: Record<string, string> = {
  default: '#9b9a97', gray: '#9b9a97', brown: '#a27763', orange: '#e9a23b', yellow: '#dfab01', green: '#4dab9a',
  blue: '#529cca', purple: '#9a6dd7', pink: '#e255a1', red: '#e03e3e',
}

const AGGREGATIONS = [
  ['sum', 'Sum'],
  ['avg', 'Average'],
  ['min', 'Min'],
  ['max', 'Max'],
] as const

/** One group's figure for a measure: `count`, or `<sum|avg|min|max>:<number property id>`. */
function figure(group: ChartGroup, measure: string): number | null {
  if (measure === 'count') return group.count
  const [aggregation, property] = measure.split(':') as [string, string]
  const stats = group.stats[property]
  if (!stats || stats.count === 0) return aggregation === 'sum' ? 0 : null
  switch (aggregation) {
    case 'sum': return stats.sum
    case 'avg': return Math.round((stats.sum / stats.count) * 100) / 100
    case 'min': return stats.min
    case 'max': return stats.max
    default: return null
  }
}

/**
 * A bar chart of a grouped aggregation, updated in place as the view's rows change: rows per
 * group, or the sum, average, least or greatest of a number property per group. The grouping and
 * the measure are picked in the panel (the server sends them all: they are small).
 */
export function ChartPanel({ chart }: { chart: ChartModel }): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const instance = useRef<Chart<'bar'> | undefined>(undefined)
  const [groupingId, setGroupingId] = useState(chart.grouping)
  const [measure, setMeasure] = useState('count')
  const grouping = chart.groupings.find((each) => each.property === groupingId) ?? chart.groupings[0]
  const measureValid = measure === 'count' || chart.numbers.some((number) => measure.endsWith(`:${number.id}`))
  const shownMeasure = measureValid ? measure : 'count'
  const groups = grouping?.groups ?? []
  const values = groups.map((group) => figure(group, shownMeasure))
  const measureName = shownMeasure === 'count'
    ? 'Rows'
    : `${AGGREGATIONS.find(([key]) => shownMeasure.startsWith(`${key}:`))?.[1] ?? ''} of ${chart.numbers.find((number) => shownMeasure.endsWith(`:${number.id}`))?.name ?? ''}`
  useEffect(() => {
    if (!canvas.current) return
    instance.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'rows', data: [] }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    })
    return () => instance.current?.destroy()
  }, [])
  useEffect(() => {
    const current = instance.current
    if (!current) return
    current.data.labels = groups.map((group) => group.label)
    const dataset = current.data.datasets[0]!
    dataset.label = measureName
    dataset.data = values
    dataset.backgroundColor = groups.map((group) => COLORS[group.color] ?? COLORS['default']!)
    current.update('none')
  }, [chart, groupingId, shownMeasure])
  return (
    <div class="chart-panel">
      <div class="chart-controls">
        <select class="chart-measure" aria-label="Measure" value={shownMeasure} onChange={(event) => setMeasure(event.currentTarget.value)}>
          <option value="count">Count of rows</option>
          {chart.numbers.flatMap((number) => AGGREGATIONS.map(([key, name]) => <option key={`${key}:${number.id}`} value={`${key}:${number.id}`}>{name} of {number.name}</option>))}
        </select>
        <select class="chart-grouping" aria-label="Group by" value={grouping?.property} onChange={(event) => setGroupingId(event.currentTarget.value)}>
          {chart.groupings.map((each) => <option key={each.property} value={each.property}>per {each.name}</option>)}
        </select>
      </div>
      <div class="chart-title">{measureName} per {grouping?.name}</div>
      <div class="chart-values" hidden>{groups.map((group, index) => <span key={group.label} data-label={group.label}>{values[index] ?? ''}</span>)}</div>
      <div class="chart-canvas"><canvas ref={canvas} /></div>
    </div>
  )
}
