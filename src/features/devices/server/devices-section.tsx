// The Devices section of /settings: the person's live device sessions (one statement, the data this section
// exists to show), which of them is this browser, and the ways to sign them out.
import "server-only";

import { listDeviceSessions } from "@/db/device-sessions";
import type { DeviceSession } from "@/db/schema";
import { currentSession } from "@/features/auth/server/session";
import { DeviceList, SignOutOtherDevicesForm, type DeviceRow } from "@/features/devices/client/device-list";
import { SignOutEverywhereForm } from "@/features/settings/client/settings-forms";
import { formatIp } from "@/lib/shared/format-ip";
import { formatDateTime, formatSince } from "@/lib/shared/format-time";

import { signedInSince } from "./device-session";

function rowsOf(sessions: DeviceSession[], thisSession: string, now: Date): DeviceRow[] {
  const labels = sessions.map((session) => session.device);
  return sessions.map((session) => {
    const signedIn = { iso: session.createdAt.toISOString(), text: formatDateTime(session.createdAt) };
    const current = session.id === thisSession;
    // Two browsers of one kind read alike; their sign-in times tell the buttons apart.
    const alike = labels.filter((label) => label === session.device).length > 1;
    const which = current
      ? `this device (${session.device})`
      : alike
        ? `${session.device}, signed in ${signedIn.text}`
        : session.device;
    return {
      id: session.id,
      device: session.device,
      ip: session.ip === null ? null : formatIp(session.ip),
      signedIn,
      lastActive: { iso: session.lastSeenAt.toISOString(), text: formatSince(session.lastSeenAt, now) },
      current,
      signOutName: `Sign out ${which}`,
    };
  });
}

export async function DevicesSection({ userId }: { userId: string }) {
  const now = new Date();
  const [session, sessions] = await Promise.all([currentSession(), listDeviceSessions(userId, signedInSince(now))]);
  const rows = rowsOf(sessions, session?.sessionId ?? "", now);
  // This browser first, then the others, most recently active first (the query's order).
  rows.sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <section aria-labelledby="devices-heading" className="space-y-6">
      <div className="space-y-1">
        <h2 id="devices-heading" className="text-lg font-semibold">
          Devices
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The browsers signed in to your account. Last active is updated every few minutes.
        </p>
      </div>
      <DeviceList devices={rows} />
      <SignOutOtherDevicesForm others={rows.length - 1} />
      <SignOutEverywhereForm />
    </section>
  );
}
