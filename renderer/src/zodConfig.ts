import { z } from 'zod'

// zod 4 probes `new Function('')` to decide whether to JIT-compile object parsers. Under our CSP
// (no eval of strings) that probe is blocked and reported as a violation on every start. Jitless mode
// skips the probe; renderer-side validation is tiny, so the JIT would buy nothing here.
// This module must be imported before anything that imports the contract (which builds schemas).
z.config({ jitless: true })
