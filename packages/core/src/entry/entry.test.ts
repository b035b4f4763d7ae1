import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { assumedCheckout, DEFAULT_DWELL_MINUTES } from './dwell.js'
import { colourDecision, decideEntry, DENY_REASONS, DENY_TEXT } from './decide-entry.js'
import type { Lf1Stage } from '../codes/lf1-verify.js'

const STAGES: Lf1Stage[] = [
  'prefix',
  'base45',
  'zlib',
  'cose',
  'cbor',
  'unknown-key',
  'signature',
  'not-yet-valid',
  'expired',
  'status-unavailable',
  'revoked',
]

describe('gate decisions', () => {
  it('allows only a valid green code', () => {
    const claims = {
      issuer: 'lf',
      region: '420100',
      subject: 's',
      maskedName: '张*',
      issuedAt: 0,
      expiresAt: 60,
      statusListId: 'main',
      statusIndex: 1,
    }
    expect(
      decideEntry({ ok: true, kid: 'k', statusFresh: true, claims: { ...claims, colour: 'green' } }),
    ).toEqual({ decision: 'allow', reason: null, colour: 'green' })
    expect(
      decideEntry({ ok: true, kid: 'k', statusFresh: true, claims: { ...claims, colour: 'red' } }),
    ).toMatchObject({ decision: 'deny', reason: 'red_code' })
    expect(
      decideEntry({ ok: true, kid: 'k', statusFresh: true, claims: { ...claims, colour: 'yellow' } }),
    ).toMatchObject({ decision: 'deny', reason: 'yellow_code' })
  })
  it.each(STAGES)('a code failing at %s is denied with a reason that has text', (stage) => {
    const d = decideEntry({ ok: false, stage, reason: 'x' })
    expect(d.decision).toBe('deny')
    expect(d.reason && DENY_TEXT[d.reason]['zh-CN'].length).toBeGreaterThan(0)
  })
  it('every deny reason has zh-CN and en text', () => {
    for (const r of DENY_REASONS) expect(DENY_TEXT[r].en.length).toBeGreaterThan(0)
    expect(colourDecision('green').decision).toBe('allow')
  })
})

describe('dwell times', () => {
  it('uses the recorded check-out, else the kind’s dwell, else the default', () => {
    const t = new Date('2026-11-28T02:00:00Z')
    const out = new Date('2026-11-28T02:10:00Z')
    expect(assumedCheckout(t, out, 'market')).toBe(out)
    expect(assumedCheckout(t, null, 'market').getTime() - t.getTime()).toBe(
      (DEFAULT_DWELL_MINUTES['market'] ?? 0) * 60_000,
    )
    expect(assumedCheckout(t, undefined, 'market', { market: 10 }).getTime() - t.getTime()).toBe(600_000)
    for (const odd of ['constructor', '__proto__', 'toString'])
      expect(assumedCheckout(t, null, odd).getTime()).toBe(t.getTime() + 3600_000)
    fc.assert(fc.property(fc.string(), (kind) => assumedCheckout(t, null, kind).getTime() > t.getTime()))
  })
})
