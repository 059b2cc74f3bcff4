// Runs once when a server process starts (not during `next build`). The Node-only work lives in its own module,
// imported only on the Node runtime, so the Edge bundle never sees it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./instrumentation-node");
    await prepareServer();
  }
}
