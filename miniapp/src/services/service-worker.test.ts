import { firstScreenUrls } from './service-worker';

describe('service worker registration', () => {
  it('when the first screen has loaded, then only its same-origin scripts, styles and fonts (and the page) are kept', () => {
    const origin = 'http://127.0.0.1:4000';
    const urls = firstScreenUrls(
      [
        { name: `${origin}/js/app.1a2b3c4d.js` },
        { name: `${origin}/css/app.1a2b3c4d.css?x=1` },
        { name: `${origin}/fonts/noto-sans-mongolian-name.woff2` },
        { name: `${origin}/api/v1/jobs?limit=20` },
        { name: 'https://cdn.example.com/js/other.js' },
        { name: `${origin}/js/app.1a2b3c4d.js` },
      ],
      origin,
    );
    expect(urls).toEqual([`${origin}/`, `${origin}/js/app.1a2b3c4d.js`, `${origin}/css/app.1a2b3c4d.css`, `${origin}/fonts/noto-sans-mongolian-name.woff2`]);
  });
});
