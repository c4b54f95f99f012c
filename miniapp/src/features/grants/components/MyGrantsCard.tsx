import { Text, View } from '@tarojs/components';
import type { WorkerGrant } from '@zhuanyi/shared';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { grantAmountText, grantBasisText, grantKindText, grantStatusText } from '../format';
import { useMyGrants } from '../hooks/use-my-grants';
import './MyGrantsCard.scss';

function GrantRow({ grant, applying, failure, onApply }: { grant: WorkerGrant; applying: boolean; failure: string | null; onApply: () => void }) {
  const basis = grantBasisText(grant);
  return (
    <View className="grants__row" data-testid="grant-row">
      <View className="grants__head">
        <Text className="grants__kind">{grantKindText(grant)}</Text>
        <Text className="grants__amount">{grantAmountText(grant.amountFen)}</Text>
      </View>
      {basis ? <Text className="zy-muted">{basis}</Text> : null}
      <Text className={`grants__state grants__state--${grant.state}`}>{grantStatusText(grant)}</Text>
      {grant.reason && grant.state === 'rejected' ? <Text className="zy-muted">{t('grants.reason', { reason: grant.reason })}</Text> : null}
      {grant.claimable ? (
        <ActionButton disabled={applying} onTap={onApply}>
          {applying ? t('grants.applying') : t('grants.apply')}
        </ActionButton>
      ) : null}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
    </View>
  );
}

/** 我的 → 我的补贴: each grant the worker is entitled to, its amount and status, and 申请 where a claim is needed. */
export function MyGrantsCard({ reloadKey }: { reloadKey: string }) {
  const grants = useMyGrants(reloadKey);
  const { state } = grants;
  if (state.status === 'loading') return null;
  return (
    <View className="zy-card grants" data-testid="my-grants">
      <Text className="zy-title">{t('grants.title')}</Text>
      {state.status === 'error' ? <Notice tone="warn">{errorText(state.error)}</Notice> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? <Text className="zy-muted">{t('grants.none')}</Text> : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <>
          <Text className="zy-text">{t('grants.total', { total: grantAmountText(state.data.totalFen), paid: grantAmountText(state.data.paidFen) })}</Text>
          {state.data.items.map((g) => (
            <GrantRow
              key={g.id}
              grant={g}
              applying={grants.applying === g.id}
              failure={grants.failure?.id === g.id ? grants.failure.text : null}
              onApply={() => void grants.apply(g.id)}
            />
          ))}
        </>
      ) : null}
      <Text className="zy-muted">{t('grants.help')}</Text>
    </View>
  );
}
