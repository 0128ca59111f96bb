import { homedir } from 'node:os'
import { join } from 'node:path'

/** The data folder's name for the installed (packaged) app. */
export const APP_DATA_FOLDER = 'Speakloop'
/**
 * The data folder's name when Speakloop runs from a checkout (`npm start`, the CLI): apart from the
 * installed app's, so a development build neither quits because the installed app holds the
 * single-instance lock nor migrates the installed app's database ahead of it.
 */
export const DEV_DATA_FOLDER = 'Speakloop-dev'

/** The data folder's name: the installed app's when packaged, the development one otherwise. */
export function dataFolderName(packaged: boolean): string {
  return packaged ? APP_DATA_FOLDER : DEV_DATA_FOLDER
}

/**
 * Where Speakloop keeps its database and audio unless told otherwise (`SPEAKLOOP_DATA_DIR`): the OS's
 * per-user application data folder, `Speakloop` for the installed app and `Speakloop-dev` for one run
 * from a checkout. The CLI always runs from a checkout, so it shares the development app's library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, packaged = false): string {
  if (env.SPEAKLOOP_DATA_DIR) return env.SPEAKLOOP_DATA_DIR
  return join(appDataDir(env, platform), dataFolderName(packaged))
}

/** The OS's per-user application data folder, as Electron's `app.getPath('appData')` gives it. */
export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support')
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
}
