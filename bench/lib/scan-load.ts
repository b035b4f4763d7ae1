import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'

/** A keep-alive HTTP/1.1 client on node:http: far cheaper per request than `fetch`, so the load
 * generator takes less of the machine it shares with the server. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 })
function post(url: string, cookie: string, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
            })
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)))
          }
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

export interface LoadResult {
  readonly requests: number
  readonly accepted: number
  readonly duplicates: number
  readonly rejected: number
  readonly seconds: number
  readonly latenciesMs: number[]
  readonly acknowledged: string[]
}

export function scanItem(venueId: string, code: string) {
  return {
    clientScanId: randomUUID(),
    venueId,
    method: 'gate_scan' as const,
    direction: 'in' as const,
    scannedAt: new Date(Date.now() - Math.floor(Math.random() * 600_000)).toISOString(),
    code,
  }
}

/**
 * Runs `clients` concurrent request loops for `seconds`: each request carries `batch` scans
 * (POST /api/checkins/batch) or one (POST /api/gate/scan when batch = 0). Bounded in time and
 * count; loopback only.
 */
export async function runLoad(opts: {
  url: string
  cookie: string
  venueId: string
  codes: readonly string[]
  clients: number
  seconds: number
  batch: number
  keepAcknowledged?: boolean
  stopOnError?: boolean
}): Promise<LoadResult> {
  const deadline = Date.now() + opts.seconds * 1000
  let requests = 0
  let accepted = 0
  let duplicates = 0
  let rejected = 0
  const latencies: number[] = []
  const acknowledged: string[] = []
  let cursor = Math.floor(Math.random() * opts.codes.length)
  const nextCode = () => opts.codes[cursor++ % opts.codes.length] ?? ''
  const started = performance.now()
  const loop = async () => {
    while (Date.now() < deadline) {
      const single = opts.batch === 0
      const scans = single
        ? [scanItem(opts.venueId, nextCode())]
        : Array.from({ length: opts.batch }, () => scanItem(opts.venueId, nextCode()))
      const t0 = performance.now()
      let res: { status: number; json: unknown }
      try {
        res = await post(
          `${opts.url}${single ? '/api/gate/scan' : '/api/checkins/batch'}`,
          opts.cookie,
          JSON.stringify(single ? scans[0] : { scans }),
        )
      } catch (e) {
        if (opts.stopOnError) return
        throw e
      }
      const body = res.json as {
        status?: string
        accepted?: number
        duplicates?: number
        rejected?: number
        outcomes?: { clientScanId: string; status: string }[]
      }
      latencies.push(performance.now() - t0)
      requests++
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`)
      if (single) {
        if (body.status === 'accepted') accepted++
        else if (body.status === 'duplicate') duplicates++
        else rejected++
        if (opts.keepAcknowledged && body.status !== 'rejected' && scans[0])
          acknowledged.push(scans[0].clientScanId)
      } else {
        accepted += body.accepted ?? 0
        duplicates += body.duplicates ?? 0
        rejected += body.rejected ?? 0
        if (opts.keepAcknowledged)
          for (const o of body.outcomes ?? []) if (o.status !== 'rejected') acknowledged.push(o.clientScanId)
      }
    }
  }
  await Promise.all(Array.from({ length: opts.clients }, loop))
  return {
    requests,
    accepted,
    duplicates,
    rejected,
    seconds: (performance.now() - started) / 1000,
    latenciesMs: latencies,
    acknowledged,
  }
}
