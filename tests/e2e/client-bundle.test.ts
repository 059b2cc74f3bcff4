import { describe, expect, it } from "vitest";

import { appUrl, newPerson } from "../support/app";
import { pageScripts, SERVER_AUTH_MARKERS, SESSION_CLIENT_MARKER } from "../support/client-bundle";
import { signUpDirect } from "../support/direct";

describe("the JavaScript a browser loads", () => {
  it("holds next-auth/react's session client and no server-side auth code, on every kind of page", async () => {
    const person = newPerson();
    const cookie = (await signUpDirect(person)).map((header) => header.split(";")[0]).join("; ");

    for (const [path, header] of [
      ["/login", ""],
      ["/dashboard", cookie],
      ["/profile", cookie],
    ] as const) {
      const scripts = await pageScripts(`${appUrl}${path}`, header);
      expect(scripts.files, path).toBeGreaterThan(0);
      expect(
        scripts.sources.some((source) => source.includes(SESSION_CLIENT_MARKER)),
        `${path}: session client`,
      ).toBe(true);
      const leaked = Object.entries(SERVER_AUTH_MARKERS).filter(([, marker]) =>
        scripts.sources.some((source) => source.includes(marker)),
      );
      expect(
        leaked.map(([name]) => name),
        path,
      ).toEqual([]);
    }
  });
});
