import type { Level } from '../../../electron/shared/contract.ts'

/** Languages offered in the picker; Whisper takes ISO-639-1 codes. Other stored codes are still shown. */
export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Spanish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'it', name: 'Italian' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'nl', name: 'Dutch' },
  { code: 'sv', name: 'Swedish' },
  { code: 'pl', name: 'Polish' },
  { code: 'ja', name: 'Japanese' },
  { code: 'zh', name: 'Chinese' },
  { code: 'ko', name: 'Korean' }
]

export const FIRST_LANGUAGE_SUGGESTIONS = [
  'Arabic', 'Chinese', 'Dutch', 'English', 'French', 'German', 'Hindi', 'Italian', 'Japanese', 'Korean',
  'Polish', 'Portuguese', 'Russian', 'Spanish', 'Turkish', 'Ukrainian', 'Vietnamese'
]

export const LEVEL_DESCRIPTIONS: Record<Level, string> = {
  A2: 'A2 – Elementary',
  B1: 'B1 – Intermediate',
  B2: 'B2 – Upper intermediate',
  C1: 'C1 – Advanced',
  C2: 'C2 – Proficient'
}

export const ANALYSIS_MODEL_SUGGESTIONS = ['claude-haiku-4-5', 'claude-sonnet-4-5']
/** whisper-1 is the model that returns word timings, which pause metrics need. */
export const TRANSCRIPTION_MODEL_SUGGESTIONS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe']

/**
 * Where each stage runs, with what leaves this computer for it. Hints avoid the word "on-device"
 * outside that option itself, so the option's label stays unique.
 */
export const TRANSCRIPTION_PROVIDER_OPTIONS = [
  { value: 'auto', label: 'Automatic', hint: 'OpenAI while an OpenAI key is set; otherwise this computer.' },
  { value: 'openai', label: 'OpenAI', hint: 'Your audio is sent to OpenAI for transcription.' },
  { value: 'on-device', label: 'On-device', hint: 'Your audio never leaves this computer. Needs a downloaded model (below); slower.' }
]

export const ANALYSIS_PROVIDER_OPTIONS = [
  { value: 'auto', label: 'Automatic', hint: 'Claude while an Anthropic key is set; otherwise this computer.' },
  { value: 'claude', label: 'Claude (Anthropic)', hint: 'Best feedback. The transcript is sent to Anthropic.' },
  { value: 'on-device', label: 'On-device', hint: 'Nothing leaves this computer for analysis; simpler findings.' }
]
