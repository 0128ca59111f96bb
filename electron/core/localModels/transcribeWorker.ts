/**
 * Entry of the supervised transcription worker (child_process.fork here, Electron's utilityProcess
 * in the app). It holds whisper.cpp's native code, so a crash or an out-of-memory kill ends this
 * process only. Nothing but the reply leaves it.
 */
import { serveOneRequest } from '../worker/protocol.ts'
import { runTranscriptionJob, type LocalTranscribeJob } from './transcribeJob.ts'

serveOneRequest((payload) => runTranscriptionJob(payload as LocalTranscribeJob))
