// bcrypt off the main thread. bcryptjs is pure JavaScript: a hash is long, synchronous CPU work, and on the request
// thread it held every other request up while it ran. A few worker threads do the hashing; the
// request thread only waits. Hand-written rather than piscina: Next bundles a worker only from
// `new Worker(new URL(...))` written out in the source, and a pool library takes a file name instead.
//
// The queue is bounded by the wait it promises. Sign-in attempts are cheap to send and dear to answer, so a flood
// of them (at unknown emails, from many addresses: nothing else stops those) must not make every sign-in wait
// behind it: past MAX_QUEUE_WAIT_MS the pool refuses at once (HashPoolBusyError) and the caller answers "busy".
// People who are signed in (confirming their password in settings) have a lane of their own that goes first.
import "server-only";

import os from "node:os";
import { Worker } from "node:worker_threads";

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };

/** Whose work it is: a signed-in person's goes ahead of anonymous sign-in and sign-up attempts. */
export type Lane = "signed-in" | "anonymous";

interface Pending {
  job: Job;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

/** The longest a new job may expect to wait for a thread before the pool refuses it instead. */
export const MAX_QUEUE_WAIT_MS = 2_000;
/** A hard cap as well, for the moments before the first job has been timed. */
const MAX_QUEUED = 64;

// One thread per spare core (the request thread keeps one), at least one, at most four.
const SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));

export class HashPoolBusyError extends Error {
  override name = "HashPoolBusyError";
  constructor(readonly retryAfterSeconds: number) {
    super(`the hashing queue is full (a new job would wait about ${retryAfterSeconds} s)`);
  }
}

/**
 * The pool's state, one per process. Next.js bundles each route and page on its own, each with its own copy of
 * this module; kept on globalThis, every copy shares these threads and this queue, so the bound holds for the
 * whole process (a flood at the credentials API fills the same queue the sign-in form waits in).
 */
interface PoolState {
  idle: Worker[];
  queues: Record<Lane, Pending[]>;
  running: Map<Worker, { pending: Pending; startedAt: number }>;
  alive: number;
  jobsStarted: number;
  /** Moving average of how long one job takes on a thread; undefined until the first one finishes. */
  averageJobMs: number | undefined;
}
const globalForPool = globalThis as typeof globalThis & { __authHashPool?: PoolState };
const pool: PoolState = (globalForPool.__authHashPool ??= {
  idle: [],
  queues: { "signed-in": [], anonymous: [] },
  running: new Map(),
  alive: 0,
  jobsStarted: 0,
  averageJobMs: undefined,
});
const { idle, queues, running } = pool;

function spawn(): Worker {
  // No inherited flags: a script's `--import ./x.ts` would make the thread load TypeScript it cannot run.
  const worker = new Worker(new URL("./bcrypt-worker.mjs", import.meta.url), { execArgv: [] });
  pool.alive += 1;
  worker.on("message", (message: { result?: string | boolean; error?: string }) => {
    const entry = running.get(worker);
    running.delete(worker);
    if (entry) {
      const ms = performance.now() - entry.startedAt;
      pool.averageJobMs = pool.averageJobMs === undefined ? ms : pool.averageJobMs * 0.8 + ms * 0.2;
      if (message.error !== undefined) entry.pending.reject(new Error(`bcrypt: ${message.error}`));
      else entry.pending.resolve(message.result!);
    }
    release(worker);
  });
  worker.on("error", (error) => {
    // A crashed thread fails its own job only; a new one takes its place on demand.
    const entry = running.get(worker);
    running.delete(worker);
    pool.alive -= 1;
    entry?.pending.reject(error);
    dispatch();
  });
  return worker;
}

/** An idle thread must not keep a script or test process alive; a busy one must. */
function release(worker: Worker): void {
  worker.unref();
  idle.push(worker);
  dispatch();
}

const queued = (): number => queues["signed-in"].length + queues.anonymous.length;

function nextPending(): Pending | undefined {
  return queues["signed-in"].shift() ?? queues.anonymous.shift();
}

function dispatch(): void {
  while (queued() > 0) {
    const worker = idle.pop() ?? (pool.alive < SIZE ? spawn() : undefined);
    if (!worker) return;
    const pending = nextPending()!;
    running.set(worker, { pending, startedAt: performance.now() });
    pool.jobsStarted += 1;
    worker.ref();
    worker.postMessage(pending.job); // one job per thread at a time: the answer needs no id
  }
}

/** How long a job joining `lane` now would wait for a thread: the jobs ahead of it, a round per SIZE threads. */
function expectedWaitMs(lane: Lane): number {
  const ahead = running.size + queues["signed-in"].length + (lane === "anonymous" ? queues.anonymous.length : 0);
  return Math.floor(ahead / SIZE) * (pool.averageJobMs ?? 0);
}

/**
 * Undefined when a job may join `lane` now; otherwise the refusal it would get. Callers ask before any database
 * work, so that a flood costs no more than this check.
 */
export function hashPoolRefusal(lane: Lane = "anonymous"): HashPoolBusyError | undefined {
  const wait = expectedWaitMs(lane);
  if (wait <= MAX_QUEUE_WAIT_MS && queued() < MAX_QUEUED) return undefined;
  return new HashPoolBusyError(Math.max(1, Math.ceil(wait / 1000)));
}

function run<T extends string | boolean>(job: Job, lane: Lane): Promise<T> {
  const refused = hashPoolRefusal(lane);
  if (refused) return Promise.reject(refused);
  return new Promise<T>((resolve, reject) => {
    queues[lane].push({ job, resolve: resolve as (value: string | boolean) => void, reject });
    dispatch();
  });
}

/** What the pool is doing (tests: proof that bcrypt ran off the main thread, and how many jobs ran). */
export function hashPoolStats() {
  const { alive: threads, jobsStarted, averageJobMs } = pool;
  return { size: SIZE, threads, running: running.size, queued: queued(), jobsStarted, averageJobMs };
}

export const bcryptHash = (password: string, cost: number, lane: Lane = "anonymous") =>
  run<string>({ op: "hash", password, cost }, lane);

export const bcryptCompare = (password: string, hash: string, lane: Lane = "anonymous") =>
  run<boolean>({ op: "compare", password, hash }, lane);
