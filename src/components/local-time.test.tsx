import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { LocalTime } from "./local-time";

describe("LocalTime", () => {
  it("renders the server's text (UTC) in a <time> with the machine-readable moment, before the browser runs", () => {
    const html = renderToString(<LocalTime iso="2026-01-05T10:02:00.000Z" text="Jan 5, 2026, 10:02 AM UTC" />);
    expect(html).toBe('<time dateTime="2026-01-05T10:02:00.000Z">Jan 5, 2026, 10:02 AM UTC</time>');
  });
});
