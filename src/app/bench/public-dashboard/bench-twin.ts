// The benchmark (`npm run bench`) compares /dashboard with a public twin of the same weight: the same component
// and the same data, so the only difference it measures is the auth guard and auth(). The bench signs up this
// person, and the twin renders them without asking who is signed in.
export const BENCH_TWIN_PATH = "/bench/public-dashboard";

export const BENCH_USER = { name: "Bench Person", email: "bench-person@example.com", role: "user" } as const;
