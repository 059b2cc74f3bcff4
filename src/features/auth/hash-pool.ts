// bcrypt off the main thread. bcryptjs is pure JavaScript: a cost-12 hash is ~300 ms of CPU, and on the request
// thread it held every other request up to 100 ms at a time (`npm run bench`: p99 of a page view went from
// 33 ms to 1,322 ms while sign-ins ran; on these threads, 28 → 41 ms). A few worker threads do the hashing; the request thread only
// waits. Hand-written rather than piscina: Next bundles a worker only from `new Worker(new URL(...))` written
// out in the source, and a pool library takes a file name instead.
import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";

type Job =
  | { op: "hash"; password: string; cost: number }
  | { op: "compare"; password: string; hash: string };

interface Pending {
  job: Job;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

// One thread per spare core (the request thread keeps one), at least one, at most four.
const SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));

const idle: Worker[] = [];
const queue: Pending[] = [];
const running = new Map<Worker, Pending>();
let alive = 0;

function spawn(): Worker {
  // No inherited flags: a script's `--import ./x.ts` would make the thread load TypeScript it cannot run.
  const worker = new Worker(new URL("./bcrypt-worker.mjs", import.meta.url), { execArgv: [] });
  alive += 1;
  worker.on("message", (message: { result?: string | boolean; error?: string }) => {
    const pending = running.get(worker);
    running.delete(worker);
    if (pending) {
      if (message.error !== undefined) pending.reject(new Error(`bcrypt: ${message.error}`));
      else pending.resolve(message.result!);
    }
    release(worker);
  });
  worker.on("error", (error) => {
    // A crashed thread fails its own job only; a new one takes its place on demand.
    const pending = running.get(worker);
    running.delete(worker);
    alive -= 1;
    pending?.reject(error);
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

function dispatch(): void {
  while (queue.length) {
    const worker = idle.pop() ?? (alive < SIZE ? spawn() : undefined);
    if (!worker) return;
    const pending = queue.shift()!;
    running.set(worker, pending);
    worker.ref();
    worker.postMessage(pending.job); // one job per thread at a time: the answer needs no id
  }
}

function run<T extends string | boolean>(job: Job): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ job, resolve: resolve as (value: string | boolean) => void, reject });
    dispatch();
  });
}

/** How many hashing threads are alive (tests: proof that bcrypt ran off the main thread). */
export const hashThreadsAlive = (): number => alive;

export const bcryptHash = (password: string, cost: number) => run<string>({ op: "hash", password, cost });

export const bcryptCompare = (password: string, hash: string) => run<boolean>({ op: "compare", password, hash });
