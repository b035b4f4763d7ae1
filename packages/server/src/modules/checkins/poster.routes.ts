import type { FastifyReply } from 'fastify'
import { DomainError } from '@lianfang/core'
import { ErrorResponse, PosterRoutes } from '@lianfang/contracts'
import { route, type RouteExtras } from '../../http/contract-route.js'
import { scopeOfRequest, type RoutePlugin } from '../../http/route-kit.js'
import type { PosterService } from './poster.service.js'
import { attachmentDisposition, posterFileNames } from './poster-layout.js'

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

/** A PDF answer: its media type and the 503 of a full drawing pool. */
const PDF: RouteExtras = { produces: ['application/pdf'], errors: { 503: ErrorResponse } }

/**
 * Venue posters as PDF (场所码海报): one venue, or up to `MAX_POSTERS` in one file for
 * printing. Drawn in worker threads, bounded and cached (poster.service.ts). Registered from
 * their contracts (`PosterRoutes`): the handler sets the PDF's headers and returns its bytes.
 */
export const posterRoutes: RoutePlugin<{ posters: PosterService }> = async (app, { posters }) => {
  app.addHook('onClose', async () => posters.close())
  route(
    app,
    PosterRoutes.poster,
    async (req, reply) => {
      const { pdf, venue } = await withRetryAfter(reply, () =>
        posters.poster(scopeOfRequest(req), req.params.id),
      )
      const names = posterFileNames(venue)
      void reply
        .type('application/pdf')
        .header('content-disposition', attachmentDisposition(names.ascii, names.utf8))
        .header('cache-control', 'private, no-store')
      return pdf
    },
    PDF,
  )
  route(
    app,
    PosterRoutes.posters,
    async (req, reply) => {
      const ids = req.query.ids.split(',')
      const pdf = await withRetryAfter(reply, () => posters.posters(scopeOfRequest(req), ids))
      const count = new Set(ids).size
      void reply
        .type('application/pdf')
        .header(
          'content-disposition',
          attachmentDisposition(
            `venue-posters-${String(count)}.pdf`,
            `场所码海报-${String(count)}个场所.pdf`,
          ),
        )
        .header('cache-control', 'private, no-store')
      return pdf
    },
    PDF,
  )
}
