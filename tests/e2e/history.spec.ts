import { test, expect } from '../support/e2eFixtures.ts'
import { HistoryPage } from './pages/HistoryPage.ts'
import { SessionPage } from './pages/SessionPage.ts'
import { createFinished } from './seed/sessions.ts'

/** `YYYY-MM-DD` of today and yesterday in the page's own time zone, as a date input takes them. */
async function localDays(history: HistoryPage): Promise<{ today: string; yesterday: string }> {
  return history.page.evaluate(() => {
    const key = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    const now = new Date()
    return { today: key(now), yesterday: key(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)) }
  })
}

test('search, statuses, dates and a pattern narrow History together, and rows retry and delete', async ({ app }) => {
  const history = new HistoryPage(app.page)
  // Fillers give the filler-words pattern; every transcript gives repeated sentence starters.
  const river = await createFinished(app, {
    topic: 'Weekend by the river',
    text: 'Last weekend I, um, visit my grandmother in the village. We, um, walk to the river and, um, we eat lunch there.'
  })
  const budget = await createFinished(app, {
    topic: 'Office update',
    text: 'Our team finished the budget report today. The manager was happy with the numbers we showed her.'
  })
  const failed = await createFinished(app, { topic: 'Interview practice', transcription: { status: 401 }, status: 'FAILED' })

  await history.open()
  await expect(history.total).toHaveText('3 sessions')
  expect(await history.shownIds()).toEqual([failed, budget, river])

  // Words from a transcript find its session.
  await history.search.fill('grandmother')
  await expect(history.total).toHaveText('1 session')
  expect(await history.shownIds()).toEqual([river])
  await history.search.fill('')
  await expect(history.total).toHaveText('3 sessions')

  // Several statuses at once.
  await history.status('FAILED').check()
  await expect(history.total).toHaveText('1 session')
  expect(await history.shownIds()).toEqual([failed])
  await history.status('DONE').check()
  await expect(history.total).toHaveText('3 sessions')
  await history.status('FAILED').uncheck()
  await expect(history.total).toHaveText('2 sessions')
  expect(await history.shownIds()).toEqual([budget, river])

  // A pattern from the profile, combined with the status.
  await history.filterPattern('Filler words')
  await expect(history.total).toHaveText('1 session')
  expect(await history.shownIds()).toEqual([river])

  // Combined with a search that matches the other session: nothing.
  await history.search.fill('budget')
  await expect(history.empty).toContainText('No sessions match')
  await history.search.fill('')
  await history.pattern.selectOption('')
  await expect(history.total).toHaveText('2 sessions')

  // Dates: everything was recorded today.
  const { today, yesterday } = await localDays(history)
  await history.to.fill(yesterday)
  await expect(history.empty).toContainText('No sessions match')
  await history.to.fill(today)
  await history.from.fill(today)
  await expect(history.total).toHaveText('2 sessions')

  await history.clear.click()
  await expect(history.total).toHaveText('3 sessions')
  await expect(history.status('DONE')).not.toBeChecked()
  await expect(history.from).toHaveValue('')

  // Retry a failed session from its row: the simulator answers this time.
  await expect(history.row(failed)).toHaveAttribute('data-status', 'FAILED')
  await history.retryRow(failed)
  await expect(history.row(failed)).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })

  // Delete from a row, after confirming.
  await history.row(budget).getByTestId('row-delete').click()
  await history.confirmDialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(history.row(budget)).toBeVisible()
  await history.deleteRowConfirmed(budget)
  await expect(history.total).toHaveText('2 sessions')
  await expect(history.row(budget)).toHaveCount(0)
  await expect.poll(async () => (await app.invoke<{ total: number }>('sessions:list', {})).total).toBe(2)

  // The keyboard still opens a session from the list.
  await history.openWithKeyboard(1)
  await expect(new SessionPage(app.page).screen).toHaveAttribute('data-session-id', river)
})

test('a new filter puts the list back at the top', async ({ app }) => {
  const history = new HistoryPage(app.page)
  for (let i = 0; i < 14; i++) await createFinished(app, { topic: `Practice ${i + 1}`, text: `Session number ${i + 1} was about, um, my day at work.` })
  await history.open()
  await expect(history.total).toHaveText('14 sessions')
  await history.list.evaluate((el) => {
    el.scrollTop = el.scrollHeight
  })
  await expect.poll(() => history.list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  await history.status('DONE').check()
  await expect.poll(() => history.list.evaluate((el) => el.scrollTop)).toBe(0)
  await expect(history.rows.first()).toContainText('Practice 14')
})
