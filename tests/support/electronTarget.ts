/**
 * Whether an Electron-target spec runs, skips or fails. Where the Electron binary is not installed
 * (Electron 45 downloads it only on first use), the specs report themselves skipped with the
 * reason; `SPEAKLOOP_REQUIRE_ELECTRON=1` (set by the Electron workflow) turns that skip into a
 * failure with the same reason, so a machine that should run them can never pass by skipping.
 */
export const NO_ELECTRON = 'skipped: no Electron binary'

export type ElectronTargetDecision = { run: true } | { run: false; skip: string } | { run: false; fail: string }

/** The decision for one Electron-target spec, given the binary found (or null) and the environment. */
export function electronTargetDecision(binary: string | null, env: NodeJS.ProcessEnv): ElectronTargetDecision {
  if (binary) return { run: true }
  if (isSet(env.SPEAKLOOP_REQUIRE_ELECTRON)) {
    return { run: false, fail: `${NO_ELECTRON}, and SPEAKLOOP_REQUIRE_ELECTRON=1 requires it (install it with \`npx install-electron\`)` }
  }
  return { run: false, skip: NO_ELECTRON }
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}
