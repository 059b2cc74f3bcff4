// Prettier: 120 columns, and imports sorted into groups (packages, then the app's aliases, then relative), as in
// taxonomy's config. `npm run format` writes; `npm run format:check` (CI) fails on any drift.
/** @type {import("prettier").Config & import("@ianvs/prettier-plugin-sort-imports").PluginConfig} */
const config = {
  printWidth: 120,
  plugins: ["@ianvs/prettier-plugin-sort-imports"],
  importOrder: [
    "<BUILTIN_MODULES>",
    "<THIRD_PARTY_MODULES>",
    "",
    "^(auth|auth\\.config)$",
    "^@/(.*)$",
    "^@tests/(.*)$",
    "",
    "^[.]",
  ],
  importOrderTypeScriptVersion: "5.9.3",
};

export default config;
