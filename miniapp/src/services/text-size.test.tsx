import { act, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Screen } from '@/components/Screen';
import { getTextLevel, levelForScale, resetTextLevelCache, setLargeText } from './text-size';

type WithBaseInfo = { getAppBaseInfo?: () => { fontSizeScaleFactor?: number } };
const withScale = (scale: number | undefined) => {
  (Taro as unknown as WithBaseInfo).getAppBaseInfo = () => (scale === undefined ? {} : { fontSizeScaleFactor: scale });
  resetTextLevelCache();
};

afterEach(() => {
  delete (Taro as unknown as WithBaseInfo).getAppBaseInfo;
  resetTextLevelCache();
});

describe('text size: WeChat font scale and the large-text switch', () => {
  it('when WeChat reports a font scale, then it maps to a text level', () => {
    expect([undefined, 1, 1.09, 1.1, 1.29, 1.3, 2].map((s) => levelForScale(s))).toEqual(['normal', 'normal', 'normal', 'large', 'large', 'xlarge', 'xlarge']);
  });

  it('when the system font is scaled (care mode), then every page root renders large without the switch, and the larger of the two wins', () => {
    withScale(1.4);
    expect(getTextLevel()).toBe('xlarge');
    const { container, unmount } = render(<Screen>正文</Screen>);
    expect(container.firstElementChild?.className).toBe('zy-screen zy-screen--large zy-screen--xlarge');
    unmount();

    withScale(1.15);
    expect(getTextLevel()).toBe('large');
    withScale(1);
    expect(getTextLevel()).toBe('normal');
    const page = render(<Screen>正文</Screen>);
    expect(page.container.firstElementChild?.className).toBe('zy-screen');
    act(() => setLargeText(true));
    expect(page.container.firstElementChild?.className).toBe('zy-screen zy-screen--large zy-screen--large');
    expect(Taro.getStorageSync('settings.largeText')).toBe(true);
  });

  it('when large text is on, then <html> is marked so the H5 tab-bar labels (outside every page) grow too', () => {
    withScale(1);
    const page = render(<Screen>正文</Screen>);
    expect(document.documentElement.classList.contains('zy-text-large')).toBe(false);
    act(() => setLargeText(true));
    expect(document.documentElement.classList.contains('zy-text-large')).toBe(true);
    act(() => setLargeText(false));
    expect(document.documentElement.classList.contains('zy-text-large')).toBe(false);
    page.unmount();
  });
});
