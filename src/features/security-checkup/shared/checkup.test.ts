import { describe, expect, it } from "vitest";

import { ROUTES } from "@/config/routes";

import { checkupItems, FEW_RECOVERY_CODES, type SecurityFacts } from "./checkup";

const NOTHING: SecurityFacts = {
  emailVerified: false,
  twoFactorOn: false,
  recoveryCodesLeft: 0,
  passkeys: 0,
  activeSessions: 1,
};
const EVERYTHING: SecurityFacts = {
  emailVerified: true,
  twoFactorOn: true,
  recoveryCodesLeft: 10,
  passkeys: 2,
  activeSessions: 3,
};

const byKey = (facts: SecurityFacts) => Object.fromEntries(checkupItems(facts).map((item) => [item.key, item]));

describe("the security checkup", () => {
  it("lists the email first (two-factor needs it), then two-factor, passkeys and devices", () => {
    expect(checkupItems(NOTHING).map((item) => item.key)).toEqual(["email", "two-factor", "passkeys", "devices"]);
  });

  it("an account with nothing: three steps to take, each linking where it is taken", () => {
    const items = byKey(NOTHING);
    expect(items.email).toMatchObject({ status: "todo", title: "Verify your email" });
    expect(items.email!.link.href).toBe(ROUTES.settingsAccount.path);
    expect(items["two-factor"]).toMatchObject({
      status: "todo",
      link: { href: ROUTES.settingsSecurity.path, label: "Set up two-factor" },
    });
    expect(items.passkeys).toMatchObject({
      status: "todo",
      link: { href: ROUTES.settingsSecurity.path, label: "Add a passkey" },
    });
    expect(items.devices).toMatchObject({ status: "ok", title: "Signed in on 1 device" });
  });

  it("an account with everything: nothing to do, and the counts said", () => {
    const items = byKey(EVERYTHING);
    expect(Object.values(items).every((item) => item.status === "ok")).toBe(true);
    expect(items["two-factor"]!.detail).toBe("10 recovery codes left.");
    expect(items.passkeys!.title).toBe("2 passkeys");
    expect(items.devices!.title).toBe("Signed in on 3 devices");
    expect(items.devices!.link.href).toBe(ROUTES.settingsDevices.path);
  });

  it("two-factor with few recovery codes left: a step, a new set", () => {
    const few = byKey({ ...EVERYTHING, recoveryCodesLeft: FEW_RECOVERY_CODES - 1 })["two-factor"]!;
    expect(few.status).toBe("todo");
    expect(few.detail).toContain(`${FEW_RECOVERY_CODES - 1} recovery codes left`);
    expect(byKey({ ...EVERYTHING, recoveryCodesLeft: 1 })["two-factor"]!.detail).toContain("1 recovery code left");
    expect(byKey({ ...EVERYTHING, recoveryCodesLeft: FEW_RECOVERY_CODES })["two-factor"]!.status).toBe("ok");
  });
});
