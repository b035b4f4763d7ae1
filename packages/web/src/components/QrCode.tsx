import { QRCodeSVG } from 'qrcode.react'

/**
 * LF1 text as a QR code. LF1 is Base45, whose alphabet is exactly the QR alphanumeric set, so
 * the encoder uses alphanumeric mode (5.5 bits a character). Level M, a 4-module quiet zone.
 */
export function QrCode({
  text,
  size = 240,
  colour = '#000000',
  label,
}: {
  text: string
  size?: number
  colour?: string
  label: string
}) {
  return (
    <QRCodeSVG
      value={text}
      size={size}
      level="M"
      marginSize={4}
      fgColor={colour}
      bgColor="#ffffff"
      title={label}
      role="img"
      aria-label={label}
      data-testid="qr-code"
      data-qr={text}
      style={{ width: '100%', maxWidth: size, height: 'auto', display: 'block', margin: '0 auto' }}
    />
  )
}
