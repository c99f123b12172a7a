// Public surface of #health-checks: the credential health checks (one tester
// per credential kind, the registry that picks one, the bounded and scrubbed
// run), shared by the worker (queued and scheduled checks) and the API (a
// check of a credential before it is saved).
export { checkCredential } from './check-credential.js';
export { describeTarget } from './describe-target.js';
export { testerFor, type TesterInput } from './registry.js';
export { TestFailure, type TestOptions, type TestTarget, type Tester } from './tester.js';
export { REDACTED, scrubSecret, secretForms } from './scrub.js';
// Testers whose remote endpoint can be pointed elsewhere (tests aim them at loopback servers).
export { awsTester, stsEndpoint } from './aws.js';
export { AZURE_CLOUDS, azureTester } from './azure.js';
export { CLOUDFLARE_API, cloudflareTester } from './cloudflare.js';
export { testGcp } from './gcp.js';
export { NAMECHEAP_API, namecheapTester } from './namecheap.js';
export { signSigV4, type SigV4Request } from './sigv4.js';
export { sshFingerprint } from './ssh.js';
