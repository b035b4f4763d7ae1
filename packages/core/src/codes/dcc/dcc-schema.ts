/**
 * JSON-schema validation of an hcert (claim −260/1) against the EU DCC schema of its `ver`
 * (eHN "Value Sets / JSON schema" specification; schemas vendored from
 * ehn-dcc-development/eu-dcc-schema, see schemas/README.md). JSON Schema draft 2020-12 via Ajv;
 * `format` is an annotation only, as in the EU reference tests.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import dgc110 from './schemas/dgc-1.1.0.combined-schema.js'
import dcc130 from './schemas/dcc-1.3.0.combined-schema.js'

type Json = Record<string, unknown>
type Family = '1.0' | '1.1' | '1.3.0' | '1.3.2'

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json

/** Derives the schema of a release family from the two vendored files (schemas/README.md). */
function schemaFor(family: Family): Json {
  const base = clone(family === '1.0' || family === '1.1' ? dgc110 : dcc130)
  // Two families derive from one file and so share its `$id`; Ajv refuses a second schema with an
  // id it holds already, which a long-lived verifier (the server) met on its second family. The
  // schemas reference only their own `#/$defs`, so they need no id.
  delete base.$id
  const props = base.properties as Record<string, Json>
  const defs = base.$defs as Record<string, Json>
  if (family === '1.0') props.dob = { type: 'string', pattern: '(19|20)\\d{2}-\\d{2}-\\d{2}' }
  if (family === '1.3.0' || family === '1.3.2') {
    const test = defs.test_entry
    if (test) test.required = (test.required as string[]).filter((k) => k !== 'tc')
  }
  if (family === '1.3.2') {
    const name = defs.person_name
    if (name) {
      delete name.required
      name.anyOf = [{ required: ['fnt'] }, { required: ['gnt'] }]
    }
  }
  return base
}

/** Which schema family an hcert `ver` selects; unknown versions use 1.3.0. */
export function dccSchemaFamily(ver: unknown): Family {
  const m = typeof ver === 'string' ? /^(\d+)\.(\d+)\.(\d+)$/.exec(ver) : null
  if (!m || m[1] !== '1') return '1.3.0'
  const minor = Number(m[2])
  const patch = Number(m[3])
  if (minor === 0 && patch <= 1) return '1.0'
  if (minor === 1 || (minor === 2 && patch <= 1)) return '1.1'
  if (minor === 3 && patch <= 1) return '1.3.0'
  if (minor === 3) return '1.3.2'
  return '1.3.0'
}

let ajv: Ajv2020 | undefined
const compiled = new Map<Family, ValidateFunction>()

/**
 * Validates an hcert (as JSON) against the schema of its `ver`. Also requires exactly one of
 * `v`/`t`/`r` for every version (eHN DCC specification: one certificate type per DCC).
 * Returns `undefined` when valid, else a short reason.
 */
export function dccSchemaProblem(hcert: unknown): string | undefined {
  if (typeof hcert !== 'object' || hcert === null || Array.isArray(hcert)) return 'hcert is not an object'
  const groups = ['v', 't', 'r'].filter((k) => k in hcert)
  if (groups.length !== 1) return 'an hcert must hold exactly one of v, t, r'
  const family = dccSchemaFamily((hcert as { ver?: unknown }).ver)
  let validate = compiled.get(family)
  if (!validate) {
    ajv ??= new Ajv2020({ strict: false, allErrors: false, validateFormats: false })
    validate = ajv.compile(schemaFor(family))
    compiled.set(family, validate)
  }
  if (validate(hcert)) return undefined
  const e = validate.errors?.[0]
  return e
    ? `${e.instancePath || '/'} ${e.message ?? 'is invalid'} (schema ${family})`
    : 'schema validation failed'
}
