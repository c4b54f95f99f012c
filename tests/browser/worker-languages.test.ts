import type { Browser, Page } from 'playwright-core';
import { idNumberCheckChar, localeNames, type LocaleCode } from '@zhuanyi/shared';
import { allLocales as locales } from '../../miniapp/src/i18n/locales/all';
import { watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { smsCode } from '../support/bff-api';
import type { RunningBff } from '../support/bff-process';
import { exact, input, settledScreenshot, shown, tap, tapText, turnOnLargeText } from '../support/taro-page';

/** The visible text of the page, without the direction isolates Uyghur puts around values. */
async function visibleText(page: Page, selector: string): Promise<string> {
  const texts = await page.locator(selector).filter({ visible: true }).allInnerTexts();
  return texts.join('\n').replace(/[\u2066-\u2069]/g, '');
}

type Lang = Exclude<LocaleCode, 'zh-CN'>;
const fontOf: Record<Lang, string> = { 'mn-Mong': 'Noto Sans Mongolian', ug: 'Noto Naskh Arabic', bo: 'Noto Serif Tibetan' };

/** 360×640 phone whose system language is `systemLocale` (the app's default follows it). */
function phone(browser: Browser, systemLocale: string) {
  return browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: systemLocale,
    timezoneId: 'Asia/Shanghai',
  });
}

/**
 * Tofu check: the text drawn in the language's web font must differ, pixel for pixel, from the same
 * text drawn with a font that does not exist (this machine has no system font for these scripts).
 */
async function expectGlyphsNotTofu(page: Page, text: string, family: string): Promise<void> {
  const loaded = await page.evaluate(async ([f, s]) => (await document.fonts.load(`32px '${f}'`, s)).length, [family, text] as const);
  expect(loaded).toBeGreaterThan(0);
  const draw = async (font: string) => {
    await page.evaluate(
      ([s, f]) => {
        const el = document.createElement('div');
        el.id = 'tofu-probe';
        el.textContent = s;
        el.style.cssText = `font-family:${f};font-size:32px;line-height:1.8;position:fixed;top:0;left:0;background:#fff;color:#000;z-index:99999;white-space:nowrap;padding:4px`;
        document.body.appendChild(el);
      },
      [text, font] as const,
    );
    const shot = await page.locator('#tofu-probe').screenshot();
    await page.evaluate(() => document.getElementById('tofu-probe')?.remove());
    return shot;
  };
  const ours = await draw(`'${family}'`);
  const missing = await draw(`'zy-font-that-does-not-exist'`);
  expect(ours.equals(missing)).toBe(false);
}

async function signInBySms(page: Page, bff: RunningBff, lang: Lang, phoneNumber: string): Promise<void> {
  const m = locales[lang].messages;
  await page.goto(`${bff.baseUrl}/#/pages/login/index`);
  await input(page, m.auth!.phonePlaceholder!).fill(phoneNumber);
  const logAt = bff.output().length;
  await requestCode(page, lang);
  await input(page, m.auth!.codePlaceholder!).fill(await smsCode(bff, logAt));
  await tapText(page, m.auth!.signIn!);
}

/** Ask for a code and wait for the "sent to 139****2099" hint (the number may be bidi-isolated): until then sign-in is disabled. */
async function requestCode(page: Page, lang: Lang): Promise<void> {
  const m = locales[lang].messages;
  await tapText(page, m.auth!.sendCode!);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const hint = new RegExp(m.auth!.codeSent!.split('{phone}').map(escape).join('\\S*1\\d{2}\\*{4}\\d{4}\\S*'));
  await shown(page, hint).waitFor({ timeout: 20_000 });
}

/** 内蒙古自治区 › 通辽市 › 科尔沁左翼中旗 as the region picker shows them in `lang` (pilot areas' names are translated). */
const pilotCounty = (lang: Lang): string[] => ['15', '1505', '150521'].map((code) => locales[lang].regions?.[code] ?? code);

const people: Record<Lang, { name: string; ethnic: string; first17: string; phone: string; region: string[] }> = {
  'mn-Mong': { name: '巴特尔', ethnic: '蒙古族', first17: '15052119850615003', phone: '13900002001', region: [...pilotCounty('mn-Mong'), '保康镇', '保南村'] },
  ug: { name: '艾力·买买提', ethnic: '维吾尔族', first17: '15052119800101001', phone: '13900002002', region: [...pilotCounty('ug'), '保康镇', '保南村'] },
  bo: { name: '次仁多吉', ethnic: '藏族', first17: '15052119900303002', phone: '13900002003', region: [...pilotCounty('bo'), '保康镇', '保南村'] },
};

