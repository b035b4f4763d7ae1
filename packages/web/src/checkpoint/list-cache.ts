/**
 * The checkpoint's copies of the federation's lists (docs/health-code-format.md): the pinned
 * root key, the trust list it signs and the issuers' status lists. Every list is verified with
 * core before it is kept, and again whenever it is loaded; a list that does not verify, or is
 * older than the one held, is refused and the held one stays. The raw signed bytes are kept
 * (with when they were fetched), so nothing unverified is ever trusted from storage either.
 */
import {
  createStatusListStore,
  createTrustStore,
  type Lf1StatusListStore,
  type Lf1TrustStore,
  type RootKey,
  type SignatureBackend,
  type StatusList,
  type TrustList,
} from '@lianfang/core'
import { bytesToBase64 } from './encoding'
import type { KvStore } from './kv-store'
import {
  LIST_KEYS,
  asStoredList,
  errorText,
  isRecord,
  openStatus,
  openTrust,
  parseJson,
  rootKeyFromJson,
  storedStatusLists,
  type RootKeyJson,
  type StoredList,
  type StoredRoot,
} from './list-store'

export { LIST_KEYS, rootKeyFromJson, type RootKeyJson } from './list-store'

export interface CachedTrust {
  readonly list: TrustList
  readonly store: Lf1TrustStore
  readonly fetchedAt: number
}
export interface CachedStatus {
  readonly list: StatusList
  readonly fetchedAt: number
}

/** What the verifier has to work with. */
export interface CachedLists {
  readonly root: (RootKey & { readonly pinnedAt: number }) | undefined
  readonly trust: CachedTrust | undefined
  readonly status: readonly CachedStatus[]
  readonly statusStore: Lf1StatusListStore
}

/** How the lists are fetched (the browser passes `fetch`-based functions). */
export interface ListSource {
  root(): Promise<RootKeyJson>
  trustList(): Promise<Uint8Array>
  statusList(): Promise<Uint8Array>
}

export type ListName = 'root' | 'trust' | 'status'
export interface ListProblem {
  readonly list: ListName
  /** The technical reason (English, for diagnosis); the console shows a translated text. */
  readonly reason: string
  /** What was thrown when fetching failed (network, server): the console translates it. */
  readonly error?: unknown
}

export interface RefreshOutcome {
  readonly lists: CachedLists
  /** Lists that could not be fetched or were refused (the held ones were kept). */
  readonly problems: readonly ListProblem[]
}

async function loadRoot(kv: KvStore, backend: SignatureBackend): Promise<CachedLists['root']> {
  const stored = parseJson(await kv.get(LIST_KEYS.root))
  if (!isRecord(stored) || typeof stored['pinnedAt'] !== 'number') return undefined
  const root = await rootKeyFromJson(stored, backend)
  return typeof root === 'string' ? undefined : { ...root, pinnedAt: stored['pinnedAt'] }
}

/**
 * Opens what is stored, verifying each list again at `nowMs`: a trust list past its expiry is
 * no longer used (the checkpoint must go online), and status lists need the trust list.
 */
export async function loadCachedLists(
  kv: KvStore,
  backend: SignatureBackend,
  nowMs: number,
): Promise<CachedLists> {
  const statusStore = createStatusListStore()
  const root = await loadRoot(kv, backend)
  const empty: CachedLists = { root, trust: undefined, status: [], statusStore }
  if (!root) return empty
  const storedTrust = asStoredList(parseJson(await kv.get(LIST_KEYS.trust)))
  if (!storedTrust) return empty
  const opened = await openTrust(storedTrust.b64, root, backend, nowMs)
  if (!opened.ok) return empty
  const trust: CachedTrust = {
    list: opened.list,
    store: createTrustStore(opened.list),
    fetchedAt: storedTrust.fetchedAt,
  }
  const status: CachedStatus[] = []
  for (const stored of storedStatusLists(await kv.get(LIST_KEYS.status))) {
    const s = await openStatus(stored.b64, trust.store, backend)
    if (s.ok) {
      status.push({ list: s.list, fetchedAt: stored.fetchedAt })
      statusStore.put(s.list)
    }
  }
  return { root, trust, status, statusStore }
}

/**
 * Fetches the lists and keeps the ones that verify: the root is pinned on first use and never
 * replaced; a trust list must verify against it and not be older (lower version) than the one
 * held; a status list must verify against the trust list and not be older (issuedAt) than the
 * held list of the same issuer and id. Never throws: failures come back as `problems`.
 */
