import { homedir } from 'node:os';
import { join } from 'node:path';

/** The database the desktop app uses; `BRIEF_DB` overrides it (DESIGN §3). */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BRIEF_DB) return env.BRIEF_DB;
  return join(appDataDir(env, platform), 'brief.db');
}

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  // An empty variable counts as unset (else the folder would be relative to the working directory).
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'BriefStudio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'BriefStudio');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'BriefStudio');
}

/** Where rendered figures are cached between exports; `BRIEF_CACHE_DIR` overrides it. */
export function figureCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BRIEF_CACHE_DIR ?? join(appDataDir(env), 'figure-cache');
}
