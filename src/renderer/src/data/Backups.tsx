/**
 * 备份与恢复: the database's backups (made before every migration, daily, and on demand), a backup
 * now, the full integrity check, and restoring one — the state before a restore is backed up first.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { Modal } from '../components/Modal';
import { errorText, formatTime } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

const sizeText = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function Backups({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['backups'], queryFn: () => api.listBackups({}) });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const fail = (err: unknown) => setNotice({ kind: 'error', text: errorText(err) });

  const backupNow = useMutation({
    mutationFn: () => api.backupDatabase({}),
    onSuccess: (r) => {
      setNotice({ kind: 'ok', text: t.backups.made(r.backup.file) });
      void qc.invalidateQueries({ queryKey: ['backups'] });
    },
    onError: fail,
  });
  const check = useMutation({
    mutationFn: () => api.checkDatabase({ full: true }),
    onSuccess: (r) =>
      setNotice(
        r.ok
          ? { kind: 'ok', text: t.backups.checkOk }
          : { kind: 'error', text: t.backups.checkFailed(r.problems.slice(0, 5).join('；')) },
      ),
    onError: fail,
  });
  const restore = useMutation({
    mutationFn: (file: string) => api.restoreBackup({ file }),
    onSuccess: (r) => {
      setConfirming(null);
      setNotice({ kind: 'ok', text: t.backups.restored(r.restored.file, r.safetyBackup?.file ?? null) });
      // Every screen's data may have changed.
      void qc.invalidateQueries();
    },
    onError: (err) => {
      setConfirming(null);
      fail(err);
    },
  });

  return (
    <Modal
      title={t.backups.title}
      onClose={onClose}
      wide
      footer={
        <button type="button" onClick={onClose}>
          {t.backups.close}
        </button>
      }
    >
      <p className="muted">{t.backups.intro}</p>
      <div className="toolbar">
        <button type="button" onClick={() => backupNow.mutate()} disabled={backupNow.isPending}>
          {backupNow.isPending ? t.backups.working : t.backups.backupNow}
        </button>
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? t.backups.checking : t.backups.check}
        </button>
      </div>
      {notice && (
        <p role="status" className={notice.kind === 'ok' ? 'ok' : 'error'}>
          {notice.text}
        </p>
      )}
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {list.data && list.data.backups.length === 0 && <p className="muted">{t.backups.none}</p>}
      {list.data && list.data.backups.length > 0 && (
        <table className="grid" aria-label={t.backups.title}>
          <thead>
            <tr>
              <th>{t.backups.created}</th>
              <th>{t.backups.kind}</th>
              <th className="num">{t.backups.size}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.backups.map((b) => (
              <tr key={b.file}>
                <td title={b.file}>{formatTime(b.created)}</td>
                <td>{t.backups.kinds[b.kind]}</td>
                <td className="num">{sizeText(b.size)}</td>
                <td>
                  {confirming === b.file ? (
                    <>
                      <span className="warn">{t.backups.confirm}</span>{' '}
                      <button
                        type="button"
                        className="primary"
                        onClick={() => restore.mutate(b.file)}
                        disabled={restore.isPending}
                      >
                        {t.backups.confirmYes}
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t.backups.confirmNo}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(b.file)}>
                      {t.backups.restore}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
