import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BrokerApplicationInputSchema, chinaDateOf, fieldMessages, messageKeyErrorMap, type BrokerProfile, type Region } from '@zhuanyi/shared';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field, Notice, TextField } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { useSession } from '@/features/auth/hooks/use-session';
import { applyAsBroker, getMyBrokerApplication } from '@/features/brokers/api/application-api';
import { RegionPicker } from '@/features/regions/components/RegionPicker';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { ApiError } from '@/services/errors';
import { createIdempotencyKey } from '@/services/http';
import { go, routes } from '@/services/navigation';

type Errors = Partial<Record<'name' | 'idNumber' | 'phone' | 'villageCode' | 'serviceAreaCode' | 'experience' | 'username' | 'password' | 'form', string>>;

const BROKER_HOME = '/packages/broker/pages/home/index';

/** The application as staff see it: status, and each decision with its reason. */
function ApplicationStatus({ profile }: { profile: BrokerProfile }) {
  const tone = profile.status === 'certified' ? 'success' : profile.status === 'applied' ? 'info' : 'warn';
  // Refused, suspended or revoked: the latest decision's reason, up front.
  const refusal = tone === 'warn' ? [...profile.history].reverse().find((h) => h.status === profile.status) : undefined;
  return (
    <View className="zy-page">
      <View className="zy-card">
        <Text className="zy-title">{t('broker.apply.status', { status: t(`brokerStatus.${profile.status}`) })}</Text>
        <Text className="zy-text">{profile.name} {profile.idNumberMasked}</Text>
        <Text className="zy-muted">{profile.serviceAreaName}</Text>
      </View>
      {profile.status === 'applied' ? <Notice tone={tone}>{t('broker.apply.applied')}</Notice> : null}
      {refusal ? <Notice tone={tone}>{t('broker.apply.reason', { reason: refusal.reason })}</Notice> : null}
      {profile.status === 'certified' ? (
        <>
          <Notice tone={tone}>{t('broker.apply.certified', { username: profile.username })}</Notice>
          <ActionButton onTap={() => void Taro.navigateTo({ url: BROKER_HOME })}>{t('broker.apply.openConsole')}</ActionButton>
        </>
      ) : null}
      <View className="zy-card">
        <Text className="zy-title">{t('broker.apply.history')}</Text>
        {profile.history.map((h, i) => (
          <View key={i} className="zy-text">
            <Text>{chinaDateOf(new Date(h.at))} {t(`brokerStatus.${h.status}`)}</Text>
            {h.status !== 'applied' && h.reason ? (
              <View>
                <Text className="zy-muted">{t('broker.apply.reason', { reason: h.reason })}</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}

function ApplicationForm({ onDone }: { onDone: (p: BrokerProfile) => void }) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [village, setVillage] = useState<Region[]>([]);
  const [area, setArea] = useState<Region[]>([]);
  const [experience, setExperience] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retry after a dropped reply never files twice.
  const key = useRef(createIdempotencyKey());

  const clear = (field: keyof Errors) => setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  const submit = () => {
    const body = {
      name: name.trim(),
      idNumber: idNumber.trim(),
      phone: phone.trim(),
      villageCode: village[village.length - 1]?.code ?? '',
      serviceAreaCode: area[area.length - 1]?.code ?? '',
      experience,
      username,
      password,
    };
    const parsed = BrokerApplicationInputSchema.safeParse(body, { error: messageKeyErrorMap });
    const found: Errors = parsed.success ? {} : (fieldMessages(parsed.error.issues) as Errors);
    if (!body.villageCode) found.villageCode = t('broker.apply.chooseVillage');
    if (!body.serviceAreaCode) found.serviceAreaCode = t('broker.apply.chooseArea');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    applyAsBroker(body, key.current).then(onDone, (e: unknown) => {
      setBusy(false);
      // A refused body is corrected before the next try: that is a new request, with a new key.
      if (e instanceof ApiError) key.current = createIdempotencyKey();
      const fields = e instanceof ApiError ? (e.fields as Errors) : {};
      setErrors(Object.keys(fields).length > 0 ? fields : { form: errorText(e) });
    });
  };

  return (
    <View className="zy-page">
      <Text className="zy-text">{t('broker.apply.intro')}</Text>
      <TextField label={t('broker.apply.name')} value={name} maxlength={30} error={errors.name} onChange={(v) => { setName(v); clear('name'); }} />
      <TextField label={t('broker.apply.idNumber')} type="idcard" value={idNumber} maxlength={18} error={errors.idNumber} onChange={(v) => { setIdNumber(v); clear('idNumber'); }} />
      <TextField label={t('broker.apply.phone')} type="number" value={phone} maxlength={11} error={errors.phone} onChange={(v) => { setPhone(v); clear('phone'); }} />
      <Field label={t('broker.apply.village')} error={errors.villageCode}>
        <View data-testid="village-picker">
          <RegionPicker value={village} onChange={(p) => { setVillage(p); clear('villageCode'); }} />
        </View>
      </Field>
      <Field label={t('broker.apply.serviceArea')} error={errors.serviceAreaCode}>
        <View data-testid="area-picker">
          <RegionPicker value={area} deepestLevel="township" shallowestLevel="county" onChange={(p) => { setArea(p); clear('serviceAreaCode'); }} />
        </View>
      </Field>
      <Field label={t('broker.apply.experience')} error={errors.experience}>
        <Textarea className="zy-input" value={experience} maxlength={500} autoHeight placeholder={t('broker.apply.experiencePlaceholder')} ariaLabel={t('broker.apply.experience')} onInput={(e) => { setExperience(e.detail.value); clear('experience'); }} />
      </Field>
      <TextField label={t('broker.apply.username')} hint={t('broker.apply.usernameHint')} value={username} maxlength={32} error={errors.username} onChange={(v) => { setUsername(v); clear('username'); }} />
      <Field label={t('broker.apply.password')} hint={t('broker.apply.passwordHint')} error={errors.password}>
        <Input className="zy-input" password value={password} maxlength={64} ariaLabel={t('broker.apply.password')} onInput={(e) => { setPassword(e.detail.value); clear('password'); }} />
      </Field>
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy}>{busy ? t('broker.apply.submitting') : t('broker.apply.submit')}</ActionButton>
    </View>
  );
}

/** 申请当劳务经纪人: the form before applying, then the application's status and reasons. */
export default function BrokerApplyPage() {
  const session = useSession();
  const mine = useAsync(() => (session ? getMyBrokerApplication() : Promise.resolve(null)), session ? 'in' : 'out', true);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('broker.apply.title') });
  }, []);

  if (!session) {
    return (
      <Screen>
        <View className="zy-page">
          <Notice tone="info">{t('broker.apply.signInFirst')}</Notice>
          <ActionButton onTap={() => go(routes.login)}>{t('common.goSignIn')}</ActionButton>
        </View>
      </Screen>
    );
  }
  if (mine.state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (mine.state.status === 'error') {
    return <Screen><StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(mine.state.error)} onRetry={() => mine.reload()} /></Screen>;
  }
  const profile = mine.state.data;
  return (
    <Screen>
      {profile ? <ApplicationStatus profile={profile} /> : <ApplicationForm onDone={(p) => mine.setState({ status: 'ready', data: p })} />}
    </Screen>
  );
}
