// What went into the Edge middleware bundle of the production build, read from the source maps of the files
// the middleware manifest lists. Used by the build-output tests (and the benchmark, for its size).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const NEXT_DIR = path.resolve(import.meta.dirname, "../../.next");

interface SourceMap {
  sources?: string[];
  sections?: Array<{ map: SourceMap }>;
}

function sourcesOf(map: SourceMap): string[] {
  return [...(map.sources ?? []), ...(map.sections ?? []).flatMap((section) => sourcesOf(section.map))];
}

function middlewareFiles(nextDir = NEXT_DIR): string[] {
  const manifest = JSON.parse(readFileSync(path.join(nextDir, "server/middleware-manifest.json"), "utf8"));
  const files: string[] = manifest.middleware?.["/"]?.files ?? [];
  return files.map((file) => path.join(nextDir, file));
}

/** Every module the middleware bundle was built from, as paths like `../../node_modules/jose/…`. */
export function middlewareSources(): string[] {
  return middlewareFiles()
    .filter((file) => existsSync(`${file}.map`))
    .flatMap((file) => sourcesOf(JSON.parse(readFileSync(`${file}.map`, "utf8"))).map(decodeURIComponent));
}

/** What the Edge runtime loads for the guard: the manifest's files, each gzipped as a CDN would serve it. */
export function middlewareSize(nextDir = NEXT_DIR): { files: number; rawBytes: number; gzipBytes: number } {
  const contents = middlewareFiles(nextDir).map((file) => readFileSync(file));
  return {
    files: contents.length,
    rawBytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
  };
}

/** Issue 6: the build fails above this (bytes, gzip). A bare Auth.js v5 middleware is 110 KB (`npm run bench`). */
export const MIDDLEWARE_GZIP_BUDGET = 120_000;
