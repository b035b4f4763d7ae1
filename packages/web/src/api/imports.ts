/**
 * Tabular imports (`/api/imports/…`, docs/imports.md): upload a file for a preview, then confirm
 * it, by their contracts (`ImportRoutes`). The edge takes JSON only, so the file travels
 * base64-encoded.
 */
import { ImportRoutes, type ImportUploadBody } from '@lianfang/contracts'
import { call } from './call'

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
  preview: (kind: string, body: ImportUploadBody) => call(ImportRoutes.preview, { params: { kind }, body }),
  confirm: (previewId: string) => call(ImportRoutes.confirm, { params: { previewId } }),
}
