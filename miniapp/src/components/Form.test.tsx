import { act, render } from '@testing-library/react';
import { toasts } from '../../test/mocks/taro';
import { Field, TextField } from './Form';

function Page({ errors }: { errors: { name?: string; consent?: string } }) {
  return (
    <>
      <TextField label="姓名" value="" error={errors.name} onChange={() => undefined} />
      <Field label="本人同意" error={errors.consent}>
        <></>
      </Field>
    </>
  );
}

describe('form errors are scrolled to and announced', () => {
  const scrolled: Element[] = [];
  beforeAll(() => {
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this);
    };
  });
  beforeEach(() => {
    jest.useFakeTimers();
    scrolled.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('when 提交 shows errors (e.g. the missing consent far down the page), then the first error is scrolled into view and its text announced once', () => {
    const page = render(<Page errors={{}} />);
    page.rerender(<Page errors={{ consent: '请确认本人已同意' }} />);
    act(() => jest.runAllTimers());
    expect(scrolled.map((e) => e.textContent)).toEqual(['本人同意请确认本人已同意']);
    expect(toasts).toEqual(['请确认本人已同意']);

    // Two errors appear together: the first on the page wins, one announcement.
    page.rerender(<Page errors={{}} />);
    page.rerender(<Page errors={{ name: '请填写姓名', consent: '请确认本人已同意' }} />);
    act(() => jest.runAllTimers());
    expect(scrolled.map((e) => e.textContent)).toEqual(['本人同意请确认本人已同意', '姓名请填写姓名']);
    expect(toasts).toEqual(['请确认本人已同意', '请填写姓名']);
  });

  it('when an error stays on the page while the person types elsewhere, then nothing scrolls again', () => {
    const page = render(<Page errors={{ name: '请填写姓名' }} />);
    act(() => jest.runAllTimers());
    const before = scrolled.length;
    page.rerender(<Page errors={{ name: '请填写姓名' }} />);
    act(() => jest.runAllTimers());
    expect(scrolled.length).toBe(before);
  });
});
