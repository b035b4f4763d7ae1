/**
 * `lianfang verify-dcc --cert DSC.pem --at ISO_TIME`: verifies one EU DCC (`HC1:` QR text on
 * stdin) against one document signer certificate and prints `{"ok","stage","payload","reason"}`
 * as one JSON line — the contract of the EU test-suite runner (../shared/testdata/dcc/README.md).
 * Imports core only (WebCrypto backend): this command starts once per scanned code.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  createDccTrustStore,
  createWebCryptoBackend,
  parseDscCertificate,
  pemToDer,
  verifyDcc,
  type DccVerification,
} from '@lianfang/core'

function print(result: DccVerification | { ok: false; stage: null; reason: string; payload: null }): void {
  const { ok, stage, payload } = result
  const reason = result.ok ? undefined : result.reason
  process.stdout.write(`${JSON.stringify({ ok, stage, payload, ...(reason ? { reason } : {}) })}\n`)
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Runs the command; usage errors exit 2, a refused certificate still exits 0 with ok:false. */
export async function verifyDccCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { cert: { type: 'string' }, at: { type: 'string' } } })
  const atMs = values.at === undefined ? Date.now() : Date.parse(values.at)
  if (!values.cert || Number.isNaN(atMs)) {
    process.stderr.write('usage: lianfang verify-dcc --cert DSC.pem [--at ISO_TIME] < qr.txt\n')
    process.exitCode = 2
    return
  }
  const der = pemToDer(readFileSync(values.cert, 'utf8'))
  const dsc = der && parseDscCertificate(der)
  if (!dsc) {
    print({ ok: false, stage: null, reason: `cannot read a certificate from ${values.cert}`, payload: null })
    process.exitCode = 2
    return
  }
  const backend = createWebCryptoBackend()
  const trust = await createDccTrustStore([dsc], backend)
  print(await verifyDcc(await readStdin(), { trust, now: atMs / 1000 }, backend))
}
