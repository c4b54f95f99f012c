import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { t } from '@/i18n';
import { useReveal } from '../hooks/use-reveal';
import { RevealReasonForm } from './RevealReasonForm';
import './staff.scss';

/** Dials a number: WeChat's phone call, a tel: link in the browser. */
function call(phone: string): void {
  if (process.env.TARO_ENV === 'weapp') void Taro.makePhoneCall({ phoneNumber: phone });
  else window.location.href = `tel:${phone}`;
}

/**
 * A person's phone for staff: masked; the full number after a stated reason (the server audits
 * each reveal), then a call button. `reveal` is the endpoint of the record at hand (complainant,
 * applicant …), so any staff page can use it.
 */
export function PhoneReveal({ masked, reveal }: { masked: string | null; reveal: (reason: string) => Promise<string> }) {
  const r = useReveal(reveal, t('staff.case.revealReasonRequired'));
  if (!masked) return <Text className="zy-muted">{t('staff.case.unknown')}</Text>;
  return (
    <View className="zy-phone-reveal">
      <Text className="zy-phone-reveal__number">{r.full ?? masked}</Text>
      {r.full ? (
        <ActionButton onTap={() => call(r.full ?? '')}>{t('staff.case.call')}</ActionButton>
      ) : r.asking ? (
        <RevealReasonForm reveal={r} label={t('staff.case.revealReason')} submitLabel={t('staff.case.revealSubmit')} />
      ) : (
        <ActionButton kind="secondary" onTap={r.ask}>
          {t('staff.case.revealPhone')}
        </ActionButton>
      )}
    </View>
  );
}
