import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BrokerImport } from '@zhuanyi/shared';
import { Chip } from '@/components/Chip';
import { Notice } from '@/components/Form';
import { Tag } from '@/components/Tag';
import { t } from '@/i18n';

/** An import's progress and its answer per row (rejected rows first, with the reasons). */
export function ImportResult({ result }: { result: BrokerImport }) {
  const [onlyRejected, setOnlyRejected] = useState(true);
  if (result.status === 'failed') return <Notice tone="error">{t('broker.import.failed', { reason: result.failure ?? '' })}</Notice>;
  if (result.status !== 'done') {
    return (
      <Notice tone="info">
        {result.totalRows > 0 ? t('broker.import.processing', { done: result.processedRows, total: result.totalRows }) : t('broker.import.queued')}
      </Notice>
    );
  }
  const rows = onlyRejected ? result.rows.filter((r) => r.outcome === 'rejected') : result.rows;
  return (
    <View>
      {result.repeated ? <Notice tone="info">{t('broker.import.repeated')}</Notice> : null}
      <Notice tone={result.counts.rejected > 0 ? 'warn' : 'success'}>{t('broker.import.done', result.counts)}</Notice>
      <View className="zy-broker-nav">
        <Chip label={t('broker.import.onlyRejected')} selected={onlyRejected} onTap={() => setOnlyRejected(true)} />
        <Chip label={t('broker.import.showAll', { count: result.rows.length })} selected={!onlyRejected} onTap={() => setOnlyRejected(false)} />
      </View>
      <View className="zy-broker-card" data-testid="import-rows">
        {rows.slice(0, 200).map((r) => (
          <View key={r.row} className={`zy-broker-row zy-import-row--${r.outcome}`}>
            <View>
              <Text>{t('broker.import.row', { row: r.row })} {r.name ?? ''}</Text>
              {r.reasons.map((reason) => (
                <Text key={reason} className="zy-import-reason">
                  {reason}
                </Text>
              ))}
            </View>
            <Tag label={t(`importOutcome.${r.outcome}`)} tone={r.outcome === 'rejected' ? 'warn' : 'success'} />
          </View>
        ))}
      </View>
    </View>
  );
}
