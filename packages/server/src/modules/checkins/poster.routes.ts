import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { DomainError } from '@lianfang/core'
import { ErrorResponse, IdParams } from '@lianfang/contracts'
import { ERRORS, scopeOfRequest, type RoutePlugin } from '../../http/route-kit.js'
import { MAX_POSTERS, type PosterService } from './poster.service.js'
import { attachmentDisposition, posterFileNames } from './poster-layout.js'

/** A PDF body (sent as a Buffer; no JSON serialization applies). */
const PdfFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' })

const PostersQuery = Type.Object(
  {
    ids: Type.String({
      pattern: '^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$',
      maxLength: 19 * MAX_POSTERS,
      description: `venue ids, comma-separated (at most ${String(MAX_POSTERS)})`,
    }),
  },
  { additionalProperties: false },
)

/** A refusal because the PDF queue is full (SERVER_BUSY, 503) carries `Retry-After`. */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    const details =
      e instanceof DomainError ? (e.details as { retryAfterSeconds?: unknown } | undefined) : undefined
    if (typeof details?.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(details.retryAfterSeconds))
    throw e
  }
}

/**
 * Venue posters as PDF (场所码海报): one venue, or up to {@link MAX_POSTERS} in one file for
 * printing. Drawn in worker threads, bounded and cached (poster.service.ts).
 */
export const posterRoutes: RoutePlugin<{ posters: PosterService }> = async (app, { posters }) => {
  const tags = ['entry and exit']
  app.addHook('onClose', async () => posters.close())
  app.get(
    '/api/venues/:id/poster.pdf',
    {
      config: { access: { permission: 'venue:read' } },
      schema: {
        tags,
        summary: 'The venue poster (场所码海报): A4 PDF with the signed venue code as a QR',
        produces: ['application/pdf'],
        params: IdParams,
        response: { 200: PdfFile, ...ERRORS, 503: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { pdf, venue } = await withRetryAfter(reply, () =>
        posters.poster(scopeOfRequest(req), req.params.id),
      )
      const names = posterFileNames(venue)
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentDisposition(names.ascii, names.utf8))
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )
  app.get(
    '/api/venues/posters.pdf',
    {
      config: { access: { permission: 'venue:read' } },
      schema: {
        tags,
        summary: 'Several venues’ posters in one PDF, one A4 page each, in the order given',
        description: `At most ${String(MAX_POSTERS)} venues (400 above). PDFs are drawn by a bounded pool of worker threads: when it is full the answer is 503 SERVER_BUSY with Retry-After.`,
        produces: ['application/pdf'],
        querystring: PostersQuery,
        response: { 200: PdfFile, ...ERRORS, 503: ErrorResponse },
      },
    },
    async (req, reply) => {
      const ids = req.query.ids.split(',')
      const pdf = await withRetryAfter(reply, () => posters.posters(scopeOfRequest(req), ids))
      const count = new Set(ids).size
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          attachmentDisposition(
            `venue-posters-${String(count)}.pdf`,
            `场所码海报-${String(count)}个场所.pdf`,
          ),
        )
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )
}
