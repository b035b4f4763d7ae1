export * from './rule-set.js'
export * from './health-facts.js'
export * from './reasons.js'
export * from './compute-colour.js'
