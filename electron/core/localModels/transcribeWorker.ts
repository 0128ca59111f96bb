/**
 * Entry of the supervised transcription worker (child_process.fork here, Electron's utilityProcess
 * in the app). It holds whisper.cpp's native code, so a crash, a failed assertion or an
 * out-of-memory kill ends this process only. Nothing but progress notes and the reply leaves it.
 * Built as its own file: the app passes its path as `workerEntry` (see localTranscriber.ts).
 */
import { reportProgress, serveOneRequest } from '../worker/protocol.ts'
import { runTranscriptionJob, type LocalTranscribeJob } from './transcribeJob.ts'

serveOneRequest((payload) => runTranscriptionJob(payload as LocalTranscribeJob, { progress: reportProgress }))
