/**
 * 导入报告 (issue 8): paste a report's text or open a .txt / .docx file, see the figures the extractor
 * found highlighted in the text (colour by confidence), accept, edit or reject each, map it to an
 * indicator of the catalogue or a new one, then 提交: the accepted figures go into the database with
 * the report as their source and their exact words, and the report opens in the editor as a document
 * whose figures are bound chips. Nothing is written until 提交, and 提交 writes all or nothing.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import type { Navigation } from '../App';
import { CandidateEditor } from '../import/CandidateEditor';
import { CommitReportView, type CommitReport } from '../import/CommitReportView';
import {
  acceptFrom,
  countAtLeast,
  counts,
  editFields,
  initialItems,
  isEdited,
  issuesByKey,
  levelOf,
  resetFields,
  segments,
  setVerdict,
  toDecisions,
  type CommitIssue,
  type Fields,
  type Item,
  type Level,
  type Verdict,
} from '../import/review';
import { base64OfFile, errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

const s = t.reportImport;
/** The server admits 64 MB of JSON; base64 makes a file a third larger. */
const MAX_BYTES = 40 * 1024 * 1024;

export interface IncomingFile {
  name: string;
  base64: string;
  /** A new value for each file handed over (the menu's 打开… may hand the same file twice). */
  key: number;
}

type Phase =
  | { kind: 'input' }
  | { kind: 'review'; text: string; fileName: string; items: Item[] }
  | { kind: 'done'; report: CommitReport; documentId: number };

export default function ImportReportScreen({
  nav,
  incoming,
  onCommitted,
}: {
  nav: Navigation;
  incoming: IncomingFile | null;
  onCommitted: (report: CommitReport, documentId: number) => void;
}) {
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'input' });
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [fileInfo, setFileInfo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const extract = useMutation({
    mutationFn: (input: { text: string; fileName: string }) =>
      api.extractText({ text: input.text }).then((r) => ({ ...input, candidates: r.candidates })),
    onSuccess: (r) =>
      setPhase({ kind: 'review', text: r.text, fileName: r.fileName, items: initialItems(r.candidates) }),
  });

  const read = useMutation({
    mutationFn: (f: { name: string; base64: string }) =>
      api.readReport({ fileName: f.name, base64: f.base64 }).then((r) => ({ ...r, name: f.name })),
    onSuccess: (r) => {
      setText(r.text);
      setFileName(r.name);
      setFileInfo(s.fileInfo(r.name, r.format, r.encoding));
      extract.mutate({ text: r.text, fileName: r.name });
    },
  });

  const openFile = (f: { name: string; base64: string }) => {
    setProblem(null);
    extract.reset();
    setPhase({ kind: 'input' });
    read.mutate(f);
  };

  // A file handed over by the desktop menu (打开…), once per hand-over.
  const lastIncoming = useRef<number | null>(null);
  useEffect(() => {
    if (!incoming || lastIncoming.current === incoming.key) return;
    lastIncoming.current = incoming.key;
    openFile(incoming);
  }, [incoming]);

  const choose = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setProblem(t.importer.tooLarge);
      return;
    }
    try {
      openFile({ name: f.name, base64: await base64OfFile(f) });
    } catch (err) {
      setProblem(errorText(err));
    }
  };

  const startOver = () => {
    setPhase({ kind: 'input' });
    setText('');
    setFileName('');
    setFileInfo(null);
    setProblem(null);
    read.reset();
    extract.reset();
  };

  if (phase.kind === 'review')
    return (
      <Review
        key={`${phase.fileName}:${phase.text.length}`}
        text={phase.text}
        fileName={phase.fileName}
        initial={phase.items}
        onStartOver={startOver}
        onCommitted={(report, documentId) => {
          void qc.invalidateQueries();
          setPhase({ kind: 'done', report, documentId });
          onCommitted(report, documentId);
        }}
      />
    );

  if (phase.kind === 'done')
    return (
      <div className="report-screen">
        <div className="screen-bar">
          <h2 className="screen-title">{s.title}</h2>
          <span className="spacer" />
          <button type="button" onClick={startOver}>
            {s.report.another}
          </button>
          <button type="button" className="primary" onClick={() => nav.openDocument(phase.documentId)}>
            {s.report.openDocument}
          </button>
        </div>
        <section className="panel report-done">
          <CommitReportView report={phase.report} />
        </section>
      </div>
    );

  const busy = read.isPending || extract.isPending;
  return (
    <div className="report-screen">
      <div className="screen-bar">
        <h2 className="screen-title">{s.title}</h2>
        <span className="spacer" />
        <span className="file-pick">
          <input
            ref={fileInput}
            type="file"
            accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-label={s.chooseFile}
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
            {s.open}
          </button>
        </span>
        <button
          type="button"
          className="primary"
          disabled={busy || text.trim() === ''}
          onClick={() => {
            setProblem(null);
            extract.mutate({ text, fileName: fileName.trim() || s.defaultFileName });
          }}
        >
          {extract.isPending ? s.extracting : s.extract}
        </button>
      </div>
      <section className="panel report-input">
        <p className="muted">{s.intro}</p>
        {fileInfo && <p className="ok">{fileInfo}</p>}
        {(problem || read.error || extract.error) && (
          <p className="error" role="alert">
            {problem ?? errorText(read.error ?? extract.error)}
          </p>
        )}
        {busy && (
          <div>
            <p className="muted">{read.isPending ? s.reading : s.extracting}</p>
            <progress aria-label={read.isPending ? s.reading : s.extracting} />
          </div>
        )}
        <label className="stack">
          {s.fileNameLabel}
          <input
            value={fileName}
            placeholder={s.fileNamePlaceholder}
            onChange={(e) => setFileName(e.target.value)}
          />
        </label>
        <label className="stack grow">
          {s.textLabel}
          <textarea
            value={text}
            placeholder={s.placeholder}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              setFileInfo(null);
            }}
          />
        </label>
        {extract.data && extract.data.candidates.length === 0 && <p className="warn">{s.noCandidates}</p>}
      </section>
    </div>
  );
}

