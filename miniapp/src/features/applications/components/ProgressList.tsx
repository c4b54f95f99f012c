import { Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Chip } from '@/components/Chip';
import { Notice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag, type TagTone } from '@/components/Tag';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { createIdempotencyKey } from '@/services/http';

/** One row the staff can move: an application or a course sign-up. */
export interface ProgressItem<S extends string> {
  id: string;
  status: S;
}

export interface ProgressListProps<S extends string, I extends ProgressItem<S>> {
  intro: string;
  /** Status filter options (in order). */
  statuses: readonly S[];
  statusLabel: (s: S) => string;
  tone: (s: S) => TagTone;
  load: (q: { status?: S; cursor?: string }) => Promise<{ items: I[]; nextCursor: string | null }>;
  /** The moves staff may make from a status (shared state machine). */
  next: (s: S) => S[];
  moveLabel: (to: S) => string;
  move: (id: string, to: S, key: string) => Promise<I>;
  /** The card's lines. */
  lines: (item: I) => string[];
  /** More for a card under its lines (e.g. the applicant's phone with a call button). */
  extra?: (item: I) => ReactNode;
  empty: string;
  loadFailed: string;
}

type Load<I> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; items: I[]; next: string | null };

/** A filtered list with one button per allowed move; a move's retry reuses its Idempotency-Key. */
export function ProgressList<S extends string, I extends ProgressItem<S>>(p: ProgressListProps<S, I>) {
  const [filter, setFilter] = useState<S | undefined>(undefined);
  const [load, setLoad] = useState<Load<I>>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, { tone: 'error' | 'success'; text: string }>>({});
  const [keys] = useState(() => new Map<string, string>());

  const fetchPage = (status: S | undefined, cursor: string | undefined, previous: I[]) => {
    p.load({ status, cursor }).then(
      (r) => setLoad({ status: 'ready', items: [...previous, ...r.items], next: r.nextCursor }),
      (error: unknown) => setLoad({ status: 'error', error }),
    );
  };
  useEffect(() => {
    setLoad({ status: 'loading' });
    fetchPage(filter, undefined, []);
  }, [filter]);

  const doMove = (item: I, to: S) => {
    const slot = `${item.id}:${to}`;
    const key = keys.get(slot) ?? createIdempotencyKey();
    keys.set(slot, key);
    setBusy(item.id);
    p.move(item.id, to, key).then(
      (moved) => {
        keys.delete(slot);
        setBusy(null);
        setNotes((n) => ({ ...n, [item.id]: { tone: 'success', text: t('progress.saved', { status: p.statusLabel(moved.status) }) } }));
        setLoad((l) => (l.status === 'ready' ? { ...l, items: l.items.map((x) => (x.id === moved.id ? moved : x)) } : l));
      },
      (error: unknown) => {
        setBusy(null);
        setNotes((n) => ({ ...n, [item.id]: { tone: 'error', text: errorText(error) } }));
      },
    );
  };

  return (
    <View>
      <View className="zy-staff-card">
        <Text className="zy-muted">{p.intro}</Text>
        <View className="zy-inline">
          <Chip label={t('progress.any')} selected={filter === undefined} onTap={() => setFilter(undefined)} />
          {p.statuses.map((s) => (
            <Chip key={s} label={p.statusLabel(s)} selected={filter === s} onTap={() => setFilter(filter === s ? undefined : s)} />
          ))}
        </View>
      </View>
      {load.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {load.status === 'error' ? <StatusView kind="error" title={p.loadFailed} hint={errorText(load.error)} onRetry={() => fetchPage(filter, undefined, [])} /> : null}
      {load.status === 'ready' && load.items.length === 0 ? <StatusView kind="empty" title={p.empty} /> : null}
      {load.status === 'ready'
        ? load.items.map((item) => (
            <View key={item.id} className="zy-staff-card">
              <View className="zy-inline">
                <Tag label={p.statusLabel(item.status)} tone={p.tone(item.status)} />
              </View>
              {p.lines(item).map((line) => (
                <Text key={line} className="zy-text">
                  {line}
                </Text>
              ))}
              {p.extra ? p.extra(item) : null}
              {notes[item.id] ? <Notice tone={notes[item.id]?.tone ?? 'error'}>{notes[item.id]?.text}</Notice> : null}
              {p.next(item.status).map((to) => (
                <ActionButton key={to} kind={to === 'rejected' || to === 'failed' ? 'secondary' : 'primary'} disabled={busy === item.id} onTap={() => doMove(item, to)}>
                  {busy === item.id ? t('progress.saving') : p.moveLabel(to)}
                </ActionButton>
              ))}
            </View>
          ))
        : null}
      {load.status === 'ready' && load.next ? (
        <ActionButton kind="secondary" onTap={() => fetchPage(filter, load.next ?? undefined, load.items)}>
          {t('common.loadMore')}
        </ActionButton>
      ) : null}
    </View>
  );
}
