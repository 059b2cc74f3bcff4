import { describe, expect, it } from "vitest";

import { ROUTES } from "@/config/routes";

import { SETTINGS_PAGES } from "./pages";

describe("the settings area's pages", () => {
  it("open at the first one: /settings lands where the navigation starts", () => {
    expect(ROUTES.settings.landsOn).toBe(SETTINGS_PAGES[0]?.route.path);
  });

  it("are each a page under /settings with the same access, listed once, with a label", () => {
    const paths = SETTINGS_PAGES.map(({ route }) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const { route, label } of SETTINGS_PAGES) {
      expect(route.path.startsWith(`${ROUTES.settings.path}/`)).toBe(true);
      expect(route.api).toBe(false);
      expect(route.access).toEqual(ROUTES.settings.access);
      expect(label.trim()).not.toBe("");
    }
  });
});
