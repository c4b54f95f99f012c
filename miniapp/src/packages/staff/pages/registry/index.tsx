import { Text, View } from '@tarojs/components';
import { EmploymentStatusSchema, WatchColors, type RegistryPerson } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Chip } from '@/components/Chip';
import { StatusView } from '@/components/StatusView';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { searchRegistry, type RegistryFilters } from '@/features/staff/api/staff-api';
import { PersonCard } from '@/features/staff/components/PersonCard';
import { OwnershipConflictsPanel } from '@/features/staff/components/OwnershipConflictsPanel';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { staffRoutes } from '@/features/staff/routes';

type Load = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; items: RegistryPerson[]; next: string | null; more: boolean };

function Registry() {
  const [filters, setFilters] = useState<RegistryFilters>({});
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const fetchPage = (f: RegistryFilters, previous: RegistryPerson[]) => {
    searchRegistry(f).then(
      (r) => setLoad({ status: 'ready', items: [...previous, ...r.items], next: r.nextCursor, more: false }),
      (error: unknown) => setLoad({ status: 'error', error }),
    );
  };
  useEffect(() => {
    setLoad({ status: 'loading' });
    fetchPage(filters, []);
  }, [filters.status, filters.color]);

  const toggle = (key: 'status' | 'color', value: string) => setFilters((f) => ({ ...f, [key]: f[key] === value ? undefined : value }));
  return (
    <View>
      <OwnershipConflictsPanel />
      <View className="zy-staff-card">
        <Text className="zy-filter-label">{t('staff.registry.status')}</Text>
        <View className="zy-inline">
          <Chip label={t('staff.registry.any')} selected={!filters.status} onTap={() => setFilters((f) => ({ ...f, status: undefined }))} />
          {EmploymentStatusSchema.options.map((s) => (
            <Chip key={s} label={t(`employmentStatus.${s}`)} selected={filters.status === s} onTap={() => toggle('status', s)} />
          ))}
        </View>
        <Text className="zy-filter-label">{t('staff.registry.color')}</Text>
        <View className="zy-inline">
          <Chip label={t('staff.registry.any')} selected={!filters.color} onTap={() => setFilters((f) => ({ ...f, color: undefined }))} />
          {WatchColors.map((c) => (
            <Chip key={c} label={t(`watch.color.${c}`)} selected={filters.color === c} onTap={() => toggle('color', c)} />
          ))}
        </View>
      </View>
      {load.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {load.status === 'error' ? <StatusView kind="error" title={t('staff.registry.loadFailed')} hint={errorText(load.error)} onRetry={() => fetchPage(filters, [])} /> : null}
      {load.status === 'ready' ? (
        <View>
          {load.items.length === 0 ? <StatusView kind="empty" title={t('staff.registry.empty')} /> : <Text className="zy-muted zy-staff-gap">{t('staff.registry.count', { count: load.items.length })}</Text>}
          <View className="zy-staff-grid">
            {load.items.map((p) => (
              <PersonCard key={p.id} person={p} detailUrl={staffRoutes.person(p.id)} />
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
    </View>
  );
}

/** Registry search by employment status and watch color; ID numbers and phones masked, reveal with a reason. */
export default function StaffRegistryPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Registry />}</StaffGate>;
}
