import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp } from '../../testing/test-app.js'
import { CodeVerifier } from './code-verifier.js'

/**
 * How the server's verifier reloads its trust and status lists (every 100 ms here): in the
 * background while verifications go on with the lists it has, waiting only when it has none or
 * they are far too old, and from scratch after `invalidate` (a key or status change).
 */
describe.each(TEST_DATABASES)('code verifier lists on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t.close())

  /** A verifier whose next status-list load is held until `release()`. */
  async function verifierWithHeldLoad() {
    const keys = t.services.keys
    const original = keys.statusList.bind(keys)
    const loads = vi.spyOn(keys, 'statusList')
    const verifier = new CodeVerifier(keys, 100)
    await verifier.verify('LF1:not-a-code')
    expect(loads).toHaveBeenCalledTimes(1)
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    loads.mockImplementationOnce(async () => {
      await held
      return original()
    })
    const settles = (p: Promise<unknown>) =>
      Promise.race([p.then(() => 'answered'), sleep(500).then(() => 'waited')])
    return { verifier, loads, release, settles }
  }

  it('lists a little old are reloaded in the background; verifications do not wait for it', async () => {
    const { verifier, loads, release, settles } = await verifierWithHeldLoad()
    try {
      await sleep(150)
      expect(await settles(verifier.verify('LF1:not-a-code'))).toBe('answered')
      await vi.waitFor(() => {
        expect(loads).toHaveBeenCalledTimes(2)
      })
      // More than three times the refresh period old: now a verification waits for the lists.
      await sleep(250)
      const late = verifier.verify('LF1:not-a-code')
      expect(await settles(late)).toBe('waited')
      release()
      await late
      expect(loads).toHaveBeenCalledTimes(2)
    } finally {
      release()
      loads.mockRestore()
    }
  })

  it('after invalidate, a load started before it is not waited for nor used', async () => {
    const { verifier, loads, release, settles } = await verifierWithHeldLoad()
    try {
      await sleep(150)
      await verifier.verify('LF1:not-a-code') // starts the held load
      verifier.invalidate()
      expect(await settles(verifier.verify('LF1:not-a-code'))).toBe('answered')
      expect(loads).toHaveBeenCalledTimes(3)
    } finally {
      release()
      loads.mockRestore()
    }
  })
})
