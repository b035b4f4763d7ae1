import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { DeadJob, DeadJobPage } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import zhCN from '../../i18n/jobs.zh-CN.json'
import DeadJobsPage from './DeadJobsPage'

const job = (id: string, topic: string, lastError: string): DeadJob => ({
  id,
  topic,
  payload: { personId: '42' },
  attempts: 5,
  maxAttempts: 5,
  lastError,
  createdAt: '2026-12-07T08:00:00.000Z',
  diedAt: '2026-12-07T09:00:00.000Z',
})

/** A fake server holding dead jobs; a retry takes the job off the list. */
function serve(api: FakeApi, jobs: DeadJob[]) {
  let dead = [...jobs]
  api.on('GET', '/api/jobs/dead', ({ query }): DeadJobPage => {
    const topic = query.get('topic')
    const items = dead.filter((j) => topic === null || j.topic === topic)
    return { items, total: items.length, page: 1, pageSize: 20 }
  })
  api.on('POST', '/api/jobs/:id/retry', ({ params }) => {
    const found = dead.find((j) => j.id === params['id'])
    if (!found) return errorReply(409, 'CONFLICT', `job ${params['id'] ?? ''} is not dead`)
    dead = dead.filter((j) => j !== found)
    return { id: found.id, topic: found.topic, state: 'queued' }
  })
}

// Generous: the first render of antd's table is slow on a busy machine.
const WAIT = { timeout: 5000 }
const find = (testId: string) => screen.findByTestId(testId, {}, WAIT)

describe('DeadJobsPage', () => {
  it('lists dead jobs with their topic, attempts and last error', async () => {
    const api = installFakeApi()
    serve(api, [job('7', 'sms.send', 'gateway timed out'), job('8', 'colour.recompute', 'no rule set')])
    renderPage(api, <DeadJobsPage />, { url: '/jobs/dead', path: '/jobs/dead' })
    expect((await find('dead-job-error-7')).textContent).toContain('gateway timed out')
    expect(screen.getByText('sms.send')).toBeTruthy()
    expect(screen.getAllByText('5 / 5')).toHaveLength(2)
    expect(api.unhandled).toEqual([])
  })

  it('asks for a reason before a retry, sends it, and refreshes the list', async () => {
    const api = installFakeApi()
    serve(api, [job('7', 'sms.send', 'gateway timed out')])
    renderPage(api, <DeadJobsPage />, { url: '/jobs/dead', path: '/jobs/dead' })
    fireEvent.click(await find('dead-job-retry-7'))
    fireEvent.click(screen.getByTestId('dead-job-retry-confirm'))
    expect(await screen.findByText(zhCN.jobs.reasonRequired, {}, WAIT)).toBeTruthy()
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([])

    fireEvent.change(screen.getByTestId('dead-job-retry-reason'), { target: { value: '短信网关已恢复' } })
    fireEvent.click(screen.getByTestId('dead-job-retry-confirm'))
    await waitFor(() => {
      expect(screen.queryByTestId('dead-job-error-7')).toBeNull()
    }, WAIT)
    const posts = api.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => [r.path, r.body])).toEqual([['/api/jobs/7/retry', { reason: '短信网关已恢复' }]])
    expect(await screen.findByText(zhCN.jobs.none, {}, WAIT)).toBeTruthy()
  })

  it('filters by topic through the URL', async () => {
    const api = installFakeApi()
    serve(api, [job('7', 'sms.send', 'gateway timed out'), job('8', 'colour.recompute', 'no rule set')])
    renderPage(api, <DeadJobsPage />, { url: '/jobs/dead?q=sms.send', path: '/jobs/dead' })
    expect(await find('dead-job-error-7')).toBeTruthy()
    expect(screen.queryByTestId('dead-job-error-8')).toBeNull()
    const gets = api.requests.filter((r) => r.path === '/api/jobs/dead')
    expect(gets.every((r) => r.query.get('topic') === 'sms.send')).toBe(true)
  })
})
