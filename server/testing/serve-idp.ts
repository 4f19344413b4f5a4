/**
 * The test identity provider as a process of its own, for the e2e web servers:
 *
 *   IDP_PORT=4331 IDP_APP_URLS=http://127.0.0.1:4330 node --import tsx server/testing/serve-idp.ts
 *
 * Serves `/.well-known/openid-configuration` on 127.0.0.1; exits on SIGTERM.
 */
import { startTestIdentityProvider } from './identity-provider';

const idp = await startTestIdentityProvider({
  port: Number(process.env.IDP_PORT ?? 0),
  appUrls: (process.env.IDP_APP_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
});
console.log(`Test identity provider on ${idp.issuer}`);
const stop = () => void idp.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
