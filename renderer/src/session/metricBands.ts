/** Native bands from DOMAIN.md: context for the learner, never a verdict. */
export const PACE_BANDS = { conversation: [110, 150], presenter: [100, 165] } as const
export const FILLER_GUIDANCE_PER_MINUTE = 5
