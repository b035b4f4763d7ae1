import {
  createLf1DecodeMemo,
  createStatusListStore,
  createTrustStore,
  verifyLf1,
  verifyLf1Sync,
  verifyStatusList,
  verifyTrustList,
  type Lf1StatusListStore,
  type Lf1TrustStore,
  type Lf1Verification,
  type SyncSignatureBackend,
} from '@lianfang/core'
import {
  createMemoizingBackend,
  createNodeSignatureBackend,
  createThreadPoolBackend,
} from '../../crypto/node-signature-backend.js'
import type { KeysService } from './keys.service.js'

/**
 * Server-side LF1 verification, for checkpoints that are online: the same core verifier the
 * offline checkpoint runs, over this node's own signed trust and status lists (opened and
 * checked like any verifier would), refreshed every few seconds.
 */
export class CodeVerifier {
  /**
   * A person's code is scanned at several gates while it is valid, and the signature check is the
   * expensive part: checks already made are answered from memory (full byte comparison, see
   * `createMemoizingBackend`), and so is the decoding of a code's text (`createLf1DecodeMemo`), so
   * a code seen before costs only the key look-up, the time window and the status bit — which run
   * again on every verification, under the lists current at that moment.
   */
  private readonly backend: SyncSignatureBackend = createMemoizingBackend(createNodeSignatureBackend())
  /** The same checks on libuv's thread pool, for the serving paths (see {@link verifyAsync}). */
  private readonly poolBackend = createThreadPoolBackend()
  private readonly decode = createLf1DecodeMemo(100_000, this.backend.inflate)
  private state: { trust: Lf1TrustStore; statusLists: Lf1StatusListStore; at: number } | undefined
  private loading: Promise<void> | undefined

  constructor(
    private readonly keys: KeysService,
    private readonly refreshMs = 5000,
  ) {}

  /** Bumped by {@link invalidate}: a load started before it does not count. */
  private generation = 0

  private async load(): Promise<void> {
    const generation = this.generation
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
    if (generation === this.generation) this.state = { trust: store, statusLists, at: Date.now() }
  }

  /** Forces the next verification to reload the lists (after a key or status change). */
  invalidate(): void {
    this.generation++
    this.state = undefined
    this.loading = undefined
  }

  /**
   * The lists to verify with. Older than `refreshMs`, they are reloaded in the background while
   * verifications go on with them (no scan waits for the reload); only when there are none (at
   * start, after {@link invalidate}) or they are older than three times that (the reloads keep
   * failing) does a verification wait for them.
   */
  private async current(): Promise<NonNullable<CodeVerifier['state']>> {
    const age = this.state ? Date.now() - this.state.at : Infinity
    if (age > this.refreshMs) {
      const loading = (this.loading ??= this.load().finally(() => {
        if (this.loading === loading) this.loading = undefined
      }))
      if (age > 3 * this.refreshMs) await loading
      else loading.catch(() => undefined) // retried on the next verification
    }
    const state = this.state
    if (!state) throw new Error('verifier state missing')
    return state
  }

  /** The trusted issuer keys (for venue codes and other documents signed by issuers). */
  async trust(): Promise<{ store: Lf1TrustStore; backend: SyncSignatureBackend }> {
    return { store: (await this.current()).trust, backend: this.backend }
  }

  /**
   * The current trust and status lists with the synchronous backend, for the other documents
   * the issuer keys sign and the same lists revoke (LR1 test results, testing module).
   */
  async lists(): Promise<{
    trust: Lf1TrustStore
    statusLists: Lf1StatusListStore
    backend: SyncSignatureBackend
  }> {
    const state = await this.current()
    return { trust: state.trust, statusLists: state.statusLists, backend: this.backend }
  }

  async verify(code: string, now = new Date()): Promise<Lf1Verification> {
    const state = await this.current()
    return verifyLf1Sync(
      code,
      {
        trust: state.trust,
        statusLists: state.statusLists,
        now: Math.floor(now.getTime() / 1000),
        decode: this.decode,
      },
      this.backend,
    )
  }

  /**
   * {@link verify} with the signature check on the thread pool: gate scans and synced batches use
   * it, so the event loop is free while a signature is checked and a batch's codes are checked in
   * parallel.
   */
  async verifyAsync(code: string, now = new Date()): Promise<Lf1Verification> {
    const state = await this.current()
    return verifyLf1(
      code,
      {
        trust: state.trust,
        statusLists: state.statusLists,
        now: Math.floor(now.getTime() / 1000),
        decode: this.decode,
      },
      this.poolBackend,
    )
  }
}
