/**
 * The app shell: 数据 · 文档 · 导出. The data screen loads with the app (it is the first screen); the
 * editor and the export screen, which bring TipTap and ECharts, load when first opened.
 */
import { lazy, Suspense, useCallback, useState } from 'react';
import { DataScreen } from './screens/DataScreen';
import { RecoveryBanner } from './screens/RecoveryBanner';
import { zhCN as t } from './locales/zh-CN';
import type { JournalEntry } from './editor/journal';

const DocumentsScreen = lazy(() => import('./screens/DocumentsScreen'));
const ExportScreen = lazy(() => import('./screens/ExportScreen'));

export type Screen = 'data' | 'documents' | 'export';

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

  const nav: Navigation = {
    openDocument: useCallback((id: number, recovered?: JournalEntry) => {
      setOpenDoc({ id, recovered, key: Date.now() });
      setScreen('documents');
    }, []),
    exportDocument: useCallback((id: number) => {
      setExportId(id);
      setScreen('export');
    }, []),
    go: setScreen,
  };

  const tabs: { id: Screen; label: string }[] = [
    { id: 'data', label: t.nav.data },
    { id: 'documents', label: t.nav.briefings },
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
      <div className="app-body">
        {/* The data screen stays mounted so its selection and undo history survive switching screens. */}
        <div className="screen" hidden={screen !== 'data'}>
          <DataScreen />
        </div>
        <Suspense fallback={<p className="muted pad">{t.common.loading}</p>}>
          {docsVisited && (
            <div className="screen" hidden={screen !== 'documents'}>
              <DocumentsScreen
                nav={nav}
                open={openDoc}
                active={screen === 'documents'}
                onClose={() => setOpenDoc(null)}
              />
            </div>
          )}
          {screen === 'export' && <ExportScreen nav={nav} initialId={exportId ?? openDoc?.id ?? null} />}
        </Suspense>
      </div>
    </div>
  );
}
