// CPU time of a process group, from /proc (Linux): user + system of every process in it, all threads included
// (so hashing threads and libuv's crypto pool count too). On a noisy 2-core machine, CPU milliseconds per
// request are far steadier than requests per second, and they are what a bill is made of.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux Node supports

/** Milliseconds of CPU the processes of group `pgid` have used so far; NaN where /proc is not there. */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return Number.NaN;
  }
  for (const pid of entries) {
    try {
      // Fields after the command name "(…)": state ppid pgrp … utime(14) stime(15), 1-based over the whole line.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}
