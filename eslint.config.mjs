import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const eslintConfig = [
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "tests/.artifacts/**", "bench/results.json", "bench/bare-app/.next/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
];

export default eslintConfig;
