// The child process of the admin-paging section (./admin-paging.ts): creates its database, seeds, measures, prints
// JSON ({ figures, notes }) on stdout and drops the database, whatever happened.
import { performance } from "node:perf_hooks";

const name = process.env.BENCH_ADMIN_DATABASE!;
const USERS = Number(process.env.BENCH_ADMIN_USERS);
const RUNS = Number(process.env.BENCH_ADMIN_RUNS);
const log = (message: string) => console.error(`[bench] admin paging: ${message}`);

// The app's modules read the environment once, when first imported (../../tests/support/postgres.ts imports
// them too): point them at this database before importing any.
const { postgresAdminUrl } = await import("@tests/support/environment");
const url = new URL(postgresAdminUrl());
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
const { onAdminDatabase } = await import("@tests/support/postgres");

await onAdminDatabase(`create database "${name}"`);
try {
  const { sql } = await import("drizzle-orm");
  const { closeDb, getDb, openDatabase, queryCount } = await import("@/db");
  const { listUsersPage, usersPageStatement } = await import("@/db/admin-users");
  type Query = Parameters<typeof listUsersPage>[0];

  await (await openDatabase({ databaseUrl: process.env.DATABASE_URL, migrate: true })).close();
  const db = await getDb();

  let started = performance.now();
  // One statement: names from a small list (so a name search has many matches), emails unique and ordered by
  // number, creation times one second apart with every tenth one shared by two accounts (ties for the id).
  await db.execute(sql`
    insert into users (email, name, password_hash, role, created_at)
    select 'user' || lpad(i::text, 6, '0') || '@example.com',
           (array['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','John','Margaret','Ken'])[1 + i % 10]
             || ' ' || (array['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Backus','Hamilton','Thompson'])[1 + (i / 10) % 10],
           'x', 'user', timestamptz '2020-01-01 00:00:00+00' + ((i - i % 10 / 9) * interval '1 second')
    from generate_series(1, ${USERS}) as i`);
  const seedUsersMs = performance.now() - started;
  started = performance.now();
  // A tenth of the accounts signed in on one to three devices; some revoked, some past the lifetime.
  await db.execute(sql`
    insert into device_sessions (id, user_id, device, created_at, last_seen_at, revoked_at)
    select md5(u.id::text || n), u.id, 'Bench browser',
           now() - (case when n = 3 then interval '90 days' else interval '1 hour' end), now(),
           case when n = 2 then now() end
    from users u, generate_series(1, 3) as n
    where hashtext(u.id::text) % 10 = 0`);
  await db.execute(sql`analyze`);
  const seedSessionsMs = performance.now() - started;
  log(
    `seeded ${USERS} accounts in ${seedUsersMs.toFixed(0)} ms, their device sessions in ${seedSessionsMs.toFixed(0)} ms`,
  );

  const signedInSince = new Date(Date.now() - 30 * 86_400_000);
  const deep = (
    await db.execute(sql`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAt", id
    from users order by created_at, id offset ${Math.floor(USERS * 0.9)} limit 1`)
  ).rows[0] as { createdAt: string; id: string };
  // The accounts numbered 100·k … 100·k + 99, from the middle of the set.
  const emailPrefix = `user${String(Math.floor(USERS / 2))
    .padStart(6, "0")
    .slice(0, 4)}`;
  const firstSearchPage = await listUsersPage({ search: "grace", limit: 50, signedInSince });
  // The end of an account number and the @ after it, from inside the email: 5000@ matches 10 of 100,000 (and a
  // few in the smoke run's smaller set).
  const emailFragment = `${String(Math.floor(USERS / 20)).slice(-4)}@`;
  const fragmentMatches = Array.from(
    { length: USERS },
    (_, index) => `user${String(index + 1).padStart(6, "0")}@`,
  ).filter((email) => email.includes(emailFragment)).length;

  const cases: Array<[string, Query]> = [
    ["first page", { limit: 50, signedInSince }],
    [
      `a later page (cursor at row ${Math.floor(USERS * 0.9).toLocaleString("en")})`,
      { limit: 50, signedInSince, from: { direction: "after", key: deep } },
    ],
    ["a previous page from there", { limit: 50, signedInSince, from: { direction: "before", key: deep } }],
    [
      `search by email prefix (${emailPrefix}: 100 matches)`,
      { limit: 50, signedInSince, search: emailPrefix.toUpperCase() },
    ],
    [`search by name prefix (grace: ${USERS / 10} matches), first page`, { limit: 50, signedInSince, search: "grace" }],
    [
      "the same search, next page",
      {
        limit: 50,
        signedInSince,
        search: "grace",
        from: { direction: "after", key: firstSearchPage.rows.at(-1)!.key },
      },
    ],
    // Any part matches (pg_trgm): the middle of a name, the middle of an email, a domain that every account has.
    [`search inside a name (uring: ${USERS / 10} matches)`, { limit: 50, signedInSince, search: "uring" }],
    [
      `search inside an email (${emailFragment}: ${fragmentMatches} matches)`,
      { limit: 50, signedInSince, search: emailFragment },
    ],
    [`search for a part every email has (example.com: all match)`, { limit: 50, signedInSince, search: "example.com" }],
    ["search with no match (zzz)", { limit: 50, signedInSince, search: "zzz" }],
  ];

  const figures: Array<{ label: string; unit: string; runs: number[] }> = [];
  const notes: string[] = [
    `admin paging: ${USERS.toLocaleString("en")} accounts seeded in ${seedUsersMs.toFixed(0)} ms (one INSERT … SELECT generate_series), device sessions in ${seedSessionsMs.toFixed(0)} ms`,
  ];
  figures.push({
    label: `seed ${USERS.toLocaleString("en")} accounts (one statement)`,
    unit: "ms",
    runs: [seedUsersMs],
  });

  for (const [label, query] of cases) {
    await listUsersPage(query); // warm: the first call plans and fills the cache
    const times: number[] = [];
    const statements: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const before = queryCount();
      const start = performance.now();
      const page = await listUsersPage(query);
      times.push(performance.now() - start);
      statements.push(queryCount() - before);
      if (page.rows.length === 0 && !label.includes("no match")) throw new Error(`${label}: no rows`);
    }
    figures.push({ label: `${label}: time to the rows`, unit: "ms", runs: times });
    figures.push({ label: `${label}: statements sent`, unit: "statements", runs: statements });

    // The same statement, its parameters written in as literals (the driver's unnamed statement is planned
    // with its values too, so the plan is the one the app gets).
    const { sql: text, params } = usersPageStatement(db, query).toSQL();
    const literal = text.replace(/\$(\d+)/g, (_, index: string) => {
      const value = params[Number(index) - 1];
      return typeof value === "number" ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
    });
    if (process.env.BENCH_ADMIN_DEBUG)
      console.error(
        ((await db.execute(sql.raw(`explain (analyze) ${literal}`))).rows as Array<Record<string, string>>)
          .map((row) => row["QUERY PLAN"])
          .join("\n"),
      );
    const explained = await db.execute(sql.raw(`explain (analyze, buffers, format json) ${literal}`));
    const { Plan: plan, "Execution Time": executionMs } = (
      explained.rows[0] as { "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }
    )["QUERY PLAN"][0]!;
    notes.push(
      `${label}: ${describe(plan)}; executed in ${executionMs.toFixed(2)} ms on the server, ${plan["Shared Hit Blocks"] ?? 0} buffers hit, ${plan["Shared Read Blocks"] ?? 0} read`,
    );
  }
  console.log(JSON.stringify({ figures, notes }));
  await closeDb();
} finally {
  await onAdminDatabase(`drop database if exists "${name}" with (force)`);
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  "Parent Relationship"?: string;
  Plans?: PlanNode[];
}

/** "Limit → Index Scan using users_created_at_id_idx; indexes: …; no Seq Scan on users". */
function describe(plan: PlanNode): string {
  const nodes: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(visit);
  };
  visit(plan);
  const chain: string[] = [];
  for (let node: PlanNode | undefined = plan; node && chain.length < 4; node = node.Plans?.[0])
    chain.push(
      `${node["Parent Relationship"] === "SubPlan" ? "(per row) " : ""}${node["Node Type"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}`,
    );
  const indexes = [...new Set(nodes.flatMap((node) => (node["Index Name"] ? [node["Index Name"]] : [])))];
  const scans = nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]);
  return `${chain.join(" → ")}; indexes used: ${indexes.join(", ") || "none"}; ${scans.length ? `Seq Scan on ${scans.join(", ")}` : "no Seq Scan"}`;
}
