import Anthropic from '@anthropic-ai/sdk'
import type { z } from 'zod'
import type { ContentBlock, Message, Usage } from '@anthropic-ai/sdk/resources/messages'
import { claudeAnalysisSchema } from '../analysis/contract.ts'
import type { Analyzer, AnalyzerResult, TokenUsage } from '../analysis/types.ts'
import { classifyProviderError } from './classify.ts'
import { InvalidAnalysisResponse, sdkClientOptions, type ProviderClientOptions } from './types.ts'

export { InvalidAnalysisResponse }
import { ANALYSIS_TOOL_NAME, buildAnalysisRequest } from './prompt.ts'

export type ClaudeAnalyzerOptions = ProviderClientOptions

/** An `Analyzer` backed by Claude with one forced `record_analysis` tool call. */
export function createClaudeAnalyzer(options: ClaudeAnalyzerOptions): Analyzer {
  const model = options.model ?? 'claude-haiku-4-5'
  const client = new Anthropic(sdkClientOptions(options))

  return {
    name: 'anthropic',
    async analyze(input, signal): Promise<AnalyzerResult> {
      let message: Message
      try {
        message = await client.messages.create(buildAnalysisRequest(input, model), { signal })
      } catch (error) {
        // A 200 whose body is not JSON surfaces as the SDK's JSON.parse SyntaxError.
        if (error instanceof SyntaxError) {
          throw new InvalidAnalysisResponse('Claude sent a response that is not valid JSON.', [
            customIssue('The response body was not valid JSON.')
          ])
        }
        throw classifyProviderError(error, 'anthropic')
      }
      const usage = toTokenUsage(message.usage)
      const raw = analysisPayload(message.content ?? [], usage)
      const parsed = claudeAnalysisSchema.safeParse(raw)
      if (!parsed.success) {
        throw new InvalidAnalysisResponse('Claude returned an analysis that does not match the contract.', parsed.error.issues, usage)
      }
      return { analysis: parsed.data, model: message.model || model, usage }
    }
  }
}

/** Maps the API's usage block (cache fields may be null) onto our counters. */
export function toTokenUsage(usage: Usage | null | undefined): TokenUsage | null {
  if (!usage) return null
  return {
    input: usage.input_tokens ?? 0,
    output: usage.output_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    cacheWrite: usage.cache_creation_input_tokens ?? 0
  }
}

/** The forced tool call's input, or (fallback) the JSON object in a text block. */
function analysisPayload(content: ContentBlock[], usage: TokenUsage | null): unknown {
  const toolUses = content.filter((b) => b.type === 'tool_use')
  const tool = toolUses.find((b) => b.name === ANALYSIS_TOOL_NAME) ?? toolUses[0]
  if (tool) return tool.input
  const text = content
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start < 0 || end <= start) {
    throw new InvalidAnalysisResponse('Claude did not return an analysis.', [customIssue('No tool call and no JSON object in the response.')], usage)
  }
  try {
    return JSON.parse(text.slice(start, end + 1)) as unknown
  } catch {
    throw new InvalidAnalysisResponse('Claude returned an analysis that is not valid JSON.', [customIssue('The JSON object in the text block could not be parsed.')], usage)
  }
}

function customIssue(message: string): z.core.$ZodIssue {
  return { code: 'custom', path: [], message }
}
