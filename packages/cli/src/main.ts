#!/usr/bin/env node
/**
 * `lianfang` — the operator's command: start / serve the node, migrate, seed, simulate a
 * population, generate database types, create users, verify the audit chain.
 */
import {
  startCommand,
  serveCommand,
  migrateCommand,
  auditVerifyCommand,
  createUserCommand,
} from './commands/server-commands.js'
import { dbTypesCommand } from './commands/db-types.js'
import { simulateCommand } from './commands/simulate.js'

const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; help: string }> = {
  start: { run: startCommand, help: 'migrate, seed the demo region if the database is empty, and serve' },
  serve: { run: serveCommand, help: 'migrate and serve (no demo seed)' },
  migrate: { run: migrateCommand, help: 'apply pending database migrations' },
  simulate: {
    run: simulateCommand,
    help: 'load a synthetic city: --people N --days D --seed S [--region CODE]',
  },
  'db-types': {
    run: dbTypesCommand,
    help: 'regenerate packages/server/src/db/schema.generated.ts [--check]',
  },
  'create-user': {
    run: createUserCommand,
    help: 'create a user: --username U --role ROLE --region CODE (password from LIANFANG_PASSWORD or stdin)',
  },
  'audit-verify': { run: auditVerifyCommand, help: 'recompute the audit hash chain' },
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
