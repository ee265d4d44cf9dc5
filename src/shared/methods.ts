/** The contract's method names, without zod, for the sandboxed preload (it can bundle nothing heavy). */
export const METHOD_NAMES = [
  'listIndicators',
  'getSeries',
  'listTemplates',
  'exportBriefing',
  'importFile',
  'exportData',
  'runChecks',
  'getGrid',
  'setObservation',
  'cellHistory',
  'listDimensions',
  'listDocuments',
  'createDocument',
  'loadDocument',
  'saveDocument',
  'deleteDocument',
  'resolveValue',
  'checkValues',
  'buildFigure',
  'buildTable',
  'preflightDocument',
  'exportDocument',
  'listBackups',
  'backupDatabase',
  'restoreBackup',
  'checkDatabase',
  'extractText',
  'readReport',
  'commitReport',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** The IPC channel every API call uses in Electron. */
export const IPC_CHANNEL = 'brief:call';
/** What the main process answers on IPC_CHANNEL: the result, or the contract's error body. */
export type Reply = { result: unknown } | { error: { code: string; message: string } };

/**
 * The desktop shell's one event towards the page (Electron only): a menu command, with the bytes of a
 * file the user picked in the native open dialog (never its path). The preload exposes it as
 * `window.briefShell.onMenu`; browser mode has no menu.
 */
export const MENU_CHANNEL = 'brief:menu';
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'export',
  'undo',
  'redo',
  'go-data',
  'go-documents',
  'go-import',
  'go-export',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export interface MenuEvent {
  command: MenuCommand;
  /** With 'open': the file the user chose (name and base64 bytes). */
  file?: { name: string; base64: string };
}
export interface BriefShell {
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}

export function isMenuEvent(value: unknown): value is MenuEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (!(MENU_COMMANDS as readonly unknown[]).includes(v.command)) return false;
  if (v.file === undefined) return true;
  const f = v.file as Record<string, unknown> | null;
  return typeof f === 'object' && f !== null && typeof f.name === 'string' && typeof f.base64 === 'string';
}
