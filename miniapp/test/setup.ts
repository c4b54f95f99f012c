import { cleanup } from '@testing-library/react';
import { resetTaroMock } from './mocks/taro';

afterEach(() => {
  cleanup();
  resetTaroMock();
});
