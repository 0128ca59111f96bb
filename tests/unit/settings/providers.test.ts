import { describe, expect, it } from 'vitest'
import { resolveProviders } from '../../../electron/core/settings/providers.ts'
import { DEFAULT_SETTINGS } from '../../../electron/core/settings/settings.ts'
import { settingsPatchSchema } from '../../../electron/shared/contract.ts'

const both = { openai: true, anthropic: true }
const none = { openai: false, anthropic: false }

describe('resolveProviders', () => {
  it('automatic uses the cloud provider of each stage whose key is set', () => {
    expect(resolveProviders({ transcriptionProvider: 'auto', analysisProvider: 'auto' }, both)).toEqual({ transcription: 'openai', analysis: 'claude' })
  })

  it('automatic runs a stage on this computer when its key is missing, each stage on its own key', () => {
    const auto = { transcriptionProvider: 'auto', analysisProvider: 'auto' } as const
    expect(resolveProviders(auto, none)).toEqual({ transcription: 'on-device', analysis: 'on-device' })
    // Only the OpenAI key: the Anthropic key decides analysis, not the OpenAI one.
    expect(resolveProviders(auto, { openai: true, anthropic: false })).toEqual({ transcription: 'openai', analysis: 'on-device' })
    expect(resolveProviders(auto, { openai: false, anthropic: true })).toEqual({ transcription: 'on-device', analysis: 'claude' })
  })

  it('keeps an explicit on-device choice even when both keys are set', () => {
    expect(resolveProviders({ transcriptionProvider: 'on-device', analysisProvider: 'on-device' }, both)).toEqual({
      transcription: 'on-device',
      analysis: 'on-device'
    })
  })

  it('keeps an explicit cloud choice without its key, so the stage asks for the key instead of switching silently', () => {
    expect(resolveProviders({ transcriptionProvider: 'openai', analysisProvider: 'claude' }, none)).toEqual({ transcription: 'openai', analysis: 'claude' })
  })

  it('defaults to automatic for both stages, with a multilingual model that the settings schema accepts', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ transcriptionProvider: 'auto', analysisProvider: 'auto', localModel: 'base' })
    expect(settingsPatchSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true)
    expect(settingsPatchSchema.safeParse({ transcriptionProvider: 'whisper' }).success).toBe(false)
    expect(settingsPatchSchema.safeParse({ localModel: 'large-v3' }).success).toBe(false)
  })
})
