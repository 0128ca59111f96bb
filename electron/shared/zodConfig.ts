import { z } from 'zod'

// zod 4 probes `new Function('')` when it builds an object schema, to decide whether to JIT-compile
// its parser. Under the renderer's CSP (no eval of strings) that probe is blocked and reported as a
// violation. Jitless mode skips the probe. Each shared module that builds schemas (the ones the
// renderer bundles) imports this file first, so the setting is in place however the renderer's
// bundle is split into chunks: a chunk of schemas can be evaluated before the entry's own code.
// In main, which has no such CSP, it applies from the first shared import on; small IPC payloads
// gain nothing from the JIT.
z.config({ jitless: true })
