#!/usr/bin/env node
/**
 * `lianfang` — the operator's command: start / serve the node, migrate, seed, simulate a
 * population, generate database types, create users, verify the audit chain.
 */
// Commands load lazily: `verify-dcc` runs once per QR text in batch jobs and must not pay
// for loading the server.
const server = () => import('./commands/server-commands.js')

const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; help: string }> = {
  start: {
    run: async () => (await server()).startCommand(),
    help: 'migrate, seed the demo region if the database is empty, and serve',
  },
  serve: { run: async () => (await server()).serveCommand(), help: 'migrate and serve (no demo seed)' },
  migrate: { run: async () => (await server()).migrateCommand(), help: 'apply pending database migrations' },
  simulate: {
    run: async (a) => (await import('./commands/simulate.js')).simulateCommand(a),
    help: 'load a synthetic city: --people N --days D --seed S [--region CODE] [--checkin-share F]',
  },
  'db-types': {
    run: async (a) => (await import('./commands/db-types.js')).dbTypesCommand(a),
    help: 'regenerate packages/server/src/db/schema.generated.ts [--check]',
  },
  'create-user': {
    run: async (a) => (await server()).createUserCommand(a),
    help: 'create a user: --username U --role ROLE --region CODE [--person ID, required for a citizen] (password from LIANFANG_PASSWORD or stdin)',
  },
  verify: {
    run: async (a) => (await import('./commands/verify.js')).verifyCommand(a),
    help: 'verify an LF1 health code or LR1 test result offline (QR text on stdin): --trust-list FILE --root FILE [--status-list FILE]... [--at ISO_TIME] [--allow-missing-status]',
  },
  'verify-dcc': {
    run: async (a) => (await import('./commands/verify-dcc.js')).verifyDccCommand(a),
    help: 'verify an EU DCC (HC1: text on stdin): --cert DSC.pem --at ISO_TIME',
  },
  import: {
    run: async (a) => (await import('./commands/import.js')).importCommand(a),
    help: 'import a CSV or .xlsx file: import persons FILE [--region CODE] [--dry-run] (row problems on stderr)',
  },
  'audit-verify': {
    run: async () => (await server()).auditVerifyCommand(),
    help: 'recompute the audit hash chain',
  },
  'audit-head': {
    run: async (a) => (await import('./commands/audit-head.js')).auditHeadCommand(a),
    help: 'print the audit chain head signed by the node key [--id N]; --check FILE: compare a kept head',
  },
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv
  const command = name ? COMMANDS[name] : undefined
  if (!command) {
    const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(14)} ${c.help}`)
    process.stderr.write(`usage: lianfang <command> [options]\n\n${lines.join('\n')}\n`)
    process.exitCode = name && name !== 'help' && name !== '--help' ? 2 : 0
    return
  }
  await command.run(rest)
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`lianfang: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
