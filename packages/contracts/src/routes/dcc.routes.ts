import { Type } from '@sinclair/typebox'
import { IdParams } from '../common.schema.js'
import {
  DccSigner,
  DccSignerAddBody,
  DccSignerRemoveBody,
  DccVerifyBody,
  DccVerifyResult,
} from '../dcc.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['eu dcc']
const nodeKeys = { permission: 'node:keys' } as const

/**
 * EU Digital COVID Certificates (`HC1:`): verification against the node's trust list of
 * document signer certificates, and that list (node-wide; changed by the node's operators).
 */
export const DccRoutes = {
  verify: defineRoute({
    method: 'POST',
    path: '/api/dcc/verify',
    summary: 'Verify an EU DCC (HC1: QR text) against the trust list',
    description:
      'Always 200 when the request is well-formed: `ok` false names the `stage` where it stopped ' +
      '(prefix, base45, zlib, cose, cbor, signature, expiry, keyusage, schema). Nothing of the ' +
      'holder is stored; the audit trail records who verified, the outcome and the issuing country.',
    body: DccVerifyBody,
    response: { 200: DccVerifyResult },
    access: { permission: 'code:verify' },
    tags,
  }),
  signers: defineRoute({
    method: 'GET',
    path: '/api/dcc/signers',
    summary: 'The document signer certificates this node trusts (not removed)',
    response: { 200: Type.Array(DccSigner) },
    access: nodeKeys,
    tags,
  }),
  addSigner: defineRoute({
    method: 'POST',
    path: '/api/dcc/signers',
    summary: 'Trust a document signer certificate (PEM); node operators only',
    description:
      'Only an admin of the node region. 400 when the text holds no X.509 certificate with a ' +
      'usable key; 409 when a live signer has the same kid.',
    body: DccSignerAddBody,
    response: { 201: DccSigner },
    access: nodeKeys,
    tags,
  }),
  removeSigner: defineRoute({
    method: 'POST',
    path: '/api/dcc/signers/:id/remove',
    summary: 'Stop trusting a document signer (with a reason); node operators only',
    params: IdParams,
    body: DccSignerRemoveBody,
    response: { 200: Type.Array(DccSigner) },
    access: nodeKeys,
    tags,
  }),
} as const
