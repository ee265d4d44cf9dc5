/**
 * The app shell: 数据 · 文档 · 导入报告 · 导出. The data screen loads with the app (it is the first
 * screen); the editor, the report import and the export screen load when first opened. In Electron the
 * menu's commands (briefShell.onMenu) arrive here and go to the screen showing.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { DataScreen } from './screens/DataScreen';
import { RecoveryBanner } from './screens/RecoveryBanner';
import { zhCN as t } from './locales/zh-CN';
import type { JournalEntry } from './editor/journal';
import { flushAllSaves } from './editor/saves';
import type { CommitReport } from './import/CommitReportView';
import { runCommand } from './lib/commands';
import type { IncomingFile } from './screens/ImportReportScreen';
import type { BriefShell, MenuEvent } from '../../shared/methods';

const DocumentsScreen = lazy(() => import('./screens/DocumentsScreen'));
const ImportReportScreen = lazy(() => import('./screens/ImportReportScreen'));
const ExportScreen = lazy(() => import('./screens/ExportScreen'));
const CommitReportView = lazy(() =>
  import('./import/CommitReportView').then((m) => ({ default: m.CommitReportView })),
);

declare global {
  interface Window {
    /** Electron only: the menu's commands (src/preload). */
    briefShell?: BriefShell;
  }
}

export type Screen = 'data' | 'documents' | 'import' | 'export';

export interface Navigation {
  /** Opens a document in the editor (optionally with recovered edits). */
  openDocument(id: number, recovered?: JournalEntry): void;
  exportDocument(id: number): void;
  go(screen: Screen): void;
}

export function App() {
  const [screen, setScreen] = useState<Screen>('data');
  const [openDoc, setOpenDoc] = useState<{ id: number; recovered?: JournalEntry; key: number } | null>(null);
  const [exportId, setExportId] = useState<number | null>(null);
  // Once opened, the documents screen stays mounted: the editor keeps its undo history across screens.
  const [docsVisited, setDocsVisited] = useState(false);
  if (screen === 'documents' && !docsVisited) setDocsVisited(true);
  // The report under review survives switching screens too.
  const [importVisited, setImportVisited] = useState(false);
  if (screen === 'import' && !importVisited) setImportVisited(true);
  const [reportFile, setReportFile] = useState<IncomingFile | null>(null);
  const [dataFile, setDataFile] = useState<IncomingFile | null>(null);
  const [newRequest, setNewRequest] = useState(0);
  const [imported, setImported] = useState<{ report: CommitReport; open: boolean } | null>(null);

  // One object for the app's life: the screens' effects depend on it.
  const nav = useMemo<Navigation>(
    () => ({
      openDocument: (id, recovered) => {
        setOpenDoc({ id, recovered, key: Date.now() });
        setScreen('documents');
      },
      exportDocument: (id) => {
        setExportId(id);
        setScreen('export');
      },
      go: setScreen,
    }),
    [],
  );

  // The desktop menu (Electron): commands for the screen showing, files chosen in 打开….
  const menu = useRef<(e: MenuEvent) => void>(() => undefined);
  menu.current = (e: MenuEvent) => {
    switch (e.command) {
      case 'open': {
        if (!e.file) return;
        const file = { ...e.file, key: Date.now() };
        if (/\.(csv|xlsx)$/i.test(file.name)) {
          setDataFile(file);
          setScreen('data');
        } else {
          setReportFile(file);
          setScreen('import');
        }
        return;
      }
      case 'new':
        void flushAllSaves().then(() => {
          setOpenDoc(null);
          setScreen('documents');
          setNewRequest((n) => n + 1);
        });
        return;
      case 'export':
        if (!runCommand('export')) setScreen('export');
        return;
      case 'go-data':
        return setScreen('data');
      case 'go-documents':
        return setScreen('documents');
      case 'go-import':
        return setScreen('import');
      case 'go-export':
        return setScreen('export');
      default:
        runCommand(e.command, document.activeElement);
    }
  };
  useEffect(() => window.briefShell?.onMenu((e) => menu.current(e)), []);

  const tabs: { id: Screen; label: string }[] = [
    { id: 'data', label: t.nav.data },
    { id: 'documents', label: t.nav.briefings },
    { id: 'import', label: t.nav.import },
    { id: 'export', label: t.nav.export },
  ];

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t.appName}</h1>
        <nav aria-label={t.nav.label} className="app-nav">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              className={screen === tab.id ? 'active' : ''}
              aria-current={screen === tab.id ? 'page' : undefined}
              onClick={() => setScreen(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </nav>
        <span className="muted tagline">{t.tagline}</span>
      </header>
      <RecoveryBanner openId={openDoc?.id ?? null} onRestore={(entry) => nav.openDocument(entry.id, entry)} />
      {imported && screen === 'documents' && (
        <div className="banner imported-banner" role="status">
          <span>
            <strong>{t.reportImport.report.title(imported.report.source)}</strong>：
            {t.reportImport.report.summary(
              imported.report.added,
              imported.report.revised.length,
              imported.report.unchanged,
            )}
            {imported.report.newIndicators.length > 0 &&
              `；${t.reportImport.report.newIndicatorsCount(imported.report.newIndicators.length)}`}
          </span>
          <button type="button" onClick={() => setImported({ ...imported, open: !imported.open })}>
            {t.reportImport.report.details}
          </button>
          <button type="button" aria-label={t.reportImport.report.close} onClick={() => setImported(null)}>
            ×
          </button>
          {imported.open && (
            <Suspense fallback={null}>
              <div className="imported-details">
                <CommitReportView report={imported.report} compact />
              </div>
            </Suspense>
          )}
        </div>
      )}
      <div className="app-body">
        {/* The data screen stays mounted so its selection and undo history survive switching screens. */}
        <div className="screen" hidden={screen !== 'data'}>
          <DataScreen active={screen === 'data'} incoming={dataFile} />
        </div>
        <Suspense fallback={<p className="muted pad">{t.common.loading}</p>}>
          {docsVisited && (
            <div className="screen" hidden={screen !== 'documents'}>
              <DocumentsScreen
                nav={nav}
                open={openDoc}
                active={screen === 'documents'}
                onClose={() => setOpenDoc(null)}
                newRequest={newRequest}
              />
            </div>
          )}
          {importVisited && (
            <div className="screen" hidden={screen !== 'import'}>
              <ImportReportScreen
                nav={nav}
                incoming={reportFile}
                onCommitted={(report, id) => {
                  setImported({ report, open: false });
                  nav.openDocument(id);
                }}
              />
            </div>
          )}
          {screen === 'export' && <ExportScreen nav={nav} initialId={exportId ?? openDoc?.id ?? null} />}
        </Suspense>
      </div>
    </div>
  );
}
