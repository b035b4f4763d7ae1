import {
  IMPORT_MAX_BYTES,
  ImportKindParams,
  ImportPreview,
  ImportPreviewParams,
  ImportResult,
  ImportUploadBody,
} from '@lianfang/contracts'
import { ERRORS, scopeOfRequest, userOf, type RoutePlugin } from '../http/route-kit.js'
import { decodeBase64, type ImportsService } from './imports.service.js'

/**
 * The upload flow (docs/imports.md): preview a file, then confirm the preview. Each import kind
 * has its own permission, checked by the service (the route cannot name it statically); the
 * edge's JSON-only and same-origin checks apply as to every other state-changing request.
 */
export const importsRoutes: RoutePlugin<{ imports: ImportsService }> = async (app, { imports }) => {
  const tags = ['imports']

  app.post(
    '/api/imports/:kind/preview',
    {
      config: { access: { authenticated: true } },
      // The file travels base64-encoded inside JSON: a third more than its size, and the envelope.
      bodyLimit: Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 64 * 1024,
      schema: {
        tags,
        summary: 'Check a CSV or .xlsx file for an import and keep it as a preview to confirm',
        params: ImportKindParams,
        body: ImportUploadBody,
        response: { 200: ImportPreview, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
      },
    },
    (req) =>
      imports.preview(
        userOf(req),
        scopeOfRequest(req),
        req.params.kind,
        { filename: req.body.filename, bytes: decodeBase64(req.body.contentBase64) },
        req.body.regionCode,
      ),
  )

  app.post(
    '/api/imports/:previewId/confirm',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Import the valid rows of your preview, in one transaction with one audit record',
        params: ImportPreviewParams,
        response: { 200: ImportResult, ...ERRORS },
      },
    },
    (req) => imports.confirm(userOf(req), scopeOfRequest(req), req.params.previewId),
  )
}
