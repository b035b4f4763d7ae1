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

/**
 * The node's operators: admins of the region the node itself serves (`LIANFANG_NODE_REGION`).
 * Node-wide things — the signing keys, records with no region (the system's, failed sign-ins),
 * messages to numbers not yet tied to a region — are theirs alone, not every city's admins'.
 */
export function isNodeOperator(user: SessionUser, nodeRegion: string): boolean {
  return user.role === 'admin' && user.regionCode === nodeRegion
}
