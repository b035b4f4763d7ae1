/**
 * The EU test vectors (../shared/testdata/dcc, eu-digital-green-certificates/dgc-testdata; see its
 * README) through the API's path: every document signer loaded from PEM by `POST
 * /api/dcc/signers`, then each member state's valid certificates verified at their validation
 * clock against the node's trust list, and the cases whose only fault is expiry, key usage or
 * schema refused at that stage. The vectors are read where they are, never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DccVerifyResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp } from '../../testing/test-app.js'

const DIR = fileURLToPath(new URL('../../../../../../shared/testdata/dcc/', import.meta.url))
const PRESENT = existsSync(join(DIR, 'cases'))
if (!PRESENT) console.warn(`EU DCC test vectors not found at ${DIR}: their tests are skipped`)

interface Case {
  readonly name: string
  readonly qr: string
  readonly cert: string
  readonly at: number
  readonly fnt: string | undefined
  /** null: must verify; else the stage it must stop at. */
  readonly stage: 'expiry' | 'keyusage' | 'schema' | null
  /** Policy stages the vector does not test (flag absent): stopping there is not held against us. */
  readonly excused: readonly string[]
}

const POLICY = {
  EXPECTEDEXPIRATIONCHECK: 'expiry',
  EXPECTEDKEYUSAGE: 'keyusage',
  EXPECTEDSCHEMAVALIDATION: 'schema',
} as const

/** VALIDATIONCLOCK in its varied forms (README): no offset means UTC; any number of fraction digits. */
function clock(text: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(text.trim())
  if (!m) throw new Error(`unreadable VALIDATIONCLOCK ${text}`)
  const offset = !m[3] || m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`
  return Date.parse(`${m[1] ?? ''}.${(m[2] ?? '0').padEnd(3, '0').slice(0, 3)}${offset}`) / 1000
}

/**
 * The cases this test can judge alone: the signature expected to verify, and either no step
 * expected to fail (must verify) or exactly one policy step (must stop there). As the suite's
 * runner does, flags listed in dcc-known-issues.json count as absent, and a policy step whose
 * flag is absent is not tested (README, "How the runner turns flags into one verdict").
 */
function loadCases(): Case[] {
  const known = (
    JSON.parse(readFileSync(join(DIR, 'dcc-known-issues.json'), 'utf8')) as {
      entries: { match: string; ignore: string[] }[]
    }
  ).entries
  const cases: Case[] = []
  for (const country of readdirSync(join(DIR, 'cases')))
    for (const file of readdirSync(join(DIR, 'cases', country))) {
      const name = `${country}/${file}`
      const c = JSON.parse(readFileSync(join(DIR, 'cases', name), 'utf8')) as {
        PREFIX?: string
        JSON?: { nam?: { fnt?: string } }
        TESTCTX?: { CERTIFICATE?: string; VALIDATIONCLOCK?: string }
        EXPECTEDRESULTS?: Record<string, unknown>
      }
      if (!c.EXPECTEDRESULTS || !c.PREFIX || !c.TESTCTX?.CERTIFICATE || !c.TESTCTX.VALIDATIONCLOCK) continue
      const masked = new Set(
        known
          .filter((e) => (e.match.endsWith('/') ? name.startsWith(e.match) : name === e.match))
          .flatMap((e) => e.ignore),
      )
      const r = Object.fromEntries(Object.entries(c.EXPECTEDRESULTS).filter(([k]) => !masked.has(k)))
      if (r['EXPECTEDVERIFY'] !== true) continue
      const falses = Object.keys(r).filter((k) => r[k] === false)
      const policy = Object.keys(POLICY) as (keyof typeof POLICY)[]
      let stage: Case['stage']
      if (falses.length === 0) stage = null
      else if (falses.length === 1 && falses[0] && falses[0] in POLICY)
        stage = POLICY[falses[0] as keyof typeof POLICY]
      else continue
      cases.push({
        name,
        qr: c.PREFIX,
        cert: c.TESTCTX.CERTIFICATE,
        at: clock(c.TESTCTX.VALIDATIONCLOCK),
        fnt: c.JSON?.nam?.fnt,
        stage,
        excused: policy.filter((k) => r[k] === undefined).map((k) => POLICY[k]),
      })
    }
  return cases
}

const pemOf = (b64: string) =>
  `-----BEGIN CERTIFICATE-----\n${(b64.replace(/\s/g, '').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`

describe.skipIf(!PRESENT).each(TEST_DATABASES)('EU DCC test vectors through the API on %s', (kind) => {
  let t: TestApp
  let operator: string
  const cases = PRESENT ? loadCases() : []

  beforeAll(async () => {
    t = await createTestApp(kind)
    operator = await t.login('admin', t.config.nodeRegion)
  }, 120_000)
  afterAll(async () => t.close())

  it('loads every document signer of the vectors from PEM', async () => {
    expect(cases.length).toBeGreaterThan(200)
    const refused: string[] = []
    for (const cert of new Set(cases.map((c) => c.cert))) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/dcc/signers',
        headers: { cookie: operator },
        payload: { pem: pemOf(cert) },
      })
      if (res.statusCode !== 201) refused.push(`${String(res.statusCode)} ${res.body.slice(0, 120)}`)
    }
    expect(refused).toEqual([])
  }, 120_000)

  it('verifies the valid ones at their clock and refuses the others at the expected stage', async () => {
    const wrong: string[] = []
    let verified = 0
    for (const c of cases) {
      const result = await t.services.dcc.check(c.qr, c.at)
      const excused = !result.ok && result.stage !== null && c.excused.includes(result.stage)
      const fine =
        excused ||
        (c.stage === null
          ? result.ok && (c.fnt === undefined || result.summary?.familyNameStd === c.fnt)
          : !result.ok && result.stage === c.stage)
      if (result.ok) verified++
      if (!fine)
        wrong.push(
          `${c.name}: expected ${c.stage ?? 'ok'}, got ${result.stage ?? 'ok'} ${result.reason ?? ''}`,
        )
    }
    expect(wrong).toEqual([])
    // Most valid vectors verify outright (not merely excused at a step they do not test).
    expect(verified).toBeGreaterThan(150)
  }, 120_000)

  it('through POST /api/dcc/verify today, a 2021 certificate has expired', async () => {
    const valid = cases.find((c) => c.stage === null && c.excused.length === 0)
    expect(valid).toBeDefined()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/dcc/verify',
      headers: { cookie: operator },
      payload: { qr: valid?.qr },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json<DccVerifyResult>()).toMatchObject({ ok: false, stage: 'expiry', summary: null })
  })
})
