// Resolves @lianfang/<pkg> to the workspace package's TypeScript sources (packages/<pkg>/src/index.ts)
// instead of its built dist/, so benchmarks always measure the code in the checkout (tsx compiles it).
const root = new URL('../packages/', import.meta.url)

export async function resolve(specifier, context, next) {
  const m = /^@lianfang\/(core|contracts|pdf|server)$/.exec(specifier)
  if (m) return next(new URL(`${m[1]}/src/index.ts`, root).href, context)
  return next(specifier, context)
}
