import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isOlderWorker } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { SignInFirst } from '@/features/auth/components/SignInFirst';
import { useSession } from '@/features/auth/hooks/use-session';
import { MissingItems } from '@/features/complaints/components/CaseView';
import { ComplaintForm } from '@/features/complaints/components/ComplaintForm';
import { useComplaintForm } from '@/features/complaints/hooks/use-complaint-form';
import { useEvidence } from '@/features/complaints/hooks/use-evidence';
import { complaintWarningText } from '@/features/complaints/format';
import { getMyRegistration } from '@/features/workers/api/workers-api';
import { t } from '@/i18n';
import { routes } from '@/services/navigation';

/** The guided wage-arrears complaint; after filing, the case number and everything still missing in one list. */
export default function ComplaintNewPage() {
  const session = useSession();
  const form = useComplaintForm();
  const evidence = useEvidence(form.evidenceKeeper);
  const [age, setAge] = useState<number | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('complaint.title') });
  }, []);
  useEffect(() => {
    if (!session?.workerId) return;
    getMyRegistration().then(
      (worker) => setAge(worker.age),
      () => setAge(null),
    );
  }, [session?.workerId]);
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  }, [form.step, form.submit.kind]);

  if (!session) return <SignInFirst />;

  if (form.submit.kind === 'done') {
    const { complaint, failedUploads } = form.submit;
    return (
      <Screen>
        <View className="zy-page">
          <Notice tone="success">{t('complaint.filed')}</Notice>
          <View className="zy-card">
            <Text className="zy-muted">{t('complaint.caseNumber')}</Text>
            <Text className="zy-title">{complaint.caseNumber}</Text>
            <Text className="zy-muted">{t('complaint.evidenceCount', { count: complaint.evidence.length })}</Text>
          </View>
          {failedUploads > 0 ? <Notice tone="error">{t('complaint.uploadFailed', { count: failedUploads })}</Notice> : null}
          {complaint.warnings.map((w) => (
            <Notice key={w.code} tone="warn">
              {complaintWarningText(w.code)}
            </Notice>
          ))}
          <MissingItems complaint={complaint} />
          <ActionButton onTap={() => void Taro.redirectTo({ url: routes.complaintCase(complaint.id) })}>{t('complaint.viewCase')}</ActionButton>
        </View>
      </Screen>
    );
  }

  return (
    <Screen>
      <View className="zy-page">
        {form.step === 0 && isOlderWorker(age) ? <Notice tone="warn">{t('complaint.olderWarning')}</Notice> : null}
        {form.restored && form.step === 0 ? <Notice tone="info">{t('register.draftRestored')}</Notice> : null}
        <ComplaintForm {...form} send={() => void form.send()} evidence={evidence} />
      </View>
    </Screen>
  );
}
