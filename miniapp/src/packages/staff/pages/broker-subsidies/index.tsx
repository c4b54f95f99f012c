import { Text, View } from '@tarojs/components';
import { chinaDateOf, t as sharedT, type Entitlement, type EntitlementDecision } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { decideEntitlement, downloadApprovedClaims, listEntitlements } from '@/features/brokers/api/staff-brokers-api';
import { ReasonedDecision } from '@/features/brokers/components/ReasonedDecision';
import { yuan } from '@/features/brokers/format';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** First day of this month and today (China dates): the default export period. */
function thisMonth(): { from: string; to: string } {
  const today = chinaDateOf(new Date());
  return { from: `${today.slice(0, 8)}01`, to: today };
}

function ExportPanel() {
  const [period, setPeriod] = useState(thisMonth);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const [note, setNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = () => {
    const found: { from?: string; to?: string } = {};
    if (!DATE.test(period.from)) found.from = sharedT('validation.date');
    if (!DATE.test(period.to)) found.to = sharedT('validation.date');
    else if (!found.from && period.from > period.to) found.to = sharedT('validation.subsidy.period');
    setErrors(found);
    if (found.from || found.to) return;
    setBusy(true);
    setNote(null);
    downloadApprovedClaims(period.from, period.to).then(
      () => {
        setBusy(false);
        setNote({ tone: 'success', text: t('broker.staff.subsidies.exported') });
      },
      (e: unknown) => {
        setBusy(false);
        setNote({ tone: 'error', text: errorText(e) });
      },
    );
  };
  return (
    <View className="zy-staff-card">
      <TextField label={t('broker.staff.subsidies.from')} value={period.from} maxlength={10} error={errors.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
      <TextField label={t('broker.staff.subsidies.to')} value={period.to} maxlength={10} error={errors.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
      {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
      <ActionButton kind="secondary" disabled={busy} onTap={run}>{t('broker.staff.subsidies.export')}</ActionButton>
    </View>
  );
}

function ClaimCard({ claim, onDecided }: { claim: Entitlement; onDecided: (e: Entitlement) => void }) {
  const decided = claim.state !== 'claimed';
  return (
    <View className="zy-staff-card" data-testid="claim-card">
      <Text className="zy-staff-card__title">{t('broker.staff.subsidies.item', { person: claim.workerName, id: claim.idNumberMasked, rule: claim.ruleName })}</Text>
      <View><Text className="zy-text">{t('broker.staff.subsidies.amount', { amount: yuan(claim.amountFen), n: claim.installment, total: claim.installments })}</Text></View>
      <View className="zy-staff-gap"><Text className="zy-muted">{t('broker.staff.subsidies.team', { team: claim.teamName, employer: claim.employerName })}</Text></View>
      {decided ? (
        <Notice tone={claim.state === 'approved' ? 'success' : 'warn'}>
          {t('broker.staff.subsidies.decided', { state: t(`subsidyState.${claim.state}`) })}
          {claim.reason ? ` · ${claim.reason}` : ''}
        </Notice>
      ) : (
        <ReasonedDecision<EntitlementDecision['action']>
          label={t('broker.staff.subsidies.reason')}
          placeholder={t('broker.staff.subsidies.reasonPlaceholder')}
          options={[
            { action: 'approve', label: t('broker.staff.subsidies.approve') },
            { action: 'reject', label: t('broker.staff.subsidies.reject'), kind: 'secondary' },
          ]}
          decide={(action, reason) => decideEntitlement(claim.id, { action, reason }).then(onDecided)}
        />
      )}
    </View>
  );
}

function Claims() {
  const claims = useAsync(() => listEntitlements('claimed'), 'claimed', true);
  const body = (() => {
    if (claims.state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
    if (claims.state.status === 'error') return <StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(claims.state.error)} onRetry={() => claims.reload()} />;
    const data = claims.state.data;
    if (data.items.length === 0) return <StatusView kind="empty" title={t('broker.staff.subsidies.empty')} />;
    // A decided claim stays on screen with its outcome until the page reloads.
    const replace = (e: Entitlement) => claims.setState({ status: 'ready', data: { ...data, items: data.items.map((x) => (x.id === e.id ? e : x)) } });
    return data.items.map((c) => <ClaimCard key={c.id} claim={c} onDecided={replace} />);
  })();
  return (
    <View>
      <ExportPanel />
      {body}
    </View>
  );
}

/** Staff: subsidy claims of my region (approve or reject with a reason) and the xlsx of a period's approved claims. */
export default function StaffBrokerSubsidiesPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Claims />}</StaffGate>;
}
