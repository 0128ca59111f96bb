import { describe, it, expect } from 'vitest'
import { analysisInfo, formatCost } from '../../../renderer/src/session/analysisInfo.ts'

describe('formatCost', () => {
  it('shows an estimate, never false precision', () => {
    expect(formatCost(0.0042)).toBe('about $0.004')
    expect(formatCost(0.01234)).toBe('about $0.01')
    expect(formatCost(1.5)).toBe('about $1.50')
    expect(formatCost(0.0004)).toBe('less than $0.001')
    expect(formatCost(0)).toBe('$0')
  })
})

describe('analysisInfo', () => {
  const tokens = { input: 900, output: 400, cacheRead: 3000, cacheWrite: 0, estimatedCostUsd: 0.0032 }

  it('is empty before any analysis', () => {
    expect(analysisInfo({ analysisModel: null, tokens: null })).toBeNull()
  })

  it('says an on-device analysis ran on this device, without tokens or cost', () => {
    expect(analysisInfo({ analysisModel: 'speakloop-offline-1', tokens: null })).toEqual({ onDevice: true, text: expect.stringContaining('Analysed on this device') })
  })

  it('gives Claude analyses their model, tokens (cache included) and estimated cost', () => {
    const info = analysisInfo({ analysisModel: 'claude-haiku-4-5', tokens })!
    expect(info.onDevice).toBe(false)
    expect(info.text).toContain('claude-haiku-4-5')
    expect(info.text).toContain(`${(3900).toLocaleString()} input / 400 output tokens`)
    expect(info.text).toContain('about $0.003')
  })

  it('says so when the model has no known price', () => {
    expect(analysisInfo({ analysisModel: 'claude-future-9', tokens: { ...tokens, estimatedCostUsd: null } })!.text).toContain('cost unknown')
  })
})
