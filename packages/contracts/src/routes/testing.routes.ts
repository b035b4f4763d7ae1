import { AntibodyResultBody, FactCreated, NatResultBody } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

/** Nucleic-acid test results (核酸结果) and serum antibody results (抗体检测). */
export const TestingRoutes = {
  enterNatResult: defineRoute({
    method: 'POST',
    path: '/api/nat-results',
    summary: 'A nucleic-acid test result for a person',
    body: NatResultBody,
    response: { 201: FactCreated },
    access: { permission: 'nat:enter' },
    tags: ['testing'],
  }),
  enterAntibodyResult: defineRoute({
    method: 'POST',
    path: '/api/antibody-results',
    summary:
      'A serum IgM/IgG antibody result for a person (CASE.SUSPECT.EXCLUDE counts those sampled ≥ 7 days after onset)',
    body: AntibodyResultBody,
    response: { 201: FactCreated },
    access: { permission: 'nat:enter' },
    tags: ['testing'],
  }),
} as const
