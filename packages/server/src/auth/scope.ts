import { DomainError, isInRegion, regionPrefix } from '@lianfang/core'
import type { SessionUser } from './session-user.js'

/**
 * Region-subtree scope: a user sees records of their own region and everything under it.
 * A citizen's scope is their own person record only, checked separately.
 */
export function scopePrefix(user: SessionUser): string {
  return regionPrefix(user.regionCode)
}

export function inScope(user: SessionUser, regionCode: string): boolean {
  return isInRegion(regionCode, user.regionCode)
}

export function assertInScope(user: SessionUser, regionCode: string, what: string): void {
  if (!inScope(user, regionCode)) {
    throw new DomainError('OUT_OF_SCOPE', `${what} is outside your region (${user.regionCode})`)
  }
}
