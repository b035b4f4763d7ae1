import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js'
import type { SessionUser } from './session-user.js'
import { SessionService } from './sessions.js'

type Lookup = (token: string) => Promise<SessionUser | undefined>

/**
 * The session cache (`SessionService`, 100 ms here instead of 5 s): an expired entry is refreshed
 * by one look-up while every request goes on being answered, a logout elsewhere takes effect after
 * the cache time and one look-up, and a logout here is never undone by a look-up in flight.
 */
describe.each(TEST_DATABASES)('session cache on %s', (kind) => {
  let t: TestApp
  let userId: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    const r = await t.makeRegions()
    const user = await t.services.auth.createUser(null, {
      username: `gate_${randomBytes(3).toString('hex')}`,
      displayName: 'Gate',
      password: TEST_PASSWORD,
      role: 'checkpoint',
      regionCode: r.communities[0],
    })
    userId = user.id
  })
  afterAll(async () => t.close())

  async function open() {
    const sessions = new SessionService(t.services.database, randomBytes(32), 12, 100)
    const lookup = vi.spyOn(sessions as unknown as { lookup: Lookup }, 'lookup')
    const { token } = await sessions.create(userId, { ip: '127.0.0.1', userAgent: undefined })
    const user = await sessions.resolve(token)
    if (!user) throw new Error('new session does not resolve')
    return { sessions, lookup, token, user }
  }

  it('an expired entry is refreshed by one look-up, and no request waits for it', async () => {
    const { sessions, lookup, token, user } = await open()
    expect(lookup).toHaveBeenCalledTimes(1)
    await sleep(150)
    const answers = await Promise.all(Array.from({ length: 50 }, () => sessions.resolve(token)))
    expect(answers.every((a) => a?.id === user.id)).toBe(true)
    expect(lookup).toHaveBeenCalledTimes(2)
  })

  it('a logout through another process takes effect after the cache time and one look-up', async () => {
    const { sessions, token, user } = await open()
    await t.services.database.db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('id', '=', user.sessionId)
      .execute()
    expect((await sessions.resolve(token))?.id).toBe(user.id) // within the cache time
    await sleep(150)
    await sessions.resolve(token) // answered from memory; starts the look-up
    await vi.waitFor(async () => {
      expect(await sessions.resolve(token)).toBeUndefined()
    })
  })

  it('a logout here is not undone by a look-up that read the session before it', async () => {
    const { sessions, lookup, token, user } = await open()
    const original = (SessionService.prototype as unknown as { lookup: Lookup }).lookup
    let read!: () => void
    const hasRead = new Promise<void>((r) => (read = r))
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    lookup.mockImplementationOnce(async (tk) => {
      const u = await original.call(sessions, tk)
      read()
      await held
      return u
    })
    // Not in memory (as on the first request of a session): the look-up reads the session while it
    // is still valid, and is held until the logout is done.
    sessions['cache'].clear()
    const first = sessions.resolve(token)
    await hasRead
    await sessions.revoke(user.sessionId)
    release()
    await first
    expect(await sessions.resolve(token)).toBeUndefined()
  })
})