// ------------------------------------------------------------------------------------------ review

function Review({
  text,
  fileName,
  initial,
  onStartOver,
  onCommitted,
}: {
  text: string;
  fileName: string;
  initial: Item[];
  onStartOver: () => void;
  onCommitted: (report: CommitReport, documentId: number) => void;
}) {
  const [items, setItems] = useState<Item[]>(initial);
  const [selected, setSelected] = useState<string | null>(initial[0]?.key ?? null);
  const [bulk, setBulk] = useState<Level>('high');
  const [issues, setIssues] = useState<CommitIssue[]>([]);
  const textRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const dims = useQuery({
    queryKey: ['dimensions'],
    queryFn: () => api.listDimensions({}),
    staleTime: 30_000,
  });
  const regions = useMemo(() => dims.data?.regions.map((r) => r.name) ?? [], [dims.data]);

  const commit = useMutation({
    mutationFn: () => api.commitReport({ fileName, text, decisions: toDecisions(items) }),
    onSuccess: (r) => {
      if (r.errors.length > 0 || !r.report || r.documentId === null) {
        setIssues(r.errors);
        const first = r.errors.find((e) =>
          items.some((i) => i.candidate.start === e.start && i.candidate.end === e.end),
        );
        if (first) select(`${first.start}:${first.end}`, 'list');
        return;
      }
      setIssues([]);
      onCommitted(r.report, r.documentId);
    },
  });

  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const problems = useMemo(() => issuesByKey(issues, items), [issues, items]);
  const n = counts(items);

  const select = (key: string, from: 'text' | 'list') => {
    setSelected(key);
    requestAnimationFrame(() => {
      const css = `[data-key="${key}"]`;
      if (from === 'text') listRef.current?.querySelector(css)?.scrollIntoView({ block: 'nearest' });
      else textRef.current?.querySelector(css)?.scrollIntoView({ block: 'center' });
    });
  };

  const verdict = (key: string, v: Verdict) => {
    setItems((list) => setVerdict(list, key, v));
  };
  const edit = (key: string, patch: Partial<Fields>) => setItems((list) => editFields(list, key, patch));

  const onTextClick = useCallback((key: string) => select(key, 'text'), []);

  return (
    <div className="report-screen">
      <div className="screen-bar">
        <h2 className="screen-title">{s.title}</h2>
        <span className="muted">
          {fileName} · {s.found(items.length)}
        </span>
        <span className="report-counts" role="status">
          {s.counts(n.accept, n.reject, n.pending)}
        </span>
        <span className="spacer" />
        <select aria-label={s.levelSelect} value={bulk} onChange={(e) => setBulk(e.target.value as Level)}>
          {(['high', 'medium', 'low'] as const).map((l) => (
            <option key={l} value={l}>
              {s.bulkOptions[l]}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={countAtLeast(items, bulk) === 0}
          onClick={() => setItems((list) => acceptFrom(list, bulk))}
        >
          {s.acceptBulk[bulk]}
          {s.bulkCount(countAtLeast(items, bulk))}
        </button>
        <button type="button" onClick={onStartOver}>
          {s.startOver}
        </button>
        <button
          type="button"
          className="primary"
          disabled={commit.isPending || n.accept === 0}
          title={n.accept === 0 ? s.nothingAccepted : undefined}
          onClick={() => commit.mutate()}
        >
          {commit.isPending ? s.committing : s.commit}
        </button>
      </div>
      {(commit.error || issues.length > 0) && (
        <div className="report-issues" role="alert">
          {commit.error ? (
            <p className="error">{errorText(commit.error)}</p>
          ) : (
            <>
              <p className="error">{s.refused(issues.length)}</p>
              <ul>
                {issues.slice(0, 50).map((e, i) => (
                  <li key={i}>
                    {byKey.has(`${e.start}:${e.end}`) ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => select(`${e.start}:${e.end}`, 'list')}
                      >
                        {s.issueAt(e.text)}
                      </button>
                    ) : (
                      e.text && s.issueAt(e.text)
                    )}
                    {e.text ? '：' : ''}
                    {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="report-layout">
        <section className="panel report-text-panel" aria-label={s.textRegion}>
          <p className="muted small legend">
            <span className="cand level-high">{s.levels.high}</span>
            <span className="cand level-medium">{s.levels.medium}</span>
            <span className="cand level-low">{s.levels.low}</span> {s.legend}
          </p>
          <div ref={textRef}>
            <ReportText text={text} items={items} selected={selected} onSelect={onTextClick} />
          </div>
        </section>
        <section className="panel report-list-panel" aria-label={s.listRegion}>
          {n.pending > 0 && n.accept > 0 && <p className="muted small">{s.pendingNote(n.pending)}</p>}
          <ol className="cand-list" ref={listRef}>
            {items.map((item) => (
              <CandidateRow
                key={item.key}
                item={item}
                selected={selected === item.key}
                problems={problems.get(item.key)}
                regions={regions}
                onSelect={() => select(item.key, 'list')}
                onVerdict={(v) => verdict(item.key, v)}
                onEdit={(patch) => edit(item.key, patch)}
                onReset={() => setItems((list) => resetFields(list, item.key))}
              />
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}

/** The report's text with each candidate's words marked; a click selects the candidate. */
const ReportText = memo(function ReportText({
  text,
  items,
  selected,
  onSelect,
}: {
  text: string;
  items: Item[];
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const parts = useMemo(() => segments(text, items), [text, items]);
  return (
    <div className="report-text">
      {parts.map((p, i) => {
        if (!p.key) return <span key={i}>{p.text}</span>;
        const item = byKey.get(p.key)!;
        const level = levelOf(item.candidate.confidence);
        return (
          <mark
            key={i}
            data-key={p.key}
            className={`cand level-${level} verdict-${item.verdict}${selected === p.key ? ' selected' : ''}`}
            role="button"
            tabIndex={0}
            aria-pressed={selected === p.key}
            title={`${item.fields.indicator} · ${s.confidence(s.levels[level], item.candidate.confidence)} · ${s.verdict[item.verdict]}`}
            onClick={() => onSelect(p.key!)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(p.key!);
              }
            }}
          >
            {p.text}
          </mark>
        );
      })}
    </div>
  );
});

function CandidateRow({
  item,
  selected,
  problems,
  regions,
  onSelect,
  onVerdict,
  onEdit,
  onReset,
}: {
  item: Item;
  selected: boolean;
  problems: string[] | undefined;
  regions: string[];
  onSelect: () => void;
  onVerdict: (v: Verdict) => void;
  onEdit: (patch: Partial<Fields>) => void;
  onReset: () => void;
}) {
  const c = item.candidate;
  const f = item.fields;
  const level = levelOf(c.confidence);
  const edited = isEdited(item);
  return (
    <li
      data-key={item.key}
      className={`cand-item verdict-${item.verdict}${selected ? ' selected' : ''}${problems ? ' has-problem' : ''}`}
      aria-label={c.text}
    >
      <div className="cand-head">
        <span
          className={`cand-level cand level-${level}`}
          title={s.confidence(s.levels[level], c.confidence)}
          aria-label={s.confidence(s.levels[level], c.confidence)}
        >
          {s.levels[level]}
        </span>
        <button type="button" className="link cand-words" onClick={onSelect} aria-expanded={selected}>
          {c.text}
        </button>
        <span className="spacer" />
        <span className="cand-toggle" role="group" aria-label={s.verdict[item.verdict]}>
          <button
            type="button"
            className="accept"
            aria-pressed={item.verdict === 'accept'}
            onClick={() => onVerdict(item.verdict === 'accept' ? 'pending' : 'accept')}
          >
            {s.accept}
          </button>
          <button
            type="button"
            className="reject"
            aria-pressed={item.verdict === 'reject'}
            onClick={() => onVerdict(item.verdict === 'reject' ? 'pending' : 'reject')}
          >
            {s.reject}
          </button>
        </span>
      </div>
      <div className="cand-summary small" onClick={onSelect}>
        <span className={f.isNew ? 'tag-new' : 'tag-cat'}>{f.isNew ? s.newBadge : s.catalogue}</span>{' '}
        {f.indicator}
        {' · '}
        {f.region || '—'} · {f.period || '—'} ·{' '}
        <strong>
          {f.value}
          {f.unit}
        </strong>
        {edited && <span className="tag-edited"> {s.edited}</span>}
      </div>
      {problems && (
        <ul className="error small cand-problems">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      {selected && (
        <CandidateEditor item={item} regions={regions} edited={edited} onChange={onEdit} onReset={onReset} />
      )}
    </li>
  );
}
