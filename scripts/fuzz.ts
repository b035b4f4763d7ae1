/**
 * `npm run fuzz [-- --runs N]`: feeds bad input (random text and bytes, truncations, bit flips in
 * every layer, wrong prefixes, forged signatures) to both code verifiers — LF1 and EU DCC — with
 * the Node backend. Fails if any call throws or accepts an altered code. Default: 60,000 cases
 * per verifier (120,000 in all); `npm test` runs a smaller set (codes-fuzz.test.ts).
 */
import fc from 'fast-check'
import { signLf1, signLf1Sync, verifyDcc, verifyLf1Sync } from '@lianfang/core'
import {
  createNodeSignatureBackend,
  generateNodeP256Signer,
} from '../packages/server/src/crypto/node-signature-backend.js'
import {
  badInputs,
  expectedLf1Stage,
  lf1Scenarios,
} from '../packages/core/src/codes/__fixtures__/code-arbitraries.js'
import { DCC_NOW, HCERT, makeDccWorld } from '../packages/core/src/codes/__fixtures__/dcc-world.js'
import { makeWorld, NOW } from '../packages/core/src/codes/__fixtures__/lf1-world.js'

const runsArg = process.argv.indexOf('--runs')
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 60_000
const seedArg = process.argv.indexOf('--seed')
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : Date.now() % 2 ** 31
const log = (msg: string) => process.stderr.write(`[fuzz] ${msg}\n`)
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

async function main(): Promise<void> {
  const backend = createNodeSignatureBackend()
  const lf1 = await makeWorld(backend, generateNodeP256Signer)
  const options = { trust: lf1.trust, statusLists: lf1.statusLists, now: NOW }
  const validLf1 = await signLf1(lf1.claims, lf1.issuer)
  const dcc = await makeDccWorld(backend, generateNodeP256Signer())
  const validDcc = await dcc.sign()
  log(`seed ${seed}, ${runs} cases per verifier`)

  const kinds = new Map<string, number>()
  const count = (k: string) => kinds.set(k, (kinds.get(k) ?? 0) + 1)
  let started = Date.now()
  fc.assert(
    fc.property(badInputs(validLf1), ({ kind, text }) => {
      count(`LF1 ${kind}`)
      const r = verifyLf1Sync(text, options, backend)
      return !r.ok || (kind === 'bit flip in zlib' && sameJson(r.claims, lf1.claims))
    }),
    { numRuns: runs, seed },
  )
  log(`LF1: ${runs} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, none thrown or accepted`)
  started = Date.now()
  await fc.assert(
    fc.asyncProperty(badInputs(validDcc), async ({ kind, text }) => {
      count(`DCC ${kind}`)
      const r = await verifyDcc(text, { trust: dcc.trust, now: DCC_NOW }, backend)
      return !r.ok || (kind === 'bit flip in zlib' && sameJson(r.payload, HCERT))
    }),
    { numRuns: runs, seed },
  )
  log(`DCC: ${runs} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, none thrown or accepted`)
  started = Date.now()
  const stranger = generateNodeP256Signer()
  const forger = { ...stranger, kid: lf1.issuer.kid }
  const scenarios = Math.max(1, Math.floor(runs / 6))
  fc.assert(
    fc.property(lf1Scenarios, (s) => {
      const signer = s.signer === 'issuer' ? lf1.issuer : s.signer === 'stranger' ? stranger : forger
      const base = NOW + 300_000 // every iat within the issuer key validity
      const claims = {
        ...lf1.claims,
        statusIndex: s.statusIndex,
        issuedAt: base + s.issuedOffset,
        expiresAt: base + s.issuedOffset + s.lifetime,
      }
      const r = verifyLf1Sync(signLf1Sync(claims, signer), { ...options, now: base + s.checkOffset }, backend)
      return (r.ok ? 'ok' : r.stage) === expectedLf1Stage(s, lf1.revokedIndex, 1024)
    }),
    { numRuns: scenarios, seed },
  )
  log(
    `LF1 scenarios (expired, revoked, unknown key, forged): ${scenarios} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, each at its expected stage`,
  )
  for (const [k, n] of [...kinds].sort()) log(`  ${k.padEnd(28)} ${n}`)
  process.stdout.write(`${2 * runs + scenarios} passed, 0 failed\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`fuzz: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
