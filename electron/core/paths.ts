import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where Speakloop keeps its database and audio unless told otherwise: the same folder the
 * desktop app uses, so the CLI and the app share one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SPEAKLOOP_DATA_DIR) return env.SPEAKLOOP_DATA_DIR
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Speakloop')
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Speakloop')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Speakloop')
}
