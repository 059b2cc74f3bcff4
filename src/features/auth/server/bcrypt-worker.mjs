// The body of a hashing thread (see ./hash-pool.ts). Plain JavaScript on purpose: Next bundles it as a worker
// entry, and tests and scripts run it straight from the source tree, where Node 20 cannot run TypeScript.
// Synchronous bcrypt is right here: this thread does nothing else.
import { parentPort } from "node:worker_threads";
import bcrypt from "bcryptjs";

parentPort.on("message", ({ op, password, hash, cost }) => {
  try {
    const result = op === "hash" ? bcrypt.hashSync(password, cost) : bcrypt.compareSync(password, hash);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
