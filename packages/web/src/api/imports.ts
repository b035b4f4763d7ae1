/**
 * Tabular imports (`/api/imports/…`, docs/imports.md): upload a file for a preview, then confirm
 * it, through the shared `request` of client.ts. The edge takes JSON only, so the file travels
 * base64-encoded.
 */
import type { ImportPreview, ImportResult, ImportUploadBody } from '@lianfang/contracts'
import { request } from './client'

/** A file's bytes as base64 (in chunks: `String.fromCharCode(...bytes)` overflows the stack on big files). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export const importsApi = {
  preview: (kind: string, body: ImportUploadBody) =>
    request<ImportPreview>('POST', `/api/imports/${encodeURIComponent(kind)}/preview`, body),
  confirm: (previewId: string) =>
    request<ImportResult>('POST', `/api/imports/${encodeURIComponent(previewId)}/confirm`),
}
