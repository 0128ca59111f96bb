import { useMemo, useState } from 'react'
import type { Level } from '../../../electron/shared/contract.ts'
import { LEVELS } from '../../../electron/shared/contract.ts'
import { announce } from '../shell/announcer.ts'
import { CATEGORY_LABELS, PROMPTS, PROMPT_CATEGORIES, filterPrompts, pickPrompt, type PromptCategory, type SpeakingPrompt } from './prompts.ts'

interface PromptPickerProps {
  /** The learner's level from Settings: the default filter. */
  level: Level
  disabled: boolean
  /** The topic field's current text, to show when the prompt is already in use. */
  topic: string
  onUse: (prompt: SpeakingPrompt) => void
}

/** An optional speaking prompt from the built-in library; "Use this prompt" makes it the session's topic. */
export function PromptPicker({ level: defaultLevel, disabled, topic, onUse }: PromptPickerProps) {
  const [category, setCategory] = useState<PromptCategory | ''>('')
  const [level, setLevel] = useState<Level | ''>(defaultLevel)
  const candidates = useMemo(() => filterPrompts(PROMPTS, { category, level }), [category, level])
  const [prompt, setPrompt] = useState<SpeakingPrompt | null>(() => pickPrompt(candidates, null))
  // A filter change that excludes the shown prompt picks another (derived during render, no effect needed).
  const [shownFor, setShownFor] = useState(candidates)
  if (shownFor !== candidates) {
    setShownFor(candidates)
    if (!prompt || !candidates.some((p) => p.id === prompt.id)) setPrompt(pickPrompt(candidates, null))
  }
  const inUse = prompt !== null && topic === prompt.text

  return (
    <section className="card prompt-card" aria-labelledby="prompt-title" data-testid="prompt-panel" data-prompt-id={prompt?.id}>
      <div className="prompt-head">
        <h2 id="prompt-title">Need something to talk about?</h2>
        <div className="prompt-filters">
          <label htmlFor="prompt-category" className="visually-hidden">
            Prompt category
          </label>
          <select id="prompt-category" value={category} disabled={disabled} onChange={(e) => setCategory(e.target.value as PromptCategory | '')} data-testid="prompt-category">
            <option value="">All topics</option>
            {PROMPT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
          <label htmlFor="prompt-level" className="visually-hidden">
            Prompt level
          </label>
          <select id="prompt-level" value={level} disabled={disabled} onChange={(e) => setLevel(e.target.value as Level | '')} data-testid="prompt-level">
            <option value="">Any level</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                Around {l}
              </option>
            ))}
          </select>
        </div>
      </div>
      {prompt ? (
        <>
          <p className="prompt-text" data-testid="prompt-text">
            {prompt.text}
          </p>
          <p className="muted prompt-meta">
            {CATEGORY_LABELS[prompt.category]} · {prompt.level}
          </p>
        </>
      ) : (
        <p className="muted" data-testid="prompt-none">
          No prompt fits these filters.
        </p>
      )}
      <div className="btn-row">
        <button type="button" className="btn" disabled={disabled || candidates.length < 2} onClick={() => {
            const next = pickPrompt(candidates, prompt?.id ?? null)
            setPrompt(next)
            if (next) announce(next.text)
          }} data-testid="prompt-shuffle">
          Shuffle
        </button>
        <button type="button" className="btn" disabled={disabled || !prompt || inUse} onClick={() => prompt && onUse(prompt)} data-testid="prompt-use">
          {inUse ? 'Used as the topic' : 'Use this prompt'}
        </button>
      </div>
    </section>
  )
}
