/** EU DCC (`HC1:`) verification. */
export * from './dcc-verify.js'
export * from './dcc-schema.js'
export * from './dsc-certificate.js'
export * from './hcert-json.js'
