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
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** The IPC channel every API call uses in Electron. */
export const IPC_CHANNEL = 'brief:call';
