import { Text, View } from '@tarojs/components';
import { AuditActionSchema, type AuditEntry } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Chip } from '@/components/Chip';
import { Notice, TextField } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { listAccounts, searchAudit, type AuditFilters } from '@/features/staff/api/console-api';
import { DateField } from '@/components/DateField';
import { beijingDateTime, beijingRange, optional, type FieldErrors } from '@/features/staff/console-forms';
import { auditDetailText, auditTargetText } from '@/features/staff/audit-text';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

type Load = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; items: AuditEntry[]; next: string | null; more: boolean };
type Action = AuditEntry['action'];

function Entry({ e }: { e: AuditEntry }) {
  return (
    <View className="zy-staff-card zy-audit-entry">
      <View className="zy-queue-item__head">
        <Text className="zy-text zy-audit-entry__who">{`${e.actorName ?? e.actorId} · ${t(`role.${e.actorRole}`)}`}</Text>
        <Tag label={t(`staff.audit.actions.${e.action}`)} tone={e.action === 'reveal' ? 'warn' : 'info'} />
      </View>
      <Text className="zy-muted">{beijingDateTime(e.at)}</Text>
      <Text className="zy-text">{t('staff.audit.target', { type: auditTargetText(e.targetType), id: e.targetId ?? '' })}</Text>
      {e.reason ? <Text className="zy-text">{t('staff.audit.reason', { reason: e.reason })}</Text> : null}
      {e.detail ? <Text className="zy-muted">{t('staff.audit.detail', { detail: auditDetailText(e.detail) })}</Text> : null}
    </View>
  );
}

function Audit() {
  const accounts = useAsync(() => listAccounts(), 'accounts');
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [actorId, setActorId] = useState<string | undefined>(undefined);
  const [text, setText] = useState({ targetType: '', targetId: '', from: '', to: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const [load, setLoad] = useState<Load>({ status: 'idle' });

  const fetchPage = (f: AuditFilters, previous: AuditEntry[]) => {
    searchAudit(f).then(
      (r) => setLoad({ status: 'ready', items: [...previous, ...r.items], next: r.nextCursor, more: false }),
      (error: unknown) => setLoad({ status: 'error', error }),
    );
  };
  useEffect(() => {
    setLoad({ status: 'loading' });
    fetchPage(filters, []);
  }, [filters]);

  const edit = (k: keyof typeof text) => (v: string) => {
    setText((s) => ({ ...s, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const search = (over: { action?: Action | undefined; actorId?: string | undefined } = {}) => {
    const range = beijingRange(text.from, text.to);
    setErrors(range.ok ? {} : range.errors);
    if (!range.ok) return;
    const a = 'action' in over ? over.action : action;
    const who = 'actorId' in over ? over.actorId : actorId;
    setFilters({ action: a, actorId: who, targetType: optional(text.targetType), targetId: optional(text.targetId), from: range.from, to: range.to });
  };
  const pickAction = (a: Action | undefined) => {
    setAction(a);
    search({ action: a });
  };
  const pickActor = (id: string | undefined) => {
    setActorId(id);
    search({ actorId: id });
  };

  return (
    <View>
      <View className="zy-staff-card">
        <Text className="zy-filter-label">{t('staff.audit.action')}</Text>
        <View className="zy-inline">
          <Chip label={t('staff.audit.anyone')} selected={!action} onTap={() => pickAction(undefined)} />
          {AuditActionSchema.options.map((a) => (
            <Chip key={a} label={t(`staff.audit.actions.${a}`)} selected={action === a} onTap={() => pickAction(action === a ? undefined : a)} />
          ))}
        </View>
        <Text className="zy-filter-label">{t('staff.audit.actor')}</Text>
        <View className="zy-inline">
          <Chip label={t('staff.audit.anyone')} selected={!actorId} onTap={() => pickActor(undefined)} />
          {accounts.state.status === 'ready'
            ? accounts.state.data.items.map((a) => <Chip key={a.id} label={a.displayName} selected={actorId === a.id} onTap={() => pickActor(actorId === a.id ? undefined : a.id)} />)
            : null}
        </View>
        <View className="zy-staff-grid">
          <TextField label={t('staff.audit.targetType')} value={text.targetType} maxlength={40} onChange={edit('targetType')} />
          <TextField label={t('staff.audit.targetId')} value={text.targetId} maxlength={40} onChange={edit('targetId')} />
          <DateField label={t('staff.audit.from')} hint={t('staff.audit.dateHint')} value={text.from} error={errors.from} onChange={edit('from')} onClear={() => edit('from')('')} />
          <DateField label={t('staff.audit.to')} hint={t('staff.audit.dateHint')} value={text.to} error={errors.to} onChange={edit('to')} onClear={() => edit('to')('')} />
        </View>
        <ActionButton onTap={() => search()}>{t('staff.audit.search')}</ActionButton>
      </View>
      {load.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {load.status === 'error' ? <StatusView kind="error" title={t('staff.audit.loadFailed')} hint={errorText(load.error)} onRetry={() => fetchPage(filters, [])} /> : null}
      {load.status === 'ready' ? (
        <View>
          {load.items.length === 0 ? <StatusView kind="empty" title={t('staff.audit.empty')} /> : <Text className="zy-muted zy-staff-gap">{t('staff.audit.count', { count: load.items.length })}</Text>}
          <View className="zy-staff-grid">
            {load.items.map((e) => (
              <Entry key={e.id} e={e} />
            ))}
          </View>
          {load.next ? (
            <ActionButton
              kind="secondary"
              disabled={load.more}
              onTap={() => {
                setLoad({ ...load, more: true });
                fetchPage({ ...filters, cursor: load.next ?? undefined }, load.items);
              }}
            >
              {load.more ? t('common.loadingMore') : t('common.loadMore')}
            </ActionButton>
          ) : null}
        </View>
      ) : null}
      {accounts.state.status === 'error' ? <Notice tone="warn">{errorText(accounts.state.error)}</Notice> : null}
    </View>
  );
}

/** Admin: the audit trail searched by action, actor, target and Beijing date range, newest first, page by page. */
export default function StaffAuditPage() {
  return <StaffGate allow={staffCan.admin}>{() => <Audit />}</StaffGate>;
}
