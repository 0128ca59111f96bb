import type { SessionDetail } from '../../../electron/shared/contract.ts'
import { labelOfKey } from '../ui/format.ts'
import { TOO_LITTLE_SPEECH, tooShortToJudge } from './tooLittleSpeech.ts'

const VERDICT_TEXT = {
  improved: 'Improved',
  same: 'About the same',
  worse: 'Needs more work',
  'not-enough-evidence': 'Not enough evidence'
} as const

/** The ONE goal for next time, and the verdict on the goal this session was checked against. */
export function FocusCards({ detail }: { detail: SessionDetail }) {
  const { focusNext, previousFocus } = detail
  return (
    <div className="focus-cards">
      {tooShortToJudge(detail) && (
        <section className="card focus-card" aria-labelledby="too-little-title" data-testid="too-little-speech">
          <h2 id="too-little-title">No goal this time</h2>
          <p className="focus-goal">{TOO_LITTLE_SPEECH}</p>
          <p className="muted">Any earlier goal still stands for your next session.</p>
        </section>
      )}
      {focusNext && (
        <section className="card focus-card" aria-labelledby="focus-next-title" data-testid="focus-next" data-pattern-key={focusNext.patternKey}>
          <h2 id="focus-next-title">Focus for next time</h2>
          <p className="focus-goal">{focusNext.goal}</p>
          <p className="muted">Pattern: {labelOfKey(focusNext.patternKey)}</p>
        </section>
      )}
      {previousFocus && (
        <section
          className={`card verdict-card verdict-${previousFocus.verdict}`}
          aria-labelledby="verdict-title"
          data-testid="previous-focus"
          data-verdict={previousFocus.verdict}
        >
          <h2 id="verdict-title">Last focus: {labelOfKey(previousFocus.patternKey)}</h2>
          <p className="verdict">{VERDICT_TEXT[previousFocus.verdict]}</p>
          {previousFocus.evidence && <p>{previousFocus.evidence}</p>}
        </section>
      )}
    </div>
  )
}
