import { expect } from 'vitest'
import { PipelineError } from '../../electron/core/providers/types.ts'

/** What `promise` rejected with, asserted to be a classified PipelineError (a resolve fails the test). */
export async function pipelineError(promise: Promise<unknown>): Promise<PipelineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(PipelineError)
  return error as PipelineError
}
