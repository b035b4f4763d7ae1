export * from './slots.js'
export * from './test-days.js'
