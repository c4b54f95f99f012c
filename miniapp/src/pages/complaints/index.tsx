import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ComplaintSummary } from '@zhuanyi/shared';
import { useEffect } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useSession } from '@/features/auth/hooks/use-session';
import { getMyComplaints } from '@/features/complaints/api/complaints-api';
import { caseOfficeText, chinaDate } from '@/features/complaints/format';
import { formatYuan } from '@/features/jobs/format';
import { useAsync } from '@/hooks/use-async';
import { labelled, t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { go, routes } from '@/services/navigation';
import './index.scss';

function MyComplaints() {
  const { state, reload } = useAsync(async () => (await getMyComplaints()).items, 'complaints', true);
  if (state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (state.status === 'error') return <StatusView kind="error" title={t('complaint.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} />;
  if (state.data.length === 0) return <StatusView kind="empty" title={t('complaint.empty')} />;
  return (
    <View>
      {state.data.map((c: ComplaintSummary) => (
        <View key={c.id} className="zy-card complaints-page__item" ariaRole="link" onClick={() => go(routes.complaintCase(c.id))}>
          <Text className="complaints-page__case">{c.caseNumber}</Text>
          <View>
            <Tag label={t(`complaint.status.${c.status}`)} tone={c.status === 'rejected' ? 'warn' : 'info'} />
            {c.groupCase ? <Tag label={t('complaint.groupCase')} tone="public" /> : null}
          </View>
          <Text className="zy-text">{labelled(t('complaint.respondent'), c.respondentName)}</Text>
          <OfficeLine office={caseOfficeText(c)} />
          {c.amountOwedFen !== null ? <Text className="zy-text">{labelled(t('complaint.amountOwed'), `${formatYuan(c.amountOwedFen)} ${t('common.yuan')}`)}</Text> : null}
          <Text className="zy-muted">{t('complaint.filedOn', { date: chinaDate(c.createdAt) })}</Text>
        </View>
      ))}
    </View>
  );
}

function OfficeLine({ office }: { office: string | null }) {
  return office ? <Text className="zy-muted">{t('complaint.handledBy', { office })}</Text> : null;
}

/** 欠薪投诉: what it is for, start a complaint, my complaints. */
export default function ComplaintsPage() {
  const session = useSession();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('complaint.title') });
  }, []);
  return (
    <Screen>
      <View className="zy-page">
        <View className="zy-card">
          <Text className="zy-text zy-prose">{t('complaint.intro')}</Text>
          <ActionButton onTap={() => go(session ? routes.complaintNew : routes.login)}>{t('complaint.start')}</ActionButton>
        </View>
        {session ? (
          <View>
            <Text className="zy-title">{t('complaint.mine')}</Text>
            <MyComplaints />
          </View>
        ) : null}
      </View>
    </Screen>
  );
}
