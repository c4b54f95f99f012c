import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { t, type AppMessageKey } from '@/i18n';
import { clearSession } from '@/services/auth-token';
import { useAsync } from '@/hooks/use-async';
import { getFollowUps, getRegionName, type StaffRole } from '@/features/staff/api/staff-api';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan, useStaffSession } from '@/features/staff/hooks/use-staff-session';
import { staffRoutes } from '@/features/staff/routes';
import { BrokerStaffNav } from '@/features/brokers/components/BrokerStaffNav';

interface NavItem {
  key: 'queue' | 'file' | 'registry' | 'watch' | 'report' | 'employers' | 'jobs' | 'courses' | 'pes' | 'audit' | 'accounts' | 'applications' | 'enrollments' | 'jobReports';
  url: string;
  allow: (role: StaffRole) => boolean;
}

const NAV: readonly NavItem[] = [
  { key: 'queue', url: staffRoutes.queue, allow: staffCan.intake },
  { key: 'file', url: staffRoutes.file, allow: staffCan.file },
  { key: 'registry', url: staffRoutes.registry, allow: staffCan.registry },
  { key: 'watch', url: staffRoutes.watch, allow: staffCan.registry },
  { key: 'report', url: staffRoutes.report, allow: staffCan.registry },
  { key: 'applications', url: staffRoutes.applications, allow: staffCan.registry },
  { key: 'enrollments', url: staffRoutes.enrollments, allow: staffCan.registry },
  { key: 'employers', url: staffRoutes.employers, allow: staffCan.registry },
  { key: 'jobs', url: staffRoutes.jobs, allow: staffCan.registry },
  { key: 'jobReports', url: staffRoutes.jobReports, allow: staffCan.registry },
  { key: 'courses', url: staffRoutes.courses, allow: staffCan.registry },
  { key: 'pes', url: staffRoutes.pes, allow: staffCan.pes },
  { key: 'audit', url: staffRoutes.audit, allow: staffCan.admin },
  { key: 'accounts', url: staffRoutes.accounts, allow: staffCan.admin },
];

/** Follow-up tasks from the watch: overdue ones first, with the person and the due date. */
function FollowUps() {
  const { state } = useAsync(() => getFollowUps(false), 'follow-ups');
  if (state.status !== 'ready') return null;
  const { counts, items } = state.data;
  return (
    <View className="zy-staff-card" data-testid="follow-ups">
      <Text className="zy-staff-card__title">{t('followUp.title')}</Text>
      <Text className={counts.overdue > 0 ? 'zy-follow-ups__overdue' : 'zy-muted'}>{t('followUp.overdue', { count: counts.overdue })}</Text>
      <Text className="zy-muted">{t('followUp.open', { count: counts.open })}</Text>
      {items.length === 0 ? <Text className="zy-muted">{t('followUp.none')}</Text> : null}
      {items.slice(0, 5).map((f) => (
        <View key={f.id} className="zy-staff-nav__item" ariaRole="link" onClick={() => void Taro.navigateTo({ url: staffRoutes.person(f.workerId) })}>
          <Text className="zy-staff-nav__item-title">{`${f.workerName} · ${f.regionName}`}</Text>
          <Text className="zy-staff-nav__item-hint">
            {`${t('followUp.change', { from: f.fromColor ? t(`watch.color.${f.fromColor}`) : '—', to: f.toColor ? t(`watch.color.${f.toColor}`) : '—' })} · ${t('followUp.due', { date: f.dueOn })}`}
          </Text>
        </View>
      ))}
    </View>
  );
}

function Home({ role }: { role: StaffRole }) {
  const subject = useStaffSession();
  const scope = subject?.regionScope ?? null;
  const region = useAsync(() => (scope ? getRegionName(scope) : Promise.resolve(null)), scope ?? 'all');
  const regionName = region.state.status === 'ready' ? region.state.data : scope;
  return (
    <View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.home.title')}</Text>
        <Text className="zy-text">{t('staff.home.hello', { name: subject?.displayName ?? '', role: t(`role.${role}`) })}</Text>
        <Text className="zy-muted">{regionName ? t('staff.home.scope', { region: regionName }) : t('staff.home.scopeAll')}</Text>
      </View>
      {staffCan.registry(role) ? <FollowUps /> : null}
      <View className="zy-staff-nav">
        {NAV.filter((n) => n.allow(role)).map((n) => (
          <View key={n.key} className="zy-staff-nav__item" ariaRole="link" onClick={() => void Taro.navigateTo({ url: n.url })}>
            <Text className="zy-staff-nav__item-title">{t(`staff.nav.${n.key}` as AppMessageKey)}</Text>
            <Text className="zy-staff-nav__item-hint">{t(`staff.nav.${n.key}Hint` as AppMessageKey)}</Text>
          </View>
        ))}
      </View>
      <BrokerStaffNav role={role} />
      <ActionButton kind="secondary" onTap={() => clearSession()}>
        {t('staff.home.signOut')}
      </ActionButton>
    </View>
  );
}

/** Staff console home: sign-in, then the pages this role may use. */
export default function StaffHomePage() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('staff.home.title') });
  }, []);
  return <StaffGate allow={() => true}>{(role) => <Home role={role} />}</StaffGate>;
}
