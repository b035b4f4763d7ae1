/**
 * A worker thread that draws poster PDFs (issue #14: a batch of posters took the event loop for
 * seconds). It gets what each poster says (venue, signed code, signer) and answers with the PDF
 * bytes — the QR matrix, the font subsetting and pdfkit all run here, never on the server's loop.
 * One job at a time; started by PosterRenderPool (poster-pool.ts).
 */
import { parentPort } from 'node:worker_threads'
import { posterModel, type PosterInput } from './poster-layout.js'
import { renderPosters } from './poster-render.js'

export interface RenderJob {
  readonly id: number
  readonly inputs: readonly Omit<PosterInput, 'now'>[]
  /** When the PDF is made (ms since the epoch). */
  readonly now: number
}

export type RenderReply =
  | { readonly id: number; readonly ok: true; readonly pdf: Uint8Array; readonly missing: readonly number[] }
  | { readonly id: number; readonly ok: false; readonly message: string }

async function render(job: RenderJob): Promise<RenderReply> {
  try {
    const now = new Date(job.now)
    const missing = new Set<number>()
    const models = job.inputs.map((input) => posterModel({ ...input, now }))
    const pdf = await renderPosters(models, { now, onMissing: (cp) => missing.add(cp) })
    // Transferred, not copied: unless the bytes share an ArrayBuffer (Node's small-buffer pool).
    const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength
    return { id: job.id, ok: true, pdf: own ? pdf : new Uint8Array(pdf), missing: [...missing] }
  } catch (e) {
    return { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) }
  }
}

const port = parentPort
if (!port) throw new Error('poster-worker.ts runs as a worker thread (see poster-pool.ts)')
port.on('message', (job: RenderJob) => {
  void render(job).then((reply) => {
    if (reply.ok) port.postMessage(reply, [reply.pdf.buffer as ArrayBuffer])
    else port.postMessage(reply)
  })
})
