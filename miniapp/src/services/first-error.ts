import Taro from '@tarojs/taro';

/**
 * When a form shows new field errors (a failed 下一步 or 提交), the first one on the page is
 * scrolled into view and its text announced, so a tap never seems to do nothing. Fields report
 * an error appearing; one pass after the render handles every error that appeared with it.
 */
const FIRST_ERROR_SELECTOR = '.zy-field--error';
let firstReported: string | null = null;

function revealFirstError(): void {
  let text = firstReported ?? '';
  firstReported = null;
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.pageScrollTo({ selector: FIRST_ERROR_SELECTOR, offsetTop: -80, duration: 200 });
  } else {
    const first = document.querySelector(FIRST_ERROR_SELECTOR);
    if (first) {
      text = first.querySelector('.zy-field__error')?.textContent ?? text;
      if (typeof first.scrollIntoView === 'function') first.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  }
  if (text) void Taro.showToast({ title: text, icon: 'none', duration: 2500 });
}

/** Called by a field whose error just appeared. */
export function fieldErrorAppeared(text: string): void {
  if (firstReported !== null) return;
  firstReported = text;
  // After the render that shows the errors, so the first one is on the page.
  setTimeout(revealFirstError, 0);
}
