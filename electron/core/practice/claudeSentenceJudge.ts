import Anthropic from '@anthropic-ai/sdk'
import type { Message } from '@anthropic-ai/sdk/resources/messages'
import { classifyProviderError } from '../providers/classify.ts'
import { PipelineError, sdkClientOptions, type ProviderClientOptions } from '../providers/types.ts'
import { buildDrillRequest, DRILL_TOOL_NAME, drillJudgementSchema, type SentenceJudge } from './sentenceJudge.ts'

/** A `SentenceJudge` backed by Claude with one forced `record_drill_judgement` tool call. */
export function createClaudeSentenceJudge(options: ProviderClientOptions): SentenceJudge {
  const model = options.model ?? 'claude-haiku-4-5'
  const client = new Anthropic(sdkClientOptions(options))
  return {
    name: 'anthropic',
    async judge(task, signal) {
      let message: Message
      try {
        message = await client.messages.create(buildDrillRequest(task, model), { signal })
      } catch (error) {
        if (error instanceof SyntaxError) throw invalid()
        throw classifyProviderError(error, 'anthropic')
      }
      const tools = (message.content ?? []).filter((b) => b.type === 'tool_use')
      const tool = tools.find((b) => b.name === DRILL_TOOL_NAME) ?? tools[0]
      const parsed = drillJudgementSchema.safeParse(tool?.input)
      if (!parsed.success) throw invalid()
      return parsed.data
    }
  }
}

function invalid(): PipelineError {
  return new PipelineError('permanent', 'Claude’s judgement of this sentence came back invalid.', {
    hint: 'Press Retry, or practise the drills made from your own sentences, which are checked on your computer.'
  })
}
