/**
 * The floors of `npm run bench -- gate`: what an HTTP server can do on this machine with the gate
 * scan's irreducible work and nothing else, measured with the same wrk load, codes and raw
 * baseline as the real server, so that its figure can be read against them.
 *
 * - `node-http`: `node:http` alone — read the body, `JSON.parse`, verify the LF1 code (decode and
 *   ES256 on libuv's pool, memoized, as the server does), answer a JSON outcome.
 * - `fastify`: the same work behind the framework as the server configures it — Fastify with the
 *   server's validator compiler, the ScanItem body and ScanOutcome response schemas, and
 *   `@fastify/cookie` — but no session, no decision and no record.
 *
 * The difference between the floors and the real server is the price of signing in, deciding and
 * recording a scan durably in PostgreSQL (docs/benchmarks.md "gate").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import cookie from '@fastify/cookie'
import { ScanItem, ScanOutcome } from '@lianfang/contracts'
import Fastify from 'fastify'
import { DomainError } from '@lianfang/core'
import { installErrorHandler } from '../../packages/server/src/http/errors.js'
import { ERRORS } from '../../packages/server/src/http/route-kit.js'
import { validatorCompiler } from '../../packages/server/src/http/validation.js'

export type FloorKind = 'node-http' | 'fastify'
export const FLOOR_KINDS: readonly FloorKind[] = ['node-http', 'fastify']

export interface Floor {
  readonly url: string
  close(): Promise<void>
}

/** The outcome a floor answers for a genuine code: the shape of the server's, with what the floor knows. */
function accepted(clientScanId: string) {
  return {
    clientScanId,
    status: 'accepted',
    decision: 'allow',
    reason: null,
    reasonText: null,
    colour: null,
    maskedName: null,
    resident: null,
    error: null,
  } as const
}

/** A code that does not verify: the server's answer (400, VALIDATION_FAILED with the item's code). */
const FORGED = new DomainError('VALIDATION_FAILED', 'not a genuine health code', { code: 'BAD_CODE' })

interface Body {
  readonly clientScanId: string
  readonly code?: string
}

function nodeHttp(verify: (code: string) => Promise<boolean>) {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        const text = JSON.stringify(body)
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        })
        res.end(text)
      }
      let body: Body
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body
      } catch {
        answer(400, { error: { code: 'BAD_JSON', message: 'the body is not JSON' } })
        return
      }
      verify(body.code ?? '').then(
        (ok) => {
          if (ok) answer(200, accepted(body.clientScanId))
          else
            answer(FORGED.status, {
              error: { code: FORGED.code, message: FORGED.message, details: FORGED.details },
            })
        },
        () => {
          answer(500, { error: { code: 'INTERNAL', message: 'internal error' } })
        },
      )
    })
  })
}

/** Starts a floor on a free port of 127.0.0.1, verifying codes with `verify`. */
export async function startFloor(
  kind: FloorKind,
  verify: (code: string) => Promise<boolean>,
): Promise<Floor> {
  if (kind === 'node-http') {
    const server = nodeHttp(verify)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => {
            resolve()
          })
        }),
    }
  }
  // As buildApp (packages/server/src/app.ts) configures it (validator, error handler, cookies),
  // without the server's own hooks (session guard, metrics).
  const app = Fastify({ logger: { level: 'warn' }, trustProxy: true, return503OnClosing: true })
  app.setValidatorCompiler(validatorCompiler)
  installErrorHandler(app)
  await app.register(cookie)
  app.post(
    '/api/gate/scan',
    { schema: { body: ScanItem, response: { 200: ScanOutcome, ...ERRORS } } },
    async (req) => {
      const body = req.body as Body
      if (!(await verify(body.code ?? ''))) throw FORGED
      return accepted(body.clientScanId)
    },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() }
}
