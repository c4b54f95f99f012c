import { encode } from 'uqr';
import { h5LinkFor, qrDataUri, shareTitle } from './share';

describe('sharing a job or a course', () => {
  it('when a share title is made, then it reads as plain words and is cut to fit a chat card', () => {
    expect(shareTitle(['电焊工（持证优先）', '6,000–9,000元/月', '科尔沁区', null])).toBe('电焊工（持证优先） · 6,000–9,000元/月 · 科尔沁区');
    expect(shareTitle(['长'.repeat(60)])).toHaveLength(40);
  });

  it('when the H5 link is made, then it opens the detail page by hash route, and the QR code holds exactly that link', () => {
    const link = h5LinkFor('/pages/job-detail/index?id=665f1c2e9b1e8a0012345678', 'https://jiuye.example.cn');
    expect(link).toBe('https://jiuye.example.cn/#/pages/job-detail/index?id=665f1c2e9b1e8a0012345678');
    const uri = qrDataUri(link);
    expect(uri.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(uri.slice(uri.indexOf(',') + 1));
    expect(svg).toContain('<svg');
    // The drawn modules are the encoder's for this link (a different link draws a different code).
    expect(encode(link).size).toBeGreaterThan(20);
    expect(qrDataUri(`${link}0`)).not.toBe(uri);
  });
});
