export * from './venue-code.js'
export * from './decide-entry.js'
export * from './dwell.js'
