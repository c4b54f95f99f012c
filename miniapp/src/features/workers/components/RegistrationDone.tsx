import { Text, View } from '@tarojs/components';
import type { WorkerRegistrationResult } from '@zhuanyi/shared';
import type { ReactNode } from 'react';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { t } from '@/i18n';
import { householdAddressText } from '../format';

interface Props {
  result: WorkerRegistrationResult;
  /** What comes next for whoever sent the form. */
  hint: string;
  /** The page's buttons. */
  children: ReactNode;
}

/** The page after a registration is saved: its outcome and the person as the server keeps them. */
export function RegistrationDone({ result, hint, children }: Props) {
  const { outcome, worker } = result;
  return (
    <Screen>
      <View className="zy-page">
        <Notice tone="success">{t(`registrationOutcome.${outcome}`)}</Notice>
        <View className="zy-card">
          <Text className="zy-title">{worker.name}</Text>
          <Text className="zy-text">{worker.idNumberMasked}</Text>
          <Text className="zy-text registration-done__address">{householdAddressText(worker.household)}</Text>
        </View>
        <Text className="zy-text">{hint}</Text>
        <View className="zy-actions">{children}</View>
      </View>
    </Screen>
  );
}
