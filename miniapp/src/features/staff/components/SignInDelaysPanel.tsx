import { Text, View } from '@tarojs/components';
import type { SignInDelay } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { clearSignInDelay, listSignInDelays } from '@/features/staff/api/console-api';
import { beijingDateTime } from '@/features/staff/console-forms';

/** Admin: who is made to wait after wrong passwords, and clearing a delay once the person is known (audited by the BFF). */
export function SignInDelaysPanel() {
  const { state, reload, setState } = useAsync(() => listSignInDelays(), 'sign-in-delays');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const clear = (d: SignInDelay) => {
    setBusy(d.id);
    setNotice(null);
    clearSignInDelay(d.id).then(
      () => {
        setBusy(null);
        setNotice({ tone: 'success', text: t('staff.delays.cleared', { label: d.label }) });
        if (state.status === 'ready') setState({ status: 'ready', data: { items: state.data.items.filter((x) => x.id !== d.id) } });
      },
      (e: unknown) => {
        setBusy(null);
        setNotice({ tone: 'error', text: errorText(e) });
      },
    );
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.delays.title')}</Text>
      <Text className="zy-muted">{t('staff.delays.hint')}</Text>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {state.status === 'error' ? <StatusView kind="error" title={t('staff.delays.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? <Text className="zy-muted">{t('staff.delays.empty')}</Text> : null}
      {state.status === 'ready'
        ? state.data.items.map((d) => (
            <View key={d.id} className="zy-staff-gap-top">
              <View className="zy-queue-item__head">
                <Text className="zy-person__name">{d.label}</Text>
                <Tag label={t(`staff.delays.kind.${d.kind}`)} tone={d.blockedUntil ? 'warn' : 'neutral'} />
              </View>
              <Text className="zy-muted">
                {`${t('staff.delays.failures', { count: d.failures })} · ${d.blockedUntil ? t('staff.delays.until', { time: beijingDateTime(d.blockedUntil) }) : t('staff.delays.notRunning')}`}
              </Text>
              <ActionButton kind="secondary" disabled={busy === d.id} onTap={() => clear(d)}>
                {busy === d.id ? t('common.submitting') : t('staff.delays.clear')}
              </ActionButton>
            </View>
          ))
        : null}
    </View>
  );
}
