import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  AuditHeadService,
  checkKeptHead,
  createServices,
  loadConfig,
  openConfiguredDatabase,
  verifyAuditHead,
} from '@lianfang/server'

const log = (msg: string) => process.stderr.write(`${msg}\n`)

/**
 * `lianfang audit-head [--id N] [--check FILE]`: prints the audit chain's head signed by the
 * node's issuer key (the JSON `GET /api/audit/head` answers: `jws`, `kid`, `head`). With `--check`,
 * reads a head kept earlier (that JSON, or the bare JWS) and says whether the chain still agrees
 * with it: `consistent`, `truncated` or `rewritten` (exit code 3 unless consistent). A second party
 * does the same over HTTP without trusting the node's disk (docs/audit-head.md).
 */
export async function auditHeadCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' }, check: { type: 'string' } } })
  if (values.id !== undefined && !/^[1-9][0-9]{0,18}$/.test(values.id))
    throw new Error('--id must be an audit record id')
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, log)
  try {
    const services = createServices(config, database)
    const heads = new AuditHeadService(database, services.keys, config.nodeId)
    if (values.check === undefined) {
      const signed = await heads.signed(values.id)
      if (!signed) throw new Error(`no audit record ${values.id ?? ''}`)
      process.stdout.write(`${JSON.stringify(signed)}\n`)
      return
    }
    const text = readFileSync(values.check, 'utf8').trim()
    const jws = text.startsWith('{') ? (JSON.parse(text) as { jws: string }).jws : text
    const kid = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString()) as { kid?: unknown }
    const key = (await services.keys.list()).find((k) => k.kid === kid.kid)
    if (!key) throw new Error(`the kept head names key ${String(kid.kid)}, which this node does not know`)
    const kept = await verifyAuditHead(jws, key.publicKeySpki)
    if (!kept.ok) throw new Error(`the kept head does not verify: ${kept.reason}`)
    const now = kept.head.id === null ? undefined : await heads.signed(kept.head.id)
    const result = checkKeptHead(kept.head, now?.head.hash)
    process.stdout.write(`${JSON.stringify({ result, kept: kept.head, now: now?.head ?? null })}\n`)
    if (result !== 'consistent') process.exitCode = 3
  } finally {
    await database.close()
  }
}
