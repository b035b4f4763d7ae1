import { ErrorResponse, IMPORT_MAX_BYTES, ImportRoutes } from '@lianfang/contracts'
import { route } from '../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../http/route-kit.js'
import { decodeBase64, type ImportsService } from './imports.service.js'

/**
 * The upload flow (docs/imports.md; contracts: `ImportRoutes`): preview a file, then confirm the
 * preview. Each import kind has its own permission, checked by the service (the route cannot
 * name it statically); the edge's JSON-only and same-origin checks apply as to every other
 * state-changing request.
 */
export const importsRoutes: RoutePlugin<{ imports: ImportsService }> = async (app, { imports }) => {
  route(
    app,
    ImportRoutes.preview,
    (req) =>
      imports.preview(
        userOf(req),
        scopeOfRequest(req),
        req.params.kind,
        { filename: req.body.filename, bytes: decodeBase64(req.body.contentBase64) },
        req.body.regionCode,
      ),
    {
      // The file travels base64-encoded inside JSON: a third more than its size, and the envelope.
      bodyLimit: Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 64 * 1024,
      // Too large (413), neither CSV nor .xlsx (415).
      errors: { 413: ErrorResponse, 415: ErrorResponse },
    },
  )
  route(app, ImportRoutes.confirm, (req) =>
    imports.confirm(userOf(req), scopeOfRequest(req), req.params.previewId),
  )
}
