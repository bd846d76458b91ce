// Counts what the application's database did while the benchmark sent requests, from
// PostgreSQL's cumulative statistics:
//   - pg_stat_database.xact_commit/xact_rollback: every statement Prisma sends outside an explicit
//     transaction is a transaction of its own;
//   - pg_stat_user_tables seq_scan + idx_scan: any read of an application table (the benchmark's
//     own statements read only system views, so they never show up here);
//   - pg_stat_statements.calls, when that extension is installed and loaded.
// Backends publish their counters when idle, at most every 10 s (PGSTAT_IDLE_INTERVAL) or when
// they exit, so every reading waits `settleMs` first, and each reading uses a new connection that
// closes afterwards. The reading's own transactions are measured with an idle interval and
// subtracted.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface Snapshot {
  at: string;
  xactCommit: number;
  xactRollback: number;
  tableScans: number;
  tupReturned: number;
  /** Connections opened to the database (pg_stat_database.sessions). */
  sessions: number;
  /** Autovacuum / autoanalyze runs on application tables: background work, not requests. */
  autovacuumRuns: number;
  statementCalls: number | null;
  clientBackends: number;
}

export type Delta = Omit<Snapshot, "at" | "clientBackends">;

// The URL of an embedded PostgreSQL started by scripts/start.ts, from its postmaster.pid (line 4
// is the port).
export function embeddedUrl(dataDir: string): string {
  const pidFile = path.join(path.resolve(dataDir), "postmaster.pid");
  let lines: string[];
  try {
    lines = readFileSync(pidFile, "utf8").split("\n");
  } catch {
    throw new Error(`${pidFile} not found: is the embedded PostgreSQL running on ${dataDir}?`);
  }
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${pidFile}: no port on line 4`);
  return `postgres://postgres:shuhai-local@127.0.0.1:${port}/shuhai`;
}

export async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url, application_name: "shuhai-bench" });
  await client.connect();
  try {
    // One transaction, so that all counters come from the same statistics snapshot.
    await client.query("BEGIN");
    const db = await client.query<{ c: string; r: string; t: string; s: string }>(
      `SELECT xact_commit AS c, xact_rollback AS r, tup_returned AS t, sessions AS s
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const scans = await client.query<{ n: string | null; v: string | null }>(
      `SELECT sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)) AS n,
              sum(autovacuum_count + autoanalyze_count) AS v
         FROM pg_stat_user_tables`,
    );
    const backends = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    await client.query("COMMIT");
    let statementCalls: number | null = null;
    try {
      const s = await client.query<{ n: string | null }>(
        `SELECT sum(calls) AS n FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT ILIKE '%pg_stat%' AND query NOT IN ('BEGIN', 'COMMIT')`,
      );
      statementCalls = Number(s.rows[0]?.n ?? 0);
    } catch {
      // Not installed (or not in shared_preload_libraries): the other counters still tell.
    }
    const row = db.rows[0];
    if (!row) throw new Error("pg_stat_database has no row for the current database");
    return {
      at: new Date().toISOString(),
      xactCommit: Number(row.c),
      xactRollback: Number(row.r),
      tupReturned: Number(row.t),
      tableScans: Number(scans.rows[0]?.n ?? 0),
      sessions: Number(row.s),
      autovacuumRuns: Number(scans.rows[0]?.v ?? 0),
      statementCalls,
      clientBackends: backends.rows[0]?.n ?? 0,
    };
  } finally {
    await client.end();
  }
}

export function diff(after: Snapshot, before: Snapshot): Delta {
  return {
    xactCommit: after.xactCommit - before.xactCommit,
    xactRollback: after.xactRollback - before.xactRollback,
    tableScans: after.tableScans - before.tableScans,
    tupReturned: after.tupReturned - before.tupReturned,
    sessions: after.sessions - before.sessions,
    autovacuumRuns: after.autovacuumRuns - before.autovacuumRuns,
    statementCalls:
      after.statementCalls === null || before.statementCalls === null
        ? null
        : after.statementCalls - before.statementCalls,
  };
}

export function minus(a: Delta, b: Delta): Delta {
  return {
    xactCommit: a.xactCommit - b.xactCommit,
    xactRollback: a.xactRollback - b.xactRollback,
    tableScans: a.tableScans - b.tableScans,
    tupReturned: a.tupReturned - b.tupReturned,
    sessions: a.sessions - b.sessions,
    autovacuumRuns: a.autovacuumRuns - b.autovacuumRuns,
    statementCalls: a.statementCalls === null || b.statementCalls === null ? null : a.statementCalls - b.statementCalls,
  };
}
