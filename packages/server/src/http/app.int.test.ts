import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'

describe.each(TEST_DATABASES)('operations endpoints on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t.close())

  it('/healthz and /readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' })
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: kind })
  })

  it('the public region tree needs no sign-in and is bounded in depth', async () => {
    const res = await t.app.inject({ url: '/api/citizen/regions/tree?root=420000&depth=4' })
    expect(res.statusCode, res.body).toBe(200)
    const tree = res.json<{ code: string; children: { code: string; children: unknown[] }[] }>()
    expect(tree.code).toBe('420000')
    expect(tree.children.map((c) => c.code)).toContain('420100')
    expect((await t.app.inject({ url: '/api/citizen/regions/tree?root=99' })).statusCode).toBe(400)
  })

  it('/metrics in Prometheus text format with request durations', async () => {
    await t.app.inject({ url: '/healthz' })
    const res = await t.app.inject({ url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('lianfang_http_request_duration_seconds_bucket')
    expect(res.body).toContain('process_cpu_user_seconds_total')
  })

  it('OpenAPI document lists the routes with their schemas', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/persons', '/api/persons/{id}', '/api/regions/tree', '/api/auth/login']),
    )
  })
})
