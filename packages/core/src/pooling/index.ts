export * from './pooling.js'