describe('the worker pages in Mongolian, Uyghur and Tibetan at 360×640', () => {
  const suite = useBffAndBrowser();

  it.each<Lang>(['mn-Mong', 'ug', 'bo'])('%s: pick the language, register, search a job and file a complaint, all in that language', async (lang) => {
    const { bff, browser } = suite;
    const m = locales[lang].messages;
    const s = locales[lang].shared;
    const who = people[lang];
    // Uyghur comes from the phone's language; the others are chosen on the first screen.
    const context = await phone(browser, lang === 'ug' ? 'ug-CN' : 'zh-CN');
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    const fonts: string[] = [];
    page.on('response', (r) => (r.url().includes('/fonts/') && r.ok() ? fonts.push(r.url()) : undefined));

    // 1. First screen: the language switch; the page redraws in the chosen language.
    await page.goto(`${bff.baseUrl}/#/pages/jobs/index`);
    if (lang !== 'ug') {
      await shown(page, '全部岗位').waitFor({ timeout: 30_000 });
      await tapText(page, localeNames[lang]);
    }
    await exact(page, m.jobs!.allJobs!).first().waitFor({ timeout: 30_000 });
    await settledScreenshot(page, `lang-${lang}-01-jobs`);
    const dir = await page.evaluate(() => document.documentElement.dir);
    expect(dir).toBe(lang === 'ug' ? 'rtl' : 'ltr');
    const screenDir = await page.locator('.zy-screen').filter({ visible: true }).first().evaluate((el) => getComputedStyle(el).direction);
    expect(screenDir).toBe(lang === 'ug' ? 'rtl' : 'ltr');
    if (lang === 'ug') {
      // Mirrored: the search button sits left of the search box.
      const box = await input(page, m.jobs!.searchPlaceholder!).boundingBox();
      const button = await exact(page, m.common!.search!).first().boundingBox();
      expect(button!.x).toBeLessThan(box!.x);
    }
    await expectGlyphsNotTofu(page, m.jobs!.allJobs!, fontOf[lang]);
    expect(fonts.some((u) => u.endsWith('.woff2'))).toBe(true);

    // 2. Job search by keyword, job details with 读给我听.
    await input(page, m.jobs!.searchPlaceholder!).fill('电焊');
    await tapText(page, m.common!.search!);
    const job = page.locator('.job-card__title', { hasText: '电焊' }).filter({ visible: true }).first();
    await job.waitFor({ timeout: 20_000 });
    await job.tap();
    await shown(page, m.jobs!.noFeesTitle!).waitFor({ timeout: 20_000 });
    await exact(page, m.readAloud!.button!).first().waitFor();
    await settledScreenshot(page, `lang-${lang}-02-job-detail`);
    // The trade tag and the work address in the language: 电焊工 and 内蒙古自治区通辽市 translated.
    const detail = await visibleText(page, '.zy-page');
    expect(detail).toContain(s['trade.welder']!);
    expect(detail).toContain(`${locales[lang].regions!['15']} ${locales[lang].regions!['1505']}`);
    expect(detail).not.toContain('内蒙古自治区');
    if (lang === 'mn-Mong') {
      const prose = page.locator('.job-detail__fees-text').filter({ visible: true }).first();
      expect(await prose.evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
      const boxSize = await prose.boundingBox();
      expect(boxSize!.width).toBeLessThanOrEqual(360);
    }
    if (lang === 'bo') {
      // Tibetan wraps at tsheg inside the 360 px screen: several lines, nothing sticks out.
      const notice = page.locator('.job-detail__fees-text').filter({ visible: true }).first();
      const { lines, overflow } = await notice.evaluate((el) => ({
        lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
        overflow: el.scrollWidth - el.clientWidth,
      }));
      expect(lines).toBeGreaterThan(1);
      expect(overflow).toBeLessThanOrEqual(0);
    }

    // 3. Sign in and 实名登记, every label in the language.
    await signInBySms(page, bff, lang, who.phone);
    // The privacy notice and the sensitive-information consent come first, in the language too.
    await tapText(page, m.consent!.agreeNotice!);
    await tapText(page, m.consent!.agreeSensitive!);
    await tapText(page, m.consent!.agree!);
    await input(page, m.register!.namePlaceholder!).waitFor({ timeout: 20_000 });
    await input(page, m.register!.namePlaceholder!).fill(who.name);
    await input(page, m.register!.idNumberPlaceholder!).fill(`${who.first17}${idNumberCheckChar(who.first17)}`);
    await tapText(page, who.ethnic);
    await input(page, m.auth!.phonePlaceholder!).fill(who.phone);
    await tapText(page, s['education.junior']!);
    await settledScreenshot(page, `lang-${lang}-03-register`);
    await tapText(page, m.common!.next!);
    for (const name of who.region) await tapText(page, name);
    await input(page, m.register!.householdGroupPlaceholder!).fill('三组');
    await settledScreenshot(page, `lang-${lang}-03b-register-home`);
    await tapText(page, m.common!.next!);
    await tapText(page, s['mobility.can_travel_far']!);
    await tapText(page, s['employmentStatus.unemployed']!);
    await tapText(page, m.common!.no!);
    await tapText(page, m.common!.next!);
    await tapText(page, s['trade.welder']!);
    await tapText(page, s['skillLevel.level5']!);
    await tapText(page, m.common!.next!);
    await tapText(page, m.common!.yes!, 0);
    await tapText(page, s['trade.welder']!, 0);
    await tapText(page, s['workLocation.out_of_province']!);
    await tapText(page, m.common!.yes!, 1);
    await tapText(page, m.common!.submit!);
    await shown(page, s['registrationOutcome.created']!).waitFor({ timeout: 30_000 });
    await settledScreenshot(page, `lang-${lang}-04-registered`);
    // The household address: the pilot county's path in the language, township and village (no translation) in Chinese, 三组 as typed.
    const registered = await visibleText(page, '.zy-page');
    expect(registered).toContain(`${pilotCounty(lang).join(' ')} 保康镇保南村 三组`);
    expect(registered).not.toContain('内蒙古自治区');

    // 4. A wage-arrears complaint knowing only the foreman; questions can be read aloud.
    await page.goto(`${bff.baseUrl}/#/pages/complaints/index`);
    await tapText(page, m.complaint!.start!);
    await exact(page, m.readAloud!.button!).first().waitFor({ timeout: 20_000 });
    await tapText(page, m.complaint!.caseTypeConstruction!);
    await tapText(page, m.complaint!.kindForeman!);
    await input(page, m.complaint!.respondentNamePlaceholder!).fill('王老板');
    await settledScreenshot(page, `lang-${lang}-05-complaint-who`);
    for (let step = 2; step <= 5; step += 1) {
      // Nothing is ticked on the demands step (step 4): the worker picks 要回工资 in the language.
      if (step === 5) await tapText(page, m.complaint!.demandsLabel!.pay_wages!);
      await tapText(page, m.common!.next!);
    }
    await tapText(page, m.complaint!.review!.open!);
    await tapText(page, m.complaint!.review!.confirm!);
    await shown(page, m.complaint!.filed!).waitFor({ timeout: 30_000 });
    await tapText(page, m.complaint!.viewCase!);
    await shown(page, m.complaint!.clockAcceptance!).waitFor({ timeout: 20_000 });
    await exact(page, s['complaint.status.submitted']!).first().waitFor();
    await settledScreenshot(page, `lang-${lang}-06-case`);
    // The handling office (the home county's, no worksite given) named in the language, in the notice and the timeline.
    const office = s['complaint.officeKind.labor_dispute']!.replace('{region}', locales[lang].regions!['150521']!);
    const caseText = await visibleText(page, '.case');
    expect(caseText.split(office).length - 1).toBeGreaterThanOrEqual(2);
    expect(caseText).not.toMatch(/科尔沁左翼中旗|劳动保障监察/);

    // 5. 我的: the language is there too, and care mode keeps text >= 18 px and targets >= 60 px.
    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await shown(page, m.me!.largeText!).waitFor({ timeout: 20_000 });
    await exact(page, localeNames[lang]).first().waitFor();
    await turnOnLargeText(page);
    const size = await shown(page, m.me!.myComplaints!).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    const target = await page.locator('.zy-lang-switch__option').filter({ visible: true }).first().boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(60);
    await settledScreenshot(page, `lang-${lang}-07-me-care-mode`);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a server error is shown in the user language from its code and values', async () => {
    const { bff, browser } = suite;
    const context = await phone(browser, 'bo-CN');
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    const m = locales.bo.messages;
    await page.goto(`${bff.baseUrl}/#/pages/login/index`);
    await input(page, m.auth!.phonePlaceholder!).fill('13900002099');
    await requestCode(page, 'bo');
    await input(page, m.auth!.codePlaceholder!).fill('000000');
    await tap(exact(page, m.auth!.signIn!).first());
    // "验证码不对，还可以再试 {left} 次" in Tibetan, with the count the server sent.
    await shown(page, /ར་སྤྲོད་ཨང་གྲངས་ནོར་འདུག ད་དུང་ཐེངས་ \d ཚོད་ལྟ་བྱེད་ཆོག/).waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'lang-bo-08-server-error');
    expect(errors).toEqual([]);
    await context.close();
  });
});
