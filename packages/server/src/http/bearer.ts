import { timingSafeEqual } from 'node:crypto'

/** True when `Authorization: Bearer <token>` carries the configured token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice('Bearer '.length))
  const want = Buffer.from(token)
  return given.length === want.length && timingSafeEqual(given, want)
}
