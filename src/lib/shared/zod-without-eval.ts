// zod v4 compiles object parsers with `new Function` where it may, and finds out whether it may by trying once,
// when the first object schema is made. In the browser the Content-Security-Policy forbids eval (no
// 'unsafe-eval' in production), so the try is refused — zod catches that, but the browser still reports a
// securitypolicyviolation. `jitless` skips the try and the compiled parsers in the browser, where the forms'
// small schemas run fine interpreted. The server (no CSP) keeps the compiled parsers.
//
// Imported, for its effect, first thing by the schema modules the browser loads, before they make any schema.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
