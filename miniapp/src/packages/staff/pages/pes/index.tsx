import { Text, View } from '@tarojs/components';
import type { PesOutboxItem, PesStatus } from '@zhuanyi/shared';
import { ActionButton } from '@/components/ActionButton';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { t, type MessageKey } from '@/i18n';
import { getSubject } from '@/services/auth-token';
import { usePesAdmin } from '@/features/pes/hooks/use-pes-admin';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : t('pes.sync.never'));

function SyncCard({ status }: { status: PesStatus }) {
  if (!status.enabled) return <Text>{t('pes.disabled')}</Text>;
  return (
    <View>
      <Text className="zy-section-title">{t('pes.sync.title')}</Text>
      {status.sync.map((s) => (
        <View key={s.kind} className="zy-pes-row">
          <Text>{t(`pes.sync.kind.${s.kind}` as MessageKey)}</Text>
          <Text>
            {t('pes.sync.lastSuccess')}：{when(s.lastSuccessAt)}
          </Text>
          {s.runningOn ? <Text>{t('pes.sync.running', { owner: s.runningOn })}</Text> : null}
          {s.lastError ? <Text>{t('pes.sync.lastError', { error: s.lastError })}</Text> : null}
          <Text>{t('pes.sync.totals', s.totals)}</Text>
        </View>
      ))}
      <Text className="zy-section-title">{t('pes.outbox.title')}</Text>
      <Text>{t('pes.outbox.pending', { count: status.outbox.pending })}</Text>
      {status.outbox.oldestPendingAt ? <Text>{t('pes.outbox.oldest', { at: when(status.outbox.oldestPendingAt) })}</Text> : null}
      <Text>{t('pes.outbox.delivered', { count: status.outbox.deliveredLastDay })}</Text>
      <Text>{t('pes.dead.count', { count: status.outbox.dead })}</Text>
      <Text>{t('pes.rejects.count', { count: status.rejected })}</Text>
    </View>
  );
}

function DeadLetters({ items, onRetry }: { items: PesOutboxItem[]; onRetry: (id?: string) => void }) {
  if (items.length === 0) return <Text>{t('pes.dead.empty')}</Text>;
  return (
    <View>
      <Text className="zy-section-title">{t('pes.dead.title')}</Text>
      <ActionButton onTap={() => onRetry()}>{t('pes.dead.retryAll')}</ActionButton>
      {items.map((d) => (
        <View key={d.id} className="zy-pes-row">
          <Text>
            {t(`pes.outbox.type.${d.type}` as MessageKey)} · {when(d.occurredAt)}
          </Text>
          <Text>{t('pes.outbox.attempts', { count: d.attempts })}</Text>
          {d.lastError ? <Text>{d.lastError}</Text> : null}
          <ActionButton kind="secondary" onTap={() => onRetry(d.id)}>
            {t('pes.dead.retry')}
          </ActionButton>
        </View>
      ))}
    </View>
  );
}

/** Admin (and region staff, read-only) view of the public employment service connector. */
export default function PesAdminPage() {
  const isAdmin = getSubject()?.role === 'admin';
  const { state, reload, retry, retried } = usePesAdmin(isAdmin);
  if (state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (state.status === 'error') return <StatusView kind="error" title={t('error.NETWORK')} onRetry={() => reload()} />;
  const { status, dead } = state.data;
  return (
    <Screen>
      <SyncCard status={status} />
      {retried !== null ? <Text>{t('pes.dead.retried', { count: retried })}</Text> : null}
      {dead ? <DeadLetters items={dead} onRetry={(id) => void retry(id)} /> : null}
    </Screen>
  );
}
