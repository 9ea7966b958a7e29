import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { createOwnerDataSource, createRuntimeDataSource } from '../db/data-sources';
import { DEFAULT_DATABASE_LIMITS } from '../config/config';
import { inScopedTransaction } from '../db/tenant-transaction';
import { systemClock } from '../time/clock';
import { deriveRuntimePassword, runtimeUrlFromOwnerUrl } from '../db/runtime-role';
import { holidayScheduleSchema, type HolidayScheduleData } from './holiday-schedule';
import { writeHolidaySchedule } from './holiday-schedule.service';
import { recountProvisionalPeriods } from './provisional-recount';

/**
 * `npm run holidays:import -- file.json [more.json …]`: loads or corrects public-holiday
 * schedules, as `setHolidaySchedule` does, from files in the format the README describes
 * (one schedule object, or an array of them). Every schedule is checked first; one that
 * fails changes nothing. The schedules are written as the database owner (DATABASE_URL) in
 * one transaction, then each tenant's open provisional due times are counted again as the
 * runtime role (APP_DATABASE_URL, or derived from TOKEN_SECRET as the server does).
 */
const USAGE = `Usage: npm run holidays:import -- <schedule.json> [more.json ...]

Environment:
  DATABASE_URL      the owner connection the server runs its migrations with (required;
                    the database must have been started by the server once, so that it is migrated)
  TOKEN_SECRET      the server's token secret, from which the runtime role's password is derived,
  or APP_DATABASE_URL  the runtime role's connection: the recount runs as that role
  DATABASE_SESSION_URL  as for the server: a direct connection when DATABASE_URL leads to a
                    transaction pooler (the schedules are written over it)`;

class ImportError extends Error {}

function readSchedules(files: string[]): HolidayScheduleData[] {
  const schedules: HolidayScheduleData[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: cannot read it as JSON (${(error as Error).message})`);
      continue;
    }
    const entries = Array.isArray(content) ? content : [content];
    entries.forEach((entry, index) => {
      const parsed = holidayScheduleSchema.safeParse(entry);
      const where = Array.isArray(content) ? `${file}[${index}]` : file;
      if (parsed.success) schedules.push(parsed.data);
      else for (const issue of parsed.error.issues) problems.push(`${where}: ${issue.path.join('.') || 'schedule'}: ${issue.message}`);
    });
  }
  const seen = new Set<string>();
  for (const s of schedules) {
    const key = `${s.region} ${s.year}`;
    if (seen.has(key)) problems.push(`${key} is given twice`);
    seen.add(key);
  }
  if (problems.length) throw new ImportError(`Nothing was imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return schedules;
}

export async function importHolidaySchedules(
  files: string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<void> {
  if (files.length === 0) throw new ImportError(USAGE);
  const ownerUrl = env.DATABASE_URL;
  if (!ownerUrl) throw new ImportError(`DATABASE_URL is not set.\n\n${USAGE}`);
  const runtimeUrl =
    env.APP_DATABASE_URL || (env.TOKEN_SECRET ? runtimeUrlFromOwnerUrl(ownerUrl, deriveRuntimePassword(env.TOKEN_SECRET)) : null);
  if (!runtimeUrl) throw new ImportError(`Neither TOKEN_SECRET nor APP_DATABASE_URL is set.\n\n${USAGE}`);
  const pooled = Boolean(env.DATABASE_SESSION_URL) && env.DATABASE_SESSION_URL !== ownerUrl;
  const schedules = readSchedules(files);
  const loadedBy = `import by ${userInfo().username}`;

  const owner = createOwnerDataSource(env.DATABASE_SESSION_URL || ownerUrl);
  await owner.initialize();
  try {
    const [{ migrated }] = await owner.query(
      `SELECT to_regprocedure('set_holiday_schedule(text, int, jsonb, date[], text, text)') IS NOT NULL AS migrated`,
    );
    if (!migrated)
      throw new ImportError(
        'This database has no holiday schedules yet: start the server on it once (it applies the migrations), then import.',
      );
    await owner.transaction(async (manager) => {
      for (const schedule of schedules)
        await writeHolidaySchedule({ query: (sql, params) => manager.query(sql, params) }, schedule, loadedBy);
    });
  } finally {
    await owner.destroy();
  }
  for (const s of schedules) {
    print(
      `loaded ${s.region} ${s.year}: ${s.holidays.length} holidays, ${s.workingDays.length} make-up working days (source: ${s.source})`,
    );
  }

  const runtime: DataSource = createRuntimeDataSource(runtimeUrl, { ...DEFAULT_DATABASE_LIMITS, poolSize: 2 }, { pooled });
  await runtime.initialize();
  try {
    for (const s of schedules) {
      const recounted = await recountProvisionalPeriods(
        {
          lookup: (sql, params) => runtime.query(sql, params),
          inScope: (scope, work) => inScopedTransaction(runtime, systemClock, scope, work),
        },
        s,
        { userId: null },
      );
      print(
        `recounted on ${s.region} ${s.year}: ${recounted.clocks} provisional clocks and ${recounted.followUps} follow-up tasks in ${recounted.tenants} tenants`,
      );
    }
  } finally {
    await runtime.destroy();
  }
}

if (require.main === module) {
  // npm runs scripts from the project root: file names are taken from where the command was typed.
  const files = process.argv.slice(2).map((file) => resolve(process.env.INIT_CWD ?? process.cwd(), file));
  importHolidaySchedules(files, process.env, (line) => console.log(line)).then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof ImportError ? error.message : error);
      process.exit(error instanceof ImportError ? 2 : 1);
    },
  );
}
