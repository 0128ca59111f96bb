import type { Level } from '../../../electron/shared/contract.ts'

export const PROMPT_CATEGORIES = ['daily-life', 'work', 'travel', 'opinions', 'stories'] as const
export type PromptCategory = (typeof PROMPT_CATEGORIES)[number]

export const CATEGORY_LABELS: Record<PromptCategory, string> = {
  'daily-life': 'Daily life',
  work: 'Work and study',
  travel: 'Travel',
  opinions: 'Opinions',
  stories: 'Stories'
}

export interface SpeakingPrompt {
  id: string
  category: PromptCategory
  /** The lowest level the prompt suits; higher levels can use it too. */
  level: Level
  text: string
}

/** A small built-in library: something to talk about for two to five minutes. */
export const PROMPTS: readonly SpeakingPrompt[] = [
  { id: 'daily-morning', category: 'daily-life', level: 'A2', text: 'Describe your usual morning, from waking up to starting work or study.' },
  { id: 'daily-weekend', category: 'daily-life', level: 'A2', text: 'What did you do last weekend? Who were you with?' },
  { id: 'daily-food', category: 'daily-life', level: 'B1', text: 'Talk about a meal you cook often: how you make it and why you like it.' },
  { id: 'daily-home', category: 'daily-life', level: 'B1', text: 'Describe the place where you live and what you would change about it.' },
  { id: 'daily-habit', category: 'daily-life', level: 'B2', text: 'Tell me about a habit you started or stopped recently, and how it went.' },
  { id: 'work-job', category: 'work', level: 'A2', text: 'What do you do every day at work or at school?' },
  { id: 'work-project', category: 'work', level: 'B1', text: 'Describe a project you worked on: the goal, the team and the result.' },
  { id: 'work-problem', category: 'work', level: 'B2', text: 'Explain a problem you solved at work and the steps you took.' },
  { id: 'work-meeting', category: 'work', level: 'B2', text: 'Summarise a recent meeting as if you were updating a colleague who missed it.' },
  { id: 'work-remote', category: 'work', level: 'C1', text: 'Weigh the costs and benefits of remote work for a team like yours.' },
  { id: 'travel-trip', category: 'travel', level: 'A2', text: 'Talk about a trip you took: where you went and what you saw.' },
  { id: 'travel-city', category: 'travel', level: 'B1', text: 'Recommend a city to a friend: what to see, eat and avoid.' },
  { id: 'travel-wrong', category: 'travel', level: 'B1', text: 'Tell the story of a journey where something went wrong.' },
  { id: 'travel-tourism', category: 'travel', level: 'C1', text: 'Should popular cities limit the number of tourists? Argue both sides.' },
  { id: 'travel-abroad', category: 'travel', level: 'B2', text: 'What would be hardest about living in another country for a year?' },
  { id: 'opinion-phones', category: 'opinions', level: 'B1', text: 'Are smartphones making people less sociable? Give your view.' },
  { id: 'opinion-school', category: 'opinions', level: 'B2', text: 'What should schools teach that they do not teach today?' },
  { id: 'opinion-ai', category: 'opinions', level: 'C1', text: 'How will artificial intelligence change the job you do, or want to do?' },
  { id: 'opinion-cities', category: 'opinions', level: 'C1', text: 'Should cars be banned from city centres? Defend a position.' },
  { id: 'opinion-success', category: 'opinions', level: 'C2', text: 'What does success mean, and has your definition changed over time?' },
  { id: 'story-childhood', category: 'stories', level: 'A2', text: 'Describe a favourite place from your childhood.' },
  { id: 'story-person', category: 'stories', level: 'B1', text: 'Talk about a person who influenced you and how.' },
  { id: 'story-decision', category: 'stories', level: 'B2', text: 'Tell me about a difficult decision you made and what you learned.' },
  { id: 'story-film', category: 'stories', level: 'C2', text: 'Retell the plot of a book or film you know well, and say what makes it work.' }
]

const LEVEL_ORDER: readonly Level[] = ['A2', 'B1', 'B2', 'C1', 'C2']

export interface PromptFilter {
  category: PromptCategory | ''
  /** The learner's level: prompts at or below it, and one level above for stretch. '' means all. */
  level: Level | ''
}

/** The prompts that fit a category and a level (up to one level above the learner's). */
export function filterPrompts(prompts: readonly SpeakingPrompt[], filter: PromptFilter): SpeakingPrompt[] {
  const ceiling = filter.level === '' ? LEVEL_ORDER.length - 1 : LEVEL_ORDER.indexOf(filter.level) + 1
  return prompts.filter((p) => (filter.category === '' || p.category === filter.category) && LEVEL_ORDER.indexOf(p.level) <= ceiling)
}

/**
 * A random prompt from `candidates`, never the current one when there is another to choose from.
 * `random` returns [0, 1) like Math.random (injected for tests).
 */
export function pickPrompt(candidates: readonly SpeakingPrompt[], currentId: string | null, random: () => number = Math.random): SpeakingPrompt | null {
  const pool = candidates.length > 1 ? candidates.filter((p) => p.id !== currentId) : candidates
  if (pool.length === 0) return null
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!
}
