// GET /whoami: who an access token from the app says you are. A second service as issue 18 means it: it shares no
// secret and no database with the app, only trusts the key set the app publishes. Plain Node, no build step.
//
//   JWKS_URL=http://localhost:3000/.well-known/jwks.json ISSUER=http://localhost:3000 AUDIENCE=… \
//     node examples/whoami-service/server.mjs          PORT (4000) and HOST (127.0.0.1) are optional
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

import { createVerifier } from "./verify.mjs";

function send(response, status, body, headers = {}) {
  // no-store on refusals too: a cache must not replay one person's answer, nor a 401 to a later, valid request.
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  response.end(JSON.stringify(body));
}

function refuse(response, error, log) {
  if (error.code === "ERR_JWKS_UNAVAILABLE") {
    // The cause's code (ERR_JWKS_TIMEOUT, ECONNREFUSED, …) is what an operator needs; the client learns only to retry.
    log(`whoami: 503 ${error.code} (${error.cause?.code ?? error.cause?.cause?.code ?? error.cause?.name})`);
    return send(response, 503, { error: "temporarily_unavailable", message: error.message });
  }
  log(`whoami: 401 ${error.code}`);
  // RFC 6750 §3.1: no error code in the challenge when the request carried no bearer token at all.
  const challenge = error.code === "ERR_BEARER_MISSING" ? "Bearer" : 'Bearer error="invalid_token"';
  // jose's messages are fixed strings (which check failed), never the token's contents or a stack.
  send(response, 401, { error: "invalid_token", message: error.message }, { "WWW-Authenticate": challenge });
}

export function startWhoami({
  jwksUrl,
  issuer,
  audience,
  port = 0,
  host = "127.0.0.1",
  log = (line) => console.warn(line),
}) {
  const verify = createVerifier({ jwksUrl, issuer, audience });

  async function handle(request, response) {
    if (request.url?.split("?")[0] !== "/whoami") {
      return send(response, 404, { error: "not_found", message: "this service answers GET /whoami only" });
    }
    if (request.method !== "GET") {
      return send(response, 405, { error: "method_not_allowed", message: "use GET" }, { Allow: "GET" });
    }
    let claims;
    try {
      claims = await verify(request.headers.authorization);
    } catch (error) {
      return refuse(response, error, log);
    }
    const { sub, role, sid, exp } = claims;
    send(response, 200, { sub, role, sid, expiresAt: new Date(exp * 1000).toISOString() });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      log(`whoami: 500 ${error?.code ?? error?.name}`);
      if (!response.headersSent) send(response, 500, { error: "internal_error", message: "something went wrong" });
      else response.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { address, port: bound } = server.address();
      const url = `http://${address.includes(":") ? `[${address}]` : address}:${bound}`;
      const close = () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done())));
      resolve({ url, close });
    });
  });
}

function fail(line) {
  console.error(`whoami: ${line}`);
  process.exit(1);
}

async function main() {
  const { JWKS_URL, ISSUER, AUDIENCE, PORT = "4000", HOST = "127.0.0.1" } = process.env;
  const missing = Object.entries({ JWKS_URL, ISSUER, AUDIENCE }).filter(([, value]) => !value);
  if (missing.length) fail(`set ${missing.map(([name]) => name).join(", ")} (see examples/whoami-service/README.md)`);
  if (!URL.canParse(JWKS_URL)) fail(`JWKS_URL is not a URL: ${JWKS_URL}`);
  const port = Number(PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT is not a port number: ${PORT}`);
  const options = { jwksUrl: JWKS_URL, issuer: ISSUER, audience: AUDIENCE, port, host: HOST };
  const { url } = await startWhoami(options).catch((error) => fail(`cannot listen on ${HOST}:${port} (${error.code})`));
  console.log(`whoami: ${url}/whoami, for tokens from ${ISSUER} to ${AUDIENCE}, keys from ${JWKS_URL}`);
}

// Run directly (not imported by a test): read the environment and listen.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
