// Built inside the project (with webpack: see bench/sections/bare-app.ts) so that it resolves the project's
// node_modules: the same Next.js and next-auth.
const config = {};

export default config;
