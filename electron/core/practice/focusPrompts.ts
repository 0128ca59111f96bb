/**
 * A speaking prompt for each catalog pattern: a topic that makes the learner use the form the
 * pattern is about (past events for `past-tense`, another person's routine for `third-person-s`).
 * Keys without a prompt of their own get a general one.
 */
const PROMPTS: Record<string, string> = {
  'grammar.past-tense': 'Tell me about your last weekend: where you went, what you did and who you met.',
  'grammar.present-perfect': 'What have you done this year that you had never done before?',
  'grammar.subject-verb-agreement': 'Describe the people in your family or team and what each of them does.',
  'grammar.third-person-s': 'Describe a friend’s usual day, from the morning to the evening.',
  'grammar.articles': 'Describe a room you know well: what is in it and where each thing is.',
  'grammar.plurals': 'Talk about the things you usually buy in a week.',
  'grammar.countable-uncountable': 'Explain how to cook a dish you like: the ingredients and the amounts.',
  'grammar.prepositions': 'Explain how to get from your home to your favourite place in town.',
  'grammar.word-order': 'Describe what you usually do on a Sunday, and how often you do each thing.',
  'grammar.question-formation': 'Imagine you are interviewing a new colleague: ask them five questions.',
  'grammar.auxiliaries': 'Do you agree that people should work four days a week? Say why or why not.',
  'grammar.pronouns': 'Tell a short story about two friends and something they did together.',
  'grammar.verb-forms': 'Tell me about a trip you took: what you saw, ate and bought.',
  'grammar.gerund-infinitive': 'What do you enjoy doing, and what do you want to try next year?',
  'grammar.comparatives': 'Compare the town you live in with another place you know.',
  'grammar.conditionals': 'What would you do if you had a free month and no money worries?',
  'grammar.negation': 'Talk about the things you do not like doing, and why.',
  'vocabulary.filler-words': 'Explain your job or studies to a child, calmly, in short sentences.',
  'vocabulary.overused-words': 'Describe a film or book you liked, without using the words “good” or “nice”.',
  'vocabulary.collocations': 'Talk about how you make decisions and take care of your health.',
  'vocabulary.word-choice': 'Describe a person you admire as precisely as you can.',
  'fluency.mid-clause-pauses': 'Retell the plot of a film you know well, pausing only at the end of sentences.',
  'fluency.hesitation': 'Talk for two minutes about your favourite season, without stopping.',
  'structure.run-on-sentences': 'Describe your morning routine in short, complete sentences.',
  'structure.limited-connectors': 'Give your opinion on working from home, using “however”, “because” and “so”.',
  'structure.repeated-starters': 'Describe your city, starting each sentence in a different way.'
}

const GENERAL = 'Talk for two minutes about something you did recently and how it went.'

/** The speaking prompt that fits a focus pattern. */
export function promptForPattern(patternKey: string | null): string {
  return (patternKey && PROMPTS[patternKey]) || GENERAL
}
