import { useId } from 'react'
import type { PracticeDay, Streak } from './practice.ts'
import { formatNumber, plural } from '../ui/format.ts'

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' })
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' })

/** The current streak and the minutes practised on each of the last 14 days. */
export function PracticeCard({ streak, days }: { streak: Streak; days: PracticeDay[] }) {
  const titleId = useId()
  const peak = Math.max(...days.map((d) => d.minutes), 1)
  const total = days.reduce((sum, d) => sum + d.minutes, 0)
  return (
    <div className="practice">
      <section className="card streak-card" aria-labelledby="streak-title" data-testid="practice-streak" data-streak={streak.days} data-today={streak.practisedToday}>
        <h3 id="streak-title">Current streak</h3>
        <p className="streak-value">
          <span className="streak-number">{streak.days}</span> {streak.days === 1 ? 'day' : 'days'}
        </p>
        <p className="muted streak-note">
          {streak.practisedToday
            ? 'You practised today.'
            : streak.days > 0
              ? 'Practise today to keep it going.'
              : 'Record a session today to start a streak.'}
        </p>
      </section>
      <figure className="card practice-card" data-testid="practice-minutes" data-total={total}>
        <figcaption className="trend-title" id={titleId}>
          Practice, last 14 days <span className="trend-latest">{formatNumber(total, total < 10 && total % 1 !== 0 ? 1 : 0)} min</span>
        </figcaption>
        <ol className="practice-bars" aria-hidden="true">
          {days.map((d, i) => (
            <li key={d.day} className={i === days.length - 1 ? 'practice-day practice-today' : 'practice-day'} title={`${d.minutes} min`}>
              <span className="practice-bar-track">
                <span className={d.minutes > 0 ? 'practice-bar' : 'practice-bar practice-bar-empty'} style={{ height: `${(d.minutes / peak) * 100}%` }} />
              </span>
              <span className="practice-label">{weekday.format(dateOf(d.day))}</span>
            </li>
          ))}
        </ol>
        <details className="trend-data">
          <summary>Show data</summary>
          <table aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Minutes</th>
                <th scope="col">Sessions</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <td>{longDay.format(dateOf(d.day))}</td>
                  <td>{formatNumber(d.minutes, 1)}</td>
                  <td>{plural(d.sessions, 'session')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </div>
  )
}

function dateOf(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y!, m! - 1, d!)
}
