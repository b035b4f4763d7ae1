import { useEffect, useRef, useState } from 'react'
import { Alert, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** The Shape Detection API's BarcodeDetector (Chrome on Android/macOS); not in the DOM typings. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<readonly { rawValue: string }[]>
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike
type Decoder = (video: HTMLVideoElement) => Promise<string | undefined>

const SCAN_EVERY_MS = 150
/** Frames are scaled down to this width for jsQR: enough for a phone-screen QR at arm's length. */
const FRAME_WIDTH = 640

type CameraProblem = 'denied' | 'missing' | 'busy' | 'other'

/** Why the camera did not open, from the DOMException's name (its message is the browser's English). */
function cameraProblem(e: unknown): CameraProblem {
  const name = e instanceof Error ? e.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing'
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy'
  return 'other'
}

async function createDecoder(): Promise<Decoder> {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector
  if (ctor) {
    const detector = new ctor({ formats: ['qr_code'] })
    return async (video) => (await detector.detect(video))[0]?.rawValue
  }
  const { default: jsQR } = await import('jsqr')
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (context === null) throw new Error('no 2D canvas')
  return async (video) => {
    const scale = Math.min(1, FRAME_WIDTH / video.videoWidth)
    canvas.width = Math.round(video.videoWidth * scale)
    canvas.height = Math.round(video.videoHeight * scale)
    context.drawImage(video, 0, 0, canvas.width, canvas.height)
    const frame = context.getImageData(0, 0, canvas.width, canvas.height)
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data
  }
}

/**
 * The rear camera with a QR decoder: the BarcodeDetector API when the browser has it, jsQR on
 * canvas frames otherwise. Calls `onCode` with each decoded text (the same text at most once
 * every 3 s); while `paused`, frames are not decoded.
 */
export function CameraScanner({
  onCode,
  paused,
  hint,
}: {
  onCode: (text: string) => void
  paused: boolean
  /** What to point the camera at; the health code by default. */
  hint?: string
}) {
  const { t } = useTranslation()
  const video = useRef<HTMLVideoElement>(null)
  const [problem, setProblem] = useState<CameraProblem>()
  const latest = useRef({ onCode, paused })
  latest.current = { onCode, paused }

  useEffect(() => {
    let stopped = false
    let stream: MediaStream | undefined
    let timer: number | undefined
    let last = { text: '', at: 0 }
    void (async () => {
      try {
        if (!('mediaDevices' in navigator)) throw new Error('no camera API (needs HTTPS)')
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        })
        const element = video.current
        if (stopped || element === null) return
        element.srcObject = stream
        await element.play()
        const decode = await createDecoder()
        const tick = async () => {
          if (stopped) return
          if (!latest.current.paused && element.readyState >= 2 && element.videoWidth > 0) {
            const text = await decode(element).catch(() => undefined)
            const now = Date.now()
            if (text !== undefined && text !== '' && (text !== last.text || now - last.at > 3000)) {
              last = { text, at: now }
              latest.current.onCode(text)
            }
          }
          timer = window.setTimeout(() => void tick(), SCAN_EVERY_MS)
        }
        void tick()
      } catch (e) {
        if (!stopped) setProblem(cameraProblem(e))
      }
    })()
    return () => {
      stopped = true
      window.clearTimeout(timer)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [])

  if (problem !== undefined)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('checkpoint.cameraUnavailable', { reason: t(`checkpoint.camera.${problem}`) })}
      />
    )
  return (
    <div style={{ position: 'relative' }} data-testid="camera">
      <video
        ref={video}
        muted
        playsInline
        style={{ width: '100%', maxHeight: '50vh', objectFit: 'cover', borderRadius: 12, background: '#000' }}
      />
      <div
        aria-hidden
        style={{
          position: 'absolute',
          inset: '15%',
          border: '3px solid rgba(255,255,255,0.85)',
          borderRadius: 12,
          pointerEvents: 'none',
        }}
      />
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: 4 }}>
        {hint ?? t('checkpoint.cameraHint')}
      </Typography.Text>
    </div>
  )
}
