/** 文档: the list of briefings, 新建 from a template or blank, and the editor for the one opened. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Navigation } from '../App';
import { Modal } from '../components/Modal';
import { EditorScreen } from '../editor/Editor';
import type { JournalEntry } from '../editor/journal';
import { errorText, formatTime } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

export default function DocumentsScreen({
  nav,
  open,
  active,
  onClose,
  newRequest = 0,
}: {
  nav: Navigation;
  open: { id: number; recovered?: JournalEntry; key: number } | null;
  active: boolean;
  onClose: () => void;
  /** Changes when the menu's 新建简报 asks for the new-document dialog. */
  newRequest?: number;
}) {
  if (open)
    return (
      <EditorScreen
        key={open.key}
        id={open.id}
        recovered={open.recovered}
        nav={nav}
        active={active}
        onClose={onClose}
      />
    );
  return <DocumentList nav={nav} newRequest={newRequest} />;
}

function DocumentList({ nav, newRequest }: { nav: Navigation; newRequest: number }) {
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (newRequest > 0) setCreating(true);
  }, [newRequest]);
  const list = useQuery({ queryKey: ['documents'], queryFn: () => api.listDocuments({}) });
  const remove = useMutation({
    mutationFn: (id: number) => api.deleteDocument({ id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents'] }),
  });
  return (
    <div className="documents-screen">
      <div className="screen-bar">
        <h2 className="screen-title">{t.documents.title}</h2>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          {t.documents.new}
        </button>
      </div>
      <section className="panel">
        {list.error && <p className="error">{errorText(list.error)}</p>}
        {remove.error && <p className="error">{errorText(remove.error)}</p>}
        {list.data && list.data.documents.length === 0 && <p className="muted pad">{t.documents.empty}</p>}
        {list.data && list.data.documents.length > 0 && (
          <table className="grid doc-list" aria-label={t.documents.title}>
            <thead>
              <tr>
                <th>{t.documents.columns.title}</th>
                <th>{t.documents.columns.template}</th>
                <th>{t.documents.columns.period}</th>
                <th>{t.documents.columns.updated}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <button type="button" className="link" onClick={() => nav.openDocument(d.id)}>
                      {d.title}
                    </button>
                  </td>
                  <td>{d.template ?? t.documents.blankTemplate}</td>
                  <td>{d.period}</td>
                  <td>{formatTime(d.updatedAt)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => nav.openDocument(d.id)}>
                      {t.common.open}
                    </button>
                    <button type="button" onClick={() => nav.exportDocument(d.id)}>
                      {t.nav.export}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        if (window.confirm(t.documents.confirmDelete(d.title))) remove.mutate(d.id);
                      }}
                    >
                      {t.common.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {creating && (
        <NewDocument
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void qc.invalidateQueries({ queryKey: ['documents'] });
            nav.openDocument(id);
          }}
        />
      )}
    </div>
  );
}

function NewDocument({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api.listTemplates({}) });
  const [template, setTemplate] = useState<string>('政府工作报告解读');
  const [year, setYear] = useState('');
  const [title, setTitle] = useState('');
  const current = templates.data?.templates.find((x) => x.name === template);
  const create = useMutation({
    mutationFn: () =>
      api.createDocument({
        template: template === '' ? undefined : template,
        year: year
          ? Number(year)
          : current
            ? Number.parseInt(current.defaultPeriod, 10) || undefined
            : new Date().getFullYear(),
        title: title.trim() || undefined,
      }),
    onSuccess: (r) => onCreated(r.id),
  });
  return (
    <Modal
      title={t.documents.newTitle}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="primary"
            disabled={create.isPending}
            onClick={() => create.mutate()}
          >
            {create.isPending ? t.documents.creating : t.documents.create}
          </button>
        </>
      }
    >
      <fieldset className="template-cards">
        <legend>{t.documents.chooseTemplate}</legend>
        {templates.data?.templates.map((x) => (
          <label key={x.name} className={`card${template === x.name ? ' active' : ''}`}>
            <input
              type="radio"
              name="template"
              value={x.name}
              checked={template === x.name}
              onChange={() => setTemplate(x.name)}
            />
            <strong>{x.name}</strong>
            <span className="muted small">{x.description}</span>
            <span className="muted small">{t.export.yearDefault(x.defaultPeriod)}</span>
          </label>
        ))}
        <label className={`card${template === '' ? ' active' : ''}`}>
          <input
            type="radio"
            name="template"
            value=""
            checked={template === ''}
            onChange={() => setTemplate('')}
          />
          <strong>{t.documents.blank}</strong>
          <span className="muted small">{t.documents.blankDescription}</span>
        </label>
      </fieldset>
      <div className="form-row">
        <label>
          {t.documents.year}
          <input
            inputMode="numeric"
            maxLength={4}
            placeholder={
              current ? t.export.yearDefault(current.defaultPeriod) : String(new Date().getFullYear())
            }
            value={year}
            onChange={(e) => setYear(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <label className="grow">
          {t.documents.titleLabel}
          <input
            value={title}
            placeholder={t.documents.titlePlaceholder}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
      </div>
      {create.isPending && <progress aria-label={t.documents.creating} />}
      {create.error && (
        <p className="error" role="alert">
          {errorText(create.error)}
        </p>
      )}
    </Modal>
  );
}
