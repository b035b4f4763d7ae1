import { Type } from '@sinclair/typebox'
import { IdParams } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
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

/** Venue posters as PDF (场所码海报): one venue, or up to 200 in one file for printing. */
export const posterRoutes: RoutePlugin<{ posters: PosterService }> = async (app, { posters }) => {
  const tags = ['entry and exit']
  app.get(
    '/api/venues/:id/poster.pdf',
    {
      config: { access: { permission: 'venue:read' } },
      schema: {
        tags,
        summary: 'The venue poster (场所码海报): A4 PDF with the signed venue code as a QR',
        produces: ['application/pdf'],
        params: IdParams,
        response: { 200: PdfFile, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { pdf, model } = await posters.poster(userOf(req), req.params.id)
      const names = posterFileNames({ id: model.venueId, name: model.venueName })
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
        produces: ['application/pdf'],
        querystring: PostersQuery,
        response: { 200: PdfFile, ...ERRORS },
      },
    },
    async (req, reply) => {
      const ids = req.query.ids.split(',')
      const pdf = await posters.posters(userOf(req), ids)
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
