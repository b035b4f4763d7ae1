import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config/config.js'
import { buildApp, createServices } from '../app.js'
import { openDatabase, type Database } from './database.js'
import { migrate } from './migrate.js'

const SCRIPT = fileURLToPath(new URL('../../../../scripts/db-least-privilege.sql', import.meta.url))
const url = process.env['TEST_DATABASE_URL']

/**
 * Issue #14: the API connected as the table owner, so its own credentials could disable the
 * audit log's triggers. With scripts/db-least-privilege.sql it runs as a role that owns nothing:
 * the node works (sign-in, a person, the audit chain, check-in partitions made and dropped),
 * and the audit log cannot be altered, emptied, or have its trigger switched off.
 */
describe.skipIf(!url)('a least-privilege application role on PostgreSQL', () => {
  const schema = `t_lp_${randomBytes(5).toString('hex')}`
  const role = `lf_app_${randomBytes(5).toString('hex')}`
  let owner: Database
  let app: Database
  let appUrl: string
  beforeAll(async () => {
    if (!url) return
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    await admin.end()
    owner = await openDatabase({ url, schema, poolSize: 2 })
    await migrate(owner)
    await promisify(execFile)('psql', [
      url,
      '-q',
      '-v',
      `app_role=${role}`,
      '-v',
      `schema=${schema}`,
      '-f',
      SCRIPT,
    ])
    const u = new URL(url)
    u.username = role
    u.password = ''
    appUrl = u.toString()
    app = await openDatabase({ url: appUrl, schema, poolSize: 3 })
  })
  afterAll(async () => {
    await app.close()
    await owner.close()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    await admin.query(`DROP OWNED BY ${role}`)
    await admin.query(`DROP ROLE ${role}`)
    await admin.end()
  })

  it('runs the node: migrations up to date, sign-in, a person, partitions made and dropped, the chain whole', async () => {
    expect(await migrate(app)).toEqual([])
    const config = loadConfig({
      LIANFANG_SECRET: 'b'.repeat(64),
      LIANFANG_DATA_DIR: tmpdir(),
      LOG_LEVEL: 'silent',
      LIANFANG_WEB_DIR: '/nonexistent',
    })
    const services = createServices(config, app)
    const fastify = await buildApp(config, services, { logger: false })
    await fastify.ready()
    try {
      await services.regionsRepo.insertMissing([
        { code: '420000', parentCode: null, level: 'province', name: '湖北省' },
        { code: '420100', parentCode: '420000', level: 'city', name: '武汉市' },
      ])
      await services.auth.createUser(null, {
        username: 'lp-admin',
        displayName: 'lp',
        password: 'a-long-password-1',
        role: 'admin',
        regionCode: '420100',
      })
      const login = await fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'lp-admin', password: 'a-long-password-1' },
      })
      expect(login.statusCode).toBe(200)
      const cookie = `lf_session=${login.cookies.find((c) => c.name === 'lf_session')?.value ?? ''}`
      const person = await fastify.inject({
        method: 'POST',
        url: '/api/persons',
        headers: { cookie },
        payload: { name: '最小权限', idType: 'passport', idNumber: 'E98765432', regionCode: '420100' },
      })
      expect(person.statusCode).toBe(201)
      const made = await sql<{ p: string }>`select ensure_checkin_partition('2020-01-02'::date) as p`.execute(
        app.db,
      )
      expect(made.rows[0]?.p).toBe('checkins_20200102')
      const dropped = await sql<{
        d: boolean
      }>`select drop_checkin_partition('checkins_20200102') as d`.execute(app.db)
      expect(dropped.rows[0]?.d).toBe(true)
      const v = await services.audit.verify()
      expect(v.ok).toBe(true)
      expect(v.checked).toBeGreaterThan(1)
    } finally {
      await fastify.close()
    }
  })

  it('cannot switch off the audit trigger, edit, empty or drop the audit log, or create tables', async () => {
    const refused = [
      sql`alter table audit_log disable trigger all`,
      sql`alter table audit_log disable trigger audit_log_no_update`,
      sql`update audit_log set reason = 'x'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`drop table audit_log`,
      sql`create table mine (x int)`,
      sql`drop function drop_checkin_partition(text)`,
    ]
    for (const statement of refused) {
      await expect(statement.execute(app.db)).rejects.toMatchObject({ code: '42501' })
    }
    // The definer function reaches check-in day partitions and nothing else.
    await expect(sql`select drop_checkin_partition('audit_log')`.execute(app.db)).rejects.toMatchObject({
      code: '22023',
    })
  })
})
