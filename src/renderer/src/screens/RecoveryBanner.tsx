/**
 * Offers back edits that never reached the database (the app or its server was killed before the
 * autosave was acknowledged). Read once at start: edits journaled while the app runs are live ones.
 */
import { useState } from 'react';
import { clearJournal, listJournals, type JournalEntry } from '../editor/journal';
import { zhCN as t } from '../locales/zh-CN';
import { formatTime } from '../lib/format';

export function RecoveryBanner({
  openId,
  onRestore,
}: {
  openId: number | null;
  onRestore: (e: JournalEntry) => void;
}) {
  const [entries, setEntries] = useState<JournalEntry[]>(() => listJournals());
  const shown = entries.filter((e) => e.id !== openId);
  if (shown.length === 0) return null;
  const drop = (id: number) => setEntries((list) => list.filter((x) => x.id !== id));
  return (
    <div className="recovery" role="alert" aria-label={t.recovery.title}>
      {shown.map((e) => (
        <div key={e.id} className="recovery-item">
          <strong>{t.recovery.title}</strong>
          <span>{t.recovery.body(e.title, formatTime(e.at))}</span>
          <button
            type="button"
            className="primary"
            onClick={() => {
              drop(e.id);
              onRestore(e);
            }}
          >
            {t.recovery.restore}
          </button>
          <button
            type="button"
            onClick={() => {
              clearJournal(e.id);
              drop(e.id);
            }}
          >
            {t.recovery.discard}
          </button>
        </div>
      ))}
    </div>
  );
}
