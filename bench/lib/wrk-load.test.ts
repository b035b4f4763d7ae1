import { describe, expect, it } from 'vitest'
import { parseWrk } from './wrk-load.js'

const OUTPUT = `Running 8s test @ http://127.0.0.1:40123/api/gate/scan
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.45ms    8.12ms   1.02s    80.12%
    Req/Sec     2.41k   300.12     3.01k    70.00%
  Latency Distribution
     50%  850.00us
     75%   15.22ms
     90%   22.10ms
     99%    1.20s
  19069 requests in 8.00s, 10.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:   2383.21
Transfer/sec:      1.26MB
`

describe('parseWrk', () => {
  it('reads requests, failures and the latency distribution in its units', () => {
    expect(parseWrk(OUTPUT)).toEqual({
      requests: 19069,
      ok: 19066,
      failed: 6,
      p50Ms: 0.85,
      p90Ms: 22.1,
      p99Ms: 1200,
    })
  })

  it('refuses output without a summary rather than reporting zeros', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/no summary/)
    expect(() => parseWrk(OUTPUT.replace(/ {5}99%.*\n/, ''))).toThrow(/cannot read/)
  })
})
