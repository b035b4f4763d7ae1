import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchema, FastifySchemaCompiler } from 'fastify'

/**
 * Two validators: query strings, params and headers are text and are coerced to their
 * declared types ("?page=2" → 2); JSON bodies are not coerced, so `"name": 42` is a 400
 * rather than silently becoming "42". Unknown properties are rejected, never stripped.
 */
function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
    ...options,
  })
  addFormats.default(ajv)
  return ajv
}

const textAjv = makeAjv({ coerceTypes: 'array' })
const bodyAjv = makeAjv({ coerceTypes: false })

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object)
