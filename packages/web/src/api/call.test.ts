import { afterEach, describe, expect, it, vi } from 'vitest'
import { FollowupRoutes, JobRoutes, RiskAreaRoutes } from '@lianfang/contracts'
import { call, queryKeyOf, urlOf } from './call'
import { ApiError } from './client'

afterEach(() => {
  vi.unstubAllGlobals()
})

function answer(status: number, body: unknown) {
  const fetch = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(
    async () => new Response(JSON.stringify(body), { status }),
  )
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('call (route contracts)', () => {
  it('takes method and path from the contract, fills params encoded and adds the query', async () => {
    const fetch = answer(200, { id: 'j1', topic: 'sms', state: 'queued' })
    await expect(
      call(JobRoutes.retry, { params: { id: 'a/b' }, body: { reason: '已修复' } }),
    ).resolves.toEqual({
      id: 'j1',
      topic: 'sms',
      state: 'queued',
    })
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/api/jobs/a%2Fb/retry')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe(JSON.stringify({ reason: '已修复' }))
    expect(urlOf(FollowupRoutes.list, { query: { page: 2, status: 'due' } })).toBe(
      '/api/followups?page=2&status=due',
    )
  })

  it('keeps the error handling of request (ApiError with the server code)', async () => {
    answer(403, { error: { code: 'FORBIDDEN', message: 'no' } })
    const failed = call(RiskAreaRoutes.list)
    await expect(failed).rejects.toBeInstanceOf(ApiError)
    await expect(failed).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })

  it('derives query keys under the collection, so invalidating it refreshes the domain', () => {
    expect(queryKeyOf(FollowupRoutes.get, { params: { id: 'x' } })).toEqual([
      'followups',
      'GET /api/followups/:id',
      { params: { id: 'x' } },
    ])
    expect(queryKeyOf(RiskAreaRoutes.list)).toEqual(['risk-areas', 'GET /api/risk-areas'])
  })
})
