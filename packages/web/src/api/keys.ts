/**
 * The node's signing keys (`/api/keys`): calls, query keys and hooks, through the shared
 * `request` of client.ts. Rotating and revoking carry the confirmation (the kid typed again) and
 * a reason; the server refuses them (403) to anyone but an admin of the node region.
 */
import { useQuery } from '@tanstack/react-query'
import type { KeyChangeBody, KeyInfo, KeysAccess } from '@lianfang/contracts'
import { request } from './client'

export const keysApi = {
  list: () => request<KeyInfo[]>('GET', '/api/keys'),
  access: () => request<KeysAccess>('GET', '/api/keys/access'),
  rotate: (body: KeyChangeBody) => request<KeyInfo[]>('POST', '/api/keys/rotate', body),
  revoke: (kid: string, body: KeyChangeBody) =>
    request<KeyInfo[]>('POST', `/api/keys/${encodeURIComponent(kid)}/revoke`, body),
}

export const keysKeys = {
  all: ['keys'] as const,
  list: ['keys', 'list'] as const,
  access: ['keys', 'access'] as const,
}

export function useSigningKeys() {
  return useQuery({ queryKey: keysKeys.list, queryFn: keysApi.list })
}

export function useKeysAccess() {
  return useQuery({ queryKey: keysKeys.access, queryFn: keysApi.access })
}