export async function refreshLists(
  kv: KvStore,
  source: ListSource,
  backend: SignatureBackend,
  nowMs: number,
): Promise<RefreshOutcome> {
  const problems: ListProblem[] = []
  const held = await loadCachedLists(kv, backend, nowMs)

  let root = held.root
  if (!root) {
    try {
      const json = await source.root()
      const checked = await rootKeyFromJson(json, backend)
      if (typeof checked === 'string') problems.push({ list: 'root', reason: checked })
      else {
        const pinned: StoredRoot = { kid: json.kid, publicKeySpki: json.publicKeySpki, pinnedAt: nowMs }
        await kv.set(LIST_KEYS.root, JSON.stringify(pinned))
        root = { ...checked, pinnedAt: nowMs }
      }
    } catch (e) {
      problems.push({ list: 'root', reason: errorText(e), error: e })
    }
  }
  if (!root) return { lists: held, problems }

  let trust = held.trust
  try {
    const b64 = bytesToBase64(await source.trustList())
    const opened = await openTrust(b64, root, backend, nowMs)
    if (!opened.ok) problems.push({ list: 'trust', reason: opened.reason })
    else if (trust && opened.list.version < trust.list.version)
      problems.push({
        list: 'trust',
        reason: `version ${opened.list.version} is older than the held ${trust.list.version}`,
      })
    else {
      await kv.set(LIST_KEYS.trust, JSON.stringify({ b64, fetchedAt: nowMs } satisfies StoredList))
      trust = { list: opened.list, store: createTrustStore(opened.list), fetchedAt: nowMs }
    }
  } catch (e) {
    problems.push({ list: 'trust', reason: errorText(e), error: e })
  }

  if (trust !== held.trust) {
    // A new trust list may have revoked the key of a held status list: open them again.
    const reopened = await loadCachedLists(kv, backend, nowMs)
    return refreshStatus(kv, source, backend, nowMs, reopened, problems)
  }
  return refreshStatus(kv, source, backend, nowMs, { ...held, root }, problems)
}

async function refreshStatus(
  kv: KvStore,
  source: ListSource,
  backend: SignatureBackend,
  nowMs: number,
  lists: CachedLists,
  problems: ListProblem[],
): Promise<RefreshOutcome> {
  const { trust } = lists
  if (!trust) {
    problems.push({ list: 'status', reason: 'no valid trust list' })
    return { lists, problems }
  }
  try {
    const b64 = bytesToBase64(await source.statusList())
    const opened = await openStatus(b64, trust.store, backend)
    if (!opened.ok) {
      problems.push({ list: 'status', reason: opened.reason })
      return { lists, problems }
    }
    const fresh = opened.list
    const same = (l: StatusList) => l.issuer === fresh.issuer && l.listId === fresh.listId
    const previous = lists.status.find((s) => same(s.list))
    if (previous && fresh.issuedAt < previous.list.issuedAt) {
      problems.push({ list: 'status', reason: 'older than the held status list' })
      return { lists, problems }
    }
    const stored = storedStatusLists(await kv.get(LIST_KEYS.status))
    // Keep the other issuers' lists; replace this one.
    const others: StoredList[] = []
    for (const s of stored) {
      const o = await openStatus(s.b64, trust.store, backend)
      if (o.ok && !same(o.list)) others.push(s)
    }
    await kv.set(LIST_KEYS.status, JSON.stringify([...others, { b64, fetchedAt: nowMs }]))
    lists.statusStore.put(fresh)
    const status = [...lists.status.filter((s) => !same(s.list)), { list: fresh, fetchedAt: nowMs }]
    return { lists: { ...lists, status }, problems }
  } catch (e) {
    problems.push({ list: 'status', reason: errorText(e), error: e })
    return { lists, problems }
  }
}

/** When the oldest list in use was fetched (ms), for the "offline — lists from HH:MM" banner. */
export function listsFetchedAt(lists: CachedLists): number | undefined {
  const times = [lists.trust?.fetchedAt, ...lists.status.map((s) => s.fetchedAt)].filter(
    (t): t is number => t !== undefined,
  )
  return times.length === 0 ? undefined : Math.min(...times)
}

/** True when the lists can verify a code: a valid trust list and at least one status list. */
export function listsUsable(lists: CachedLists): boolean {
  return lists.trust !== undefined && lists.status.length > 0
}

/** The browser's list source: same-origin fetches that bypass the HTTP cache. */
export function httpListSource(fetchFn: typeof fetch = fetch): ListSource {
  const get = async (path: string) => {
    const response = await fetchFn(path, { cache: 'no-store', credentials: 'same-origin' })
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
    return response
  }
  return {
    root: async () => (await (await get('/api/trust-list/root')).json()) as RootKeyJson,
    trustList: async () => new Uint8Array(await (await get('/api/trust-list')).arrayBuffer()),
    statusList: async () => new Uint8Array(await (await get('/api/status-list')).arrayBuffer()),
  }
}
