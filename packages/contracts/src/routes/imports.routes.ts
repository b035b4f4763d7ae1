import {
  ImportKindParams,
  ImportPreview,
  ImportPreviewParams,
  ImportResult,
  ImportUploadBody,
} from '../imports.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['imports']

/**
 * Tabular imports (docs/imports.md): preview a file, then confirm the preview. Each import kind
 * has its own permission, checked by the service (the route cannot name it statically), so the
 * routes only ask for a session. The file travels base64-encoded inside JSON (the edge takes JSON
 * only); the server gives the preview its own body limit and answers 413 (too large) and 415
 * (neither CSV nor .xlsx).
 */
export const ImportRoutes = {
  preview: defineRoute({
    method: 'POST',
    path: '/api/imports/:kind/preview',
    summary: 'Check a CSV or .xlsx file for an import and keep it as a preview to confirm',
    params: ImportKindParams,
    body: ImportUploadBody,
    response: { 200: ImportPreview },
    access: { authenticated: true },
    tags,
  }),
  confirm: defineRoute({
    method: 'POST',
    path: '/api/imports/:previewId/confirm',
    summary: 'Import the valid rows of your preview, in one transaction with one audit record',
    params: ImportPreviewParams,
    response: { 200: ImportResult },
    access: { authenticated: true },
    tags,
  }),
} as const
