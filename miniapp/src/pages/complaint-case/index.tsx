import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { EVIDENCE_MAX_FILES } from '@zhuanyi/shared';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { getComplaint, uploadEvidence } from '@/features/complaints/api/complaints-api';
import { CaseView } from '@/features/complaints/components/CaseView';
import { EvidencePicker } from '@/features/complaints/components/ComplaintForm';
import { useEvidence } from '@/features/complaints/hooks/use-evidence';
import { useSupplement } from '@/features/complaints/hooks/use-supplement';
import { SupplementForm } from '@/features/complaints/components/SupplementForm';
import { isSupplementItem } from '@/features/complaints/supplement-form';
import type { Complaint } from '@zhuanyi/shared';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';

/** One case: number, timeline with the statutory clocks, missing items, more evidence. */
export default function ComplaintCasePage() {
  const id = useRouter().params.id ?? '';
  const { state, reload, setState } = useAsync(() => getComplaint(id), id, true);
  const evidence = useEvidence();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSaved = useCallback((updated: Complaint) => setState({ status: 'ready', data: updated }), [setState]);
  const supplement = useSupplement(id, onSaved);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('complaint.caseTitle') });
  }, []);

  const upload = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const file of evidence.files) {
        const updated = await uploadEvidence(id, file, file.key);
        setState({ status: 'ready', data: updated });
        evidence.remove(file.path);
      }
      setAdding(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (state.status === 'error') {
    return <Screen><StatusView kind="error" title={t('complaint.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /></Screen>;
  }
  const complaint = state.data;
  return (
    <Screen>
      <View className="zy-page">
        <CaseView
          complaint={complaint}
          onAddMissing={(code) => {
            if (isSupplementItem(code)) supplement.open(code);
            else setAdding(true);
          }}
        />
        {supplement.saved ? <Notice tone="success">{t('complaint.supplement.saved', { item: t(`complaint.missing.${supplement.saved}`) })}</Notice> : null}
        <SupplementForm s={supplement} />
        {error ? <Notice tone="error">{error}</Notice> : null}
        {adding ? (
          <View className="zy-card">
            <EvidencePicker {...evidence} />
            {evidence.files.length > 0 ? (
              <View className="zy-actions">
                <ActionButton onTap={() => void upload()} disabled={busy}>
                  {busy ? t('common.submitting') : t('common.submit')}
                </ActionButton>
              </View>
            ) : null}
          </View>
        ) : complaint.evidence.length < EVIDENCE_MAX_FILES ? (
          <ActionButton kind="secondary" onTap={() => setAdding(true)}>
            {t('complaint.addMoreEvidence')}
          </ActionButton>
        ) : null}
      </View>
    </Screen>
  );
}
