import { describe, expect, it } from 'vitest'
import { electronTargetDecision, NO_ELECTRON } from '../../support/electronTarget.ts'

describe('electronTargetDecision (Electron-target Playwright specs)', () => {
  it('runs wherever the Electron binary is installed', () => {
    expect(electronTargetDecision('/repo/node_modules/electron/dist/electron', { SPEAKLOOP_REQUIRE_ELECTRON: '1' })).toEqual({ run: true })
    expect(electronTargetDecision('/repo/node_modules/electron/dist/electron', {})).toEqual({ run: true })
  })

  it('reports itself skipped, with the reason, where there is no binary', () => {
    for (const value of [undefined, '', '0', 'false']) {
      expect(electronTargetDecision(null, { SPEAKLOOP_REQUIRE_ELECTRON: value })).toEqual({ run: false, skip: NO_ELECTRON })
    }
  })

  it('fails with that reason instead when SPEAKLOOP_REQUIRE_ELECTRON is set, as in the Electron workflow', () => {
    const decision = electronTargetDecision(null, { SPEAKLOOP_REQUIRE_ELECTRON: '1' })
    expect(decision).toEqual({ run: false, fail: expect.stringMatching(/^skipped: no Electron binary, and SPEAKLOOP_REQUIRE_ELECTRON=1 requires it/) })
  })
})
