import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Field encryption for personal identifiers (DESIGN.md "Data rules"): AES-256-GCM for the
 * stored value and HMAC-SHA-256 for exact look-up without decrypting. Both keys are derived
 * from the node's master secret with HKDF, so one secret is configured and rotated.
 *
 * Ciphertext layout: version (1 byte, 0x01) ‖ IV (12) ‖ ciphertext ‖ GCM tag (16).
 */
export class PiiCipher {
  private readonly encKey: Buffer
  private readonly macKey: Buffer

  constructor(masterSecret: Uint8Array) {
    if (masterSecret.length < 32) throw new RangeError('master secret must be at least 32 bytes')
    this.encKey = Buffer.from(hkdfSync('sha256', masterSecret, 'lianfang', 'pii-aes-256-gcm', 32))
    this.macKey = Buffer.from(hkdfSync('sha256', masterSecret, 'lianfang', 'pii-hmac-sha256', 32))
  }

  encrypt(plaintext: string): Buffer {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv)
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from([1]), iv, body, cipher.getAuthTag()])
  }

  decrypt(data: Uint8Array): string {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    if (buf.length < 29 || buf[0] !== 1) throw new Error('unknown ciphertext version')
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, buf.subarray(1, 13))
    decipher.setAuthTag(buf.subarray(buf.length - 16))
    return Buffer.concat([decipher.update(buf.subarray(13, buf.length - 16)), decipher.final()]).toString(
      'utf8',
    )
  }

  /** Keyed hash of an identity document for exact look-up: HMAC(type ':' number). */
  lookupHash(idType: string, idNumber: string): Buffer {
    return createHmac('sha256', this.macKey).update(`${idType}:${idNumber}`).digest()
  }

  /** A derived key for another purpose (session tokens, etc.). */
  static derive(masterSecret: Uint8Array, purpose: string): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', masterSecret, 'lianfang', purpose, 32))
  }
}
