/**
 * `lianfang verify --trust-list FILE --root FILE [--status-list FILE]… [--at ISO_TIME]
 * [--allow-missing-status]`: verifies one LF1 health code or LR1 test result (QR text on stdin) offline,
 * as a checkpoint does — against a trust list (the bytes of `GET /api/trust-list`), pinned to the
 * root key (`GET /api/trust-list/root` as JSON, or the SPKI as PEM or Base64), and the status lists
 * given (`GET /api/status-list`). Prints one JSON line `{"ok","kind","stage","claims","reason",…}`.
 * Imports core only (WebCrypto): it starts once per scanned code.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  createStatusListStore,
  createTrustStore,
  createWebCryptoBackend,
  deriveKid,
  verifyLf1,
  verifyLr1,
  verifyStatusList,
  verifyTrustList,
} from '@lianfang/core'

const USAGE =
  'usage: lianfang verify --trust-list FILE --root FILE [--status-list FILE]... [--at ISO_TIME] [--allow-missing-status] < qr.txt\n'

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').trim()
}

/** The root's SPKI from the JSON `{kid, publicKeySpki}` the node serves, a PEM public key, or Base64. */
function rootSpki(text: string): Uint8Array | undefined {
  let b64 = text.trim()
  try {
    const json = JSON.parse(b64) as { publicKeySpki?: unknown }
    if (typeof json.publicKeySpki === 'string') b64 = json.publicKeySpki
  } catch {
    const pem = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(b64)
    if (pem) b64 = pem[1] ?? ''
  }
  b64 = b64.replace(/\s+/g, '')
  return /^[A-Za-z0-9+/]+=*$/.test(b64) ? new Uint8Array(Buffer.from(b64, 'base64')) : undefined
}

/** Runs the command; usage errors exit 2, a refused code still exits 0 with ok:false. */
export async function verifyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'trust-list': { type: 'string' },
      root: { type: 'string' },
      'status-list': { type: 'string', multiple: true },
      at: { type: 'string' },
      'allow-missing-status': { type: 'boolean' },
    },
  })
  const atMs = values.at === undefined ? Date.now() : Date.parse(values.at)
  const spki = values.root === undefined ? undefined : rootSpki(readFileSync(values.root, 'utf8'))
  if (!values['trust-list'] || !spki || Number.isNaN(atMs)) {
    process.stderr.write(USAGE)
    process.exitCode = 2
    return
  }
  const line = await verifyOffline(await readStdin(), {
    trustList: readFileSync(values['trust-list']),
    rootSpki: spki,
    statusLists: (values['status-list'] ?? []).map((f) => readFileSync(f)),
    now: Math.floor(atMs / 1000),
    allowMissingStatus: values['allow-missing-status'] ?? false,
  })
  print(line)
  if (line['kind'] === null) process.exitCode = 2
}

export interface OfflineLists {
  readonly trustList: Uint8Array
  readonly rootSpki: Uint8Array
  readonly statusLists: readonly Uint8Array[]
  /** NumericDate seconds. */
  readonly now: number
  /**
   * LR1 only: accept a result whose issuer's status list is not given (`statusChecked: false`)
   * rather than refuse it at `status-unavailable`. LF1 codes always need their list.
   */
  readonly allowMissingStatus: boolean
}

/**
 * Verifies LF1 or LR1 text (by its prefix; anything else is refused as LF1 at `prefix`) against
 * the lists; `kind: null` when the trust list itself does not open. Status lists that do not
 * open are skipped (`ignored` names them).
 */
export async function verifyOffline(text: string, lists: OfflineLists): Promise<Record<string, unknown>> {
  const { now } = lists
  const backend = createWebCryptoBackend()
  const roots = [{ kid: await deriveKid(backend, lists.rootSpki), publicKey: lists.rootSpki }]
  const list = await verifyTrustList(lists.trustList, roots, backend, now)
  if (!list.ok) return { ok: false, kind: null, stage: null, reason: `trust list: ${list.reason}` }
  const trust = createTrustStore(list.value)
  const statusLists = createStatusListStore()
  const ignored: string[] = []
  for (const [i, bytes] of lists.statusLists.entries()) {
    const status = await verifyStatusList(bytes, trust, backend)
    if (status.ok) statusLists.put(status.value)
    else ignored.push(`status list ${String(i + 1)}: ${status.reason}`)
  }
  const extra = ignored.length > 0 ? { ignored } : {}
  if (text.startsWith('LR1:')) {
    const r = await verifyLr1(
      text,
      { trust, statusLists, now, requireStatus: !lists.allowMissingStatus },
      backend,
    )
    return r.ok ? { kind: 'LR1', stage: null, ...r, ...extra } : { kind: 'LR1', claims: null, ...r, ...extra }
  }
  const r = await verifyLf1(text, { trust, statusLists, now }, backend)
  return r.ok ? { kind: 'LF1', stage: null, ...r, ...extra } : { kind: 'LF1', claims: null, ...r, ...extra }
}
