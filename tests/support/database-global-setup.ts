// Runs once per integration run, in the main process. On PostgreSQL it creates a database of its own (a unique
// name, so concurrent runs never collide), migrates it with the committed migrations, and drops it afterwards.
// On PGlite there is nothing to share: each test file opens its own in-memory database, migrated on open.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";

import { openDatabase } from "@/db";

import { databaseUrlFor, onAdminDatabase } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (project.config.env?.TEST_DB_ENGINE !== "postgres") {
    project.provide("databaseUrl", "");
    return;
  }
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await onAdminDatabase(`create database "${name}"`);
  const url = databaseUrlFor(name);
  const database = await openDatabase({ databaseUrl: url, migrate: true });
  await database.close();
  project.provide("databaseUrl", url);

  return async () => {
    await onAdminDatabase(`drop database if exists "${name}" with (force)`);
  };
}
