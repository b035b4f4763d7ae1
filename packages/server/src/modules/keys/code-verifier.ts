import {
  createStatusListStore,
  createTrustStore,
  verifyLf1Sync,
  verifyStatusList,
  verifyTrustList,
  type Lf1StatusListStore,
  type Lf1TrustStore,
  type Lf1Verification,
  type SyncSignatureBackend,
} from '@lianfang/core'
import { createNodeSignatureBackend } from '../../crypto/node-signature-backend.js'
import type { KeysService } from './keys.service.js'

/**
 * Server-side LF1 verification, for checkpoints that are online: the same core verifier the
 * offline checkpoint runs, over this node's own signed trust and status lists (opened and
 * checked like any verifier would), refreshed every few seconds.
 */
export class CodeVerifier {
  private readonly backend: SyncSignatureBackend = createNodeSignatureBackend()
  private state:
    { trust: Lf1TrustStore; statusLists: Lf1StatusListStore; at: number; version: number } | undefined
  private version = 0
  /**
   * Codes verified under the current lists: a person's code is scanned at several gates while it
   * is valid, and the signature check is the expensive part. Time bounds are re-checked on a hit;
   * new lists (every few seconds) start a new generation.
   */
  private readonly cache = new Map<
    string,
    { version: number; result: Extract<Lf1Verification, { ok: true }> }
  >()
  private readonly cacheLimit = 100_000
  private loading: Promise<void> | undefined

  constructor(
    private readonly keys: KeysService,
    private readonly refreshMs = 5000,
  ) {}

  private async load(): Promise<void> {
    const root = await this.keys.root()
    const now = Math.floor(Date.now() / 1000)
    const roots = [
      {
        kid: new Uint8Array(Buffer.from(root.kid, 'hex')),
        publicKey: new Uint8Array(Buffer.from(root.publicKeySpki, 'base64')),
      },
    ]
    const trust = await verifyTrustList(await this.keys.trustList(), roots, this.backend, now)
    if (!trust.ok) throw new Error(`own trust list does not verify: ${trust.reason}`)
    const store = createTrustStore(trust.value)
    const status = await verifyStatusList(await this.keys.statusList(), store, this.backend)
    if (!status.ok) throw new Error(`own status list does not verify: ${status.reason}`)
    const statusLists = createStatusListStore()
    statusLists.put(status.value)
    this.state = { trust: store, statusLists, at: Date.now(), version: ++this.version }
    this.cache.clear()
  }

  /** Forces the next verification to reload the lists (after a key or status change). */
  invalidate(): void {
    this.state = undefined
  }

  private async current(): Promise<NonNullable<CodeVerifier['state']>> {
    if (!this.state || Date.now() - this.state.at > this.refreshMs) {
      this.loading ??= this.load().finally(() => {
        this.loading = undefined
      })
      await this.loading
    }
    const state = this.state
    if (!state) throw new Error('verifier state missing')
    return state
  }

  /** The trusted issuer keys (for venue codes and other documents signed by issuers). */
  async trust(): Promise<{ store: Lf1TrustStore; backend: SyncSignatureBackend }> {
    return { store: (await this.current()).trust, backend: this.backend }
  }

  async verify(code: string, now = new Date()): Promise<Lf1Verification> {
    const state = await this.current()
    const t = Math.floor(now.getTime() / 1000)
    const hit = this.cache.get(code)
    if (hit && hit.version === state.version) {
      const c = hit.result.claims
      if (c.issuedAt > t + 300) return { ok: false, stage: 'not-yet-valid', reason: 'iat is in the future' }
      if (t >= c.expiresAt) return { ok: false, stage: 'expired', reason: 'exp has passed' }
      return hit.result
    }
    const result = verifyLf1Sync(
      code,
      { trust: state.trust, statusLists: state.statusLists, now: t },
      this.backend,
    )
    if (result.ok) {
      if (this.cache.size >= this.cacheLimit) this.cache.clear()
      this.cache.set(code, { version: state.version, result })
    }
    return result
  }
}
