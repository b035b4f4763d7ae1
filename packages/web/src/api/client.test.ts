import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthRoutes, PersonRoutes } from '@lianfang/contracts'
import { call } from './call'
import { ApiError, toQueryString } from './client'

afterEach(() => {
  vi.unstubAllGlobals()
})

function answer(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }))
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('toQueryString', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(toQueryString({ q: '张 三', page: 2, regionCode: undefined, name: '' })).toBe(
      '?q=%E5%BC%A0+%E4%B8%89&page=2',
    )
    expect(toQueryString({})).toBe('')
  })
})

describe('api client', () => {
  it('sends same-origin credentials and returns the body', async () => {
    const fetch = answer(200, { items: [], total: 0, page: 1, pageSize: 20 })
    await expect(call(PersonRoutes.search, { query: { q: '138', page: 1 } })).resolves.toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    })
    expect(fetch).toHaveBeenCalledWith(
      '/api/persons?q=138&page=1',
      expect.objectContaining({ credentials: 'same-origin' }),
    )
  })

  it('turns the error shape into an ApiError with status, code and message', async () => {
    answer(403, { error: { code: 'OUT_OF_SCOPE', message: 'outside your region', details: { id: '7' } } })
    const error: unknown = await call(PersonRoutes.get, { params: { id: '7' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 403,
      code: 'OUT_OF_SCOPE',
      message: 'outside your region',
      details: { id: '7' },
    })
  })

  it('copes with an error that is not JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
    )
    await expect(call(AuthRoutes.me)).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: 'Bad Gateway',
    })
  })

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    )
    await expect(call(AuthRoutes.me)).rejects.toMatchObject({ status: 0, code: 'NETWORK' })
  })
})
