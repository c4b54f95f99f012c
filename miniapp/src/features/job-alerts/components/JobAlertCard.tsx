import { Text, View } from '@tarojs/components';
import { JOB_ALERT_MAX_PLACES, JOB_ALERT_MAX_TRADES, type JobAlert, type JobAlertInput } from '@zhuanyi/shared';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { chinaDate } from '@/features/complaints/format';
import { itemSeparator, regionFullName, t } from '@/i18n';
import { useJobAlert } from '../hooks/use-job-alert';
import { tradeLabel } from '@/common/trades';

function AlertFacts({ alert }: { alert: JobAlert }) {
  return (
    <>
      <View className="zy-row">
        <Text className="zy-row__label">{t('jobAlert.trades')}</Text>
        <Text className="zy-row__value">{alert.trades.map((trade) => tradeLabel(trade)).join(itemSeparator())}</Text>
      </View>
      <View className="zy-row">
        <Text className="zy-row__label">{t('jobAlert.places')}</Text>
        <Text className="zy-row__value">{alert.places.length > 0 ? alert.places.map((p) => regionFullName(p.code, p.name)).join(itemSeparator()) : t('jobAlert.anywhere')}</Text>
      </View>
      <View className="zy-row">
        <Text className="zy-row__label">{t('jobAlert.channel')}</Text>
        <Text className="zy-row__value">{t(`jobAlert.by.${alert.channel}`)}</Text>
      </View>
      {alert.lastNotice ? <Text className="zy-muted">{t('jobAlert.lastNotice', { date: chinaDate(alert.lastNotice.at), text: alert.lastNotice.text })}</Text> : null}
    </>
  );
}

/** An offer added to what is already watched (up to the limits), not replacing it. */
function merged(alert: JobAlert | null, offer: Omit<JobAlertInput, 'wechatAccepted'> | undefined): Omit<JobAlertInput, 'wechatAccepted'> | undefined {
  if (!alert || !offer?.trades) return offer;
  const regionCodes = alert.places.length === 0 || !offer.regionCodes?.length ? [] : [...new Set([...alert.places.map((p) => p.code), ...offer.regionCodes])].slice(0, JOB_ALERT_MAX_PLACES);
  return { trades: [...new Set([...alert.trades, ...offer.trades])].slice(0, JOB_ALERT_MAX_TRADES), regionCodes };
}

/**
 * Job alerts: offered where it makes sense (after saving wished trades, after a search with no
 * result: `offer` says what to watch) and shown in 我的 (`manage`: see and stop).
 */
export function JobAlertCard({ offer, hint, manage = false }: { offer?: Omit<JobAlertInput, 'wechatAccepted'>; hint?: string; manage?: boolean }) {
  const a = useJobAlert();
  if (a.state.status === 'loading') return null;
  if (a.state.status === 'error') return manage ? <Notice tone="warn">{a.state.message}</Notice> : null;
  const alert = a.state.alert;
  // An offer for what is already watched says so instead of asking again.
  const covered = alert !== null && (!offer?.trades || offer.trades.every((tr) => alert.trades.includes(tr)));
  if (!manage && alert && covered) {
    return (
      <View className="zy-card" data-testid="job-alert">
        <Text className="zy-title">{t('jobAlert.title')}</Text>
        <Notice tone="success">{t('jobAlert.subscribed')}</Notice>
        <AlertFacts alert={alert} />
      </View>
    );
  }
  return (
    <View className="zy-card" data-testid="job-alert">
      <Text className="zy-title">{t('jobAlert.title')}</Text>
      {alert && manage ? (
        <>
          <AlertFacts alert={alert} />
          <Text className="zy-muted">{t('jobAlert.oncePerDay')}</Text>
        </>
      ) : (
        <Text className="zy-text">{hint ?? (manage ? t('jobAlert.none') : t('jobAlert.offer'))}</Text>
      )}
      {a.failure ? <Notice tone="error">{t('jobAlert.failed', { reason: a.failure })}</Notice> : null}
      {alert && manage ? (
        <ActionButton kind="secondary" disabled={a.busy} onTap={a.stop}>
          {a.busy ? t('jobAlert.stopping') : t('jobAlert.stop')}
        </ActionButton>
      ) : (
        <ActionButton disabled={a.busy} onTap={() => a.subscribe(merged(alert, offer))}>
          {a.busy ? t('jobAlert.subscribing') : t('jobAlert.subscribe')}
        </ActionButton>
      )}
    </View>
  );
}
